# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe

from onyx_support.permissions.rows import ChildRowOfParent


class WarrantyAgreementInstallation(ChildRowOfParent):
	pass


def on_doctype_update():
	# Coverage reads an installation's agreements on every request opened.
	frappe.db.add_index("Warranty Agreement Installation", ["installation", "parent"])
