# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from onyx_support.domain.business_calendar import validate_calendar
from onyx_support.domain.errors import DomainError
from onyx_support.domain.network import OfficeKind, TerritoryClaim, check_claims, check_office_links
from onyx_support.services.assignment import delete_office_rules, sync_office_rules
from onyx_support.services.calendars import clear_calendar_cache, windows_from_rows
from onyx_support.services.errors import throw_domain_error
from onyx_support.services.routing import clear_routing_cache


class DuplicateEngineer(frappe.ValidationError):
	pass


class SupportOffice(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def before_validate(self):
		# The desk pre-fills Link fields to Company from the user's defaults; a distributor's form
		# hides that field, so a value there is a default, not a choice.
		if self.office_kind == "Distributor":
			self.company = None

	def validate(self):
		try:
			self.validate_links()
			self.validate_calendar()
			self.validate_territory_claims()
		except DomainError as error:
			throw_domain_error(error)
		self.validate_engineers()

	def on_update(self):
		clear_routing_cache()
		clear_calendar_cache()
		sync_office_rules(self)

	def on_trash(self):
		clear_routing_cache()
		clear_calendar_cache()
		delete_office_rules(self.name)

	def validate_links(self):
		parent_kind = None
		if self.parent_office:
			if self.parent_office == self.name:
				frappe.throw(_("An office cannot report to itself."))
			parent_kind = frappe.db.get_value("Support Office", self.parent_office, "office_kind")
		check_office_links(
			OfficeKind(self.office_kind),
			self.company,
			self.sales_partner,
			self.parent_office,
			OfficeKind(parent_kind) if parent_kind else None,
		)

	def validate_calendar(self):
		validate_calendar(self.time_zone, windows_from_rows(self.working_hours))

	def validate_territory_claims(self):
		self.drop_repeated_territory_rows()
		own = [TerritoryClaim(self.name, row.territory, row.system or None) for row in self.territories]
		check_claims(self.name, OfficeKind(self.office_kind), own, self.claims_of_other_offices())

	def drop_repeated_territory_rows(self):
		seen, kept = set(), []
		for row in self.territories:
			key = (row.territory, row.system or None)
			if key not in seen:
				seen.add(key)
				kept.append(row)
		if len(kept) != len(self.territories):
			self.territories = kept
			for idx, row in enumerate(self.territories, start=1):
				row.idx = idx

	def claims_of_other_offices(self) -> list[TerritoryClaim]:
		territories = list({row.territory for row in self.territories})
		if not territories:
			return []
		rows = frappe.get_all(
			"Support Office Territory",
			filters={
				"parenttype": "Support Office",
				"parent": ("!=", self.name),
				"territory": ("in", territories),
			},
			fields=["parent", "territory", "system"],
			order_by=None,
		)
		return [TerritoryClaim(row.parent, row.territory, row.system or None) for row in rows]

	def validate_engineers(self):
		seen = set()
		for row in self.engineers:
			if row.user in seen:
				frappe.throw(
					_("Row {0}: {1} is listed twice among the engineers.").format(
						row.idx, frappe.bold(row.user)
					),
					DuplicateEngineer,
				)
			seen.add(row.user)
