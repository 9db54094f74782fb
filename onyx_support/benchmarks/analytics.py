"""Benchmark: every analysis (Script Reports, number cards, dashboard charts) at the site's size.

	bench --site BENCH_SITE execute onyx_support.benchmarks.analytics.generate --kwargs "{'n': 100000}"
	bench --site BENCH_SITE execute onyx_support.benchmarks.analytics.run

`generate` adds N synthetic requests through the queue benchmark's generator
(benchmarks/queues.generate: realistic reasons, channels, clocks, ratings, repeats, work logs,
one synthetic client per 500 requests; it refuses the dev and test sites) and rebuilds the
analyses' rollup.

`run` prints, for every report of REPORTS (run as the desk runs it, through Frappe's
query_report.run), every number card and every dashboard chart of the app's Central Support module
(their own sources): the median and p90 milliseconds as central support and as an office
manager; first the time of a full rebuild() of the rollup, of one refresh() after one request
was edited and the rollup's row count. Each analysis should stay under a second.
"""

import re
import time
from pathlib import Path

import frappe
from frappe.utils import now_datetime

from onyx_support.benchmarks.queues import _timed
from onyx_support.benchmarks.queues import generate as generate_requests
from onyx_support.roles import CENTRAL_ENGINEER, OFFICE_MANAGER
from onyx_support.services.analytics import rollup

# The analyses' Script Reports and the filters each is timed with (default period: 12 months).
# Whoever adds a report adds it here.
REPORTS: list[tuple[str, dict]] = [
	("Client Behaviour", {}),
	("Error Hot Spots", {}),
	("Request Mix", {}),
	("Request Mix", {"dimension": "Region"}),
	("SLA Compliance", {}),
	("SLA Compliance", {"group_by": "Engineer"}),
	("SLA Compliance", {"view": "Breached Requests"}),
	("Response Times", {}),
	("Response Times", {"group_by": "Engineer"}),
	("Engineer Load", {}),
	("Support Satisfaction", {"group_by": "Engineer"}),
	("Support Satisfaction", {"view": "Ratings and Comments"}),
	("Visit Ratings", {}),
]
MODULE = "Central Support"
LIMIT_MS = 1000


def generate(n: int = 100000, force: bool = False, clients: int | None = None) -> int:
	total = generate_requests(n, force=force, clients=clients)
	started = time.perf_counter()
	rollup.rebuild()
	print(f"rollup rebuilt in {time.perf_counter() - started:.1f} s")
	return total


def users() -> dict[str, str]:
	"""Central support, and the manager of the office with the most requests."""
	central = frappe.db.sql(
		"""select r.parent from `tabHas Role` r join `tabUser` u on u.name = r.parent
		where r.role = %s and r.parenttype = 'User' and u.enabled = 1 order by r.parent limit 1""",
		CENTRAL_ENGINEER,
	)
	manager = frappe.db.sql(
		"""select e.user from `tabSupport Office Engineer` e
		join `tabHas Role` r on r.parent = e.user and r.parenttype = 'User' and r.role = %s
		join (select office, count(*) as requests from `tabSupport Request` group by office) busy
			on busy.office = e.parent
		where e.parenttype = 'Support Office' order by busy.requests desc, e.user limit 1""",
		OFFICE_MANAGER,
	)
	found = {}
	if central:
		found["central"] = central[0][0]
	if manager:
		found["manager"] = manager[0][0]
	return found


def report_call(report: str, filters: dict):
	from frappe.desk.query_report import run as run_report

	return lambda: run_report(report, filters=dict(filters), ignore_prepared_report=True)


def card_call(card):
	if card.type == "Custom" and card.method:
		method = frappe.get_attr(card.method)
		return lambda: method(filters=card.filters_json or "[]")
	from frappe.desk.doctype.number_card.number_card import get_result

	return lambda: get_result(card.as_dict(), card.filters_json or "[]")


def source_method(source: str) -> str | None:
	"""The method a Dashboard Chart Source's script names (method: "dotted.path")."""
	folder = Path(frappe.get_app_path("onyx_support")) / frappe.scrub(MODULE) / "dashboard_chart_source"
	script = folder / frappe.scrub(source) / f"{frappe.scrub(source)}.js"
	found = re.search(r"method:\s*[\"']([\w.]+)[\"']", script.read_text()) if script.exists() else None
	return found.group(1) if found else None


def chart_call(chart):
	if chart.chart_type == "Report" and chart.report_name:
		return report_call(chart.report_name, frappe.parse_json(chart.filters_json or "{}"))
	if chart.chart_type == "Custom" and chart.source:
		method = source_method(chart.source)
		if method:
			call = frappe.get_attr(method)
			return lambda: call(chart_name=chart.name, filters=chart.filters_json or "{}")
		return None
	from frappe.desk.doctype.dashboard_chart.dashboard_chart import get

	return lambda: get(chart_name=chart.name, no_cache=1)


def analyses() -> list[tuple[str, object]]:
	"""(label, call) of every report, number card and dashboard chart to time."""
	found = [
		(f"report: {name}" + (f" {filters}" if filters else ""), report_call(name, filters))
		for name, filters in REPORTS
	]
	for name in frappe.get_all("Number Card", filters={"module": MODULE}, pluck="name", order_by="name"):
		found.append((f"card: {name}", card_call(frappe.get_doc("Number Card", name))))
	for name in frappe.get_all("Dashboard Chart", filters={"module": MODULE}, pluck="name", order_by="name"):
		call = chart_call(frappe.get_doc("Dashboard Chart", name))
		if call:
			found.append((f"chart: {name}", call))
	return found


def run(repeat: int = 10, rollup_times: bool = True) -> list[dict]:
	"""A full rebuild and one refresh (unless rollup_times=False), then every analysis."""
	requests = frappe.db.count("Support Request")
	print(f"Support Request rows: {requests}")
	timed_rollup = time_rollup() if rollup_times else None  # first: the reports read what it wrote
	people = users()
	print("as " + ", ".join(f"{role}: {user}" for role, user in people.items()))
	print(f"{'analysis':48} {'central p50/p90 ms':>20} {'manager p50/p90 ms':>20}")
	results, slow = [], []
	for label, call in analyses():
		row = {"analysis": label}
		for role in ("central", "manager"):
			user = people.get(role)
			if not user:
				continue
			frappe.set_user(user)
			try:
				row[role] = _timed(call, repeat)
			except Exception as error:
				row[role] = None
				row[f"{role}_error"] = repr(error)[:120]
			finally:
				frappe.set_user("Administrator")
				frappe.db.rollback()  # a card or chart may cache; nothing is kept
			if row[role] and row[role][1] >= LIMIT_MS:
				slow.append(f"{label} ({role})")
		results.append(row)
		print(
			f"{label[:48]:48} {_figure(row.get('central'), row.get('central_error')):>20} "
			f"{_figure(row.get('manager'), row.get('manager_error')):>20}"
		)
	if timed_rollup:
		results.append(timed_rollup)
	print("over a second: " + (", ".join(slow) if slow else "none"))
	return results


def _figure(timing, error=None) -> str:
	if error:
		return "error: " + error[:12]
	if not timing:
		return "-"
	return f"{timing[0]:8.1f}/{timing[1]:8.1f}"


def time_rollup() -> dict:
	"""A full rebuild, then one refresh after one request was edited (both kept)."""
	started = time.perf_counter()
	months = rollup.rebuild()
	rebuild_ms = (time.perf_counter() - started) * 1000
	latest = frappe.db.sql(
		"select name from `tabSupport Request` where opened_on is not null order by opened_on desc limit 1"
	)
	if latest:
		frappe.db.set_value(
			"Support Request", latest[0][0], "modified", now_datetime(), update_modified=False
		)
	started = time.perf_counter()
	refreshed = rollup.refresh()
	refresh_ms = (time.perf_counter() - started) * 1000
	rows = frappe.db.count(rollup.ROLLUP)
	print(
		f"rollup: {rows} rows; rebuild() of {months} months {rebuild_ms:.0f} ms; "
		f"refresh() of {refreshed} month(s) after one edit {refresh_ms:.0f} ms"
	)
	return {"rollup_rows": rows, "rebuild_ms": rebuild_ms, "refresh_ms": refresh_ms, "months": months}
