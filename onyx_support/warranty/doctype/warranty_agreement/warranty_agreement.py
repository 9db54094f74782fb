# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from onyx_support.permissions.visibility import assert_office_is_yours
from onyx_support.services.warranty import agreements, charges


class InvalidAgreementPeriod(frappe.ValidationError):
	pass


class WarrantyAgreement(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		self.check_office_is_visible()
		agreements.check_installations(self)
		self.check_renewed_agreement()
		self.check_period()
		agreements.check_no_overlap(self)
		self.status = agreements.status_of(self)

	def check_office_is_visible(self):
		if self.is_new() and not self.flags.ignore_permissions:
			assert_office_is_yours(self.selling_office)

	def check_period(self):
		if self.price and self.price < 0:
			frappe.throw(_("The price cannot be negative."))
		agreements.set_end_date(self)
		if self.end_date and getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(_("An agreement cannot end before it starts."), InvalidAgreementPeriod)

	def check_renewed_agreement(self):
		if self.renewal_of and frappe.db.get_value("Warranty Agreement", self.renewal_of, "docstatus") == 2:
			frappe.throw(
				_("Agreement {0} was cancelled: it cannot be renewed.").format(frappe.bold(self.renewal_of)),
				agreements.AgreementNotRenewable,
			)

	def on_submit(self):
		self.db_set("status", agreements.status_of(self), update_modified=False)
		charges.waive_covered_charges(self)

	def on_cancel(self):
		self.db_set("status", "Cancelled", update_modified=False)


def on_doctype_update():
	# Renewals due and the renewal-rate report read agreements by office and end date.
	frappe.db.add_index("Warranty Agreement", ["selling_office", "end_date"])
	frappe.db.add_index("Warranty Agreement", ["customer", "end_date"])
