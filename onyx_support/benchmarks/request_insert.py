"""Benchmark: the cost of filing a Support Request against ERPNext's own Issue, on the same site.

	bench --site SITE execute onyx_support.benchmarks.request_insert.run --kwargs "{'n': 50}"

Each insert runs inside a savepoint that is rolled back, after warm-up inserts (caches filled); the
two kinds take turns, one insert each, so a busy machine slows both alike. Printed per kind: median
and 90th-percentile queries, milliseconds and peak Python memory, and the request's ratios to the
Issue.
The Issue runs with an ERPNext Service Level Agreement (made by ERPNext's own test helper); the
Support Request is routed, gets its SLA deadlines from the office calendar, is assigned to an
engineer of its office (services/assignment.py: ToDo, timeline, notification) and queues the
office's "new request" Notification for a job after the commit (services/new_notifications.py).
What runs after the commit (that job, the engineer's notification) is not measured here: the inserts
are rolled back; rest_intake measures whole requests.
"""

import time
import tracemalloc

import frappe

from onyx_support.benchmarks.queues import percentiles


def _measure(inserts: dict, n: int, warmup: int = 5) -> dict:
	"""Queries and time in one pass, peak memory in another (tracemalloc slows what it watches).
	The kinds take turns insert by insert, so a busy machine slows them alike."""
	results = {kind: {"queries": [], "ms": [], "kib": []} for kind in inserts}
	original_sql = frappe.db.sql
	counter = {"n": 0}

	def counting_sql(*args, **kwargs):
		counter["n"] += 1
		return original_sql(*args, **kwargs)

	for i in range(warmup + 2 * n):
		traced = i >= warmup + n
		for kind, insert in inserts.items():
			frappe.db.savepoint("onyx_bench")
			counter["n"] = 0
			frappe.db.sql = counting_sql
			if traced:
				tracemalloc.start()
			started = time.perf_counter()
			try:
				insert(i)
			finally:
				elapsed = (time.perf_counter() - started) * 1000
				if traced:
					results[kind]["kib"].append(tracemalloc.get_traced_memory()[1] / 1024)
					tracemalloc.stop()
				frappe.db.sql = original_sql
				frappe.db.rollback(save_point="onyx_bench")
				frappe.db.after_commit.reset()  # no job for an insert rolled back
			if warmup <= i < warmup + n:
				results[kind]["queries"].append(counter["n"])
				results[kind]["ms"].append(elapsed)
	return {kind: {key: percentiles(values) for key, values in r.items()} for kind, r in results.items()}


def ensure_issue_sla() -> str:
	"""ERPNext's SLA tracking on, with a default Service Level Agreement for Issues made by ERPNext's
	own test helper when the site has none; its name."""
	from erpnext.support.doctype.service_level_agreement.test_service_level_agreement import (
		create_service_level_agreement,
	)

	frappe.db.set_single_value("Support Settings", "track_service_level_agreement", 1)
	default = {"document_type": "Issue", "default_service_level_agreement": 1}
	found = frappe.db.get_value("Service Level Agreement", default, "name")
	if not found:
		found = create_service_level_agreement(
			default_service_level_agreement=1,
			holiday_list="__Test Holiday List",
			response_time=14400,
			entity_type=None,
			entity=None,
			resolution_time=21600,
		).name
	return found


def _issue_with_sla():
	ensure_issue_sla()

	def insert(i):
		frappe.get_doc(
			{
				"doctype": "Issue",
				"subject": f"Benchmark issue {i}",
				"raised_by": "bench@onyx-test.example",
				"priority": "Medium",
			}
		).insert(ignore_permissions=True)

	return insert


def _support_request():
	from onyx_support.tests.network_fixture import OFFICE_A, build_network

	network = build_network()
	customer, installation = network["customers"][OFFICE_A], network["installations"][OFFICE_A]

	def insert(i):
		frappe.get_doc(
			{
				"doctype": "Support Request",
				"customer": customer,
				"installation": installation,
				"subject": f"Benchmark request {i}",
				"reason": "Error",
				"error_origin": "System",
				"priority": "Medium",
				"channel": "Desk",
				"raised_by": "bench@onyx-test.example",
				"description": "<p>Benchmark</p>",
			}
		).insert(ignore_permissions=True)

	return insert


# Which Frappe feature a query of the insert serves, by the tables it names.
CATEGORIES = (
	("Workflow actions (Frappe Workflow inbox)", ("tabWorkflow",)),
	(
		"Assignment (the rule's turn, _assign, ToDo, timeline)",
		(
			"tabAssignment Rule",
			"tabToDo",
			"`_assign`",
			"tabComment",
			"`language`,`enabled`",
			"`full_name` FROM `tabUser`",
		),
	),
	("Notifications (Frappe Notification)", ("tabNotification",)),
)


def _categorise(query: str) -> str:
	for label, markers in CATEGORIES:
		if any(marker in query for marker in markers):
			return label
	return "The request itself (app + document)"


def show_queries(verbose: int = 1) -> dict:
	"""Print the queries of one warm Support Request insert and what each serves."""
	insert = _support_request()
	for i in range(3):
		frappe.db.savepoint("onyx_bench")
		seen = []
		original_sql = frappe.db.sql

		def logging_sql(query, *args, **kwargs):
			seen.append(" ".join(str(query).split())[:160])
			return original_sql(query, *args, **kwargs)

		frappe.db.sql = logging_sql
		try:
			insert(i)
		finally:
			frappe.db.sql = original_sql
			frappe.db.rollback(save_point="onyx_bench")
			frappe.db.after_commit.reset()
	counts: dict[str, int] = {}
	for number, query in enumerate(seen, 1):
		category = _categorise(query)
		counts[category] = counts.get(category, 0) + 1
		if verbose:
			print(f"{number:3} {query}")
	for category, count in counts.items():
		print(f"{count:4}  {category}")
	return counts


def run(n: int = 30) -> dict:
	frappe.only_for("System Manager")
	issue, request = "Issue (ERPNext, with SLA)", "Support Request (routed, SLA, assigned, notified)"
	results = _measure({issue: _issue_with_sla(), request: _support_request()}, n)
	print(f"{'insert':52} {'queries p50/p90':>16} {'ms p50/p90':>16} {'peak KiB p50/p90':>18}")
	for kind, r in results.items():
		print(
			f"{kind:52} {r['queries'][0]:>7.0f} /{r['queries'][1]:>6.0f} "
			f"{r['ms'][0]:>8.1f} /{r['ms'][1]:>6.1f} {r['kib'][0]:>9.0f} /{r['kib'][1]:>6.0f}"
		)
	print(
		"Support Request / Issue: queries {0:.2f}x, ms {1:.2f}x (medians)".format(
			results[request]["queries"][0] / results[issue]["queries"][0],
			results[request]["ms"][0] / results[issue]["ms"][0],
		)
	)
	print("\nWhere the Support Request's queries go:")
	show_queries(verbose=0)
	return results
