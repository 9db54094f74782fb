"""Visit reports on the client portal, through real HTTP: a client lists and opens its own
customer's reports (never another's, never the internal notes), signs or refuses one awaiting its
signature, and every refused call writes nothing."""

import base64
import struct
import zlib
from datetime import timedelta

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import now_datetime

from onyx_support.tests.network_fixture import (
	CLIENT_A,
	CLIENT_A2,
	CLIENT_B,
	ENGINEER_A,
	ENGINEER_B,
	OFFICE_A,
	OFFICE_B,
	build_request_world,
)
from onyx_support.tests.utils import api_keys_for, make_request, rest_get, rest_post

PORTAL = "/api/method/onyx_support.api.portal."
SECRET_NOTE = "VISIT-INTERNAL-SECRET: the client's server room is a mess"


def png_data_url(width: int = 4, height: int = 2, filler: bytes = b"") -> str:
	"""A real (tiny) PNG as a data URL; `filler` pads it with an ancillary chunk."""

	def chunk(kind: bytes, data: bytes) -> bytes:
		return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

	raw = b"".join(b"\x00" + b"\x00\x00\x00\xff" * width for _row in range(height))
	png = (
		b"\x89PNG\r\n\x1a\n"
		+ chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
		+ (chunk(b"teXt", filler) if filler else b"")
		+ chunk(b"IDAT", zlib.compress(raw))
		+ chunk(b"IEND", b"")
	)
	return "data:image/png;base64," + base64.b64encode(png).decode()


def make_visit(customer: str, request: str, engineer: str, contact: str | None = None, **values):
	"""A planned Visit Report serving the request (as staff would plan it)."""
	start = now_datetime() + timedelta(days=2)
	doc = frappe.get_doc(
		{
			"doctype": "Visit Report",
			"visit_kind": "Corrective",
			"customer": customer,
			"contact": contact,
			"planned_start": start,
			"planned_end": start + timedelta(hours=3),
			"requests": [{"support_request": request}],
			"engineers": [{"engineer": engineer}],
			"internal_notes": SECRET_NOTE,
			**values,
		}
	)
	doc.flags.ignore_permissions = True
	return doc.insert()


def visit_awaiting_signature(customer: str, request: str, engineer: str, contact=None, **values):
	"""A visit taken through its workflow as staff: arrived on site, then left (the time is
	stamped by each step, so two visits of one engineer never overlap)."""
	doc = make_visit(customer, request, engineer, contact, **values)
	apply_workflow(doc, "Arrive on Site")
	apply_workflow(frappe.get_doc("Visit Report", doc.name), "Leave Site")
	return frappe.get_doc("Visit Report", doc.name)


def plannable_request(customer: str, contact: str, user: str, subject: str) -> str:
	"""A request an office may visit whatever its approval rule (the client approved on-site)."""
	name = make_request(customer, subject=subject, contact=contact, raised_by=user).name
	frappe.db.set_value("Support Request", name, {"approval_status": "Approved", "proposed_means": "On-site"})
	return name


class PortalVisitsTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = build_request_world()
		customers, contacts = cls.world["customers"], cls.world["contacts"]
		cls.customer_a, cls.customer_b = customers[OFFICE_A], customers[OFFICE_B]
		cls.contact_a = contacts[CLIENT_A]
		cls.request_a = plannable_request(cls.customer_a, cls.contact_a, CLIENT_A, "visits A")
		cls.request_b = plannable_request(cls.customer_b, contacts[CLIENT_B], CLIENT_B, "visits B")
		cls.tokens = {user: api_keys_for(user) for user in (CLIENT_A, CLIENT_A2, CLIENT_B)}
		frappe.db.commit()  # nosemgrep: HTTP calls run on their own connection

	def setUp(self):
		frappe.cache.delete_keys("onyx_throttle")

	def awaiting_a(self, **values) -> str:
		name = visit_awaiting_signature(
			self.customer_a, self.request_a, ENGINEER_A, self.contact_a, **values
		).name
		frappe.db.commit()  # nosemgrep: the next HTTP call must see it
		return name

	def fields(self, name: str, *fields):
		frappe.db.rollback()  # see what the HTTP calls committed
		return frappe.db.get_value("Visit Report", name, list(fields), as_dict=True)

	def sign(self, name: str, user: str = CLIENT_A, **data):
		values = {"name": name, "signer_name": "Aisha Saleh", "signature": png_data_url(), **data}
		return rest_post(PORTAL + "sign_visit", self.tokens[user], values)


class TestClientSeesOwnVisits(PortalVisitsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.visit_a = visit_awaiting_signature(
			cls.customer_a,
			cls.request_a,
			ENGINEER_A,
			cls.contact_a,
			summary="<p>Rebuilt the <b>stock ledger</b> index.</p><script>alert('x')</script>",
			actions=[{"action": "Rebuilt the index", "support_request": cls.request_a, "solved": 1}],
			recommendations=[{"recommendation": "Back up nightly", "priority": "High", "actor": "Client"}],
			suggestions=[{"category": "Training", "suggestion": "Train two more accountants"}],
			installations=[{"installation": cls.world["installations"][OFFICE_A], "rating": 0.8}],
		).name
		cls.planned_b = make_visit(cls.customer_b, cls.request_b, ENGINEER_B).name
		frappe.db.commit()  # nosemgrep

	def test_list_shows_own_visits_only(self):
		html = rest_get("/support/visits", self.tokens[CLIENT_A2]).get_data(as_text=True)
		self.assertIn(self.visit_a, html)
		self.assertNotIn(self.planned_b, html)
		self.assertIn("onyx-to-sign", html)
		html_b = rest_get("/support/visits", self.tokens[CLIENT_B]).get_data(as_text=True)
		self.assertIn(self.planned_b, html_b)
		self.assertNotIn(self.visit_a, html_b)

	def test_detail_page_shows_the_report_and_never_the_internal_notes(self):
		page = rest_get(f"/support/visits/{self.visit_a}", self.tokens[CLIENT_A])
		html = page.get_data(as_text=True)
		self.assertEqual(page.status_code, 200)
		for shown in ("Rebuilt the index", "Back up nightly", "Train two more accountants", "stock ledger"):
			self.assertIn(shown, html)
		self.assertIn('id="onyx-sign-form"', html)
		self.assertIn("onyx_support.api.portal.visit_pdf", html)
		self.assertFalse("VISIT-INTERNAL-SECRET" in html, "the internal notes are on the page")
		self.assertFalse("<script>alert" in html, "the summary's script is not inert")

	def test_another_customers_visit_is_not_found(self):
		for user, name in ((CLIENT_B, self.visit_a), (CLIENT_A, self.planned_b), (CLIENT_A, "VR-0000-99999")):
			page = rest_get(f"/support/visits/{name}", self.tokens[user])
			self.assertEqual(page.status_code, 404, f"{name} as {user}")
			self.assertNotIn("VISIT-INTERNAL-SECRET", page.get_data(as_text=True))
			pdf = rest_get(PORTAL + "visit_pdf", self.tokens[user], {"name": name})
			self.assertEqual(pdf.status_code, 404, f"pdf of {name} as {user}")

	def test_own_visit_raises_does_not_exist(self):
		from onyx_support.services.portal.visits import list_visits, own_visit

		frappe.set_user(CLIENT_A)
		try:
			self.assertEqual(own_visit(self.visit_a).name, self.visit_a)
			with self.assertRaises(frappe.DoesNotExistError):
				own_visit(self.planned_b)
			with self.assertRaises(frappe.DoesNotExistError):
				own_visit("VR-0000-99999")
			names = [row.name for row in list_visits()]
			self.assertIn(self.visit_a, names)
			self.assertNotIn(self.planned_b, names)
		finally:
			frappe.set_user("Administrator")

	def test_visit_view_leaves_out_staff_fields(self):
		from onyx_support.services.portal.visits import visit_view

		view = visit_view(frappe.get_doc("Visit Report", self.visit_a))
		self.assertNotIn("internal_notes", view)
		self.assertNotIn("recipients", view)
		self.assertNotIn(SECRET_NOTE, repr(view))
		self.assertEqual(view.reviews[0].stars, 4)
		self.assertTrue(view.may_sign)

	def test_signed_pdf_is_served_to_its_client_only(self):
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{self.visit_a}-signed.pdf",
				"is_private": 1,
				"content": b"%PDF-1.4 signed copy",
				"attached_to_doctype": "Visit Report",
				"attached_to_name": self.visit_a,
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Visit Report", self.visit_a, "signed_pdf", file.file_url)
		frappe.db.commit()  # nosemgrep
		try:
			pdf = rest_get(PORTAL + "visit_pdf", self.tokens[CLIENT_A], {"name": self.visit_a})
			self.assertEqual(pdf.status_code, 200)
			self.assertEqual(pdf.get_data(), b"%PDF-1.4 signed copy")
			other = rest_get(PORTAL + "visit_pdf", self.tokens[CLIENT_B], {"name": self.visit_a})
			self.assertEqual(other.status_code, 404)
		finally:
			frappe.db.set_value("Visit Report", self.visit_a, "signed_pdf", None)
			frappe.db.commit()  # nosemgrep

	def test_the_report_is_printed_for_its_client(self):
		if not frappe.db.exists("Print Format", "Visit Report"):
			self.skipTest("the Visit Report print format is not installed on this site")
		pdf = rest_get(PORTAL + "visit_pdf", self.tokens[CLIENT_A], {"name": self.visit_a})
		self.assertEqual(pdf.status_code, 200, pdf.get_data()[:300])
		self.assertTrue(pdf.get_data().startswith(b"%PDF"))

	def test_no_pdf_before_the_visit(self):
		pdf = rest_get(PORTAL + "visit_pdf", self.tokens[CLIENT_B], {"name": self.planned_b})
		self.assertEqual(pdf.status_code, 404)


class TestClientSignsOnThePortal(PortalVisitsTestCase):
	def test_client_signs_a_report_awaiting_its_signature(self):
		name = self.awaiting_a()
		response = self.sign(name, signer_role="IT manager")
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:500])
		stored = self.fields(
			name,
			"client_signed_on",
			"client_signer_contact",
			"client_signed_via",
			"client_signer_role",
			"status",
		)
		self.assertTrue(stored.client_signed_on)
		self.assertEqual(stored.client_signer_contact, self.contact_a)
		self.assertEqual(stored.client_signed_via, "Portal")
		self.assertEqual(stored.client_signer_role, "IT manager")
		self.assertEqual(stored.status, "Awaiting Signature")  # the engineer has not signed yet
		html = rest_get(f"/support/visits/{name}", self.tokens[CLIENT_A]).get_data(as_text=True)
		self.assertNotIn('id="onyx-sign-form"', html)
		self.assertIn("Aisha Saleh", html)

		again = self.sign(name, user=CLIENT_A2, signer_name="Ahmed")
		self.assertEqual(again.status_code, 417, "a report is signed once")
		self.assertEqual(self.fields(name, "client_signer_name").client_signer_name, "Aisha Saleh")

	def test_a_cancelled_or_planned_report_cannot_be_signed(self):
		planned = make_visit(self.customer_a, self.request_a, ENGINEER_A, self.contact_a)
		cancelled = make_visit(self.customer_a, self.request_a, ENGINEER_A, self.contact_a)
		apply_workflow(cancelled, "Cancel Visit")
		frappe.db.commit()  # nosemgrep
		for name in (planned.name, cancelled.name):
			response = self.sign(name)
			self.assertEqual(response.status_code, 417, name)
			self.assertFalse(self.fields(name, "client_signed_on").client_signed_on)

	def test_empty_or_oversized_signatures_write_nothing(self):
		name = self.awaiting_a()
		blank = "data:image/png;base64,"
		too_big = png_data_url(filler=b"x" * (1024 * 1024 + 10))
		for signature in ("", blank, "data:image/jpeg;base64,AAAA", "not a picture", too_big):
			response = self.sign(name, signature=signature)
			self.assertIn(response.status_code, (417, 400), signature[:40])
			stored = self.fields(name, "client_signed_on", "client_signature", "content_hash")
			self.assertEqual(
				(stored.client_signed_on, stored.client_signature, stored.content_hash), (None, None, None)
			)

	def test_a_contact_of_another_customer_is_refused(self):
		name = self.awaiting_a()
		for action, data in (
			("sign_visit", {"signer_name": "Bushra", "signature": png_data_url()}),
			("refuse_visit", {"reason": "Not ours"}),
		):
			response = rest_post(PORTAL + action, self.tokens[CLIENT_B], {"name": name, **data})
			self.assertEqual(response.status_code, 404, action)
			stored = self.fields(name, "client_signed_on", "client_refused")
			self.assertEqual((stored.client_signed_on, stored.client_refused), (None, 0))

	def test_refusal_needs_a_reason(self):
		name = self.awaiting_a()
		for reason in ("", "   "):
			response = rest_post(
				PORTAL + "refuse_visit", self.tokens[CLIENT_A], {"name": name, "reason": reason}
			)
			self.assertEqual(response.status_code, 417)
			self.assertEqual(self.fields(name, "client_refused").client_refused, 0)
		missing = rest_post(PORTAL + "refuse_visit", self.tokens[CLIENT_A], {"name": name})
		self.assertEqual(missing.status_code, 417)

		response = rest_post(
			PORTAL + "refuse_visit",
			self.tokens[CLIENT_A],
			{"name": name, "reason": "The printer was not fixed."},
		)
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:500])
		stored = self.fields(name, "client_refused", "client_refusal_reason", "client_signer_contact")
		self.assertEqual(
			(stored.client_refused, stored.client_refusal_reason, stored.client_signer_contact),
			(1, "The printer was not fixed.", self.contact_a),
		)
		self.assertEqual(self.sign(name).status_code, 417, "no signature after a refusal")
