# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class InvalidDistributionRule(frappe.ValidationError):
	pass


class VisitDistributionRule(Document):
	# Set by a support administrator from the desk: which visit reports reach which directorates.
	def validate(self):
		if not 0 <= (self.rating_at_or_below or 0) <= 5:
			frappe.throw(
				_("The review rating is between 1 and 5 stars (0 for any)."), InvalidDistributionRule
			)
		if not (self.directorates or self.include_office_managers or self.include_office_engineers):
			frappe.throw(
				_("Name at least one directorate, or the office's managers or engineers."),
				InvalidDistributionRule,
			)
