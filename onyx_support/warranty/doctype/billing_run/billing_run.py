# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

from collections import defaultdict

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate, nowdate

from onyx_support.permissions.guards import check_guarded_fields
from onyx_support.services.warranty import billing

COMPUTED = ("company", "billing_mode", "currency")


class InvalidBillingPeriod(frappe.ValidationError):
	pass


class BillingRun(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def before_validate(self):
		"""The company and the billing mode are the rules' (computed in validate from the office).
		On a new run Frappe fills an empty Company with the user's default one: not the caller's
		choice, so it is cleared before the guard compares. A stored run's are guarded."""
		if self.is_new() and not self.flags.via_rule:
			for field in COMPUTED:
				self.set(field, None)
			self.set("invoices", [])
			self.total_charges = 0
			self.total_amount = 0

	def validate(self):
		if self.from_date and self.to_date and getdate(self.to_date) < getdate(self.from_date):
			frappe.throw(
				_("The period ends ({0}) before it starts ({1}).").format(
					frappe.format(self.to_date, {"fieldtype": "Date"}),
					frappe.format(self.from_date, {"fieldtype": "Date"}),
				),
				InvalidBillingPeriod,
				title=_("Invalid period"),
			)
		self.posting_date = self.posting_date or nowdate()
		self.company = frappe.db.get_value("Support Office", self.office, "company") if self.office else None
		self.billing_mode = billing.billing_mode(self.company)

	def before_submit(self):
		billing.bill(self)

	def before_update_after_submit(self):
		# the result (invoices, totals) may change after submit, but only by the rules
		check_guarded_fields(self)

	def before_cancel(self):
		billing.check_cancellable(self)

	def on_cancel(self):
		billing.unbill(self)

	def statement(self) -> list[dict]:
		"""The charges the run billed, per client and currency (the "Support Statement" print)."""
		charges = frappe.get_all(
			"Support Charge",
			filters={"billing_run": self.name},
			fields=[
				"customer",
				"customer_name",
				"currency",
				"charge_date",
				"description",
				"hours",
				"amount",
				"support_request",
				"visit_report",
			],
			order_by="customer asc, currency asc, charge_date asc, name asc",
		)
		groups = defaultdict(list)
		for charge in charges:
			groups[(charge.customer, charge.currency)].append(charge)
		return [
			{
				"customer": customer,
				"customer_name": rows[0].customer_name or customer,
				"currency": currency,
				"charges": rows,
				"hours": sum(flt(row.hours) for row in rows),
				"amount": sum(flt(row.amount) for row in rows),
			}
			for (customer, currency), rows in groups.items()
		]

	def statement_totals(self, groups: list[dict] | None = None) -> list[dict]:
		"""The run's total per currency (of the statement's groups when the caller has them)."""
		totals = defaultdict(float)
		for group in self.statement() if groups is None else groups:
			totals[group["currency"]] += group["amount"]
		return [{"currency": currency, "amount": amount} for currency, amount in sorted(totals.items())]
