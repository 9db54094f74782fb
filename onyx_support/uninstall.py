import frappe

from onyx_support.roles import APP_ROLES


def before_uninstall():
	"""Remove what install created outside the app's modules (Frappe drops the modules' DocTypes,
	and the Workspaces, Reports, Notifications and Custom Fields that name those modules)."""
	delete_roles()


def delete_roles():
	for role_name in APP_ROLES:
		if not frappe.db.exists("Role", role_name):
			continue
		frappe.db.delete("Has Role", {"role": role_name})
		frappe.db.delete("Custom DocPerm", {"role": role_name})
		frappe.db.delete("DocPerm", {"role": role_name})
		frappe.delete_doc("Role", role_name, ignore_permissions=True, force=True)
