"""Threat: a mail from an unknown address with "(#SR-…)" in its subject threads onto a request,
moves its state and reaches the client's portal."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from onyx_support.services.portal import public_history
from onyx_support.tests.network_fixture import CLIENT_A, OFFICE_A, build_request_world
from onyx_support.tests.utils import make_request, make_support_inbox


class TestMailThreading(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = build_request_world()
		cls.account = frappe.get_doc("Email Account", make_support_inbox())

	def waiting_request(self):
		frappe.db.set_value("Support Office", OFFICE_A, "approval_required", 0)
		request = make_request(
			self.world["customers"][OFFICE_A],
			contact=self.world["contacts"][CLIENT_A],
			installation=self.world["installations"][OFFICE_A],
		)
		for action in ("Triage", "Start Work", "Ask Client"):
			apply_workflow(frappe.get_doc("Support Request", request.name), action)
		return request.name

	def receive(self, sender, name, body):
		from frappe.email.receive import InboundMail

		raw = (
			f"From: {sender}\r\nTo: support-inbox@onyx-test.example\r\n"
			f"Subject: Re: update (#{name})\r\n"
			f"Message-ID: <{frappe.generate_hash(length=12)}@elsewhere.example>\r\n"
			"Content-Type: text/plain; charset=utf-8\r\n\r\n" + body
		).encode()
		return InboundMail(raw, self.account).process()

	def test_an_unknown_sender_is_held(self):
		name = self.waiting_request()
		mail = self.receive("attacker@evil.example", name, "Please call me on +1 555 0100 (HELD)")
		self.assertEqual((mail.reference_doctype, mail.reference_name), ("Support Request", name))
		request = frappe.get_doc("Support Request", name)
		self.assertEqual(request.status, "Waiting on Client")
		self.assertNotIn("HELD", "".join(row.content or "" for row in public_history(request)))
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_name": name,
					"comment_type": "Info",
					"content": ("like", "%attacker@evil.example%"),
				},
			)
		)

	def test_the_clients_own_address_moves_the_request(self):
		name = self.waiting_request()
		self.receive(CLIENT_A, name, "Here is the screenshot (KNOWN)")
		request = frappe.get_doc("Support Request", name)
		self.assertEqual(request.status, "In Progress")
		self.assertIn("KNOWN", "".join(row.content or "" for row in public_history(request)))

	def test_staff_to_staff_mail_stays_internal(self):
		name = self.waiting_request()
		frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Sent",
				"subject": "between us",
				"content": "INTERNAL-ONLY margin is thin",
				"sender": "eng-a@onyx-test.example",
				"recipients": "manager@onyxpro.example",
				"reference_doctype": "Support Request",
				"reference_name": name,
			}
		).insert(ignore_permissions=True)
		history = public_history(frappe.get_doc("Support Request", name))
		self.assertNotIn("INTERNAL-ONLY", "".join(row.content or "" for row in history))
