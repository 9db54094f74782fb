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
	ensure_permissions_on_erpnext_doctypes()


def after_migrate():
	ensure_roles()
	ensure_permissions_on_erpnext_doctypes()


# Read access the app's roles need on ERPNext records they link to (rows narrowed by
# onyx_support.permissions.visibility). Kept as Custom DocPerm rows, removed on uninstall.
ERPNEXT_READ_ACCESS = {
	"Customer": (SUPPORT_ENGINEER, OFFICE_MANAGER, CENTRAL_ENGINEER, SUPPORT_ADMIN),
	"Territory": (SUPPORT_ENGINEER, OFFICE_MANAGER, CENTRAL_ENGINEER, SUPPORT_ADMIN),
	"Item": (SUPPORT_ENGINEER, OFFICE_MANAGER, CENTRAL_ENGINEER, SUPPORT_ADMIN),
}


# Frappe copies a DocType's standard rules into Custom DocPerm before adding one; DocTypes that had
# no custom rules before us are remembered here, so uninstall can restore them exactly.
PERMS_COPIED_KEY = "onyx_support_copied_perms"


def ensure_permissions_on_erpnext_doctypes():
	from frappe.permissions import add_permission

	remembered = frappe.parse_json(frappe.db.get_default(PERMS_COPIED_KEY) or "[]")
	copied = set(remembered)
	for doctype, roles in ERPNEXT_READ_ACCESS.items():
		if not frappe.db.exists("Custom DocPerm", {"parent": doctype}):
			copied.add(doctype)
		for role in roles:
			if not frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0}):
				add_permission(doctype, role, 0)
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
