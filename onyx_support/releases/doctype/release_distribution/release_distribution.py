# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class DuplicateDistribution(frappe.ValidationError):
	pass


class ReleaseDistribution(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		if self.is_new():
			self.check_one_per_office()

	def check_one_per_office(self):
		if frappe.db.exists(
			"Release Distribution", {"software_release": self.software_release, "office": self.office}
		):
			frappe.throw(
				_("Release {0} was already distributed to {1}.").format(
					frappe.bold(self.software_release), frappe.bold(self.office)
				),
				DuplicateDistribution,
			)
		if frappe.db.get_value("Software Release", self.software_release, "docstatus") != 1:
			frappe.throw(_("Only a published release is distributed."))


def on_doctype_update():
	frappe.db.add_unique(
		"Release Distribution", ["software_release", "office"], constraint_name="unique_release_office"
	)
