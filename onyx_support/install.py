import frappe
from frappe import _

from onyx_support.roles import (
	APP_ROLES,
	CENTRAL_ENGINEER,
	OFFICE_MANAGER,
	SUPPORT_ADMIN,
	SUPPORT_ENGINEER,
)


def before_install():
	# required_apps installs ERPNext first when the bench has it; this guards a bench without it.
	if "erpnext" not in frappe.get_installed_apps():
		frappe.throw(
			_("OnyxPro Support needs the app {0} installed on this site first.").format("erpnext"),
			title=_("Missing app"),
		)
	ensure_roles()


def after_install():
	ensure_roles()
	ensure_workflow_masters()
	ensure_permissions_on_erpnext_doctypes()
	ensure_pdf_generator_option()
	ensure_custom_fields()
	ensure_search_index()
	seed_defaults()


def before_migrate():
	# The Workflow fixture is synced during migrate: its states and actions must exist first.
	if "onyx_support" in frappe.get_installed_apps():
		ensure_workflow_masters()


def after_migrate():
	ensure_roles()
	ensure_workflow_masters()
	ensure_permissions_on_erpnext_doctypes()
	ensure_pdf_generator_option()
	ensure_custom_fields()
	ensure_search_index()
	seed_defaults()


def ensure_search_index():
	"""MariaDB's FULLTEXT index of the knowledge articles (Frappe's schema sync makes none)."""
	from onyx_support.services.knowledge.search import ensure_fulltext_index

	ensure_fulltext_index()


def seed_defaults():
	"""Editable records seeded once: a later edit (or deletion) by an administrator is kept."""
	from onyx_support.services.seeds import seed_once

	seed_once()


# Fields the app adds to ERPNext's DocTypes (module Warranty: Frappe removes them with the app too).
CUSTOM_FIELDS = {
	"Sales Invoice Item": [
		{
			"fieldname": "support_charge",
			"label": "Support Charge",
			"fieldtype": "Link",
			"options": "Support Charge",
			"insert_after": "dn_detail",
			"read_only": 1,
			"no_copy": 1,
			"print_hide": 1,
			"search_index": 1,
			"module": "Warranty",
		}
	],
}


def ensure_custom_fields():
	"""The invoice line of a billing run names the support charge it bills."""
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

	create_custom_fields(CUSTOM_FIELDS, ignore_validate=True)


# Frappe 15's Print Format offers only wkhtmltopdf; the app's print formats are printed by Chromium
# (onyx_support.services.pdf), which Frappe calls for the value "chrome".
PDF_GENERATOR_OPTIONS = "wkhtmltopdf\nchrome"


def ensure_pdf_generator_option():
	options = (frappe.get_meta("Print Format").get_field("pdf_generator").options or "").split("\n")
	if "chrome" in options:
		return
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	make_property_setter(
		"Print Format",
		"pdf_generator",
		"options",
		PDF_GENERATOR_OPTIONS,
		"Text",
		validate_fields_for_doctype=False,
	)
	frappe.clear_cache(doctype="Print Format")


WORKFLOW_MASTERS_KEY = "onyx_support_created_workflow_masters"


def ensure_workflow_masters():
	"""Workflow State and Workflow Action Master records the app's workflows name.

	Frappe ships some of them (Approved, Cancelled...); those the app creates are remembered so
	uninstall removes only its own."""
	from onyx_support.domain import knowledge, request_flow, visits

	STATE_STYLES = request_flow.STATE_STYLES | visits.STATE_STYLES | knowledge.STATE_STYLES
	actions = {t.action for flow in (request_flow, visits, knowledge) for t in flow.TRANSITIONS}
	remembered = frappe.parse_json(frappe.db.get_default(WORKFLOW_MASTERS_KEY) or "[]")
	created = {tuple(item) for item in remembered}
	for state, style in STATE_STYLES.items():
		if not frappe.db.exists("Workflow State", state.value):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state.value, "style": style}
			).insert(ignore_permissions=True)
			created.add(("Workflow State", state.value))
	for action in sorted(actions):
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)
			created.add(("Workflow Action Master", action))
	if sorted(created) != sorted(tuple(item) for item in remembered):
		frappe.db.set_default(WORKFLOW_MASTERS_KEY, frappe.as_json(sorted(created)))


# What the app's roles need of the ERPNext records they link to: to pick them in a Link field and
# see their titles ("select"), narrowed by onyx_support.permissions.visibility. Not "read": that
# would open every Item's valuation and purchase rates and every Customer's credit limits and
# accounts to a distributor's engineer. Kept as Custom DocPerm rows, removed on uninstall.
ERPNEXT_SELECT_ACCESS = {
	"Customer": (SUPPORT_ENGINEER, OFFICE_MANAGER, CENTRAL_ENGINEER, SUPPORT_ADMIN),
	"Territory": (SUPPORT_ENGINEER, OFFICE_MANAGER, CENTRAL_ENGINEER, SUPPORT_ADMIN),
	"Item": (SUPPORT_ENGINEER, OFFICE_MANAGER, CENTRAL_ENGINEER, SUPPORT_ADMIN),
}
# Every right a Custom DocPerm row can carry besides "select": the app's rows hold none of them.
OTHER_RIGHTS = (
	"read",
	"write",
	"create",
	"delete",
	"submit",
	"cancel",
	"amend",
	"report",
	"export",
	"import",
	"print",
	"email",
	"share",
)


# Frappe copies a DocType's standard rules into Custom DocPerm before adding one; DocTypes that had
# no custom rules before us are remembered here, so uninstall can restore them exactly.
PERMS_COPIED_KEY = "onyx_support_copied_perms"


def ensure_permissions_on_erpnext_doctypes():
	"""One select-only row per (DocType, role); rows of earlier versions (read and export) are
	narrowed to it, so existing sites converge on every migrate."""
	from frappe.permissions import add_permission

	remembered = frappe.parse_json(frappe.db.get_default(PERMS_COPIED_KEY) or "[]")
	copied = set(remembered)
	for doctype, roles in ERPNEXT_SELECT_ACCESS.items():
		if not frappe.db.exists("Custom DocPerm", {"parent": doctype}):
			copied.add(doctype)
		for role in roles:
			filters = {"parent": doctype, "role": role, "permlevel": 0}
			if not frappe.db.exists("Custom DocPerm", filters):
				add_permission(doctype, role, 0, ptype="select")
			frappe.db.set_value(
				"Custom DocPerm",
				filters,
				{"select": 1, **dict.fromkeys(OTHER_RIGHTS, 0)},
				update_modified=False,
			)
		frappe.clear_cache(doctype=doctype)
	if sorted(copied) != sorted(remembered):
		frappe.db.set_default(PERMS_COPIED_KEY, frappe.as_json(sorted(copied)))


def ensure_roles():
	"""Create the app's roles once; an administrator's later edits to them are kept."""
	for role_name, desk_access in APP_ROLES.items():
		if frappe.db.exists("Role", role_name):
			continue
		frappe.get_doc(
			{
				"doctype": "Role",
				"role_name": role_name,
				"desk_access": int(desk_access),
				"is_custom": 0,
			}
		).insert(ignore_permissions=True)
