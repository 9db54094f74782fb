"""Visit reports for tests: planned for a request of the test network and walked through the
workflow as the office's engineer would."""

import base64
import struct
import zlib

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_to_date, now_datetime

from onyx_support.tests.utils import make_request


def png_signature(width: int = 40, height: int = 12) -> str:
	"""A real (tiny) PNG as the browser's canvas gives it: a data URL."""

	def chunk(kind: bytes, data: bytes) -> bytes:
		return (
			struct.pack(">I", len(data))
			+ kind
			+ data
			+ struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
		)

	rows = b"".join(b"\0" + bytes([0, 0, 0, 255] * width) for _row in range(height))
	png = (
		b"\x89PNG\r\n\x1a\n"
		+ chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
		+ chunk(b"IDAT", zlib.compress(rows))
		+ chunk(b"IEND", b"")
	)
	return "data:image/png;base64," + base64.b64encode(png).decode()


def make_visit(customer: str, engineer: str, requests=None, **overrides):
	"""A planned visit (inserted as the engineer, who must be of the requests' office)."""
	requests = requests or [make_request(customer).name]
	start = overrides.pop("planned_start", add_to_date(now_datetime(), hours=-4))
	doc = frappe.get_doc(
		{
			"doctype": "Visit Report",
			"customer": customer,
			"visit_kind": overrides.pop("visit_kind", "Corrective"),
			"planned_start": start,
			"planned_end": overrides.pop("planned_end", add_to_date(start, hours=3)),
			"engineers": overrides.pop("engineers", [{"engineer": engineer}]),
			"requests": [{"support_request": name} for name in requests],
			**overrides,
		}
	)
	previous = frappe.session.user
	frappe.set_user(engineer)
	try:
		doc.insert()
	finally:
		frappe.set_user(previous)
	return doc


def walk(name: str, *actions: str, user: str | None = None):
	previous = frappe.session.user
	if user:
		frappe.set_user(user)
	try:
		for action in actions:
			apply_workflow(frappe.get_doc("Visit Report", name), action)
	finally:
		frappe.set_user(previous)
	return frappe.get_doc("Visit Report", name)


def past_slot():
	"""An end time a day before any visit on record (the test site keeps what earlier runs
	committed): visits never overlap, unless a test asks for the same slot."""
	earliest = frappe.db.sql("select min(arrival) from `tabVisit Report`")[0][0]
	latest_free = add_to_date(earliest, days=-1) if earliest else add_to_date(now_datetime(), hours=-1)
	return min(latest_free, add_to_date(now_datetime(), hours=-1))


def visit_awaiting_signature(
	customer: str, engineer: str, hours_on_site: float = 2, departure=None, **overrides
):
	"""A visit done: on site for `hours_on_site` hours until `departure`, report written."""
	departure = departure or past_slot()
	arrival = add_to_date(departure, hours=-hours_on_site)
	overrides.setdefault("planned_start", arrival)
	doc = make_visit(customer, engineer, **overrides)
	previous = frappe.session.user
	frappe.set_user(engineer)
	try:
		doc.reload()
		doc.arrival, doc.departure = arrival, departure
		doc.summary = "<p>Checked the posting queue and the nightly jobs.</p>"
		doc.save()
	finally:
		frappe.set_user(previous)
	return walk(doc.name, "Arrive on Site", "Leave Site", user=engineer)
