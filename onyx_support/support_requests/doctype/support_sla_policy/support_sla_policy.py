# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from onyx_support.services.sla import clear_policy_cache


class InvalidSlaTarget(frappe.ValidationError):
	pass


class SupportSLAPolicy(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		self.validate_targets()
		self.keep_one_default()

	def validate_targets(self):
		seen = set()
		for row in self.targets:
			key = (row.priority, row.reason or None)
			if key in seen:
				frappe.throw(
					_("Row {0}: priority {1} has two targets for the same reason.").format(
						row.idx, _(row.priority)
					),
					InvalidSlaTarget,
				)
			seen.add(key)
			if (row.first_response_minutes or 0) <= 0 or (row.resolution_minutes or 0) <= 0:
				frappe.throw(
					_("Row {0}: targets must be more than zero minutes.").format(row.idx), InvalidSlaTarget
				)
			if row.first_response_minutes > row.resolution_minutes:
				frappe.throw(
					_("Row {0}: the first response cannot be due after the resolution.").format(row.idx),
					InvalidSlaTarget,
				)

	def keep_one_default(self):
		if self.is_default:
			frappe.db.set_value(
				"Support SLA Policy", {"is_default": 1, "name": ("!=", self.name)}, "is_default", 0
			)

	def on_update(self):
		clear_policy_cache()

	def on_trash(self):
		clear_policy_cache()
