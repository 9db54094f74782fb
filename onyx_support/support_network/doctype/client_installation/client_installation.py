# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, nowdate

from onyx_support.permissions.visibility import assert_office_is_yours
from onyx_support.roles import CENTRAL_ENGINEER, OFFICE_MANAGER, SUPPORT_ADMIN
from onyx_support.services.releases import publishing
from onyx_support.services.routing import route_customer
from onyx_support.services.warranty import agreements

OVERRIDE_ROLES = {OFFICE_MANAGER, CENTRAL_ENGINEER, SUPPORT_ADMIN, "System Manager", "Administrator"}


class NotASystemItem(frappe.ValidationError):
	pass


class NoServingOffice(frappe.ValidationError):
	pass


class ClientInstallation(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		self.set_title()
		self.validate_system()
		self.validate_go_live_date()
		self.set_serving_office()
		self.check_office_is_visible()
		self.record_version_change()

	def on_update(self):
		# the first free year as an agreement, once the date it counts from is known
		agreements.ensure_first_year(self)
		# a new (or re-routed) installation joins its system's published releases
		if any(self.has_value_changed(field) for field in ("serving_office", "system", "version", "status")):
			publishing.retarget_installation(self)

	def set_title(self):
		"""Links name the client and the system: a client running two systems has two
		installations, which the customer's name alone does not tell apart."""
		system = frappe.get_cached_value("Item", self.system, "item_name") if self.system else None
		self.installation_title = " – ".join(
			part for part in (self.customer_name or self.customer, system) if part
		)

	def validate_system(self):
		group = frappe.db.get_single_value("Onyx Support Settings", "system_item_group")
		if not group:
			return
		if frappe.db.get_value("Item", self.system, "item_group") != group:
			frappe.throw(
				_("{0} is not an OnyxPro system: its item group is not {1}.").format(
					frappe.bold(self.system), frappe.bold(group)
				),
				NotASystemItem,
			)

	def validate_go_live_date(self):
		if self.go_live_date and getdate(self.go_live_date) > getdate(nowdate()):
			frappe.msgprint(_("The go-live date is in the future."), indicator="orange", alert=True)

	def set_serving_office(self):
		self.check_override_by_a_manager()
		if self.office_overridden and self.serving_office:
			self.routing_basis = "Chosen by a manager"
			self.routing_territory = None
			return
		decision = route_customer(self.customer, self.system)
		if not decision:
			frappe.throw(
				_("No support office serves this client and no central office is configured."),
				NoServingOffice,
			)
		self.serving_office = decision.office
		self.routing_basis = decision.basis.value
		self.routing_territory = decision.matched_territory

	def check_override_by_a_manager(self):
		"""Routing decides the office; only a manager or central support may overrule it."""
		if not self.office_overridden:
			return
		before = self.get_doc_before_save()
		changed = not before or not before.office_overridden or (before.serving_office != self.serving_office)
		if changed and not OVERRIDE_ROLES.intersection(frappe.get_roles()):
			frappe.throw(
				_("Only an office manager or central support may choose the serving office."),
				frappe.PermissionError,
			)

	def check_office_is_visible(self):
		assert_office_is_yours(self.serving_office)

	def record_version_change(self):
		previous = self.get_doc_before_save()
		if previous and previous.version == self.version:
			return
		if self.version_history and self.version_history[-1].version == self.version:
			return
		self.append("version_history", {"version": self.version, "installed_on": nowdate()})
