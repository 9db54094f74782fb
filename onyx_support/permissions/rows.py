"""Rows of the app's child tables, loaded on their own.

Frappe checks a child row it loads by name (REST `/api/resource/<child>/<name>`,
`frappe.client.get`, getdoc, get_link_title) against its parent DocType's rights only: the
parent document, and so the office rule, is never asked. Every child DocType of the app uses
this class, so such a row is read only where its parent may be read, and never written, created
or deleted on its own: rows change through their parent's form, where the parent's rules and
guarded fields apply.
"""

import frappe
from frappe.model.document import Document

from onyx_support.permissions.visibility import READ_RIGHTS, may_access


class ChildRowOfParent(Document):
	def has_permission(self, permtype="read", *, debug=False, user=None) -> bool:
		if self.flags.ignore_permissions:
			return True
		user = user or frappe.session.user
		if not super().has_permission(permtype, debug=debug, user=user):
			return False
		if user == "Administrator":
			return True
		return permtype in READ_RIGHTS and may_access(self, permtype, user)
