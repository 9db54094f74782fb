"""Field service demo: the Support Directorate tree, the distribution rules and visit reports in
every state of the Visit Report Flow. Idempotent like the rest of the demo.

A visit is walked as its lead engineer would (plan, arrive, leave, signatures, share); a visit
found again is only moved on towards the state its data asks for, never back."""

import base64
import math
import struct
import zlib
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_to_date, get_system_timezone, now_datetime

from onyx_support.demo.data import DIRECTORATE_USERS, DIRECTORATES, DISTRIBUTION_RULES, demo_user_email
from onyx_support.demo.visit_data import VISITS
from onyx_support.roles import DIRECTORATE_MEMBER
from onyx_support.tests.utils import make_user

PLANNING = ("Planned", "Rescheduled")
DONE = ("On Site", "Awaiting Signature", "Signed", "Shared")


def make_field_service():
	make_directorates()
	make_distribution_rules()
	for spec in VISITS:
		make_visit(spec)


# --- directorates and rules ----------------------------------------------------------------------


def make_directorates():
	for full_name in DIRECTORATE_USERS:
		first, last = full_name.split()[0], full_name.split()[-1]
		make_user(demo_user_email(full_name), [DIRECTORATE_MEMBER], first, last_name=last)
	for name, parent, kind, description, members in DIRECTORATES:
		if frappe.db.exists("Support Directorate", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Support Directorate",
				"directorate_name": name,
				"parent_support_directorate": parent,
				"kind": kind,
				"is_group": int(any(row[1] == name for row in DIRECTORATES)),
				"description": description,
				"members": [
					{"user": demo_user_email(member), "member_role": role} for member, role in members
				],
			}
		).insert(ignore_permissions=True)


def make_distribution_rules():
	for spec in DISTRIBUTION_RULES:
		if frappe.db.exists("Visit Distribution Rule", spec["rule_name"]):
			continue
		spec = dict(spec)
		targets = spec.pop("directorates", [])
		frappe.get_doc(
			{
				"doctype": "Visit Distribution Rule",
				**spec,
				"directorates": [
					{"directorate": directorate, "include_subdirectorates": sub}
					for directorate, sub in targets
				],
			}
		).insert(ignore_permissions=True)


# --- visits --------------------------------------------------------------------------------------


@contextmanager
def acting_as(user: str):
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)


def make_visit(spec: dict) -> str:
	requests = [request_of(spec["customer"], subject) for subject in spec["requests"]]
	engineers = [demo_user_email(name) for name in spec["engineers"]]
	name = existing_visit(spec, requests[0])
	if not name:
		approve_on_site(requests)
		name = plan_visit(spec, requests, engineers)
	move_on(name, spec, engineers[0])
	return name


def request_of(customer: str, subject: str) -> str:
	name = frappe.db.get_value("Support Request", {"customer": customer, "subject": subject})
	if not name:
		frappe.throw(f"Demo request not found: {customer} / {subject}")
	return name


def existing_visit(spec: dict, first_request: str) -> str | None:
	"""The demo visit of this customer, kind and first request, if an earlier run made it."""
	candidates = frappe.get_all(
		"Visit Report",
		filters={"customer": spec["customer"], "visit_kind": spec["visit_kind"], "docstatus": ("<", 2)},
		pluck="name",
	)
	if not candidates:
		return None
	found = frappe.get_all(
		"Visit Report Request",
		filters={
			"parenttype": "Visit Report",
			"parent": ("in", candidates),
			"support_request": first_request,
		},
		pluck="parent",
		limit=1,
	)
	return found[0] if found else None


def approve_on_site(requests: list[str]):
	"""Where the office asks for the client's approval, the client agreed to an on-site visit."""
	for name in requests:
		request = frappe.db.get_value(
			"Support Request", name, ["office", "contact", "approval_status", "proposed_means"], as_dict=True
		)
		if not frappe.db.get_value("Support Office", request.office, "approval_required"):
			continue
		if request.approval_status == "Approved" and request.proposed_means == "On-site":
			continue
		frappe.db.set_value(
			"Support Request",
			name,
			{
				"proposed_action": "On-site visit",
				"proposed_means": "On-site",
				"approval_status": "Approved",
				"approval_decided_on": now_datetime(),
				"approval_decided_by": request.contact,
				"approval_recorded_by": "Administrator",
				"approval_note": "Agreed by phone",
			},
		)


def office_calendar(office: str) -> tuple[ZoneInfo, set[str], set[date]]:
	doc = frappe.get_cached_doc("Support Office", office)
	weekdays = {row.weekday for row in doc.working_hours}
	holidays = set()
	if doc.holiday_list:
		holidays = set(frappe.get_all("Holiday", filters={"parent": doc.holiday_list}, pluck="holiday_date"))
	return ZoneInfo(doc.time_zone or get_system_timezone()), weekdays, holidays


def working_day(office: str, offset: int) -> date:
	"""Today + offset in the office's calendar, moved off its weekends and holidays (back for a
	past day, forward for a future one)."""
	zone, weekdays, holidays = office_calendar(office)
	day = datetime.now(zone).date() + timedelta(days=offset)
	step = -1 if offset < 0 else 1
	while (weekdays and day.strftime("%A") not in weekdays) or day in holidays:
		day += timedelta(days=step)
	return day


def at(office: str, day: date, hhmm: str) -> datetime:
	"""The office's local time on that day, as the site stores datetimes (system time zone)."""
	zone = office_calendar(office)[0]
	local = datetime.combine(day, time.fromisoformat(hhmm), zone)
	return local.astimezone(ZoneInfo(get_system_timezone())).replace(tzinfo=None)


def schedule(spec: dict, office: str) -> dict:
	"""Planned window and, for a visit done or under way, arrival and departure."""
	if spec["day"] == 0 and "plan" not in spec:
		start = now_datetime().replace(second=0, microsecond=0)
		start = add_to_date(start, minutes=-(start.minute % 15) - 60)
		return {
			"planned_start": start,
			"planned_end": add_to_date(start, hours=4),
			"arrival": add_to_date(start, minutes=10),
		}
	day = working_day(office, spec["day"])
	times = {
		"planned_start": at(office, day, spec["plan"][0]),
		"planned_end": at(office, day, spec["plan"][1]),
	}
	if spec.get("on_site"):
		times["arrival"] = at(office, day, spec["on_site"][0])
		times["departure"] = at(office, day, spec["on_site"][1])
	return times


def plan_visit(spec: dict, requests: list[str], engineers: list[str]) -> str:
	first = frappe.db.get_value("Support Request", requests[0], ["office", "contact"], as_dict=True)
	times = schedule(spec, first.office)
	doc = frappe.get_doc(
		{
			"doctype": "Visit Report",
			"customer": spec["customer"],
			"contact": first.contact,
			"visit_kind": spec["visit_kind"],
			"language": spec["language"],
			"planned_start": times["planned_start"],
			"planned_end": times["planned_end"],
			"engineers": [{"engineer": engineer} for engineer in engineers],
			"requests": [{"support_request": name} for name in requests],
			"internal_notes": spec.get("internal_notes"),
		}
	)
	with acting_as(engineers[0]):
		doc.insert()
	return doc.name


def installation_of(customer: str, system: str | None) -> str | None:
	if not system:
		return None
	return frappe.db.get_value("Client Installation", {"customer": customer, "system": system})


def write_report(doc, spec: dict):
	"""What the engineer writes on site: time, reviews, actions, recommendations, suggestions."""
	times = schedule(spec, doc.office)
	if "plan" not in spec:  # under way: arrived ten minutes after the planned start
		times["arrival"] = add_to_date(doc.planned_start, minutes=10)
	doc.arrival = times.get("arrival")
	doc.departure = times.get("departure")
	customer = spec["customer"]
	doc.set(
		"installations",
		[
			{
				"installation": installation_of(customer, system),
				"rating": stars / 5 if stars else 0,
				"findings": findings,
			}
			for system, stars, findings in spec.get("installations", [])
		],
	)
	doc.set(
		"actions",
		[
			{
				"action": action,
				"installation": installation_of(customer, system),
				"support_request": doc.requests[0].support_request,
				"solved": solved,
			}
			for action, system, solved in spec.get("actions", [])
		],
	)
	doc.set(
		"recommendations",
		[
			{"recommendation": text, "priority": priority, "actor": actor, "follow_up": follow_up}
			for text, priority, actor, follow_up in spec.get("recommendations", [])
		],
	)
	doc.set(
		"suggestions",
		[{"category": category, "suggestion": text} for category, text in spec.get("suggestions", [])],
	)
	doc.summary = spec.get("summary")
	doc.save()


def move_on(name: str, spec: dict, lead: str):
	"""Walk the visit towards the state its data asks for, from wherever it is now."""
	target = spec["state"]
	doc = frappe.get_doc("Visit Report", name)
	with acting_as(lead):
		if doc.status == "Planned" and target == "Rescheduled":
			days, (start, end) = spec["moved_to"]
			day = working_day(doc.office, days)
			doc.planned_start, doc.planned_end = at(doc.office, day, start), at(doc.office, day, end)
			doc.save()  # new dates: the controller reschedules and tells the client
		if doc.status in PLANNING and target == "Cancelled":
			apply_workflow(doc, "Cancel Visit")
		if doc.status in PLANNING and target in DONE:
			write_report(doc, spec)
			doc = apply_workflow(frappe.get_doc("Visit Report", name), "Arrive on Site")
		if doc.status == "On Site" and target in DONE[1:]:
			doc = apply_workflow(doc, "Leave Site")
		if doc.status == "Awaiting Signature" and target in ("Signed", "Shared"):
			sign(doc, spec, lead)
			doc = frappe.get_doc("Visit Report", name)
		if doc.status == "Signed" and target == "Shared":
			doc = apply_workflow(doc, "Share")
			dated(doc, {"distributed_on": 90})
	if doc.status == "Shared":
		distribute(doc)


def sign(doc, spec: dict, lead: str):
	from onyx_support.api.visits import sign_as_engineer, sign_on_site

	signer_name, signer_role = spec["signer"]
	if not (doc.client_signed_on or doc.client_refused):
		sign_on_site(doc.name, signer_name, signature_png(signer_name), signer_role)
	if not doc.engineer_signed_on:
		sign_as_engineer(doc.name, signature_png(frappe.utils.get_fullname(lead)))
	dated(doc, {"client_signed_on": 5, "engineer_signed_on": 7})


def dated(doc, minutes_after_departure: dict):
	"""The demo loads today what happened on the visit's day: signatures and sharing are dated
	a few minutes after the departure (none of them is part of the signed content)."""
	if not doc.departure:
		return
	frappe.db.set_value(
		"Visit Report",
		doc.name,
		{
			field: add_to_date(doc.departure, minutes=minutes)
			for field, minutes in minutes_after_departure.items()
		},
		update_modified=False,
	)


def distribute(doc):
	"""The job sharing enqueues, run now: the signed PDF kept, the recipients told."""
	from onyx_support.services.pdf import ChromiumMissing
	from onyx_support.services.visits import distribution

	if doc.signed_pdf and all(row.notified_on for row in doc.recipients):
		return
	try:
		distribution.distribute(doc.name)
	except ChromiumMissing:
		# a machine without Chromium still gets the demo; the next load (or the queued job) prints it
		print(f"{doc.name} is shared but has no signed PDF yet: Chromium is missing.")
		return
	doc.reload()
	if doc.departure and doc.distributed_on:  # told when it was shared, on the visit's day
		for row in doc.recipients:
			frappe.db.set_value(
				"Visit Report Recipient",
				row.name,
				"notified_on",
				add_to_date(doc.distributed_on, minutes=1),
				update_modified=False,
			)


# --- a handwritten-looking signature -------------------------------------------------------------


def signature_png(name: str, width: int = 260, height: int = 90) -> str:
	"""A cursive-like stroke, different for each name, as the signature pad's PNG data URL."""
	seed = sum(ord(ch) for ch in name)
	pixels = bytearray(width * height * 4)
	loops = 5 + seed % 4
	steps = 1600

	def dot(x: float, y: float):
		for dy in (-1, 0, 1):
			for dx in (-1, 0, 1):
				px, py = int(x) + dx, int(y) + dy
				if 0 <= px < width and 0 <= py < height:
					offset = (py * width + px) * 4
					pixels[offset : offset + 4] = bytes((20, 30, 90, 255))

	for step in range(steps):
		t = step / steps
		x = 18 + t * (width - 40) + 9 * math.cos(t * loops * 2 * math.pi)
		y = (
			height / 2
			+ 18 * math.sin(t * loops * 2 * math.pi + seed)
			+ 8 * math.sin(t * 3 * math.pi + seed / 7)
		)
		dot(x, y)
	# the underline
	for step in range(width - 60):
		dot(30 + step, height - 14 + 3 * math.sin(step / 40))

	def chunk(kind: bytes, data: bytes) -> bytes:
		return (
			struct.pack(">I", len(data))
			+ kind
			+ data
			+ struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
		)

	rows = b"".join(b"\0" + bytes(pixels[row * width * 4 : (row + 1) * width * 4]) for row in range(height))
	png = (
		b"\x89PNG\r\n\x1a\n"
		+ chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
		+ chunk(b"IDAT", zlib.compress(rows, 9))
		+ chunk(b"IEND", b"")
	)
	return "data:image/png;base64," + base64.b64encode(png).decode()
