# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt


class NegativeCharge(frappe.ValidationError):
	pass


class SupportCharge(Document):
	"""One billable piece of support, billed once (services/warranty/charges.py writes them)."""

	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		if self.is_new() and self.office:
			# the office's company (none for a distributor), not the user's default one Frappe
			# fills a new document's empty Company with
			self.company = frappe.get_cached_value("Support Office", self.office, "company")
		for field in ("hours", "rate", "amount"):
			if flt(self.get(field)) < 0:
				frappe.throw(
					_("{0} of a support charge cannot be negative.").format(
						_(self.meta.get_label(field), context="Support Charge")
					),
					NegativeCharge,
				)


def on_doctype_update():
	# the queries of the ledger: a run's pending charges of an office and period, a request's
	# charges, an invoice's and a run's charges, an agreement's waiver
	frappe.db.add_index("Support Charge", ["office", "status", "charge_date"])
	frappe.db.add_index("Support Charge", ["support_request"])
	frappe.db.add_index("Support Charge", ["sales_invoice"])
	frappe.db.add_index("Support Charge", ["billing_run"])
	frappe.db.add_index("Support Charge", ["customer", "status", "installation"])
