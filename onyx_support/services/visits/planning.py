"""Planning a visit: the requests it serves, the office and customer they fix, the client's
approval where the region asks for it, the date in the office's time, and the client told."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import get_datetime

from onyx_support.domain.request_flow import State as RequestState
from onyx_support.permissions.visibility import assert_office_is_yours
from onyx_support.services.clock import to_utc
from onyx_support.services.mail import queue_mail


class RequestNotPlannable(frappe.ValidationError):
	pass


class AddressOfAnotherCustomer(frappe.ValidationError):
	pass


ON_SITE = "On-site"
CLOSED_REQUESTS = (RequestState.CLOSED.value, RequestState.CANCELLED.value)


def served_requests(doc) -> list[frappe._dict]:
	"""The served requests' routing values, read in one query."""
	names = [row.support_request for row in doc.requests if row.support_request]
	if not names:
		frappe.throw(_("A visit serves at least one support request."), RequestNotPlannable)
	rows = frappe.get_all(
		"Support Request",
		filters={"name": ("in", names)},
		fields=["name", "customer", "office", "status", "approval_status", "proposed_means", "system"],
	)
	if len(rows) != len(set(names)):
		missing = set(names) - {row.name for row in rows}
		frappe.throw(_("Support request {0} not found.").format(", ".join(sorted(missing))))
	return rows


def fix_customer_and_office(doc, requests: list) -> None:
	"""Every request of one customer and one office: the visit takes both from them."""
	customers = {row.customer for row in requests}
	offices = {row.office for row in requests}
	if len(customers) != 1 or (doc.customer and doc.customer not in customers):
		frappe.throw(_("The requests a visit serves must all be of its customer."), RequestNotPlannable)
	if len(offices) != 1:
		frappe.throw(_("The requests a visit serves must all be of one office."), RequestNotPlannable)
	doc.customer = customers.pop()
	doc.office = offices.pop()
	if doc.is_new() and not doc.flags.ignore_permissions:
		assert_office_is_yours(doc.office)


def check_requests_may_be_visited(doc, requests: list) -> None:
	"""A request still open; where the office asks for the client's approval, an approved
	on-site execution."""
	approval_required = frappe.get_cached_value("Support Office", doc.office, "approval_required")
	for row in requests:
		if row.status in CLOSED_REQUESTS:
			frappe.throw(
				_("Support request {0} is {1}: no visit can be planned for it.").format(
					frappe.bold(row.name), _(row.status)
				),
				RequestNotPlannable,
			)
		if approval_required and not (row.approval_status == "Approved" and row.proposed_means == ON_SITE):
			frappe.throw(
				_(
					"Office {0} needs the client's approval of an on-site execution before a visit: "
					"request {1} has none."
				).format(frappe.bold(doc.office), frappe.bold(row.name)),
				RequestNotPlannable,
			)


def check_site_address(doc) -> None:
	"""The site is an address of the customer (checked when either changes); its text refreshed."""
	if not doc.site_address:
		doc.address_display = None
		return
	unchanged = not doc.is_new() and not (
		doc.has_value_changed("site_address") or doc.has_value_changed("customer")
	)
	if not unchanged and not frappe.db.exists(
		"Dynamic Link",
		{
			"parenttype": "Address",
			"parent": doc.site_address,
			"link_doctype": "Customer",
			"link_name": doc.customer,
		},
	):
		frappe.throw(
			_("Address {0} is not an address of {1}.").format(
				frappe.bold(doc.site_address), frappe.bold(doc.customer_name or doc.customer)
			),
			AddressOfAnotherCustomer,
		)
	from frappe.contacts.doctype.address.address import get_address_display

	doc.address_display = get_address_display(doc.site_address)


def office_zone(office: str | None) -> ZoneInfo:
	zone = frappe.get_cached_value("Support Office", office, "time_zone") if office else None
	try:
		return ZoneInfo(zone or "UTC")
	except (ZoneInfoNotFoundError, ValueError):
		return ZoneInfo("UTC")


def local_window(start, end, office: str | None) -> str:
	"""'2026-12-03 09:00 - 12:00 (Asia/Aden)': the plan in the office's own time."""
	if not start or not end:
		return ""
	zone = office_zone(office)
	local_start = to_utc(get_datetime(start)).astimezone(zone)
	local_end = to_utc(get_datetime(end)).astimezone(zone)
	end_format = "%H:%M" if local_end.date() == local_start.date() else "%Y-%m-%d %H:%M"
	return "{0} – {1} ({2})".format(
		local_start.strftime("%Y-%m-%d %H:%M"), local_end.strftime(end_format), zone.key
	)


def notify_client(doc, rescheduled: bool = False) -> None:
	"""A queued mail to the client contact with the date in the office's local time."""
	if not doc.contact_email:
		return
	with print_language(doc.language or "en"):
		subject = (_("Visit rescheduled: {0}") if rescheduled else _("Visit planned: {0}")).format(
			doc.planned_local
		)
		message = frappe.render_template(
			"onyx_support/templates/emails/visit_planned.html",
			{"doc": doc, "rescheduled": rescheduled, "portal_url": frappe.utils.get_url("/support/visits")},
		)
	queue_mail(
		recipients=[doc.contact_email],
		subject=subject,
		message=message,
		reference_doctype=doc.doctype,
		reference_name=doc.name,
	)


def new_visit_for(request_name: str):
	"""An unsaved visit report planned from a request (the form's "Plan a visit")."""
	request = frappe.get_doc("Support Request", request_name)
	request.check_permission("read")
	visit = frappe.new_doc("Visit Report")
	visit.customer = request.customer
	visit.contact = request.contact
	visit.visit_kind = (
		"Installation or Update Delivery" if request.reason == "Update Delivery" else "Corrective"
	)
	if request.proposed_schedule:
		visit.planned_start = request.proposed_schedule
	visit.language = frappe.get_cached_value("Customer", request.customer, "language") or "en"
	visit.append("requests", {"support_request": request.name, "subject": request.subject})
	visit.append("engineers", {"engineer": request.assigned_engineer or frappe.session.user})
	if request.installation:
		visit.append("installations", {"installation": request.installation})
	return visit
