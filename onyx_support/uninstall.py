import frappe

from onyx_support.install import (
	CUSTOM_FIELDS,
	PDF_GENERATOR_OPTIONS,
	PERMS_COPIED_KEY,
	WORKFLOW_MASTERS_KEY,
)
from onyx_support.roles import APP_ROLES
from onyx_support.services.analytics.rollup import drop_facts_table
from onyx_support.services.seeds import SEEDED_KEY


def before_uninstall():
	"""Remove what install created outside the app's modules (Frappe drops the modules' DocTypes,
	and the Workspaces, Reports, Notifications and Custom Fields that name those modules)."""
	delete_workflow()
	delete_assignment_rules()
	restore_erpnext_permissions()
	delete_roles()
	delete_pdf_generator_option()
	delete_custom_fields()
	drop_facts_table()  # the analyses rollup's work table (not a DocType's)
	frappe.db.set_default(SEEDED_KEY, None)


def delete_workflow():
	from onyx_support.domain import knowledge, request_flow, visits

	for workflow in (request_flow.WORKFLOW_NAME, visits.WORKFLOW_NAME, knowledge.WORKFLOW_NAME):
		if frappe.db.exists("Workflow", workflow):
			frappe.delete_doc("Workflow", workflow, ignore_permissions=True, force=True)
	for doctype, name in frappe.parse_json(frappe.db.get_default(WORKFLOW_MASTERS_KEY) or "[]"):
		if frappe.db.exists(doctype, name):
			frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)
	frappe.db.set_default(WORKFLOW_MASTERS_KEY, None)
	for board in frappe.get_all(
		"Kanban Board", filters={"reference_doctype": "Support Request"}, pluck="name"
	):
		frappe.delete_doc("Kanban Board", board, ignore_permissions=True, force=True)


def delete_assignment_rules():
	for name in frappe.get_all("Assignment Rule", filters={"document_type": "Support Request"}, pluck="name"):
		frappe.delete_doc("Assignment Rule", name, ignore_permissions=True, force=True)
	# Open work items pointing at documents that are about to disappear would stay in people's
	# to-do lists and workflow inboxes as broken links. (Mail and comments stay, as history.)
	doctypes = frappe.get_all(
		"DocType", filters={"module": ("in", frappe.get_module_list("onyx_support"))}, pluck="name"
	)
	if doctypes:
		frappe.db.delete("ToDo", {"reference_type": ("in", doctypes)})
		frappe.db.delete("Workflow Action", {"reference_doctype": ("in", doctypes)})


def restore_erpnext_permissions():
	from frappe.permissions import reset_perms

	copied = frappe.parse_json(frappe.db.get_default(PERMS_COPIED_KEY) or "[]")
	for doctype in copied:
		reset_perms(doctype)  # they had no custom rules before the app: back to the standard ones
	frappe.db.set_default(PERMS_COPIED_KEY, None)


def delete_pdf_generator_option():
	filters = {"doc_type": "Print Format", "field_name": "pdf_generator", "property": "options"}
	if frappe.db.get_value("Property Setter", filters, "value") == PDF_GENERATOR_OPTIONS:
		frappe.db.delete("Property Setter", filters)
		frappe.clear_cache(doctype="Print Format")


def delete_custom_fields():
	for doctype, fields in CUSTOM_FIELDS.items():
		for field in fields:
			name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": field["fieldname"]})
			if name:
				frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
		frappe.clear_cache(doctype=doctype)


def delete_roles():
	for role_name in APP_ROLES:
		if not frappe.db.exists("Role", role_name):
			continue
		frappe.db.delete("Has Role", {"role": role_name})
		frappe.db.delete("Custom DocPerm", {"role": role_name})
		frappe.db.delete("DocPerm", {"role": role_name})
		frappe.delete_doc("Role", role_name, ignore_permissions=True, force=True)
