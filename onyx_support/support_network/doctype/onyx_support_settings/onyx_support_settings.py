# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from onyx_support.services.routing import clear_routing_cache


class OnyxSupportSettings(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		if self.central_office:
			kind = frappe.db.get_value("Support Office", self.central_office, "office_kind")
			if kind != "Central":
				frappe.throw(_("{0} is not a central office.").format(frappe.bold(self.central_office)))

	def on_update(self):
		clear_routing_cache()
