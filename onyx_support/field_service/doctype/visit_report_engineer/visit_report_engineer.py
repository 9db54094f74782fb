# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe

from onyx_support.permissions.rows import ChildRowOfParent


class VisitReportEngineer(ChildRowOfParent):
	pass


def on_doctype_update():
	# An engineer's other visits are read on every save (no time counted twice).
	frappe.db.add_index("Visit Report Engineer", ["engineer", "parent"])
