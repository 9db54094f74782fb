# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt
"""Support Request inside a real site: routing, assignment, SLA clocks, the approval gate,
escalation, e-mail intake and bad input."""

from datetime import timedelta

import frappe
from frappe.model.workflow import WorkflowPermissionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime

from onyx_support.api.requests import (
	NotClientContact,
	escalate_to_central,
	log_phone_call,
	record_client_decision,
	request_client_approval,
)
from onyx_support.domain.business_calendar import add_working_minutes
from onyx_support.services import sla
from onyx_support.services.calendars import get_office_calendar
from onyx_support.services.clock import to_utc
from onyx_support.services.errors import InvalidWorkLog, ResolutionRequired
from onyx_support.support_requests.doctype.support_request.support_request import (
	DescriptionTooLong,
	InstallationOfAnotherCustomer,
)
from onyx_support.tests.network_fixture import (
	ALWAYS_OPEN_OFFICE,
	ASSIGN_OFFICE,
	CENTRAL_USER,
	CLIENT_A,
	CLIENT_B,
	ENGINEER_A,
	ERP,
	ERP_SPECIALIST,
	OFFICE_A,
	OFFICE_B,
	PAYROLL,
	PAYROLL_SPECIALIST,
	build_request_world,
)
from onyx_support.tests.utils import make_request, make_support_inbox, resolve_request


class SupportRequestTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = build_request_world()
		cls.customer_a = cls.world["customers"][OFFICE_A]
		cls.customer_b = cls.world["customers"][OFFICE_B]
		cls.installation_a = cls.world["installations"][OFFICE_A]
		cls.contact_a = cls.world["contacts"][CLIENT_A]
		cls.contact_b = cls.world["contacts"][CLIENT_B]

	def tearDown(self):
		frappe.set_user("Administrator")

	def set_office_rule(self, office, **values):
		for field, value in values.items():
			frappe.db.set_value("Support Office", office, field, value)


class TestRoutingAndAssignment(SupportRequestTestCase):
	def test_request_is_routed_to_the_installation_office(self):
		request = make_request(self.customer_a, installation=self.installation_a)
		self.assertEqual(request.office, OFFICE_A)
		self.assertEqual(request.system, ERP)

	def test_request_without_installation_is_routed_by_customer_territory(self):
		self.assertEqual(make_request(self.customer_b).office, OFFICE_B)

	def test_assignment_rule_assigns_an_engineer_of_the_office(self):
		request = make_request(self.customer_a, installation=self.installation_a)
		self.assertEqual(
			frappe.db.get_value("Support Request", request.name, "assigned_engineer"), ENGINEER_A
		)
		self.assertIn(
			ENGINEER_A, frappe.parse_json(frappe.db.get_value("Support Request", request.name, "_assign"))
		)

	def test_assignment_follows_the_system_the_engineer_knows(self):
		for system, engineer in ((ERP, ERP_SPECIALIST), (PAYROLL, PAYROLL_SPECIALIST)):
			request = make_request(
				self.world["assign_customer"], installation=self.world["assign_installations"][system]
			)
			self.assertEqual(request.office, ASSIGN_OFFICE)
			self.assertEqual(
				frappe.db.get_value("Support Request", request.name, "assigned_engineer"), engineer
			)

	def test_office_rules_follow_the_engineer_table(self):
		rules = set(
			frappe.get_all("Assignment Rule", filters={"name": ("like", f"%{ASSIGN_OFFICE}%")}, pluck="name")
		)
		self.assertEqual(
			rules,
			{
				f"Support Requests · {ASSIGN_OFFICE}",
				f"Support Requests · {ASSIGN_OFFICE} · {ERP}",
				f"Support Requests · {ASSIGN_OFFICE} · {PAYROLL}",
			},
		)
		users = frappe.get_all(
			"Assignment Rule User",
			filters={"parent": f"Support Requests · {ASSIGN_OFFICE} · {ERP}"},
			pluck="user",
		)
		self.assertEqual(users, [ERP_SPECIALIST])

	def test_phone_log_creates_a_request_with_its_call(self):
		frappe.set_user(ENGINEER_A)
		name = log_phone_call(
			customer=self.customer_a, subject="Printing invoices", reason="Guidance", duration_minutes=12
		)
		request = frappe.get_doc("Support Request", name)
		self.assertEqual((request.channel, request.office, request.total_minutes), ("Phone", OFFICE_A, 12))
		self.assertEqual(request.work_log[0].engineer, ENGINEER_A)


class TestSlaClocks(SupportRequestTestCase):
	def always_open_request(self, **overrides):
		return make_request(
			self.world["always_customer"], installation=self.world["always_installation"], **overrides
		)

	def test_deadlines_come_from_the_office_calendar_and_policy(self):
		request = self.always_open_request(priority="High")
		self.assertEqual(request.office, ALWAYS_OPEN_OFFICE)
		self.assertEqual(request.sla_policy, "Standard")
		calendar = get_office_calendar(ALWAYS_OPEN_OFFICE)
		opened = to_utc(request.opened_on)
		self.assertEqual(to_utc(request.first_response_due), add_working_minutes(calendar, opened, 60))
		self.assertEqual(to_utc(request.resolution_due), add_working_minutes(calendar, opened, 480))
		self.assertEqual(request.sla_status, "On Track")

	def test_sanaa_office_deadline_respects_its_hours(self):
		request = make_request(self.customer_a, installation=self.installation_a, priority="Urgent")
		calendar = get_office_calendar(OFFICE_A)
		self.assertEqual(
			to_utc(request.resolution_due), add_working_minutes(calendar, to_utc(request.opened_on), 240)
		)

	def test_waiting_on_the_client_pauses_and_resumes_the_clock(self):
		self.set_office_rule(ALWAYS_OPEN_OFFICE, approval_required=0)
		request = self.always_open_request()
		apply_workflow(request, "Triage")
		apply_workflow(request, "Start Work")
		request.reload()
		due_before = request.resolution_due
		apply_workflow(request, "Ask Client")
		request.reload()
		self.assertEqual(request.sla_status, "Paused")
		# two hours pass while the client is silent
		request.db_set("paused_since", add_to_date(request.paused_since, hours=-2))
		apply_workflow(request, "Client Replied")
		request.reload()
		self.assertFalse(request.paused_since)
		shift = request.resolution_due - due_before
		self.assertAlmostEqual(shift.total_seconds(), 2 * 3600, delta=120)

	def test_first_response_is_stamped_when_triaged(self):
		request = self.always_open_request()
		apply_workflow(request, "Triage")
		request.reload()
		self.assertTrue(request.first_responded_on)

	def test_sweep_flags_at_risk_and_breached(self):
		at_risk = self.always_open_request(priority="Medium")
		breached = self.always_open_request(priority="Medium")
		on_track = self.always_open_request(priority="Low")
		now = now_datetime()
		# 30 working minutes left (warning is 60) and one deadline already passed
		at_risk.db_set(
			{"resolution_due": now + timedelta(minutes=30), "sla_next_check": now - timedelta(minutes=1)}
		)
		breached.db_set(
			{"first_response_due": now - timedelta(minutes=5), "sla_next_check": now - timedelta(minutes=1)}
		)
		swept = sla.sweep()
		self.assertGreaterEqual(swept, 2)
		self.assertEqual(frappe.db.get_value("Support Request", at_risk.name, "sla_status"), "At Risk")
		self.assertEqual(frappe.db.get_value("Support Request", breached.name, "sla_status"), "Breached")
		self.assertEqual(frappe.db.get_value("Support Request", on_track.name, "sla_status"), "On Track")
		# the at-risk request is looked at again at its deadline; the breached first response is
		# over, and only the resolution clock is still watched
		self.assertEqual(
			frappe.db.get_value("Support Request", at_risk.name, "sla_next_check"),
			frappe.db.get_value("Support Request", at_risk.name, "resolution_due"),
		)
		self.assertGreater(frappe.db.get_value("Support Request", breached.name, "sla_next_check"), now)

	def test_sweep_does_not_read_requests_that_are_not_due(self):
		request = self.always_open_request()
		frappe.db.set_value(
			"Support Request", request.name, "sla_next_check", now_datetime() + timedelta(hours=1)
		)
		before = frappe.db.get_value("Support Request", request.name, "modified")
		sla.sweep()
		self.assertEqual(frappe.db.get_value("Support Request", request.name, "modified"), before)

	def test_breach_warning_notification_is_queued(self):
		request = self.always_open_request(priority="Medium")
		frappe.db.set_value("Support Request", request.name, "assigned_engineer", ENGINEER_A)
		request.db_set(
			{"resolution_due": now_datetime() + timedelta(minutes=30), "sla_next_check": now_datetime()}
		)
		sla.sweep()
		self.assertEqual(frappe.db.get_value("Support Request", request.name, "sla_status"), "At Risk")
		queued = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Support Request", "reference_name": request.name},
			pluck="name",
		)
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": ("in", queued)}, pluck="recipient"
		)
		self.assertIn(ENGINEER_A, recipients)


class TestApprovalGate(SupportRequestTestCase):
	def triaged_request(self):
		request = make_request(self.customer_a, installation=self.installation_a, contact=self.contact_a)
		apply_workflow(request, "Triage")
		return request

	def test_execution_cannot_start_without_approval_where_required(self):
		self.set_office_rule(OFFICE_A, approval_required=1)
		request = self.triaged_request()
		with self.assertRaises(frappe.ValidationError):
			apply_workflow(request, "Start Work")
		self.assertEqual(frappe.db.get_value("Support Request", request.name, "status"), "Triaged")

	def test_region_without_approval_starts_directly(self):
		self.set_office_rule(OFFICE_A, approval_required=0)
		request = self.triaged_request()
		apply_workflow(request, "Start Work")
		self.assertEqual(frappe.db.get_value("Support Request", request.name, "status"), "In Progress")
		self.set_office_rule(OFFICE_A, approval_required=1)

	def test_approval_round_trip_recorded_on_behalf_of_the_client(self):
		self.set_office_rule(OFFICE_A, approval_required=1)
		request = self.triaged_request()
		frappe.set_user(ENGINEER_A)
		request_client_approval(request.name, "Remote session to repair the ledger index", "Remote Session")
		self.assertEqual(frappe.db.get_value("Support Request", request.name, "approval_status"), "Pending")
		record_client_decision(request.name, "Approved", contact=self.contact_a, note="Go ahead after 16:00")
		request.reload()
		self.assertEqual((request.status, request.approval_status), ("Approved", "Approved"))
		self.assertEqual(
			(request.approval_decided_by, request.approval_recorded_by), (self.contact_a, ENGINEER_A)
		)
		apply_workflow(request, "Start Work")
		self.assertEqual(frappe.db.get_value("Support Request", request.name, "status"), "In Progress")
		comments = frappe.get_all(
			"Comment", filters={"reference_name": request.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any("Approved" in c for c in comments))

	def test_the_client_contact_decides_itself(self):
		request = self.triaged_request()
		request_client_approval(request.name, "Install update 15.3")
		frappe.set_user(CLIENT_A)
		self.assertEqual(
			record_client_decision(request.name, "Declined", note="Not during closing"), "Triaged"
		)
		self.assertEqual(
			frappe.db.get_value("Support Request", request.name, "approval_decided_by"), self.contact_a
		)

	def test_approval_by_someone_who_is_not_the_clients_contact_is_refused(self):
		request = self.triaged_request()
		request_client_approval(request.name, "Install update 15.3")
		frappe.set_user(ENGINEER_A)
		with self.assertRaises(NotClientContact):
			record_client_decision(request.name, "Approved", contact=self.contact_b)
		frappe.set_user(CLIENT_B)
		with self.assertRaises(frappe.PermissionError):
			record_client_decision(request.name, "Approved")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Support Request", request.name, "approval_status"), "Pending")


class TestEscalation(SupportRequestTestCase):
	def test_escalation_round_trip(self):
		self.set_office_rule(OFFICE_A, approval_required=0)
		request = make_request(self.customer_a, installation=self.installation_a)
		apply_workflow(request, "Triage")
		frappe.set_user(ENGINEER_A)
		escalate_to_central(request.name, "System Error for the Developers", "Crash in the VAT module")
		request.reload()
		self.assertEqual(request.status, "Escalated to Central")
		self.assertTrue(request.escalated_on)
		# the office still sees it; central has it in its queue
		self.assertTrue(frappe.has_permission("Support Request", "read", request.name))
		with self.assertRaises(frappe.ValidationError):
			apply_workflow(request, "Return to Office")  # only central returns it
		frappe.set_user(CENTRAL_USER)
		self.assertIn(
			request.name,
			frappe.get_list("Support Request", filters={"status": "Escalated to Central"}, pluck="name"),
		)
		apply_workflow(request, "Return to Office")
		request.reload()
		self.assertEqual(request.status, "Triaged")
		self.assertTrue(request.returned_to_office_on)
		self.set_office_rule(OFFICE_A, approval_required=1)


class TestEmailIntake(SupportRequestTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.account = frappe.get_doc("Email Account", make_support_inbox())

	def receive(self, sender, subject, body, message_id, in_reply_to=None):
		from frappe.email.receive import InboundMail

		headers = [
			f"From: {sender}",
			"To: support-inbox@onyx-test.example",
			f"Subject: {subject}",
			f"Message-ID: <{message_id}@onyx-test.example>",
			"Content-Type: text/plain; charset=utf-8",
		]
		if in_reply_to:
			headers.append(f"In-Reply-To: <{in_reply_to}@onyx-test.example>")
		raw = ("\r\n".join(headers) + "\r\n\r\n" + body).encode()
		return InboundMail(raw, self.account).process()

	def test_mail_from_a_contact_creates_a_request_and_a_reply_threads_onto_it(self):
		first = self.receive(
			CLIENT_A,
			"Trial balance does not balance",
			"Since this morning.",
			"m1-" + frappe.generate_hash(length=6),
		)
		request = frappe.get_doc("Support Request", first.reference_name)
		self.assertEqual(
			(request.customer, request.contact, request.office), (self.customer_a, self.contact_a, OFFICE_A)
		)
		self.assertEqual(request.channel, "E-mail")
		self.assertIn("Since this morning.", request.description)
		reply = self.receive(
			CLIENT_A,
			"Re: Trial balance does not balance",
			"It also fails in branch 2.",
			"m2-" + frappe.generate_hash(length=6),
			in_reply_to=first.message_id.strip("<>").split("@")[0],
		)
		self.assertEqual((reply.reference_doctype, reply.reference_name), ("Support Request", request.name))
		self.assertEqual(
			frappe.db.count("Support Request", {"raised_by": CLIENT_A, "subject": request.subject}), 1
		)

	def test_unknown_sender_goes_to_central_flagged(self):
		comm = self.receive(
			"stranger@elsewhere.example", "Need a quote", "Hello", "m3-" + frappe.generate_hash(length=6)
		)
		request = frappe.get_doc("Support Request", comm.reference_name)
		self.assertEqual((request.sender_unknown, request.office), (1, self.world["central"]))
		self.assertFalse(request.customer)


class TestBadInput(SupportRequestTestCase):
	def test_invalid_transition_is_refused(self):
		request = make_request(self.customer_a, installation=self.installation_a)
		request.status = "Resolved"
		request.resolution_summary = "Done"
		with self.assertRaises(WorkflowPermissionError):
			request.save()
		self.assertEqual(frappe.db.get_value("Support Request", request.name, "status"), "New")

	def test_resolving_without_a_resolution_is_refused(self):
		self.set_office_rule(OFFICE_A, approval_required=0)
		request = make_request(self.customer_a, installation=self.installation_a)
		apply_workflow(request, "Triage")
		apply_workflow(request, "Start Work")
		request.reload()
		request.status = "Resolved"
		with self.assertRaises(ResolutionRequired):
			request.save()
		self.assertEqual(frappe.db.get_value("Support Request", request.name, "status"), "In Progress")
		self.set_office_rule(OFFICE_A, approval_required=1)

	def test_absurd_work_log_is_refused(self):
		for minutes in (-15, 0, 24 * 60 + 1):
			with self.assertRaises(InvalidWorkLog):
				make_request(
					self.customer_a,
					subject=f"work log {minutes}",
					work_log=[
						{"engineer": ENGINEER_A, "means": "Phone / Internet", "duration_minutes": minutes}
					],
				)
			self.assertFalse(frappe.db.exists("Support Request", {"subject": f"work log {minutes}"}))

	def test_installation_of_another_customer_is_refused(self):
		with self.assertRaises(InstallationOfAnotherCustomer):
			make_request(self.customer_b, subject="forged installation", installation=self.installation_a)
		self.assertFalse(frappe.db.exists("Support Request", {"subject": "forged installation"}))

	def test_scripted_html_is_made_inert(self):
		request = make_request(
			self.customer_a,
			description='<p>Hi</p><script>alert("x")</script><img src=x onerror="steal()"><a href="javascript:evil()">l</a>',
		)
		stored = frappe.db.get_value("Support Request", request.name, "description")
		for dangerous in ("<script", "onerror", "javascript:"):
			self.assertNotIn(dangerous, stored)
		self.assertIn("Hi", stored)

	def test_oversized_description_is_refused(self):
		with self.assertRaises(DescriptionTooLong):
			make_request(self.customer_a, subject="too long", description="<p>" + "x" * 100_001 + "</p>")
		self.assertFalse(frappe.db.exists("Support Request", {"subject": "too long"}))


class TestIntakeAndAutoClose(SupportRequestTestCase):
	def test_rest_api_intake(self):
		from onyx_support.tests.utils import api_keys_for, rest_post

		token = api_keys_for(ENGINEER_A)
		frappe.db.commit()  # nosemgrep: the REST call runs on its own connection
		response = rest_post(
			"/api/resource/Support Request",
			token,
			{
				"data": frappe.as_json(
					{
						"customer": self.customer_a,
						"installation": self.installation_a,
						"subject": "Filed through the REST API",
						"reason": "Guidance",
						"channel": "REST API",
						"priority": "Low",
					}
				)
			},
		)
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:500])
		frappe.db.rollback()
		name = response.json["data"]["name"]
		self.assertEqual(
			frappe.db.get_value("Support Request", name, ["office", "channel"]), (OFFICE_A, "REST API")
		)

	def test_resolved_requests_close_after_the_regions_days(self):
		from onyx_support.services.requests import auto_close_resolved

		self.set_office_rule(OFFICE_A, approval_required=0, auto_close_days=7)
		old, recent = (make_request(self.customer_a, installation=self.installation_a) for _ in range(2))
		for request, days_ago in ((old, 8), (recent, 2)):
			resolve_request(request.name)
			frappe.db.set_value(
				"Support Request", request.name, "resolved_on", add_to_date(now_datetime(), days=-days_ago)
			)
		auto_close_resolved()
		self.assertEqual(frappe.db.get_value("Support Request", old.name, "status"), "Closed")
		self.assertEqual(frappe.db.get_value("Support Request", recent.name, "status"), "Resolved")
		self.set_office_rule(OFFICE_A, approval_required=1)
