"""Support-request services that are not one document's own business: auto-close."""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow

from onyx_support.services.jobs import each_row, scheduled_job


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

	closed, _failed = each_row("Auto-close", "Support Request", resolved_requests_to_close(), close)
	return closed
