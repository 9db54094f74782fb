"""Benchmark: ERPNext Issues beside the Support Requests, at the same size.

	bench --site BENCH_SITE execute onyx_support.benchmarks.issues.generate --kwargs "{'n': 100000}"

`generate` adds N synthetic Issues (`bench execute` commits them) in one INSERT … SELECT over
MariaDB's sequence engine, spread like the synthetic requests (benchmarks/queues.generate): over
the site's clients, two years of history, about 15 % still open (Open, Replied, On Hold), the rest
Resolved or Closed, three priorities, each under the site's default Service Level Agreement with
its response and resolution deadlines and agreement status. The comparisons of
`benchmarks/request_insert` and `benchmarks/rest_intake` then run against tables of the same size.
It refuses the dev and test sites unless `force=True`, like the requests' generator.
"""

import frappe
from frappe import _
from frappe.utils import now_datetime

from onyx_support.benchmarks.queues import BENCH_PREFIX, REFUSED_SITES
from onyx_support.benchmarks.request_insert import ensure_issue_sla

ISSUE_PREFIX = f"{BENCH_PREFIX}ISS-"


def generate(n: int = 100000, force: bool = False) -> int:
	if frappe.local.site in REFUSED_SITES and not force:
		frappe.throw(
			_("Refusing to add {0} synthetic issues to {1}: name a benchmark site.").format(
				n, frappe.local.site
			)
		)
	sla = ensure_issue_sla()
	customers = frappe.get_all("Customer", pluck="name", order_by="name", limit=5000) or [""]
	company = frappe.db.get_single_value("Global Defaults", "default_company") or frappe.db.get_value(
		"Company", {}, "name"
	)
	start = frappe.db.count("Issue", {"name": ("like", f"{ISSUE_PREFIX}%")}) + 1
	now = frappe.db.escape(str(now_datetime()))  # the site's time, as Frappe stores datetimes

	def pick(values, key):
		return "elt(1 + ({0}) % {1}, {2})".format(
			key, len(values), ", ".join(frappe.db.escape(v) for v in values)
		)

	# ~15 % open over Open/Replied/On Hold, the rest resolved or closed
	status = (
		f"if(seq % 20 < 3, {pick(['Open', 'Replied', 'On Hold'], 'seq div 20')}, "
		"if(seq % 20 < 8, 'Resolved', 'Closed'))"
	)
	frappe.db.sql(
		f"""insert into `tabIssue`
		(name, naming_series, creation, modified, owner, modified_by, docstatus, idx,
		 subject, status, priority, customer, raised_by, description, company,
		 opening_date, opening_time, service_level_agreement, service_level_agreement_creation,
		 response_by, sla_resolution_by, agreement_status, first_responded_on, sla_resolution_date)
		select concat('{ISSUE_PREFIX}', lpad(seq, 8, '0')), 'ISS-.YYYY.-', created, created,
		 'Administrator', 'Administrator', 0, 0, concat('Synthetic issue ', seq), st,
		 {pick(["Low", "Medium", "High"], "seq div 7")}, {pick(customers, "seq")},
		 concat('client', seq % 997, '@bench.example'), '<p>Synthetic issue</p>', {frappe.db.escape(company or "")},
		 date(created), time(created), {frappe.db.escape(sla or "")}, if({frappe.db.escape(sla or "")} = '', null, created),
		 created + interval 4 hour, created + interval (8 + seq % 72) hour,
		 if(st in ('Resolved', 'Closed'), if(seq % 9 = 0, 'Failed', 'Fulfilled'), 'First Response Due'),
		 if(st = 'Open', null, created + interval (seq % 240) minute),
		 if(st in ('Resolved', 'Closed'), created + interval (8 + seq % 96) hour, null)
		from (
			select seq, {status} as st,
			 {now} - interval (seq % 730) day - interval (seq * 37 % 86400) second as created
			from seq_{start}_to_{start + n - 1}
		) generated"""
	)
	total = frappe.db.count("Issue")
	print(f"added {n} synthetic issues; {total} in all")
	return total
