import frappe

from onyx_support.domain.request_flow import DONE_STATES

# Superseded by the (…, is_open, …) indexes of Support Request: a status IN (…) could not sort.
OLD_INDEXES = (
	"office_status_resolution_due_index",
	"assigned_engineer_status_resolution_due_index",
	"customer_status_index",
)


def execute():
	"""Existing requests get their open flag; the status-based queue indexes go."""
	done = tuple(state.value for state in DONE_STATES)
	frappe.db.sql(
		"update `tabSupport Request` set is_open = if(status in %(done)s, 0, 1)",
		{"done": done},
	)
	existing = {row.Key_name for row in frappe.db.sql("show index from `tabSupport Request`", as_dict=True)}
	for index in OLD_INDEXES:
		if index in existing:
			frappe.db.sql_ddl(f"alter table `tabSupport Request` drop index `{index}`")
