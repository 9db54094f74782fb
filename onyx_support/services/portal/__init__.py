"""What a client contact sees on the support portal, and the one ownership check every portal
action uses.

Clients hold no DocPerm on the app's DocTypes (permissions/visibility.py): Frappe's generic doors
(REST, getdoc, reportview, comments, print) give them nothing. This module is their only door:
every read is filtered by `portal_customers` (ERPNext's Portal Users of the Customer) and names
its fields, and what staff wrote for each other (mail, files, comments, work log) stays out."""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from onyx_support.domain.audience import client_sees
from onyx_support.domain.business_calendar import UTC, is_working_instant
from onyx_support.domain.errors import DomainError
from onyx_support.domain.request_flow import State, is_done
from onyx_support.domain.requests import reopen_window_open
from onyx_support.permissions.clients import known_addresses
from onyx_support.permissions.visibility import portal_customers
from onyx_support.services.calendars import get_office_calendar
from onyx_support.services.clock import to_utc

LIST_FIELDS = [
	"name",
	"subject",
	"status",
	"priority",
	"reason",
	"installation",
	"system",
	"office",
	"creation",
	"first_response_due",
	"first_responded_on",
	"resolution_due",
	"resolved_on",
	"approval_status",
]
# the portal list's status filter: open, closed or all requests
STATUS_FILTERS = ("open", "closed", "all")


def require_client() -> list[str]:
	"""The caller's customers; a guest is sent to log in, a user with no customer is refused."""
	if frappe.session.user == "Guest":
		raise frappe.PermissionError(_("Please log in to reach the support portal."))
	customers = portal_customers()
	if not customers:
		raise frappe.PermissionError(_("Your user is not a contact of any client."))
	return customers


def own_request(name: str):
	"""The request if it belongs to one of the caller's customers; otherwise 'not found', the same
	answer as for a name that does not exist, so nothing is revealed."""
	customers = require_client()
	customer = frappe.db.get_value("Support Request", name, "customer") if isinstance(name, str) else None
	if not customer or customer not in customers:
		raise frappe.DoesNotExistError(_("Support request {0} not found.").format(name))
	return frappe.get_doc("Support Request", name)


def client_zone(office: str | None = None) -> ZoneInfo:
	"""The user's own time zone, else the serving office's (clients sit where their office is).
	Both come from Frappe's document cache: a list of requests costs no query per row."""
	zone = frappe.get_cached_value("User", frappe.session.user, "time_zone")
	if not zone and office:
		zone = frappe.get_cached_value("Support Office", office, "time_zone")
	try:
		return ZoneInfo(zone or "UTC")
	except (ZoneInfoNotFoundError, ValueError):
		return ZoneInfo("UTC")


def local_time_label(value, office: str | None = None, zone: ZoneInfo | None = None) -> str:
	if not value:
		return ""
	zone = zone or client_zone(office)
	local = to_utc(get_datetime(value)).astimezone(zone)
	return "{0} ({1})".format(local.strftime("%Y-%m-%d %H:%M"), zone.key)


def next_deadline(row, zone: ZoneInfo | None = None) -> str:
	if is_done(row.status):
		return ""
	due = row.resolution_due if row.first_responded_on else row.first_response_due
	return local_time_label(due, row.office, zone)


def requests_statement(
	customers: list[str], status: str = "open", search: str | None = None, limit: int = 100
) -> tuple[str, dict]:
	"""The portal list's one statement and its values: the customers' requests, newest first, on the
	(customer, creation) and (customer, is_open, creation) indexes. Written out rather than built by
	get_all, so the portal's lists cost what their query costs."""
	conditions = ["customer in %(customers)s"]
	if status in ("open", "closed"):
		conditions.append("is_open = %(is_open)s")
	if search:
		conditions.append("(subject like %(search)s or name like %(search)s)")
	statement = (
		"select {fields} from `tabSupport Request` where {conditions} order by creation desc limit %(limit)s"
	)
	return (
		statement.format(
			fields=", ".join(f"`{field}`" for field in LIST_FIELDS), conditions=" and ".join(conditions)
		),
		{
			"customers": tuple(customers),
			"is_open": 1 if status == "open" else 0,
			"search": f"%{search}%",
			"limit": int(limit),
		},
	)


def list_requests(
	status: str = "open", search: str | None = None, limit: int = 100, customers: list[str] | None = None
) -> list:
	"""The caller's requests with their next deadline in the client's time; `customers`: what
	prepare_page or require_client already found."""
	customers = customers or require_client()
	rows = frappe.db.sql(*requests_statement(customers, status, search, limit), as_dict=True)
	zones = {}  # the zone of each office the rows name, looked up once per list
	for row in rows:
		if row.office not in zones:
			zones[row.office] = client_zone(row.office)
		row.next_deadline = next_deadline(row, zones[row.office])
	return rows


def installations(customers: list[str] | None = None) -> list:
	"""The customer's installations with how to reach the serving office (three queries)."""
	customers = customers or require_client()
	rows = frappe.get_all(
		"Client Installation",
		filters={"customer": ("in", customers), "status": "Active"},
		fields=["name", "system", "version", "serving_office", "customer_name"],
		order_by="system asc",
	)
	offices = {row.serving_office for row in rows if row.serving_office}
	contact = {
		office.name: office
		for office in frappe.get_all(
			"Support Office",
			filters={"name": ("in", list(offices) or [""])},
			fields=["name", "email", "phone", "time_zone"],
		)
	}
	system_names = {
		item.name: item.item_name
		for item in frappe.get_all(
			"Item", filters={"name": ("in", [r.system for r in rows] or [""])}, fields=["name", "item_name"]
		)
	}
	for row in rows:
		row.system_name = system_names.get(row.system, row.system)
		row.office_contact = contact.get(row.serving_office)
	return rows


def public_history(doc) -> list[dict]:
	"""Replies both ways: Communications the client may see (domain/audience.py), with their
	files. Internal comments, staff-to-staff mail, held mail and the work log never appear."""
	rows = frappe.get_all(
		"Communication",
		filters={
			"reference_doctype": "Support Request",
			"reference_name": doc.name,
			"communication_type": "Communication",
		},
		fields=[
			"name",
			"sender",
			"sender_full_name",
			"recipients",
			"cc",
			"content",
			"creation",
			"sent_or_received",
			"subject",
		],
		order_by="creation asc",
	)
	known = known_addresses(doc.customer, (doc.contact,) if doc.contact else ())
	rows = [
		row
		for row in rows
		if client_sees(
			row.sent_or_received, row.sender, ", ".join(filter(None, [row.recipients, row.cc])), known
		)
	]
	files: dict[str, list] = {}
	for file in frappe.get_all(
		"File",
		filters={
			"attached_to_doctype": "Communication",
			"attached_to_name": ("in", [r.name for r in rows] or [""]),
		},
		fields=["name", "attached_to_name", "file_name", "file_url"],
	):
		files.setdefault(file.attached_to_name, []).append(file)
	for row in rows:
		row.from_support = row.sent_or_received == "Sent"
		row.when = local_time_label(row.creation, doc.office)
		row.attachments = [_through_portal(doc, file) for file in files.get(row.name, [])]
	return rows


def request_attachments(doc) -> list:
	"""Files the client's own people attached to the request (staff files stay internal unless
	they are sent to the client by mail)."""
	files = frappe.get_all(
		"File",
		filters={
			"attached_to_doctype": "Support Request",
			"attached_to_name": doc.name,
			"owner": ("in", client_users(doc.customer) or [""]),
		},
		fields=["name", "file_name", "file_url", "file_size"],
		order_by="creation asc",
	)
	return [_through_portal(doc, file) for file in files]


def _through_portal(doc, file):
	"""Links go through the portal's download (api/portal.py), which checks the file is one the
	client may see: a private file's own URL would ask Frappe, which gives clients nothing."""
	file.file_url = "/api/method/onyx_support.api.portal.download_file?" + frappe.utils.urlencode(
		{"request": doc.name, "file": file.name}
	)
	return file


def client_users(customer: str) -> list[str]:
	return frappe.get_all(
		"Portal User", filters={"parenttype": "Customer", "parent": customer}, pluck="user", order_by=None
	)


def visible_file(doc, file_name: str):
	"""The File if the client may see it on this request; None otherwise."""
	allowed = {f.name for f in request_attachments(doc)}
	for row in public_history(doc):
		allowed.update(f.name for f in row.attachments)
	return frappe.get_doc("File", file_name) if file_name in allowed else None


def may_reopen(doc) -> bool:
	if doc.status != State.RESOLVED.value:
		return False
	days = frappe.get_cached_value("Support Office", doc.office, "reopen_window_days")
	resolved_on = get_datetime(doc.resolved_on) if doc.resolved_on else None
	return reopen_window_open(resolved_on, now_datetime(), days)


def office_open_now(office: str | None) -> bool | None:
	"""Whether the office is working now; None when it is unknown or has no calendar."""
	if not office:
		return None
	try:
		return is_working_instant(get_office_calendar(office), datetime.now(tz=UTC))
	except DomainError:
		return None


def prepare_page(context, title: str, active: str) -> list[str]:
	"""Send guests to log in; refuse users who are no client's contact; fill the common context."""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=" + frappe.utils.quote(frappe.request.path)
		raise frappe.Redirect
	customers = require_client()
	# Frappe makes a session's CSRF token only when the desk loads; portal-only users never load
	# it, and without a token Frappe skips the check. Make one so every portal POST is checked.
	frappe.sessions.get_csrf_token()
	context.no_cache = 1
	context.show_sidebar = False
	context.title = title
	context.active = active
	context.rtl = frappe.utils.jinja_globals.is_rtl()
	context.customer_names = frappe.get_all(
		"Customer", filters={"name": ("in", customers)}, pluck="customer_name", order_by="customer_name asc"
	)
	context.parents = (
		[{"route": "/support", "title": _("Support", context="onyx_support")}] if active != "home" else []
	)
	return customers
