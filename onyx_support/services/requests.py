"""Support-request services that are not one document's own business: the intake's submission
key, and auto-close."""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow

from onyx_support.domain.text import without_controls
from onyx_support.services.jobs import each_row, scheduled_job


def submission_key(given: str | None = None) -> str | None:
	"""The intake's one-time key: the portal form's, else REST's Idempotency-Key header."""
	header = frappe.request.headers.get("Idempotency-Key") if getattr(frappe.local, "request", None) else None
	key = without_controls((given or header or "").strip())
	return key[:140] or None


def already_filed(user: str, key: str | None, latest: bool = False) -> str | None:
	"""The request this user filed with this submission key, if any. `latest`: a locking read,
	which sees what another transaction committed since this one began (a concurrent retry)."""
	if not key:
		return None
	return frappe.db.get_value(
		"Support Request", {"owner": user, "intake_key": key}, "name", for_update=latest
	)


def resolved_requests_to_close() -> list[str]:
	"""Resolved requests whose office's auto-close delay has passed since resolution (one query)."""
	from pypika.terms import Function

	request = frappe.qb.DocType("Support Request")
	office = frappe.qb.DocType("Support Office")
	days_since = Function("DATEDIFF", frappe.utils.now_datetime(), request.resolved_on)  # MariaDB: days
	return (
		frappe.qb.from_(request)
		.join(office)
		.on(office.name == request.office)
		.select(request.name)
		.where(
			(request.status == "Resolved")
			& (office.auto_close_days > 0)
			& (request.resolved_on.isnotnull())
			& (days_since >= office.auto_close_days)
		)
		.run(pluck=True)
	)


@scheduled_job("auto_close")
def auto_close_resolved() -> int:
	"""Daily: close what the client left resolved for the office's number of days. Each request on
	its own: one that cannot be closed is logged and the others still close."""

	def close(name):
		doc = frappe.get_doc("Support Request", name)
		doc.flags.ignore_permissions = True
		apply_workflow(doc, "Close")
		doc.add_comment("Info", _("Closed automatically: no reply from the client since it was resolved."))

	closed, _failed = each_row(_("Auto-close"), "Support Request", resolved_requests_to_close(), close)
	return closed
