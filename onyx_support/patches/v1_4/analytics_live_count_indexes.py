"""Sites that ran v1_4.analytics_report_indexes get the indexes the live counts read alone (open
requests per office and engineer, open defects, this week's requests per engineer), and lose the
(office, opened_on) index the wider (office, opened_on, assigned_engineer) replaces; idempotent."""

import frappe

from onyx_support.services.analytics.figures import REQUEST_INDEXES, SUPERSEDED_INDEXES


def execute():
	for columns in REQUEST_INDEXES:
		frappe.db.add_index("Support Request", list(columns))
	for index in SUPERSEDED_INDEXES:
		if frappe.db.has_index("tabSupport Request", index):
			frappe.db.sql_ddl(f"alter table `tabSupport Request` drop index `{index}`")
