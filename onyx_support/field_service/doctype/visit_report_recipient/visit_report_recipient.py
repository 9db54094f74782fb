# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe

from onyx_support.permissions.rows import ChildRowOfParent


class VisitReportRecipient(ChildRowOfParent):
	pass


def on_doctype_update():
	# The reports a recipient may read (permissions/visibility.py) are found by user.
	frappe.db.add_index("Visit Report Recipient", ["user", "parent"])
