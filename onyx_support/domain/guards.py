"""Fields that only the app's own rules may change, whatever door a write comes through.

Frappe checks a write against the values it brings, and does not enforce `read_only` on the
server. So a REST `PUT` could move a request to another office, rate it for the client or move its
deadlines. Each guarded field says who may change it; the glue (permissions/guards.py) compares
the stored document with the incoming one and refuses the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum


class Guard(str, Enum):
	COMPUTED = "computed"  # written by the rules only: routing, SLA, assignment, history
	FIXED = "fixed"  # given when the record is created, never changed after
	CLIENT = "client"  # the client's own: changed through the client's actions only
	ADMIN = "admin"  # network configuration: support administrators only
	# the state of a DocType with a Workflow: changed only by one of its transitions, which Frappe
	# checks on every save (the user's role, the transition's condition); refused without one
	WORKFLOW = "workflow"


GUARDED_FIELDS: dict[str, dict[str, Guard]] = {
	"Support Request": {
		"customer": Guard.FIXED,
		"channel": Guard.FIXED,
		"raised_by": Guard.FIXED,
		"intake_key": Guard.FIXED,
		"origin_visit": Guard.FIXED,
		"coverage_state": Guard.COMPUTED,
		"fixed_in_release": Guard.COMPUTED,
		"fix_delivered_on": Guard.COMPUTED,
		"coverage_agreement": Guard.COMPUTED,
		"covered_until": Guard.COMPUTED,
		"office": Guard.COMPUTED,
		"sender_unknown": Guard.COMPUTED,
		"assigned_engineer": Guard.COMPUTED,
		"sla_policy": Guard.COMPUTED,
		"sla_status": Guard.COMPUTED,
		"opened_on": Guard.COMPUTED,
		"first_response_due": Guard.COMPUTED,
		"first_responded_on": Guard.COMPUTED,
		"resolution_due": Guard.COMPUTED,
		"resolved_on": Guard.COMPUTED,
		"paused_since": Guard.COMPUTED,
		"sla_next_check": Guard.COMPUTED,
		"escalated_on": Guard.COMPUTED,
		"returned_to_office_on": Guard.COMPUTED,
		"total_minutes": Guard.COMPUTED,
		"reopen_count": Guard.COMPUTED,
		"subject_key": Guard.COMPUTED,
		"is_open": Guard.COMPUTED,
		"approval_requested_on": Guard.COMPUTED,
		"approval_requested_by": Guard.COMPUTED,
		"approval_status": Guard.CLIENT,
		"approval_decided_on": Guard.CLIENT,
		"approval_decided_by": Guard.CLIENT,
		"approval_recorded_by": Guard.CLIENT,
		"approval_note": Guard.CLIENT,
		"feedback_rating": Guard.CLIENT,
		"feedback_comment": Guard.CLIENT,
		"helpful_article": Guard.COMPUTED,
	},
	"Visit Report": {
		"customer": Guard.FIXED,
		"office": Guard.COMPUTED,
		"lead_engineer": Guard.COMPUTED,
		"coverage_state": Guard.COMPUTED,
		"planned_local": Guard.COMPUTED,
		"on_site_minutes": Guard.COMPUTED,
		"client_signer_name": Guard.CLIENT,
		"client_signer_role": Guard.CLIENT,
		"client_signature": Guard.CLIENT,
		"client_signed_on": Guard.CLIENT,
		"client_signed_via": Guard.CLIENT,
		"client_signer_contact": Guard.CLIENT,
		"client_refused": Guard.CLIENT,
		"client_refusal_reason": Guard.CLIENT,
		"engineer_signed_by": Guard.COMPUTED,
		"engineer_signature": Guard.COMPUTED,
		"engineer_signed_on": Guard.COMPUTED,
		"signature_valid": Guard.COMPUTED,
		"content_hash": Guard.COMPUTED,
		"signed_pdf": Guard.COMPUTED,
		"signed_pdf_sha256": Guard.COMPUTED,
		"distributed_on": Guard.COMPUTED,
		"recipients": Guard.COMPUTED,
	},
	"Warranty Agreement": {
		"customer": Guard.FIXED,
		"renewal_of": Guard.FIXED,
		"status": Guard.COMPUTED,
		"grace_until": Guard.COMPUTED,
		"end_date": Guard.COMPUTED,
		"sales_invoice": Guard.COMPUTED,
		"reminders": Guard.COMPUTED,
	},
	"Support Charge": {
		"source_key": Guard.FIXED,
		"status": Guard.COMPUTED,
		"customer": Guard.FIXED,
		"office": Guard.FIXED,
		"company": Guard.FIXED,
		"hours": Guard.FIXED,
		"rate": Guard.FIXED,
		"amount": Guard.FIXED,
		"currency": Guard.FIXED,
		"billing_run": Guard.COMPUTED,
		"sales_invoice": Guard.COMPUTED,
	},
	"Billing Run": {
		"company": Guard.COMPUTED,
		"billing_mode": Guard.COMPUTED,
		"invoices": Guard.COMPUTED,
		"total_charges": Guard.COMPUTED,
		"total_amount": Guard.COMPUTED,
		"currency": Guard.COMPUTED,
	},
	"Software Release": {
		"version_key": Guard.COMPUTED,
		"status": Guard.COMPUTED,
		"published_on": Guard.COMPUTED,
		"withdrawn_on": Guard.COMPUTED,
		"withdrawal_reason": Guard.COMPUTED,
	},
	"Release Distribution": {
		"software_release": Guard.FIXED,
		"office": Guard.FIXED,
		"status": Guard.COMPUTED,
		"acknowledged_by": Guard.COMPUTED,
		"acknowledged_on": Guard.COMPUTED,
		"deliveries": Guard.COMPUTED,
		"pending_count": Guard.COMPUTED,
		"delivered_count": Guard.COMPUTED,
	},
	"Client Installation": {
		"customer": Guard.FIXED,
		"routing_basis": Guard.COMPUTED,
		"installation_title": Guard.COMPUTED,
		"routing_territory": Guard.COMPUTED,
		"version_history": Guard.COMPUTED,
	},
	"Knowledge Article": {
		"status": Guard.WORKFLOW,
		"author": Guard.COMPUTED,
		"reviewer": Guard.COMPUTED,
		"published_on": Guard.COMPUTED,
		"helped_count": Guard.COMPUTED,
		"deflected_count": Guard.COMPUTED,
		"source_request": Guard.FIXED,
		"route": Guard.COMPUTED,
	},
	"Support Office": {
		"office_kind": Guard.ADMIN,
		"company": Guard.ADMIN,
		"sales_partner": Guard.ADMIN,
		"parent_office": Guard.ADMIN,
		"is_active": Guard.ADMIN,
		"territories": Guard.ADMIN,
		"approval_required": Guard.ADMIN,
		"sla_policy": Guard.ADMIN,
		"free_support_months": Guard.ADMIN,
		"grace_days": Guard.ADMIN,
	},
}


def refused_changes(
	guards: Mapping[str, Guard],
	before: Mapping[str, object] | None,
	after: Mapping[str, object],
	allowed: set[Guard],
	defaults: Mapping[str, object] | None = None,
) -> list[str]:
	"""The guarded fields the caller changed without the right to; `before` is None on creation,
	when a field may hold nothing or its own default.

	Values are compared as given: the glue normalises them (empty is None) first.
	"""
	refused = []
	for field, guard in guards.items():
		if guard in allowed:
			continue
		new = after.get(field)
		if before is None:
			if guard is Guard.FIXED or new is None or new == (defaults or {}).get(field):
				continue
			refused.append(field)
		elif before.get(field) != new:
			refused.append(field)
	return refused
