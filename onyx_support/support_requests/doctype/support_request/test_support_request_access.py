# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt
"""Who may do what to a support request: every workflow transition per role, and who sees which
request through lists, documents and REST. Every cell is asserted."""

import frappe
from frappe.model.workflow import get_transitions
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime

from onyx_support.domain.request_flow import DECIDED_DECLINED, State, allowed_actions
from onyx_support.roles import APP_ROLES
from onyx_support.tests.network_fixture import (
	ADMIN_USER,
	CENTRAL_USER,
	CLIENT_A,
	CLIENT_A2,
	CLIENT_B,
	DISTRIBUTOR,
	ENGINEER_A,
	ENGINEER_B,
	OFFICE_A,
	OFFICE_B,
	OFFICE_C,
	build_request_world,
)
from onyx_support.tests.utils import api_keys_for, make_request, make_user, rest_get

MANAGER_A = "manager-a@onyx-test.example"
# One user per app role, each able to read the office-A request the matrix works on.
ROLE_USERS = (ENGINEER_A, MANAGER_A, CENTRAL_USER, ADMIN_USER, CLIENT_A)


class TestWorkflowMatrix(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = build_request_world()
		make_user(MANAGER_A, ["Support Office Manager"], "Mariam")
		office = frappe.get_doc("Support Office", OFFICE_A)
		if MANAGER_A not in {row.user for row in office.engineers}:
			office.append("engineers", {"user": MANAGER_A, "office_role": "Manager"})
			office.save()
		cls.request = make_request(
			cls.world["customers"][OFFICE_A], installation=cls.world["installations"][OFFICE_A]
		)

	def tearDown(self):
		frappe.set_user("Administrator")

	def actions_for(self, user, state, conditions_hold):
		frappe.set_user("Administrator")
		values = {"status": state.value}
		values.update(
			{
				"proposed_action": "Repair",
				"escalation_reason": "Large Project",
				"resolution_summary": "<p>Fixed</p>",
				"resolved_on": add_days(now_datetime(), -1),  # inside the reopen window
				# the client's approval is recorded (Record Decline then has no decision to follow)
				"approval_status": "Approved",
				"approval_decided_by": self.world["contacts"][CLIENT_A],
			}
			if conditions_hold
			else {
				"proposed_action": None,
				"escalation_reason": None,
				"resolution_summary": None,
				"resolved_on": add_days(now_datetime(), -400),  # long past it
				"approval_status": "Pending",
				"approval_decided_by": None,
			}
		)
		frappe.db.set_value("Support Request", self.request.name, values)
		frappe.db.set_value(
			"Support Office",
			OFFICE_A,
			{
				"approval_required": 0 if conditions_hold else 1,
				"engineers_may_close": 1 if conditions_hold else 0,
			},
		)
		doc = frappe.get_doc("Support Request", self.request.name)
		frappe.set_user(user)
		if user == CLIENT_A:
			# clients hold no DocPerm: the portal checks ownership, then acts on the document
			doc.flags.ignore_permissions = True
		return sorted({t.action for t in get_transitions(doc)})

	def expected(self, user, state, conditions_hold):
		roles = set(frappe.get_roles(user)) & set(APP_ROLES)
		return sorted(
			{
				t.action
				for t in allowed_actions(state, roles)
				if (conditions_hold and t.condition != DECIDED_DECLINED) or t.condition is None
			}
		)

	def test_every_transition_per_role_and_condition(self):
		checked = 0
		for state in State:
			for user in ROLE_USERS:
				for conditions_hold in (True, False):
					self.assertEqual(
						self.actions_for(user, state, conditions_hold),
						self.expected(user, state, conditions_hold),
						f"{user} in {state.value}, conditions {'met' if conditions_hold else 'unmet'}",
					)
					checked += 1
		self.assertEqual(checked, len(State) * len(ROLE_USERS) * 2)

	def test_a_client_cannot_take_a_staff_action(self):
		from frappe.model.workflow import WorkflowTransitionError, apply_workflow

		frappe.db.set_value("Support Request", self.request.name, "status", "New")
		frappe.set_user(CLIENT_A)
		with self.assertRaises(frappe.PermissionError):  # no desk door at all
			apply_workflow(frappe.get_doc("Support Request", self.request.name), "Triage")
		doc = frappe.get_doc("Support Request", self.request.name)
		doc.flags.ignore_permissions = True  # through the portal's door: still not a client's action
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(doc, "Triage")


class TestRequestVisibility(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		world = build_request_world()
		customers = world["customers"]
		cls.requests = {
			office: make_request(customers[office], subject=f"visibility {office}").name
			for office in (OFFICE_A, OFFICE_B, OFFICE_C, world["central"])
		}
		# a colleague's request at client A, filed by the second contact
		cls.requests["A2"] = make_request(
			customers[OFFICE_A], subject="colleague request", contact=world["contacts"][CLIENT_A2]
		).name
		all_requests = set(cls.requests.values())
		a_side = {cls.requests[OFFICE_A], cls.requests["A2"]}
		cls.visible = {
			ENGINEER_A: a_side,
			ENGINEER_B: {cls.requests[OFFICE_B]},
			DISTRIBUTOR: {cls.requests[OFFICE_C]},
			CENTRAL_USER: all_requests,
			ADMIN_USER: all_requests,
		}
		# Clients reach their requests through the portal only (tests/test_portal.py): no desk door.
		cls.clients = (CLIENT_A, CLIENT_A2, CLIENT_B)
		cls.tokens = {user: api_keys_for(user) for user in (*cls.visible, *cls.clients)}
		frappe.db.commit()  # nosemgrep: REST calls run on their own connection

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_lists_and_documents(self):
		for user, expected in self.visible.items():
			frappe.set_user(user)
			listed = set(frappe.get_list("Support Request", pluck="name")) & set(self.requests.values())
			self.assertEqual(listed, expected, f"list as {user}")
			for name in self.requests.values():
				self.assertEqual(
					bool(frappe.has_permission("Support Request", "read", name)),
					name in expected,
					f"{user} reads {name}",
				)

	def test_rest(self):
		for user, expected in self.visible.items():
			token = self.tokens[user]
			listing = rest_get("/api/resource/Support Request", token, {"limit_page_length": 0})
			self.assertEqual(listing.status_code, 200, user)
			listed = {row["name"] for row in listing.json["data"]} & set(self.requests.values())
			self.assertEqual(listed, expected, f"REST list as {user}")
			for name in self.requests.values():
				response = rest_get(f"/api/resource/Support Request/{name}", token)
				self.assertEqual(
					response.status_code, 200 if name in expected else 403, f"REST get {name} as {user}"
				)

	def test_clients_have_no_desk_door(self):
		names = set(self.requests.values())
		for user in self.clients:
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError, msg=user):
				frappe.get_list("Support Request")
			for name in names:
				self.assertFalse(
					frappe.has_permission("Support Request", "read", name), f"{user} reads {name}"
				)
			token = self.tokens[user]
			self.assertEqual(rest_get("/api/resource/Support Request", token).status_code, 403, user)
			for name in names:
				self.assertEqual(
					rest_get(f"/api/resource/Support Request/{name}", token).status_code,
					403,
					f"{user} {name}",
				)

	def test_clients_cannot_write(self):
		frappe.set_user(CLIENT_A)
		self.assertFalse(frappe.has_permission("Support Request", "write", self.requests[OFFICE_A]))
		with self.assertRaises(frappe.PermissionError):
			doc = frappe.get_doc("Support Request", self.requests[OFFICE_A])
			doc.priority = "Urgent"
			doc.save()
