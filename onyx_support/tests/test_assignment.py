"""The app's assignment of support requests (services/assignment.py): what users see of it, its
close and reopen, the Assignment Rules kept as configuration, no Workflow Action inbox, and a fair
share under concurrent intake (threads with their own database connections)."""

import json
import traceback
from collections import Counter
from threading import Barrier, Thread

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from onyx_support.api.requests import record_client_decision, request_client_approval
from onyx_support.services import assignment
from onyx_support.tests.network_fixture import (
	CLIENT_A,
	ENGINEER_A,
	ERP,
	OFFICE_A,
	build_request_world,
)
from onyx_support.tests.utils import (
	ALWAYS_OPEN,
	make_customer,
	make_installation,
	make_office,
	make_request,
	make_territory,
	make_user,
)

FAIR_OFFICE = "_Test Fair Share Office"
NOBODY_OFFICE = "_Test Nobody Office"
FAIR_ENGINEERS = [f"fair-{n}@onyx-test.example" for n in ("one", "two", "three")]


def todos(name: str, status: str | None = None) -> list:
	filters = {"reference_type": "Support Request", "reference_name": name}
	if status:
		filters["status"] = status
	return frappe.get_all("ToDo", filters=filters, fields=["allocated_to", "status", "assignment_rule"])


class TestAssignment(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = build_request_world()

	def tearDown(self):
		frappe.set_user("Administrator")

	def new_request(self, **overrides):
		return make_request(
			self.world["customers"][OFFICE_A], installation=self.world["installations"][OFFICE_A], **overrides
		)

	def test_the_engineer_shows_in_the_form_the_list_and_assigned_to_at_once(self):
		request = self.new_request()
		stored = frappe.db.get_value("Support Request", request.name, ["assigned_engineer", "_assign"])
		self.assertEqual(stored[0], ENGINEER_A)
		self.assertEqual(json.loads(stored[1]), [ENGINEER_A])  # the list's "Assigned To"
		self.assertEqual(  # the form's "Assigned To" and the engineer's to-do list
			todos(request.name),
			[
				{
					"allocated_to": ENGINEER_A,
					"status": "Open",
					"assignment_rule": assignment.rule_name(OFFICE_A),
				}
			],
		)
		from frappe.desk.form.load import get_docinfo

		get_docinfo(request)
		self.assertEqual([a.owner for a in frappe.response["docinfo"]["assignments"]], [ENGINEER_A])
		timeline = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Support Request", "reference_name": request.name},
			fields=["comment_type", "content"],
		)
		self.assertEqual([c.comment_type for c in timeline], ["Assigned"])
		self.assertIn("Amal", timeline[0].content)
		notified = frappe.get_all(
			"Notification Log",
			filters={"document_type": "Support Request", "document_name": request.name},
			fields=["for_user", "type"],
		)
		self.assertEqual([(n.for_user, n.type) for n in notified], [(ENGINEER_A, "Assignment")])

	def test_no_workflow_action_inbox_for_requests(self):
		request = self.new_request()
		apply_workflow(frappe.get_doc("Support Request", request.name), "Triage")
		self.assertFalse(
			frappe.db.exists(
				"Workflow Action", {"reference_doctype": "Support Request", "reference_name": request.name}
			)
		)

	def test_resolving_closes_the_assignment_and_reopening_opens_it_again(self):
		contact = self.world["contacts"][CLIENT_A]
		request = self.new_request(contact=contact)
		apply_workflow(frappe.get_doc("Support Request", request.name), "Triage")
		if frappe.db.get_value("Support Office", OFFICE_A, "approval_required"):  # the office's rule
			request_client_approval(request.name, "Remote session", "Remote Session")
			record_client_decision(request.name, "Approved", contact=contact, note="By phone")
		apply_workflow(frappe.get_doc("Support Request", request.name), "Start Work")
		doc = frappe.get_doc("Support Request", request.name)
		doc.resolution_summary = "<p>Done</p>"
		doc.save()
		apply_workflow(doc, "Resolve")
		self.assertEqual([t.status for t in todos(request.name)], ["Closed"])
		self.assertFalse(frappe.db.get_value("Support Request", request.name, "_assign"))
		apply_workflow(frappe.get_doc("Support Request", request.name), "Reopen")
		self.assertEqual([t.status for t in todos(request.name)], ["Open"])
		self.assertEqual(
			json.loads(frappe.db.get_value("Support Request", request.name, "_assign")), [ENGINEER_A]
		)

	def test_an_engineer_named_at_filing_is_kept(self):
		request = self.new_request(assigned_engineer=ENGINEER_A)
		self.assertEqual([t.allocated_to for t in todos(request.name, "Open")], [ENGINEER_A])
		self.assertIsNone(todos(request.name)[0].assignment_rule)

	def test_a_request_of_an_office_with_nobody_is_assigned_once_the_office_has_someone(self):
		land = make_territory("_T Nobody Land")
		make_office(NOBODY_OFFICE, "Subsidiary", territories=[{"territory": land}], working_hours=ALWAYS_OPEN)
		office = frappe.get_doc("Support Office", NOBODY_OFFICE)
		office.set("engineers", [])  # Frappe commits when it mails a notification in tests: start clean
		office.save(ignore_permissions=True)
		customer = make_customer("_Test Nobody Client", land)
		request = make_request(customer, installation=make_installation(customer, ERP, "15.2").name)
		self.assertEqual(request.office, NOBODY_OFFICE)
		self.assertFalse(request.assigned_engineer)
		self.assertEqual(todos(request.name), [])
		office.append("engineers", {"user": ENGINEER_A, "office_role": "Engineer"})
		office.save(ignore_permissions=True)
		doc = frappe.get_doc("Support Request", request.name)
		doc.subject = "Still failing"
		doc.save(ignore_permissions=True)
		self.assertEqual(
			frappe.db.get_value("Support Request", request.name, "assigned_engineer"), ENGINEER_A
		)
		self.assertEqual([t.allocated_to for t in todos(request.name, "Open")], [ENGINEER_A])

	def test_the_rules_stay_as_configuration_disabled_for_frappe(self):
		rules = frappe.get_all(
			"Assignment Rule",
			filters={"document_type": "Support Request", "name": ("like", f"%{OFFICE_A}%")},
			fields=["name", "disabled", "rule"],
		)
		self.assertEqual([(r.name, r.disabled) for r in rules], [(assignment.rule_name(OFFICE_A), 1)])

	def test_round_robin_takes_turns_through_the_rule_row(self):
		users = ["a@x.example", "b@x.example", "c@x.example"]
		rule = assignment.rule_name(OFFICE_A)
		frappe.db.set_value("Assignment Rule", rule, "last_user", None)
		picked = [assignment.next_in_turn(rule, users) for _ in range(7)]
		self.assertEqual(picked, users * 2 + users[:1])
		self.assertEqual(frappe.db.get_value("Assignment Rule", rule, "last_user"), users[0])
		self.assertIsNone(assignment.next_in_turn("No such rule", users))

	def test_the_patch_disables_frappes_rules_and_drops_the_requests_workflow_actions(self):
		from onyx_support.patches.v1_4 import assign_in_app

		rule = assignment.rule_name(OFFICE_A)
		request = self.new_request()  # first: Frappe commits when it mails the assignment in tests
		frappe.db.set_value("Assignment Rule", rule, "disabled", 0)
		action = frappe.get_doc(
			{
				"doctype": "Workflow Action",
				"reference_doctype": "Support Request",
				"reference_name": request.name,
				"workflow_state": "New",
				"status": "Open",
				"permitted_roles": [{"role": "Support Engineer"}],
			}
		)
		action.db_insert()
		for row in action.permitted_roles:
			row.db_insert()
		assign_in_app.execute()
		self.assertEqual(frappe.db.get_value("Assignment Rule", rule, "disabled"), 1)
		self.assertFalse(frappe.db.exists("Workflow Action", action.name))
		self.assertFalse(frappe.db.exists("Workflow Action Permitted Role", {"parent": action.name}))


def build_fair_office(rule_type: str) -> dict:
	land = make_territory("_T Fair Land")
	for user in FAIR_ENGINEERS:
		make_user(user, ["Support Engineer"], user.split("@")[0])
	make_office(
		FAIR_OFFICE,
		"Subsidiary",
		territories=[{"territory": land}],
		working_hours=ALWAYS_OPEN,
		engineers=[{"user": user, "office_role": "Engineer"} for user in FAIR_ENGINEERS],
	)
	office = frappe.get_doc("Support Office", FAIR_OFFICE)
	office.assignment_rule_type = rule_type
	office.save(ignore_permissions=True)
	customer = make_customer("_Test Fair Share Client", land)
	return {"customer": customer, "installation": make_installation(customer, ERP, "15.2").name}


class TestFairShareUnderConcurrentIntake(FrappeTestCase):
	"""Four threads, each with its own database connection, file requests into an office of three
	engineers at the same moment, each committing its own. Every engineer gets the same share, every
	request exactly one engineer and one open ToDo."""

	THREADS, EACH = 4, 6  # 24 requests: 8 per engineer

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		build_request_world()
		cls.place = build_fair_office("Round Robin")
		cls.remove_requests()  # a run stopped half-way left its requests: they would count as load

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		cls.remove_requests()
		super().tearDownClass()

	@staticmethod
	def remove_requests():
		names = frappe.get_all("Support Request", filters={"office": FAIR_OFFICE}, pluck="name")
		if names:
			for doctype in ("ToDo", "Comment"):
				frappe.db.delete(doctype, {"reference_name": ("in", names)})
			frappe.db.delete("Notification Log", {"document_name": ("in", names)})
			frappe.db.delete("Support Request", {"name": ("in", names)})
		frappe.db.commit()  # nosemgrep: the threads read the office on their own connections

	def file_concurrently(self, tag: str) -> list[str]:
		site, barrier = frappe.local.site, Barrier(self.THREADS)
		filed, errors = [], []

		def client(number: int):
			frappe.init(site=site)
			frappe.connect()
			frappe.flags.in_test = True
			try:
				for index in range(self.EACH):
					barrier.wait()  # every round, the four intakes start together
					request = frappe.get_doc(
						{
							"doctype": "Support Request",
							"customer": self.place["customer"],
							"installation": self.place["installation"],
							"subject": f"{tag} {number}-{index}",
							"reason": "Guidance",
							"priority": "Medium",
							"channel": "Desk",
						}
					).insert(ignore_permissions=True)
					frappe.db.commit()  # nosemgrep: each client's intake is its own transaction
					filed.append(request.name)
			except Exception:
				errors.append(traceback.format_exc())
			finally:
				frappe.destroy()

		threads = [Thread(target=client, args=(n,)) for n in range(self.THREADS)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join()
		self.assertEqual(errors, [])
		frappe.db.rollback()  # read what the threads committed
		return filed

	def assert_fair_and_complete(self, names: list[str]) -> Counter:
		total = self.THREADS * self.EACH
		rows = frappe.get_all(
			"Support Request",
			filters={"name": ("in", names)},
			fields=["name", "assigned_engineer", "_assign"],
		)
		self.assertEqual(len(rows), total)  # none lost
		open_todos = Counter(
			frappe.get_all(
				"ToDo",
				filters={
					"reference_type": "Support Request",
					"reference_name": ("in", names),
					"status": "Open",
				},
				pluck="reference_name",
			)
		)
		for row in rows:
			self.assertIn(row.assigned_engineer, FAIR_ENGINEERS, row.name)
			self.assertEqual(json.loads(row._assign), [row.assigned_engineer], row.name)
			self.assertEqual(open_todos[row.name], 1, row.name)  # one assignment, no duplicate
		shares = Counter(row.assigned_engineer for row in rows)
		self.assertEqual(  # 4 threads x 6 requests over 3 engineers
			shares,
			{
				"fair-one@onyx-test.example": 8,
				"fair-two@onyx-test.example": 8,
				"fair-three@onyx-test.example": 8,
			},
		)
		# Intakes are numbered as they take their turn (the naming series is locked to the commit):
		# in that order the engineers come round one after the other, never twice running.
		in_turn = [row.assigned_engineer for row in sorted(rows, key=lambda row: row.name)]
		first = FAIR_ENGINEERS.index(in_turn[0])
		expected = [FAIR_ENGINEERS[(first + i) % len(FAIR_ENGINEERS)] for i in range(total)]
		self.assertEqual(in_turn, expected)
		return shares

	def test_round_robin_then_load_balancing_give_each_engineer_its_share(self):
		round_robin = self.file_concurrently("round robin")
		self.assert_fair_and_complete(round_robin)
		office = frappe.get_doc("Support Office", FAIR_OFFICE)
		office.assignment_rule_type = "Load Balancing"
		office.save(ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: the threads read the office on their own connections
		# every engineer has 8 open requests: the next 24 must again go 8 to each
		self.assert_fair_and_complete(self.file_concurrently("load balancing"))
