"""Benchmark: the portal's pages, rendered whole, and what of their time is the app's.

	bench --site BENCH_SITE execute onyx_support.benchmarks.portal_pages.run --kwargs "{'repeat': 30}"

Renders /support/requests?status=all and /support as the busiest client (logged in with a session
cookie) and /presence as a guest, through Frappe's WSGI application in this process (Frappe's test
client: the request's whole path, without the network). Each page is asked `repeat` times in two
ways that take turns: with the app's compiled templates (services/compiled_templates.py) and with
Frappe's own per-request compiling. Printed per page: median and p90 milliseconds of each way,
the queries of one request, and the milliseconds of the page's own get_context (the app's part:
its queries and Python, before Frappe renders the templates).
"""

import time
from contextlib import contextmanager, nullcontext
from unittest.mock import patch

import frappe

from onyx_support.benchmarks.queues import REFUSED_SITES, _queues, percentiles

PAGES = (
	("portal list", "/support/requests?status=all"),
	("portal home", "/support"),
	("presence", "/presence"),
)


@contextmanager
def _measured():
	"""Count the queries and time the page's get_context of each request the client makes."""
	from frappe.database.mariadb.database import MariaDBDatabase
	from frappe.website.page_renderers.template_page import TemplatePage

	seen = {"queries": 0, "context_ms": 0.0}
	original_sql, original_context = MariaDBDatabase.sql, TemplatePage.run_pymodule_method

	def sql(self, *args, **kwargs):
		seen["queries"] += 1
		return original_sql(self, *args, **kwargs)

	def context(self, method_name):
		started = time.perf_counter()
		try:
			return original_context(self, method_name)
		finally:
			if method_name == "get_context":
				seen["context_ms"] += (time.perf_counter() - started) * 1000

	with (
		patch.object(MariaDBDatabase, "sql", sql),
		patch.object(TemplatePage, "run_pymodule_method", context),
	):
		yield seen


def run(repeat: int = 30, force: bool = False) -> dict:
	from frappe.utils import get_test_client
	from frappe.utils.password import update_password

	from onyx_support.services import compiled_templates

	frappe.only_for("System Manager")
	if frappe.local.site in REFUSED_SITES and not force:
		frappe.throw(frappe._("Name a benchmark site: this run sets the client's password."))
	client_user = next(user for label, user, _app, _sql, _statement in _queues() if label == "portal list")
	password = frappe.generate_hash(length=16)
	update_password(client_user, password)
	frappe.db.commit()  # nosemgrep: the pages are rendered by the application's own connections
	site = frappe.local.site
	results = {}
	with patch("frappe.app.get_site_name", return_value=site):
		browser, guest = get_test_client(), get_test_client()
		answer = browser.post("/api/method/login", data={"usr": client_user, "pwd": password})
		assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
		for label, path in PAGES:
			client = guest if label == "presence" else browser
			ways = {"compiled once": [], "compiled per request": []}
			for _warm in range(3):
				client.get(path)
			for _round in range(repeat):
				for way, millis in ways.items():
					off = way == "compiled per request"
					# Frappe's own way: the before_request hook (looked up by name) hands no cache over
					with (
						patch.object(compiled_templates, "use_compiled_templates", lambda: None)
						if off
						else nullcontext()
					):
						started = time.perf_counter()
						answer = client.get(path)
						millis.append((time.perf_counter() - started) * 1000)
					if answer.status_code != 200:
						raise RuntimeError(f"{path}: HTTP {answer.status_code}")
			with _measured() as seen:
				client.get(path)
			results[label] = {
				"path": path,
				**{way: percentiles(millis) for way, millis in ways.items()},
				"queries": seen["queries"],
				"context_ms": seen["context_ms"],
			}
	frappe.init(site=site)  # the test client's requests ended this process's own request
	frappe.connect()
	print(f"Support Request rows: {frappe.db.count('Support Request')}; {repeat} requests per page and way")
	print(
		f"{'page':14} {'compiled once p50/p90':>22} {'per request p50/p90':>22} {'queries':>8} {'get_context ms':>15}"
	)
	for label, r in results.items():
		once, each = r["compiled once"], r["compiled per request"]
		print(
			f"{label:14} {once[0]:12.1f} /{once[1]:7.1f} {each[0]:12.1f} /{each[1]:7.1f} "
			f"{r['queries']:8d} {r['context_ms']:15.1f}"
		)
	return results
