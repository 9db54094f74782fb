# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from onyx_support.services.releases import publishing


class SoftwareRelease(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		publishing.check_release(self)
		publishing.check_artefacts(self)
		if self.docstatus == 0:
			self.status = "Draft"

	def on_submit(self):
		# submitting is publishing: the offices serving its installations get their distribution
		publishing.publish(self)
		publishing.link_fixed_requests(self)

	def on_update_after_submit(self):
		publishing.link_fixed_requests(self)


def on_doctype_update():
	# Adoption and targeting read a system's releases in version order.
	frappe.db.add_index("Software Release", ["system", "version_key"])
