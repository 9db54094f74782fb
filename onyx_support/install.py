import frappe
from frappe import _

from onyx_support.roles import APP_ROLES


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


def after_migrate():
	ensure_roles()


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
