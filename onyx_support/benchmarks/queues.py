"""Benchmark: the queues people sort, and the SLA sweep, at a size you choose.

	bench --site BENCH_SITE execute onyx_support.benchmarks.queues.generate --kwargs "{'n': 100000}"
	bench --site BENCH_SITE execute onyx_support.benchmarks.queues.run

`generate` adds N synthetic Support Requests (`bench execute` commits them) in INSERT … SELECTs
over MariaDB's sequence engine (onyx_support.demo.synthetic), spread like a real network: one
synthetic client per 500 requests besides the demo's, their offices and engineers, two years of
history in office hours with realistic reasons, channels, clocks met and missed, ratings, repeats
and work logs, most of them closed, a backlog left open, 200 of the open ones due for the SLA
sweep. It refuses the dev and
test sites (ONYX_SITE / ONYX_TEST_SITE defaults) unless `force=True`; load the demo data first
(`onyx_support.demo.load`) so there are offices, clients and engineers to spread over.

`run` prints, for the engineer's queue, an office's queue, the network's queue, the client's
portal list and the portal home: the median and p90 milliseconds through the app's own code path
(Frappe's get_list with the user's permission rules, or the portal service), the same of the bare
SQL it becomes, their ratio, for a desk queue the median of Frappe's get_list by itself (the same
call with the app's permission rule answering nothing) and "ours", the app's share (app over
Frappe's own get_list; for the portal, over the bare SQL); then the statement the app sends
("stmt": what get_list builds for the user, permission rule included, or the portal's own) timed
alone and its ratio to the bare SQL, and MariaDB's EXPLAIN key and Extra (a filesort there means
the index does not serve the sort; the app statement's plan is printed too when it differs). Then the SLA sweep over the due
requests, rolled back.
"""

import statistics
import time

import frappe
from frappe import _
from frappe.utils import now_datetime

from onyx_support.demo.synthetic import insert_requests, insert_work_logs

BENCH_PREFIX = "BENCH-"
REFUSED_SITES = ("onyx.localhost", "test_onyx.localhost")
LIST_FIELDS = ["name", "subject", "status", "priority", "sla_status", "resolution_due", "assigned_engineer"]
DUE_FOR_SWEEP = 200


def generate(n: int = 100000, force: bool = False, clients: int | None = None) -> int:
	"""Add n synthetic requests (onyx_support.demo.synthetic: realistic reasons, channels, clocks,
	ratings, repeats and work logs over two years), first `clients` synthetic clients with an
	installation each (default: one per 500 requests, as a real network of that size)."""
	refuse_named_sites(n, force)
	if not frappe.db.exists("Support Office", {"is_active": 1}):
		frappe.throw(_("Load the demo data first: bench --site SITE execute onyx_support.demo.load"))
	add_clients(n // 500 if clients is None else clients)
	start = (
		frappe.db.sql("select count(*) from `tabSupport Request` where name like %s", f"{BENCH_PREFIX}%")[0][
			0
		]
		+ 1
	)
	insert_requests(
		n,
		first_seq=start,
		days=730,
		name=f"concat('{BENCH_PREFIX}', lpad(g.seq, 8, '0'))",
		open_share=0.15,  # a backlog, so the queues have something to sort
	)
	insert_work_logs(f"r.name between '{BENCH_PREFIX}{start:08d}' and '{BENCH_PREFIX}{start + n - 1:08d}'")
	due_for_sweep()
	total = frappe.db.count("Support Request")
	print(f"added {n} synthetic requests; {total} in all")
	return total


def refuse_named_sites(n: int, force: bool) -> None:
	if frappe.local.site in REFUSED_SITES and not force:
		frappe.throw(
			_("Refusing to add {0} synthetic requests to {1}: name a benchmark site.").format(
				n, frappe.local.site
			)
		)


def add_clients(count: int) -> None:
	"""`count` synthetic clients (BENCH-C…), each with an installation of a demo system at a
	version of its own, served by the office of its territory (spread like the demo's clients)."""
	existing = frappe.db.count("Customer", {"name": ("like", f"{BENCH_PREFIX}C%")})
	if count <= existing:
		return
	places = frappe.db.sql(
		"""select i.territory, i.serving_office, i.system, i.version
		from `tabClient Installation` i where i.status = 'Active' and i.name not like %s
		order by i.name""",
		f"{BENCH_PREFIX}%",
	)
	group = frappe.db.get_value("Customer Group", {"is_group": 0}, "name") or "All Customer Groups"
	if not places:
		return

	def pick(column: int) -> str:
		values = ", ".join(frappe.db.escape(str(place[column] or "All Territories")) for place in places)
		return f"elt(1 + seq % {len(places)}, {values})"

	first, last = existing + 1, count
	now = frappe.db.escape(str(now_datetime()))
	frappe.db.sql(
		f"""insert into `tabCustomer` (name, creation, modified, owner, modified_by, docstatus, idx,
			naming_series, customer_name, customer_type, customer_group, territory)
		select concat('{BENCH_PREFIX}C', lpad(seq, 5, '0')), {now}, {now}, 'Administrator',
			'Administrator', 0, 0, 'CUST-.YYYY.-', concat('Synthetic Client ', seq), 'Company',
			{frappe.db.escape(group)}, {pick(0)}
		from seq_{first}_to_{last}"""
	)
	frappe.db.sql(
		f"""insert into `tabClient Installation` (name, creation, modified, owner, modified_by,
			docstatus, idx, naming_series, customer, customer_name, installation_title, territory,
			system, version, status, serving_office, user_count)
		select concat('{BENCH_PREFIX}I', lpad(seq, 5, '0')), {now}, {now}, 'Administrator',
			'Administrator', 0, 0, 'INST-.YYYY.-', concat('{BENCH_PREFIX}C', lpad(seq, 5, '0')),
			concat('Synthetic Client ', seq), concat('Synthetic Client ', seq), {pick(0)},
			{pick(2)}, concat(substring_index({pick(3)}, '.', 1), '.', seq % 4), 'Active',
			{pick(1)}, 3 + seq % 60
		from seq_{first}_to_{last}"""
	)


def due_for_sweep(count: int = DUE_FOR_SWEEP) -> None:
	"""Exactly `count` synthetic requests due for the sweep now, the others' next checks later."""
	now = now_datetime()
	frappe.db.sql(
		"""update `tabSupport Request` set sla_next_check = %s + interval 1 day
		where name like %s and sla_next_check is not null""",
		(now, f"{BENCH_PREFIX}%"),
	)
	frappe.db.sql(
		"""update `tabSupport Request` set sla_next_check = %s - interval 1 minute
		where name like %s and is_open = 1 order by name limit %s""",
		(now, f"{BENCH_PREFIX}%", count),
	)


def percentiles(values) -> tuple[float, float]:
	"""(median, p90) of the measures: what every benchmark prints."""
	ordered = sorted(values)
	return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def _timed(fn, repeat: int) -> tuple[float, float]:
	fn()  # warm-up
	millis = []
	for _round in range(repeat):
		started = time.perf_counter()
		fn()
		millis.append((time.perf_counter() - started) * 1000)
	return percentiles(millis)


def _explain(sql: str) -> tuple[str, str]:
	rows = frappe.db.sql("explain " + sql, as_dict=True)
	first = rows[0] if rows else {}
	return str(first.get("key")), str(first.get("Extra"))


def _desk_queue(label: str, user: str, filters: dict) -> tuple:
	"""A desk queue: the open requests matching `filters`, soonest deadline first, as the list view
	asks Frappe for them, the statement Frappe builds for the user, and the bare SQL it comes to."""
	filters = {**filters, "is_open": 1}
	where = " and ".join(f"`{field}` = {frappe.db.escape(value)}" for field, value in filters.items())
	fields = ", ".join(f"`{f}`" for f in LIST_FIELDS)
	asked = {
		"filters": filters,
		"fields": LIST_FIELDS,
		"order_by": "resolution_due asc",
		"limit_page_length": 20,
	}
	return (
		label,
		user,
		lambda: frappe.get_list("Support Request", **asked),
		f"select {fields} from `tabSupport Request` where {where} order by resolution_due asc limit 20",
		lambda: frappe.get_list("Support Request", **asked, run=0),
	)


def _queues() -> list[tuple]:
	"""(label, user, app call, bare SQL, the app's statement as the user sees it: SQL or (SQL, values))
	for each queue, on the busiest engineer, office and client."""
	from onyx_support.permissions.staff import offices_of

	engineer = frappe.db.sql(
		"""select assigned_engineer from `tabSupport Request` where is_open = 1 and assigned_engineer is not null
		group by assigned_engineer order by count(*) desc limit 1"""
	)[0][0]
	office = offices_of(engineer)[0]
	client = frappe.db.sql(
		"""select p.user, p.parent from `tabPortal User` p join `tabSupport Request` r on r.customer = p.parent
		where p.parenttype = 'Customer' group by p.user, p.parent order by count(*) desc limit 1"""
	)
	central = frappe.db.get_value(
		"Has Role", {"role": "Central Support Engineer", "parenttype": "User"}, "parent"
	)
	queues = [
		_desk_queue("engineer's queue", engineer, {"assigned_engineer": engineer}),
		_desk_queue("office queue", engineer, {"office": office}),
		_desk_queue("network queue", central or "Administrator", {}),
	]
	if client:
		user, _customer = client[0]
		from onyx_support.permissions.clients import customers_of_portal_user
		from onyx_support.services.portal import LIST_FIELDS as PORTAL_FIELDS
		from onyx_support.services.portal import list_requests, requests_statement

		# the statement list_requests runs: the portal's own columns, on all the client's customers
		customers = ", ".join(frappe.db.escape(c) for c in customers_of_portal_user(user))
		fields = ", ".join(f"`{f}`" for f in PORTAL_FIELDS)
		queues += [
			(
				"portal list",
				user,
				lambda: list_requests("all", limit=100),
				f"select {fields} from `tabSupport Request` where customer in ({customers}) "
				"order by creation desc limit 100",
				lambda: requests_statement(customers_of_portal_user(user), "all", None, 100),
			),
			(
				"portal home",
				user,
				lambda: list_requests("open", limit=20),
				f"select {fields} from `tabSupport Request` where customer in ({customers}) "
				"and is_open = 1 order by creation desc limit 20",
				lambda: requests_statement(customers_of_portal_user(user), "open", None, 20),
			),
		]
	return queues


def _frappe_alone(app_call, repeat: int) -> tuple[float, float]:
	"""The same call timed with the app's permission_query_conditions answering nothing: what
	Frappe's get_list costs by itself for the user (the portal's lists don't use get_list)."""
	from unittest.mock import patch

	with patch("onyx_support.permissions.visibility.query_conditions", return_value=""):
		return _timed(app_call, repeat)


def run(repeat: int = 30) -> list[dict]:
	total = frappe.db.count("Support Request")
	print(f"Support Request rows: {total}")
	print(
		f"{'list':18} {'app ms p50/p90':>16} {'SQL ms p50/p90':>16} {'ratio':>6} "
		f"{'Frappe ms':>10} {'ours':>5} {'stmt ms':>8} {'ratio':>6}  EXPLAIN key / Extra"
	)
	results = []
	for label, user, app_call, sql, app_statement in _queues():
		frappe.set_user(user)
		try:
			app = _timed(app_call, repeat)
			frappe_own = _frappe_alone(app_call, repeat) if "queue" in label else None
			statement = app_statement()
		finally:
			frappe.set_user("Administrator")
		statement = statement if isinstance(statement, tuple) else (statement,)
		bare = _timed(lambda sql=sql: frappe.db.sql(sql), repeat)
		app_sql = _timed(lambda statement=statement: frappe.db.sql(*statement), repeat)
		key, extra = _explain(sql)
		app_key, app_extra = _explain(frappe.db.mogrify(*statement) if len(statement) > 1 else statement[0])
		ratio = app[0] / bare[0] if bare[0] else 0
		# the app's share: against Frappe's own get_list for a desk queue, the bare SQL for the portal
		ours = app[0] / (frappe_own or bare)[0] if (frappe_own or bare)[0] else 0
		sql_ratio = app_sql[0] / bare[0] if bare[0] else 0
		results.append(
			{
				"list": label,
				"app_ms": app,
				"sql_ms": bare,
				"ratio": ratio,
				"frappe_ms": frappe_own,
				"ours": ours,
				"app_sql_ms": app_sql,
				"sql_ratio": sql_ratio,
				"key": key,
				"extra": extra,
				"app_key": app_key,
				"app_extra": app_extra,
			}
		)
		own = f"{frappe_own[0]:10.2f}" if frappe_own else f"{'-':>10}"
		print(
			f"{label:18} {app[0]:7.2f}/{app[1]:7.2f} {bare[0]:7.2f}/{bare[1]:7.2f} {ratio:6.2f} "
			f"{own} {ours:5.2f} {app_sql[0]:8.2f} {sql_ratio:6.2f}  {key} / {extra}"
		)
		if (app_key, app_extra) != (key, extra):
			print(f"{'':18} the app's statement: {app_key} / {app_extra}")
	due_for_sweep()
	results.append(sweep())
	return results


def sweep() -> dict:
	from onyx_support.services import sla

	now = frappe.db.escape(str(now_datetime()))  # the site's time, as Frappe stores datetimes
	due = frappe.db.sql(f"select count(*) from `tabSupport Request` where sla_next_check <= {now}")[0][0]
	key, extra = _explain(
		f"select name from `tabSupport Request` where sla_next_check <= {now} order by sla_next_check limit 500"
	)
	frappe.db.savepoint("onyx_bench_sweep")
	started = time.perf_counter()
	try:
		swept = sla.sweep()
	finally:
		elapsed = (time.perf_counter() - started) * 1000
		frappe.db.rollback(save_point="onyx_bench_sweep")
	print(f"SLA sweep: {swept} of {due} due requests evaluated in {elapsed:.0f} ms ({key} / {extra})")
	return {"list": "sla sweep", "ms": elapsed, "due": due, "swept": swept, "key": key, "extra": extra}
