"""Threat: a write checked on the values it brings, not on the stored document (moving a request
or an installation to one's own office, writing the client's or the SLA's fields)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime

from onyx_support.permissions.guards import ProtectedFieldChanged
from onyx_support.tests.network_fixture import (
	DISTRIBUTOR,
	ENGINEER_A,
	ENGINEER_B,
	OFFICE_A,
	OFFICE_B,
	OFFICE_C,
	build_request_world,
)
from onyx_support.tests.utils import make_request


class TestStoredDocument(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = build_request_world()
		customers = cls.world["customers"]
		cls.request_a = make_request(customers[OFFICE_A]).name
		cls.request_b = make_request(customers[OFFICE_B]).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def stored(self, doctype, name, field):
		return frappe.db.get_value(doctype, name, field)

	def test_an_engineer_cannot_pull_another_offices_request(self):
		frappe.set_user(ENGINEER_A)
		doc = frappe.get_doc("Support Request", self.request_b)  # loaded as the attacker would send it
		doc.flags.ignore_permissions = False
		doc.office = OFFICE_A
		with self.assertRaises(frappe.PermissionError):
			doc.save()
		frappe.set_user("Administrator")
		self.assertEqual(self.stored("Support Request", self.request_b, "office"), OFFICE_B)

	def test_an_engineer_cannot_move_own_request_either(self):
		frappe.set_user(ENGINEER_A)
		doc = frappe.get_doc("Support Request", self.request_a)
		doc.office = OFFICE_B
		with self.assertRaises(frappe.PermissionError):  # the rule of the office, then the guard
			doc.save()
		frappe.set_user("Administrator")
		self.assertEqual(self.stored("Support Request", self.request_a, "office"), OFFICE_A)

	def test_the_guard_holds_where_the_office_rule_does_not_apply(self):
		from onyx_support.tests.network_fixture import CENTRAL_USER

		frappe.set_user(CENTRAL_USER)  # sees the whole network, so only the guard stands
		doc = frappe.get_doc("Support Request", self.request_a)
		doc.office = OFFICE_B
		with self.assertRaises(ProtectedFieldChanged):
			doc.save()
		frappe.set_user("Administrator")
		self.assertEqual(self.stored("Support Request", self.request_a, "office"), OFFICE_A)

	def test_client_owned_and_sla_fields_are_not_the_engineers(self):
		for field, value in (
			("feedback_rating", 0.2),
			("feedback_comment", "Terrible"),
			("approval_status", "Approved"),
			("approval_decided_by", self.world["contacts"][next(iter(self.world["contacts"]))]),
			("resolution_due", add_days(now_datetime(), 30)),
			("first_response_due", add_days(now_datetime(), 30)),
			("sla_status", "Met"),
			("assigned_engineer", ENGINEER_B),
		):
			frappe.set_user(ENGINEER_A)
			doc = frappe.get_doc("Support Request", self.request_a)
			before = doc.get(field)
			doc.set(field, value)
			with self.assertRaises(ProtectedFieldChanged, msg=field):
				doc.save()
			frappe.set_user("Administrator")
			self.assertEqual(frappe.get_doc("Support Request", self.request_a).get(field), before, field)

	def test_an_engineer_still_edits_what_is_theirs(self):
		frappe.set_user(ENGINEER_A)
		doc = frappe.get_doc("Support Request", self.request_a)
		doc.priority = "Urgent"
		doc.save()
		self.assertEqual(self.stored("Support Request", self.request_a, "priority"), "Urgent")

	def test_recording_approval_needs_the_clients_contact(self):
		from onyx_support.api.requests import (
			NotClientContact,
			record_client_decision,
			request_client_approval,
		)
		from onyx_support.tests.utils import resolve_request  # noqa: F401  (same world helpers)

		frappe.db.set_value("Support Request", self.request_a, "status", "Triaged")
		frappe.set_user(ENGINEER_A)
		request_client_approval(self.request_a, "Install the fix")
		with self.assertRaises(NotClientContact):
			record_client_decision(self.request_a, "Approved")
		# nor through the workflow's own action, with no decision recorded
		from frappe.model.workflow import WorkflowTransitionError, apply_workflow

		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc("Support Request", self.request_a), "Record Approval")
		frappe.set_user("Administrator")
		self.assertEqual(self.stored("Support Request", self.request_a, "status"), "Awaiting Client Approval")

	def test_a_manager_cannot_take_another_offices_installation(self):
		installation = self.world["installations"][OFFICE_A]
		frappe.set_user(DISTRIBUTOR)
		doc = frappe.get_doc("Client Installation", installation)
		doc.office_overridden = 1
		doc.serving_office = OFFICE_C
		with self.assertRaises(frappe.PermissionError):
			doc.save()
		frappe.set_user("Administrator")
		self.assertEqual(self.stored("Client Installation", installation, "serving_office"), OFFICE_A)
		self.assertFalse(self.stored("Client Installation", installation, "office_overridden"))

	def test_territory_claims_belong_to_the_support_administrator(self):
		frappe.set_user(DISTRIBUTOR)
		office = frappe.get_doc("Support Office", OFFICE_C)
		claims = len(office.territories)
		office.append(
			"territories",
			{"territory": frappe.db.get_value("Customer", self.world["customers"][OFFICE_A], "territory")},
		)
		with self.assertRaises(ProtectedFieldChanged):
			office.save()
		frappe.set_user("Administrator")
		self.assertEqual(len(frappe.get_doc("Support Office", OFFICE_C).territories), claims)
