import frappe

from onyx_support.services.assignment import sync_office_rules


def execute():
	"""The app assigns requests itself (services/assignment.py): the offices' Assignment Rules are
	stored disabled so that Frappe does not apply them a second time, and the Workflow Actions
	Frappe wrote for requests (an inbox the app no longer keeps, services/workflow_inbox.py) go."""
	for name in frappe.get_all("Support Office", pluck="name"):
		sync_office_rules(frappe.get_doc("Support Office", name))
	frappe.db.sql(
		"""delete role from `tabWorkflow Action Permitted Role` role
		join `tabWorkflow Action` action on action.name = role.parent
		where action.reference_doctype = 'Support Request'"""
	)
	frappe.db.delete("Workflow Action", {"reference_doctype": "Support Request"})
