"""Whitelisted actions on support requests. Each checks permission before any side effect."""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import now_datetime

from onyx_support.arguments import checked_arguments
from onyx_support.permissions.clients import contact_of_user, is_portal_user_of, is_trusted_contact_of
from onyx_support.permissions.guards import by_rule

DECISIONS = {"Approved": "Record Approval", "Declined": "Record Decline"}


class NotClientContact(frappe.PermissionError):
	pass


class InvalidDecision(frappe.ValidationError):
	pass


def _request_for(name: str, ptype: str = "write"):
	doc = frappe.get_doc("Support Request", name)
	doc.check_permission(ptype)
	return doc


@frappe.whitelist(methods=["POST"])
@checked_arguments
def log_phone_call(
	customer: str,
	subject: str,
	reason: str = "Guidance",
	priority: str = "Medium",
	description: str | None = None,
	installation: str | None = None,
	contact: str | None = None,
	duration_minutes: int | None = None,
) -> str:
	"""An engineer records a call: the request, with the call as its first work-log row."""
	frappe.has_permission("Support Request", "create", throw=True)
	doc = frappe.get_doc(
		{
			"doctype": "Support Request",
			"customer": customer,
			"contact": contact,
			"installation": installation,
			"subject": subject,
			"reason": reason,
			"priority": priority,
			"description": description,
			"channel": "Phone",
		}
	)
	if duration_minutes:
		doc.append(
			"work_log",
			{
				"engineer": frappe.session.user,
				"means": "Phone / Internet",
				"started_at": now_datetime(),
				"duration_minutes": int(duration_minutes),
				"note": _("Phone call"),
			},
		)
	doc.insert()
	return doc.name


@frappe.whitelist(methods=["POST"])
@checked_arguments
def request_client_approval(
	name: str, proposed_action: str, proposed_means: str | None = None, proposed_schedule: str | None = None
) -> str:
	doc = _request_for(name)
	doc.proposed_action = proposed_action
	doc.proposed_means = proposed_means
	doc.proposed_schedule = proposed_schedule
	doc.approval_status = "Pending"
	doc.approval_requested_on = now_datetime()
	doc.approval_requested_by = frappe.session.user
	doc.approval_decided_on = doc.approval_decided_by = doc.approval_note = None
	by_rule(doc).save()
	apply_workflow(doc, "Request Client Approval")
	return doc.status


@frappe.whitelist(methods=["POST"])
@checked_arguments
def record_client_decision(
	name: str, decision: str, contact: str | None = None, note: str | None = None
) -> str:
	"""The client approves or declines the proposed execution.

	A client's own contact decides through the portal; an engineer may record a decision given
	by phone, naming the client's contact who gave it.
	"""
	if decision not in DECISIONS:
		frappe.throw(_("The decision must be Approved or Declined."), InvalidDecision)
	doc = frappe.get_doc("Support Request", name)
	user = frappe.session.user
	if is_portal_user_of(user, doc.customer):
		contact = contact_of_user(user, doc.customer)
		if not contact:
			frappe.throw(_("Your user is not linked to a contact of this client."), NotClientContact)
	else:
		doc.check_permission("write")
		if not is_trusted_contact_of(contact, doc.customer):
			frappe.throw(
				_("Only a contact of {0} can approve or decline this request.").format(
					frappe.bold(doc.customer_name or doc.customer)
				),
				NotClientContact,
			)
	doc.approval_status = decision
	doc.approval_decided_on = now_datetime()
	doc.approval_decided_by = contact
	doc.approval_recorded_by = user
	doc.approval_note = note
	doc.flags.ignore_permissions = True  # the caller was checked above; clients cannot edit otherwise
	by_rule(doc).save()
	apply_workflow(doc, DECISIONS[decision])
	doc.add_comment(
		"Info",
		_("{0} the proposed execution (recorded by {1}).").format(
			_(decision), frappe.utils.get_fullname(user)
		),
	)
	return doc.status


@frappe.whitelist(methods=["POST"])
@checked_arguments
def escalate_to_central(name: str, reason: str, note: str | None = None) -> str:
	doc = _request_for(name)
	doc.escalation_reason = reason
	doc.escalation_note = note
	doc.save()
	apply_workflow(doc, "Escalate to Central")
	return doc.status
