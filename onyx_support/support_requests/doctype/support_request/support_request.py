# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, get_datetime, now_datetime, strip_html

from onyx_support.domain import requests as rules
from onyx_support.domain.analytics import subject_key
from onyx_support.domain.errors import DomainError
from onyx_support.domain.request_flow import State, is_done, is_reopening
from onyx_support.domain.text import without_controls
from onyx_support.permissions.clients import is_trusted_contact_of, trusted_sender
from onyx_support.permissions.visibility import assert_office_is_yours
from onyx_support.services import assignment, new_notifications, sla, workflow_inbox
from onyx_support.services.analytics.figures import REQUEST_INDEXES
from onyx_support.services.errors import throw_domain_error
from onyx_support.services.requests import already_filed, submission_key
from onyx_support.services.routing import central_office, route_customer
from onyx_support.services.warranty import charges, coverage

BILLABLE = "Billable"

workflow_inbox.install()  # no Workflow Action inbox for requests (services/workflow_inbox.py)

SINGLE_LINE = ("Data",)
MULTILINE = ("Small Text", "Text", "Text Editor")


class InstallationOfAnotherCustomer(frappe.ValidationError):
	pass


class DescriptionTooLong(frappe.ValidationError):
	pass


class ContactOfAnotherCustomer(frappe.ValidationError):
	pass


class AlreadyFiled(frappe.ValidationError):
	"""A retry of an intake already filed (same user, same submission key)."""

	http_status_code = 409


class SupportRequest(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def before_insert(self):
		self.take_submission_key()

	def take_submission_key(self):
		"""A retry with the same key by the same user is refused with the request already filed
		(REST answers 409 with its name; the portal returns it instead)."""
		self.intake_key = submission_key(self.intake_key)
		if not self.intake_key:
			return
		filed = already_filed(frappe.session.user, self.intake_key)
		if filed:
			frappe.throw(_("This request was already filed as {0}.").format(frappe.bold(filed)), AlreadyFiled)

	def validate(self):
		self.share_trust_with_previous_copy()
		self.remove_control_characters()
		self.key_subject()
		self.identify_sender()
		self.check_installation_belongs_to_customer()
		self.check_contact_belongs_to_customer()
		self.route_to_office()
		self.check_office_is_visible()
		self.check_description_size()
		try:
			self.check_work_log()
			rules.check_resolution(self.status or State.NEW.value, strip_html(self.resolution_summary or ""))
			rules.check_rating(self.feedback_rating)
		except DomainError as error:
			throw_domain_error(error)
		self.total_minutes = sum(row.duration_minutes or 0 for row in self.work_log)
		self.keep_assignee()
		self.follow_state()
		self.mark_open()
		self.stamp_coverage()
		self.assign_engineer()

	def share_trust_with_previous_copy(self):
		"""Frappe's workflow check reads the transitions of the copy before save, with its own
		permission check. A portal action (the client holds no DocPerm; the portal checked that
		the request is the client's) passes its trust on to that copy."""
		previous = self.get_doc_before_save()
		if previous and self.flags.ignore_permissions:
			previous.flags.ignore_permissions = True

	def remove_control_characters(self):
		"""Whatever door the text came through (portal, REST, e-mail): no NUL, ESC and the like."""
		for df in self.meta.get("fields", {"fieldtype": ("in", SINGLE_LINE + MULTILINE)}):
			value = self.get(df.fieldname)
			if isinstance(value, str):
				self.set(df.fieldname, without_controls(value, multiline=df.fieldtype in MULTILINE))
		for row in self.work_log:
			row.note = without_controls(row.note, multiline=True)
			row.remote_session_id = without_controls(row.remote_session_id)

	def key_subject(self):
		"""The subject's fingerprint, so that a client asking the same thing again is counted
		(an index on customer and key serves the analyses)."""
		if self.is_new() or self.has_value_changed("subject") or not self.subject_key:
			self.subject_key = subject_key(self.subject)

	def keep_assignee(self):
		"""Frappe's assignment writes the engineer straight to the database; an older copy of the
		document being saved must not erase it."""
		previous = self.get_doc_before_save()
		if previous and previous.assigned_engineer and not self.assigned_engineer:
			self.assigned_engineer = previous.assigned_engineer

	def identify_sender(self):
		"""A request by e-mail names no customer: find it from a sender address staff know for
		exactly one client (permissions/clients.py); anything else goes to central, flagged."""
		if self.customer or not self.raised_by:
			return
		known = trusted_sender(self.raised_by)
		if known:
			self.customer, self.contact = known
			self.customer_name = frappe.db.get_value("Customer", self.customer, "customer_name")
		else:
			self.sender_unknown = 1

	def check_installation_belongs_to_customer(self):
		if not self.installation:
			return
		# read once for the save: the coverage stamp takes the same row (services/warranty/coverage.py)
		values = frappe.db.get_value(
			"Client Installation",
			self.installation,
			[*coverage.INSTALLATION_FIELDS, "customer"],
			as_dict=True,
		)
		if not values:
			return
		self.flags.installation_values = values
		owner, self._installation_office = values.customer, values.serving_office
		if self.customer and owner != self.customer:
			frappe.throw(
				_("Installation {0} belongs to another client.").format(frappe.bold(self.installation)),
				InstallationOfAnotherCustomer,
			)
		self.customer = owner

	def check_contact_belongs_to_customer(self):
		if not self.contact or not (self.is_new() or self.has_value_changed("contact")):
			return
		if not is_trusted_contact_of(self.contact, self.customer):
			frappe.throw(
				_("Contact {0} is not a contact of {1}.").format(
					frappe.bold(self.contact), frappe.bold(self.customer_name or self.customer)
				),
				ContactOfAnotherCustomer,
			)

	def route_to_office(self):
		"""The office serving the installation, else the customer's; unknown senders go to central."""
		if self.office and not self.is_new() and not self.has_value_changed("installation"):
			return
		office = getattr(self, "_installation_office", None) if self.installation else None
		if not office and self.customer:
			decision = route_customer(self.customer, self.system)
			office = decision.office if decision else None
		self.office = office or central_office()
		# fetch_from ran before the office was known: the office's address is set with the office,
		# so the "new request" notification has someone to write to
		self.office_email = (
			frappe.get_cached_value("Support Office", self.office, "email") if self.office else None
		)

	def check_office_is_visible(self):
		if self.is_new() and not self.flags.ignore_permissions:
			assert_office_is_yours(self.office)

	def check_description_size(self):
		if len(self.description or "") > rules.MAX_DESCRIPTION_CHARS:
			frappe.throw(
				_("The description is too long ({0} characters at most).").format(
					rules.MAX_DESCRIPTION_CHARS
				),
				DescriptionTooLong,
			)

	def check_work_log(self):
		now = now_datetime()
		for row in self.work_log:
			row.engineer = row.engineer or frappe.session.user
			row.started_at = row.started_at or now
			rules.check_work_log_row(row.idx, row.duration_minutes, get_datetime(row.started_at), now)

	def stamp_coverage(self):
		"""Free, under agreement, in grace or billable: the request at opening, each work-log row
		at its own date (services/warranty/coverage.py)."""
		if self.is_new():
			coverage.stamp_request(self)
		coverage.stamp_work_log(self)

	def assign_engineer(self):
		"""A new request of an open state gets an engineer of its office (services/assignment.py)."""
		if self.is_new():
			assignment.assign_on_insert(self)

	def after_insert(self):
		assignment.after_insert(self)
		new_notifications.queue_new_notifications(self)  # mailed by a job after the commit

	def on_change(self):
		new_notifications.run_value_change_notifications(self)  # Frappe's, from cached Notifications

	def on_update(self):
		if not self.flags.in_insert:
			assignment.follow_open_flag(self)
			assignment.assign_on_update(self)
		previous = self.get_doc_before_save()
		billable_before = previous and any(row.coverage_state == BILLABLE for row in previous.work_log)
		if billable_before or any(row.coverage_state == BILLABLE for row in self.work_log):
			charges.sync_request_charges(self)

	def mark_open(self):
		self.is_open = 0 if is_done(self.status) else 1

	def follow_state(self):
		"""Clocks, stamps and escalation bookkeeping when the status moves."""
		if self.is_new():
			self.status = self.status or State.NEW.value
			sla.start_clocks(self)
			return
		previous = self.get_doc_before_save()
		previous_state = previous.status if previous else None
		if previous_state == self.status:
			sla.refresh_status(self)
			return
		if self.status == State.ESCALATED.value:
			self.escalated_on = now_datetime()
		if previous_state == State.ESCALATED.value and self.status == State.TRIAGED.value:
			self.returned_to_office_on = now_datetime()
		self.count_reopening(previous_state)
		sla.on_state_change(self, previous_state)

	def count_reopening(self, previous_state: str | None):
		"""A resolved request sent back to work (the engineer's or the client's Reopen) counts
		once more, for the reopened share of the analyses."""
		if is_reopening(previous_state, self.status):
			self.reopen_count = cint(self.reopen_count) + 1


def on_doctype_update():
	# One request per submission key and user: a retried or concurrent submission cannot file twice.
	frappe.db.add_unique("Support Request", ["owner", "intake_key"], constraint_name="unique_intake_key")
	# The queues people sort: an office's open requests, an engineer's, the network's and a
	# client's. `is_open` is one value where the open states are seven: the index serves the filter
	# and the sort together (a status IN (...) made MariaDB sort every matching row).
	for columns in QUEUE_INDEXES:
		frappe.db.add_index("Support Request", list(columns))
	frappe.db.add_index("Support Request", ["status", "sla_status"])
	# the analyses' live counts and lists: an office's requests by opening, breaches by opening
	for columns in REQUEST_INDEXES:
		frappe.db.add_index("Support Request", list(columns))
	frappe.db.add_index("Support Request", list(SUBJECT_INDEX))
	# the rollup's months: requests opened in them, and those modified since its last run
	frappe.db.add_index("Support Request", ["opened_on"])


QUEUE_INDEXES = (
	("office", "is_open", "resolution_due"),
	("assigned_engineer", "is_open", "resolution_due"),
	("is_open", "resolution_due"),
	("customer", "is_open", "creation"),
	("customer", "creation"),
)
# Repeat subjects of a client: its earlier requests with the same subject key (rollup refresh).
SUBJECT_INDEX = ("customer", "subject_key", "opened_on")
