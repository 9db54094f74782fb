import frappe

from onyx_support.install import PERMS_COPIED_KEY
from onyx_support.roles import APP_ROLES


def before_uninstall():
	"""Remove what install created outside the app's modules (Frappe drops the modules' DocTypes,
	and the Workspaces, Reports, Notifications and Custom Fields that name those modules)."""
	restore_erpnext_permissions()
	delete_roles()


def restore_erpnext_permissions():
	from frappe.permissions import reset_perms

	copied = frappe.parse_json(frappe.db.get_default(PERMS_COPIED_KEY) or "[]")
	for doctype in copied:
		reset_perms(doctype)  # they had no custom rules before the app: back to the standard ones
	frappe.db.set_default(PERMS_COPIED_KEY, None)


def delete_roles():
	for role_name in APP_ROLES:
		if not frappe.db.exists("Role", role_name):
			continue
		frappe.db.delete("Has Role", {"role": role_name})
		frappe.db.delete("Custom DocPerm", {"role": role_name})
		frappe.db.delete("DocPerm", {"role": role_name})
		frappe.delete_doc("Role", role_name, ignore_permissions=True, force=True)
