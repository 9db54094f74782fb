# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt
"""Visit Report inside a real site: plan, on site, sign, share, distribute, and bad input."""

import email
import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime

from onyx_support.api.visits import plan_visit, record_refusal, sign_as_engineer, sign_on_site
from onyx_support.field_service.doctype.visit_report.visit_report import SignaturesMissing
from onyx_support.services.visits import distribution
from onyx_support.services.visits.errors import VisitRuleBroken
from onyx_support.services.visits.on_site import EngineerElsewhere
from onyx_support.services.visits.planning import RequestNotPlannable
from onyx_support.tests.network_fixture import (
	CLIENT_A,
	ENGINEER_A,
	ENGINEER_B,
	OFFICE_A,
	OFFICE_B,
	build_request_world,
)
from onyx_support.tests.utils import make_request, make_user
from onyx_support.tests.visit_fixture import (
	make_visit,
	past_slot,
	png_signature,
	visit_awaiting_signature,
	walk,
)

DIRECTORATE = "_Test Quality Directorate"
SUB_DIRECTORATE = "_Test Quality Yemen"
MEMBER = "quality@onyx-test.example"
SUB_MEMBER = "quality-yemen@onyx-test.example"
OUTSIDER = "outsider-directorate@onyx-test.example"


def make_directorates():
	make_user(MEMBER, [], "Qamar")
	make_user(SUB_MEMBER, [], "Yusra")
	make_user(OUTSIDER, [], "Omar")
	for name, parent, members in (
		(DIRECTORATE, None, [MEMBER]),
		(SUB_DIRECTORATE, DIRECTORATE, [SUB_MEMBER]),
		("_Test Other Directorate", None, [OUTSIDER]),
	):
		if not frappe.db.exists("Support Directorate", name):
			frappe.get_doc(
				{
					"doctype": "Support Directorate",
					"directorate_name": name,
					"parent_support_directorate": parent,
					"is_group": 1,
					"members": [{"user": user} for user in members],
				}
			).insert(ignore_permissions=True)
	if not frappe.db.exists("Visit Distribution Rule", "_Test Low Ratings"):
		frappe.get_doc(
			{
				"doctype": "Visit Distribution Rule",
				"rule_name": "_Test Low Ratings",
				"office": OFFICE_A,
				"rating_at_or_below": 2,
				"directorates": [{"directorate": DIRECTORATE, "include_subdirectorates": 1}],
				"include_office_managers": 1,
			}
		).insert(ignore_permissions=True)


class VisitReportTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = build_request_world()
		cls.customer_a = cls.world["customers"][OFFICE_A]
		cls.customer_b = cls.world["customers"][OFFICE_B]
		cls.contact_a = cls.world["contacts"][CLIENT_A]
		cls.installation_a = cls.world["installations"][OFFICE_A]
		make_directorates()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.set_value("Support Office", OFFICE_A, "approval_required", 0)
		frappe.clear_document_cache("Support Office", OFFICE_A)

	def signed(self, report, signer="Aisha Saleh"):
		frappe.set_user(ENGINEER_A)
		sign_on_site(report.name, signer, png_signature(), "IT manager")
		status = sign_as_engineer(report.name, png_signature())
		frappe.set_user("Administrator")
		self.assertEqual(status, "Signed")
		return frappe.get_doc("Visit Report", report.name)

	# --- the whole life ------------------------------------------------------------------------

	def test_plan_on_site_sign_share_distribute(self):
		requests = [make_request(self.customer_a).name, make_request(self.customer_a).name]
		report = visit_awaiting_signature(
			self.customer_a,
			ENGINEER_A,
			hours_on_site=2,
			requests=requests,
			contact=self.contact_a,
			installations=[{"installation": self.installation_a, "rating": 0.4, "findings": "Slow posting"}],
		)
		self.assertEqual(report.status, "Awaiting Signature")
		self.assertEqual(report.office, OFFICE_A)
		self.assertEqual(report.on_site_minutes, 120)
		# the engineer's two hours shared between the two requests: 60 + 60, not 120 + 120
		logged = frappe.get_all(
			"Support Work Log",
			filters={"visit_report": report.name},
			fields=["parent", "engineer", "means", "duration_minutes"],
			order_by="parent asc",
		)
		self.assertEqual(
			[(row.parent, row.engineer, row.means, row.duration_minutes) for row in logged],
			[(name, ENGINEER_A, "On-site", 60) for name in sorted(requests)],
		)
		# saving again writes nothing twice
		frappe.set_user(ENGINEER_A)
		report.reload()
		report.save()
		self.assertEqual(frappe.db.count("Support Work Log", {"visit_report": report.name}), 2)

		report = self.signed(report)
		self.assertTrue(report.signature_valid)
		self.assertEqual(len(report.content_hash), 64)
		self.assertEqual(report.client_signed_via, "On Site")

		frappe.db.delete("Email Queue", {"reference_name": report.name})
		report = walk(report.name, "Share", user=ENGINEER_A)
		self.assertEqual((report.docstatus, report.status), (1, "Shared"))
		recipients = {row.user: row for row in report.recipients}
		# rating 2 stars <= 2: the directorate and its sub-directorate (the other one not), and the
		# office's managers (other tests on the site may have added some)
		managers = set(
			frappe.get_all(
				"Support Office Engineer",
				filters={"parent": OFFICE_A, "parenttype": "Support Office", "office_role": "Manager"},
				pluck="user",
			)
		)
		self.assertEqual(set(recipients), {MEMBER, SUB_MEMBER} | managers)
		self.assertEqual(recipients[SUB_MEMBER].directorate, SUB_DIRECTORATE)

		# on the customer's timeline
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_doctype": "Customer",
					"reference_name": self.customer_a,
					"comment_type": "Info",
					"content": ("like", f"%{report.name}%"),
				},
			)
		)

		distribution.distribute(report.name)  # the job enqueued after commit
		report.reload()
		self.assertTrue(report.signed_pdf and len(report.signed_pdf_sha256) == 64)
		self.assertTrue(all(row.notified_on for row in report.recipients))
		mails = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Visit Report", "reference_name": report.name},
			fields=["name", "attachments", "status"],
		)
		to = set(
			frappe.get_all(
				"Email Queue Recipient",
				filters={"parent": ("in", [m.name for m in mails])},
				pluck="recipient",
			)
		)
		self.assertEqual(to, {MEMBER, SUB_MEMBER} | managers)
		self.assertTrue(all(m.status == "Not Sent" for m in mails), "queued, not sent in the request")
		file = frappe.get_doc("File", {"file_url": report.signed_pdf})
		self.assertTrue(file.is_private)
		self.assertTrue(all(json.loads(m.attachments)[0]["fid"] == file.name for m in mails))
		self.assertEqual(
			frappe.db.count("Notification Log", {"document_name": report.name, "for_user": MEMBER}), 1
		)
		# a second run sends nothing again
		distribution.distribute(report.name)
		self.assertEqual(
			frappe.db.count(
				"Email Queue", {"reference_doctype": "Visit Report", "reference_name": report.name}
			),
			len(mails),
		)

		# recipients read it; the outsider does not; the engineer of another office does not
		self.assertTrue(frappe.has_permission("Visit Report", "read", report.name, user=MEMBER))
		self.assertFalse(frappe.has_permission("Visit Report", "write", report.name, user=MEMBER))
		self.assertFalse(frappe.has_permission("Visit Report", "read", report.name, user=OUTSIDER))
		self.assertFalse(frappe.has_permission("Visit Report", "read", report.name, user=ENGINEER_B))
		frappe.set_user(MEMBER)
		self.assertIn(report.name, frappe.get_list("Visit Report", pluck="name"))
		frappe.set_user(OUTSIDER)
		self.assertNotIn(report.name, frappe.get_list("Visit Report", pluck="name"))

	def test_follow_up_recommendation_opens_a_linked_request(self):
		report = visit_awaiting_signature(self.customer_a, ENGINEER_A, contact=self.contact_a)
		frappe.set_user(ENGINEER_A)
		report.append(
			"recommendations",
			{"recommendation": "Move the database to SSD storage", "priority": "High", "follow_up": 1},
		)
		report.append("recommendations", {"recommendation": "Keep the nightly backup", "priority": "Low"})
		report.save()
		report = self.signed(report)
		report = walk(report.name, "Share", user=ENGINEER_A)
		followed, kept = report.recommendations
		self.assertTrue(followed.follow_up_request)
		self.assertFalse(kept.follow_up_request)
		request = frappe.get_doc("Support Request", followed.follow_up_request)
		self.assertEqual(
			(request.customer, request.origin_visit, request.office), (self.customer_a, report.name, OFFICE_A)
		)
		self.assertEqual(request.priority, "High")
		self.assertIn("SSD", request.subject)

	def test_an_edit_after_signing_needs_a_new_signature(self):
		report = self.signed(visit_awaiting_signature(self.customer_a, ENGINEER_A))
		first_hash = report.content_hash
		frappe.set_user(ENGINEER_A)
		report.internal_notes = "Internal only: not part of what the client signed"
		report.save()
		self.assertEqual((report.status, report.content_hash), ("Signed", first_hash))
		report.append("suggestions", {"category": "Usability", "suggestion": "A darker theme"})
		report.save()
		report.reload()
		self.assertEqual(report.status, "Awaiting Signature")
		self.assertFalse(report.client_signed_on or report.engineer_signed_on or report.content_hash)
		with self.assertRaises(frappe.ValidationError):
			walk(report.name, "Share", user=ENGINEER_A)
		report = self.signed(report, signer="Aisha Saleh again")
		self.assertNotEqual(report.content_hash, first_hash)
		self.assertEqual(report.client_signer_name, "Aisha Saleh again")

	def test_refusal_with_a_reason_lets_the_report_be_shared(self):
		report = visit_awaiting_signature(self.customer_a, ENGINEER_A)
		frappe.set_user(ENGINEER_A)
		with self.assertRaises(frappe.ValidationError):
			record_refusal(report.name, "   ")
		record_refusal(report.name, "Disagrees with the findings", "Aisha")
		sign_as_engineer(report.name, png_signature())
		report = walk(report.name, "Share", user=ENGINEER_A)
		self.assertEqual((report.docstatus, report.client_refused), (1, 1))

	def test_plan_a_visit_from_a_request(self):
		request = make_request(self.customer_a, contact=self.contact_a, installation=self.installation_a)
		frappe.set_user(ENGINEER_A)
		draft = frappe.get_doc(plan_visit(request.name))
		draft.planned_start = add_to_date(now_datetime(), days=2)
		draft.planned_end = add_to_date(now_datetime(), days=2, hours=2)
		frappe.db.delete("Email Queue", {"reference_doctype": "Visit Report"})
		draft.insert()
		self.assertEqual((draft.customer, draft.office, draft.status), (self.customer_a, OFFICE_A, "Planned"))
		self.assertEqual(draft.installations[0].installation, self.installation_a)
		self.assertRegex(draft.planned_local, r"^\d{4}-\d\d-\d\d \d\d:\d\d \u2013 \d\d:\d\d \(Asia/Aden\)$")
		mail = frappe.get_last_doc("Email Queue", filters={"reference_name": draft.name})
		html = next(
			part.get_payload(decode=True).decode()
			for part in email.message_from_string(mail.message).walk()
			if part.get_content_type() == "text/html"
		)
		self.assertIn(draft.planned_local, html)
		self.assertEqual(mail.status, "Not Sent")
		# new dates reschedule it and tell the client again
		draft.planned_start = add_to_date(draft.planned_start, days=1)
		draft.planned_end = add_to_date(draft.planned_end, days=1)
		draft.save()
		self.assertEqual(draft.status, "Rescheduled")
		self.assertEqual(frappe.db.count("Email Queue", {"reference_name": draft.name}), 2)

	# --- bad input -----------------------------------------------------------------------------

	def assertNothingWritten(self, call, error):
		count = frappe.db.count("Visit Report")
		with self.assertRaises(error):
			call()
		self.assertEqual(frappe.db.count("Visit Report"), count)

	def test_departure_before_arrival_and_over_a_day(self):
		report = make_visit(self.customer_a, ENGINEER_A)
		frappe.set_user(ENGINEER_A)
		report.arrival = now_datetime()
		report.departure = add_to_date(now_datetime(), hours=-1)
		with self.assertRaises(VisitRuleBroken):
			report.save()
		report.reload()
		report.arrival = add_to_date(now_datetime(), hours=-30)
		report.departure = add_to_date(now_datetime(), hours=-1)
		with self.assertRaises(VisitRuleBroken):
			report.save()
		self.assertIsNone(frappe.db.get_value("Visit Report", report.name, "departure"))
		self.assertNothingWritten(
			lambda: make_visit(
				self.customer_a,
				ENGINEER_A,
				planned_start=now_datetime(),
				planned_end=add_to_date(now_datetime(), hours=25),
			),
			VisitRuleBroken,
		)

	def test_an_engineer_is_not_in_two_visits_at_once(self):
		departure = past_slot()
		visit_awaiting_signature(self.customer_a, ENGINEER_A, hours_on_site=2, departure=departure)
		with self.assertRaises(EngineerElsewhere):
			visit_awaiting_signature(
				self.customer_a, ENGINEER_A, hours_on_site=1, departure=add_to_date(departure, minutes=-30)
			)

	def test_a_request_of_another_office_cannot_be_planned(self):
		other = make_request(self.customer_b).name
		self.assertNothingWritten(
			lambda: make_visit(self.customer_b, ENGINEER_A, [other]), frappe.PermissionError
		)
		mixed = [make_request(self.customer_a).name, other]
		self.assertNothingWritten(lambda: make_visit(self.customer_a, ENGINEER_A, mixed), RequestNotPlannable)

	def test_where_approval_is_required_only_an_approved_on_site_execution(self):
		frappe.db.set_value("Support Office", OFFICE_A, "approval_required", 1)
		frappe.clear_document_cache("Support Office", OFFICE_A)
		request = make_request(self.customer_a).name
		self.assertNothingWritten(
			lambda: make_visit(self.customer_a, ENGINEER_A, [request]), RequestNotPlannable
		)
		frappe.db.set_value(
			"Support Request", request, {"approval_status": "Approved", "proposed_means": "On-site"}
		)
		self.assertEqual(make_visit(self.customer_a, ENGINEER_A, [request]).office, OFFICE_A)

	def test_signing_rules(self):
		report = make_visit(self.customer_a, ENGINEER_A)
		frappe.set_user(ENGINEER_A)
		with self.assertRaises(VisitRuleBroken):  # not yet on site
			sign_on_site(report.name, "Aisha", png_signature())
		walk(report.name, "Cancel Visit", user=ENGINEER_A)
		with self.assertRaises(VisitRuleBroken):
			sign_on_site(report.name, "Aisha", png_signature())

		report = visit_awaiting_signature(self.customer_a, ENGINEER_A)
		frappe.set_user(ENGINEER_A)
		for bad in ("", "data:image/png;base64,", "data:image/png;base64," + "A" * (1400 * 1024)):
			with self.assertRaises(VisitRuleBroken):
				sign_on_site(report.name, "Aisha", bad)
		self.assertFalse(frappe.db.get_value("Visit Report", report.name, "client_signed_on"))
		sign_on_site(report.name, "Aisha", png_signature())
		with self.assertRaises(VisitRuleBroken):
			sign_on_site(report.name, "Aisha", png_signature())
		# another office's engineer may not sign it
		frappe.set_user(ENGINEER_B)
		with self.assertRaises(frappe.PermissionError):
			sign_as_engineer(report.name, png_signature())

	def test_signed_state_needs_the_signatures(self):
		report = visit_awaiting_signature(self.customer_a, ENGINEER_A)
		frappe.set_user(ENGINEER_A)
		report.status = "Signed"
		with self.assertRaises((SignaturesMissing, frappe.ValidationError)):
			report.save()

	def test_a_shared_report_cannot_be_edited(self):
		report = self.signed(visit_awaiting_signature(self.customer_a, ENGINEER_A))
		report = walk(report.name, "Share", user=ENGINEER_A)
		frappe.set_user(ENGINEER_A)
		report.summary = "<p>rewritten</p>"
		with self.assertRaises(frappe.ValidationError):
			report.save()
		self.assertNotEqual(frappe.db.get_value("Visit Report", report.name, "summary"), "<p>rewritten</p>")

	def test_guarded_fields_refuse_a_forged_signature(self):
		report = visit_awaiting_signature(self.customer_a, ENGINEER_A)
		frappe.set_user(ENGINEER_A)
		report.client_signer_name = "Forged"
		report.client_signed_on = now_datetime()
		with self.assertRaises(frappe.PermissionError):
			report.save()
