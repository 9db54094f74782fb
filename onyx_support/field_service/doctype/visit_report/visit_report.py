# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from onyx_support.domain.errors import VisitError
from onyx_support.domain.text import without_controls
from onyx_support.domain.visits import PLANNING_STATES, VisitState, check_engineers, check_plan
from onyx_support.services.visits import distribution, on_site, planning, signing
from onyx_support.services.visits.errors import throw_visit_error
from onyx_support.services.warranty import charges, coverage

MULTILINE = ("Small Text", "Text")


class SignaturesMissing(frappe.ValidationError):
	pass


class RescheduleWithoutDates(frappe.ValidationError):
	pass


class VisitReport(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		self.share_trust_with_previous_copy()
		self.remove_control_characters()
		requests = planning.served_requests(self)
		planning.fix_customer_and_office(self, requests)
		if self.is_new() or self.requests_changed():
			planning.check_requests_may_be_visited(self, requests)
		planning.check_site_address(self)
		try:
			check_engineers([row.engineer for row in self.engineers])
			check_plan(get_datetime(self.planned_start), get_datetime(self.planned_end))
			self.stamp_arrival_and_departure()
			on_site.count_minutes(self)
		except VisitError as error:
			throw_visit_error(error)
		on_site.check_no_engineer_is_elsewhere(self)
		self.follow_plan_changes()
		self.lead_engineer = self.engineers[0].engineer
		self.planned_local = planning.local_window(self.planned_start, self.planned_end, self.office)
		coverage.stamp_visit(self)
		signing.void_signatures_if_changed(self)
		self.check_signed_state()

	def share_trust_with_previous_copy(self):
		"""Frappe's workflow check reads the transitions of the copy before save with its own
		permission check: a portal signature (the portal checked the report is the client's)
		passes its trust on to that copy."""
		previous = self.get_doc_before_save()
		if previous and self.flags.ignore_permissions:
			previous.flags.ignore_permissions = True

	def remove_control_characters(self):
		for df in self.meta.get("fields", {"fieldtype": ("in", ("Data", *MULTILINE))}):
			value = self.get(df.fieldname)
			if isinstance(value, str):
				self.set(df.fieldname, without_controls(value, multiline=df.fieldtype in MULTILINE))

	def requests_changed(self) -> bool:
		previous = self.get_doc_before_save()
		before = {row.support_request for row in previous.requests} if previous else set()
		return before != {row.support_request for row in self.requests}

	def follow_plan_changes(self):
		"""New dates for a visit not yet started reschedule it (and the client is told); the
		Reschedule action alone, with the same dates, is refused."""
		previous = self.get_doc_before_save()
		if not previous or previous.status not in PLANNING_STATES:
			return
		moved = get_datetime(previous.planned_start) != get_datetime(self.planned_start) or get_datetime(
			previous.planned_end
		) != get_datetime(self.planned_end)
		if moved and self.status in PLANNING_STATES:
			self.status = VisitState.RESCHEDULED.value
			self.flags.rescheduled = True
		elif self.status == VisitState.RESCHEDULED.value and previous.status != self.status and not moved:
			frappe.throw(
				_("Change the planned start or end before rescheduling the visit."), RescheduleWithoutDates
			)

	def stamp_arrival_and_departure(self):
		"""Arriving and leaving stamp the time, unless the engineer typed it."""
		if self.status == VisitState.ON_SITE.value and not self.arrival:
			self.arrival = now_datetime()
		if self.status in (VisitState.AWAITING_SIGNATURE.value, VisitState.SIGNED.value):
			if not self.arrival:
				frappe.throw(_("Record the arrival on site first."), frappe.MandatoryError)
			if not self.departure:
				self.departure = now_datetime()

	def check_signed_state(self):
		if self.status == VisitState.SIGNED.value and not self.signature_valid:
			frappe.throw(
				_("The report needs the client's and the engineer's signatures first."), SignaturesMissing
			)

	def before_submit(self):
		if not (self.signature_valid and (self.client_signed_on or self.client_refused)):
			frappe.throw(
				_(
					"A report is shared once the client signed it (or refused, with a reason) and the engineer signed it."
				),
				SignaturesMissing,
			)
		distribution.record_recipients(self)

	def after_insert(self):
		planning.notify_client(self)

	def on_update(self):
		if self.flags.rescheduled:
			planning.notify_client(self, rescheduled=True)
		if (
			self.departure
			and self.status not in PLANNING_STATES
			and self.status != VisitState.CANCELLED.value
		):
			on_site.sync_work_logs(self)

	def on_submit(self):
		charges.sync_visit_charge(self)
		distribution.open_follow_ups(self)
		distribution.show_on_customer_timeline(self)
		distribution.enqueue_distribution(self)


def on_doctype_update():
	# The calendar and the lists people sort: an office's visits and an engineer's, by date.
	frappe.db.add_index("Visit Report", ["office", "planned_start"])
	frappe.db.add_index("Visit Report", ["lead_engineer", "planned_start"])
	frappe.db.add_index("Visit Report", ["customer", "planned_start"])
