# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from onyx_support.roles import DIRECTORATE_MEMBER


class DuplicateMember(frappe.ValidationError):
	pass


class SupportDirectorate(NestedSet):
	# The tree of directorates a visit report is distributed to (Frappe's nested set, as
	# ERPNext's Territory): central support's specialised directorates and the directorate network.
	nsm_parent_field = "parent_support_directorate"

	def validate(self):
		self.check_members_once()

	def check_members_once(self):
		seen = set()
		for row in self.members:
			if row.user in seen:
				frappe.throw(
					_("{0} is listed twice in the directorate.").format(frappe.bold(row.user)),
					DuplicateMember,
				)
			seen.add(row.user)

	def on_update(self):
		super().on_update()
		self.give_members_their_role()

	def give_members_their_role(self):
		"""Members read the reports distributed to them in the desk: they need a desk role that
		reads nothing else (its reach is the report's recipients, permissions/visibility.py)."""
		for row in self.members:
			if DIRECTORATE_MEMBER not in frappe.get_roles(row.user):
				user = frappe.get_doc("User", row.user)
				user.flags.ignore_permissions = True
				user.add_roles(DIRECTORATE_MEMBER)

	def on_trash(self):
		super().on_trash()
