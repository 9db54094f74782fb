"""Benchmark: the queues and the portal over HTTP, against the bare SQL they come to.

	bench --site BENCH_SITE execute onyx_support.benchmarks.rest_queues.run

Serves the site with gunicorn (2 workers, loopback, a free port; or `url=` of a served site) and
asks, `repeat` times one after the other after a warm-up, as the users of benchmarks/queues.py (the
busiest engineer, central support, the busiest client):

- the engineer's, office's and network's open queues through /api/resource (the list view's call:
  the list fields, soonest resolution deadline first, 20 rows), with the user's API key;
- the client's portal list and home, as the client logged in with a session cookie, as a browser
  is (the run gives the client a password of its own on the benchmark site): over REST
  (onyx_support.api.portal.my_requests, 100 rows of all, 20 open), and as the HTML pages
  (/support/requests?status=all and /support);
- the public /presence page as a guest, Frappe's own /me page as the client (the page floor of a
  logged-in website user: the base template, navbar, footer and boot, nothing of the app's), and
  ERPNext's own open Issue queue (status Open, Replied or
  On Hold, soonest resolution first) through /api/resource for comparison.

Printed per list: median and p90 milliseconds over HTTP; the HTTP floor, the median of the same
user's cheapest authenticated call (frappe.auth.get_logged_user: the request, the API key or
session, the JSON answer; /api/method/ping for the guest) on the same server, taking turns with
the list; the bare SQL's median in-process (the statement of
benchmarks/queues.py); and the ratio of the list over HTTP to floor + bare SQL, that is to what the
bare query would cost if it were served over the same HTTP stack.
"""

import json
import time
from urllib.parse import urlencode, urljoin

import frappe

from onyx_support.benchmarks.queues import LIST_FIELDS, REFUSED_SITES, _queues, _timed, percentiles
from onyx_support.benchmarks.rest_intake import Served

FLOOR = "/api/method/frappe.auth.get_logged_user"
MY_REQUESTS = "/api/method/onyx_support.api.portal.my_requests"
OPEN_ISSUES = ("Open", "Replied", "On Hold")


def _http(session, base: str, path: str, headers: dict, repeat: int, floor: tuple) -> tuple:
	"""((median, p90) of GET path, (median, p90) of the floor call (session, path, headers)): the
	two take turns, so both see the machine alike."""

	def fetch(session, path, headers):
		started = time.perf_counter()
		answer = session.get(urljoin(base, path), headers=headers, timeout=300)
		if answer.status_code != 200:
			raise RuntimeError(f"{path}: HTTP {answer.status_code} {answer.text[:200]}")
		return (time.perf_counter() - started) * 1000

	fetch(session, path, headers)  # warm-up
	fetch(*floor)
	millis, floors = [], []
	for _round in range(repeat):
		millis.append(fetch(session, path, headers))
		floors.append(fetch(*floor))
	return percentiles(millis), percentiles(floors)


def _resource(filters: dict, order_by: str, doctype: str = "Support Request", fields=None) -> str:
	query = {
		"fields": json.dumps(fields or LIST_FIELDS),
		"filters": json.dumps(filters),
		"order_by": order_by,
		"limit_page_length": 20,
	}
	return f"/api/resource/{doctype}?{urlencode(query)}"


def _paths() -> list[tuple]:
	"""(label, user, path over HTTP, bare SQL or None) from benchmarks/queues.py's queues."""
	from onyx_support.permissions.staff import offices_of

	queues = {label: (user, sql) for label, user, _app, sql, _statement in _queues()}
	paths = []
	for label, (user, sql) in queues.items():
		if label == "engineer's queue":
			path = _resource({"assigned_engineer": user, "is_open": 1}, "resolution_due asc")
		elif label == "office queue":
			path = _resource({"office": offices_of(user)[0], "is_open": 1}, "resolution_due asc")
		elif label == "network queue":
			path = _resource({"is_open": 1}, "resolution_due asc")
		elif label == "portal list":
			paths.append(("portal list (REST)", user, f"{MY_REQUESTS}?status=all&limit=100", sql))
			path, label = "/support/requests?status=all", "portal list (HTML)"
		elif label == "portal home":
			paths.append(("portal home (REST)", user, f"{MY_REQUESTS}?status=open&limit=20", sql))
			path, label = "/support", "portal home (HTML)"
		else:
			continue
		paths.append((label, user, path, sql))
	paths.append(("presence (guest)", "Guest", "/presence", None))
	# Frappe's own page for a logged-in website user (/me: its base template, navbar, footer and boot,
	# nothing of the app's): what any portal page costs before its own work
	client = next((user for label, user, _p, _s in paths if label.startswith("portal")), None)
	if client:
		paths.append(("Frappe's /me page", client, "/me", None))
	issue_fields = ["name", "subject", "status", "priority", "agreement_status", "sla_resolution_by"]
	paths.append(
		(
			"ERPNext open Issues",
			"Administrator",
			_resource({"status": ["in", OPEN_ISSUES]}, "sla_resolution_by asc", "Issue", issue_fields),
			"select {0} from `tabIssue` where `status` in ('Open', 'Replied', 'On Hold') "
			"order by `sla_resolution_by` asc limit 20".format(", ".join(f"`{f}`" for f in issue_fields)),
		)
	)
	return paths


def _client_session(base: str, site: str, user: str):
	"""A browser's session: the client logs in with a password the run gives it."""
	import requests
	from frappe.utils.password import update_password

	password = frappe.generate_hash(length=16)
	update_password(user, password)
	frappe.db.commit()  # nosemgrep: the server checks the password on its own connection
	session = requests.Session()
	answer = session.post(
		urljoin(base, "/api/method/login"), data={"usr": user, "pwd": password}, headers={"Host": site}
	)
	if answer.status_code != 200:
		raise RuntimeError(f"login as {user}: HTTP {answer.status_code}")
	return session


def run(repeat: int = 30, url: str | None = None, force: bool = False) -> list[dict]:
	import requests

	from onyx_support.tests.utils import api_keys_for

	frappe.only_for("System Manager")
	if frappe.local.site in REFUSED_SITES and not force:
		frappe.throw(frappe._("Name a benchmark site: this run sets API keys and a password."))
	paths = _paths()
	clients = {user for label, user, _p, _s in paths if label.startswith(("portal", "Frappe's /me"))}
	tokens = {
		user: api_keys_for(user)
		for _label, user, _path, _sql in paths
		if user != "Guest" and user not in clients
	}
	bare = {label: _timed(lambda sql=sql: frappe.db.sql(sql), repeat) for label, _u, _p, sql in paths if sql}
	site = frappe.local.site
	results = []
	with Served(url) as base:
		sessions = {user: _client_session(base, site, user) for user in clients}
		plain = requests.Session()

		for label, user, path, _sql in paths:
			headers = {"Host": site}
			if user in tokens:
				headers["Authorization"] = tokens[user]
			session = sessions.get(user, plain)
			floor = (session, "/api/method/ping" if user == "Guest" else FLOOR, headers)
			times, floor_times = _http(
				session, base, path, headers, repeat if "Issue" not in label else max(3, repeat // 10), floor
			)
			results.append(
				{"list": label, "http_ms": times, "floor_ms": floor_times, "sql_ms": bare.get(label)}
			)
	print(
		f"Support Request rows: {frappe.db.count('Support Request')}, Issue rows: {frappe.db.count('Issue')}"
	)
	print(f"{'over HTTP':20} {'ms p50/p90':>16} {'floor ms':>9} {'SQL ms':>8} {'ratio':>6}")
	for r in results:
		sql = r["sql_ms"][0] if r["sql_ms"] else None
		ratio = r["http_ms"][0] / (r["floor_ms"][0] + sql) if sql is not None else None
		r["ratio"] = ratio
		print(
			f"{r['list']:20} {r['http_ms'][0]:7.1f}/{r['http_ms'][1]:7.1f} {r['floor_ms'][0]:9.1f} "
			+ (f"{sql:8.2f} {ratio:6.2f}" if sql is not None else f"{'':8} {'':6}")
		)
	return results
