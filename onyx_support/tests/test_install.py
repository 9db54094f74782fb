import frappe
from frappe.tests.utils import FrappeTestCase

from onyx_support.install import ensure_roles
from onyx_support.roles import APP_ROLES, SUPPORT_CLIENT


class TestInstall(FrappeTestCase):
	def test_roles_exist_with_the_right_desk_access(self):
		for role, desk_access in APP_ROLES.items():
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), int(desk_access), role)

	def test_ensure_roles_keeps_an_administrators_edit(self):
		frappe.db.set_value("Role", SUPPORT_CLIENT, "two_factor_auth", 1)
		ensure_roles()
		self.assertEqual(frappe.db.get_value("Role", SUPPORT_CLIENT, "two_factor_auth"), 1)

	def test_app_modules_are_registered(self):
		modules = set(frappe.get_all("Module Def", filters={"app_name": "onyx_support"}, pluck="name"))
		self.assertEqual(modules, set(frappe.get_module_list("onyx_support")))
