# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from onyx_support.services.analytics.rollup import ensure_facts_table


class RollupIsComputed(frappe.ValidationError):
	pass


class SupportRequestRollup(Document):
	"""Counts of requests per month, office and dimension (services/analytics/rollup.py writes
	them in SQL, a month at a time). No door creates or edits one, Administrator's included."""

	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		frappe.throw(
			_("Rollup rows are computed from the support requests; nobody edits them."), RollupIsComputed
		)

	def on_trash(self):
		if not self.flags.from_rollup:
			frappe.throw(
				_("Rollup rows are computed from the support requests; nobody edits them."),
				RollupIsComputed,
			)


def on_doctype_update():
	# an office manager's report: dimension, offices, months; central support's: dimension, months
	frappe.db.add_index("Support Request Rollup", ["dimension", "office", "period"])
	frappe.db.add_index("Support Request Rollup", ["dimension", "period"])
	ensure_facts_table()  # the refresh's work table
