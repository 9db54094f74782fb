"""Threats: side doors that write (a ToDo making oneself the engineer), a File record pointing at
someone else's private file, and ERPNext master data read through the app's permission rows."""

import frappe
from frappe.tests.utils import FrappeTestCase

from onyx_support.permissions.doors import AssigneeOutsideOffice, FileNotYours
from onyx_support.tests.network_fixture import ENGINEER_A, ENGINEER_B, OFFICE_A, build_request_world
from onyx_support.tests.utils import make_request


class TestSideDoors(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = build_request_world()
		cls.request = make_request(cls.world["customers"][OFFICE_A]).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def todo(self, allocated_to):
		return frappe.get_doc(
			{
				"doctype": "ToDo",
				"description": "mine now",
				"reference_type": "Support Request",
				"reference_name": self.request,
				"allocated_to": allocated_to,
			}
		)

	def test_a_todo_on_another_offices_request_is_refused(self):
		before = frappe.db.get_value("Support Request", self.request, "assigned_engineer")
		frappe.set_user(ENGINEER_B)
		with self.assertRaises(frappe.PermissionError):
			self.todo(ENGINEER_B).insert()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Support Request", self.request, "assigned_engineer"), before)

	def test_assigning_outside_the_office_is_refused(self):
		"""Frappe's assign_to checks the assigner may read, then writes the ToDo without checks (and
		shares the document with an assignee who cannot read it): the assignee is checked too."""
		from frappe.desk.form.assign_to import add

		frappe.set_user(ENGINEER_A)
		with self.assertRaises(AssigneeOutsideOffice):
			add({"assign_to": [ENGINEER_B], "doctype": "Support Request", "name": self.request})
		frappe.set_user("Administrator")
		self.assertFalse(
			frappe.db.exists("ToDo", {"reference_name": self.request, "allocated_to": ENGINEER_B})
		)
		self.assertFalse(frappe.db.exists("DocShare", {"share_name": self.request, "user": ENGINEER_B}))

	def secret_file(self):
		return frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"secret-{frappe.generate_hash(length=6)}.txt",
				"content": b"remote access: 123 456",
				"is_private": 1,
				"attached_to_doctype": "Support Request",
				"attached_to_name": self.request,
			}
		).insert(ignore_permissions=True)

	def test_a_private_file_is_copied_only_by_who_may_read_it(self):
		secret = self.secret_file()
		copies = frappe.db.count("File", {"file_url": secret.file_url})
		frappe.set_user(ENGINEER_B)
		with self.assertRaises(FileNotYours):
			frappe.get_doc({"doctype": "File", "file_url": secret.file_url, "is_private": 1}).insert()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count("File", {"file_url": secret.file_url}), copies)
		frappe.set_user(ENGINEER_A)  # the request's own office may
		frappe.get_doc({"doctype": "File", "file_url": secret.file_url, "is_private": 1}).insert()

	def test_an_attach_field_names_only_a_private_file_its_writer_may_read(self):
		"""Frappe makes a File record, permissions off, for whatever URL an Attach field holds (here
		the engineer's own picture); that record would then download the other office's file."""
		secret = self.secret_file()
		copies = frappe.db.count("File", {"file_url": secret.file_url})
		frappe.set_user(ENGINEER_B)
		profile = frappe.get_doc("User", ENGINEER_B)
		profile.user_image = secret.file_url
		with self.assertRaises(FileNotYours):
			profile.save()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count("File", {"file_url": secret.file_url}), copies)
		self.assertFalse(frappe.db.get_value("User", ENGINEER_B, "user_image"))

	def test_erpnext_masters_are_select_only(self):
		"""The app's rows grant select only; no rule of the app opens rates, credit limits or
		accounts (what Frappe's own Desk User row allows stays Frappe's)."""
		from frappe.permissions import get_role_permissions

		from onyx_support.install import ERPNEXT_SELECT_ACCESS, OTHER_RIGHTS

		for doctype, roles in ERPNEXT_SELECT_ACCESS.items():
			for row in frappe.get_all(
				"Custom DocPerm", filters={"parent": doctype, "role": ("in", roles)}, fields=["*"]
			):
				self.assertEqual(row.select, 1, f"{doctype}: {row.role}")
				for right in OTHER_RIGHTS:
					self.assertFalse(row.get(right), f"{doctype}: {row.role} has {right}")
			rights = get_role_permissions(frappe.get_meta(doctype), user=ENGINEER_B)
			self.assertTrue(rights.get("select"), doctype)
			self.assertFalse(rights.get("read"), f"{doctype}: read")

	def test_a_workflow_action_shows_only_with_its_document(self):
		"""Frappe lists a Workflow Action to every holder of the next step's role, in every office:
		another office's engineer must not learn the request's name and state from it."""
		action = frappe.get_doc(
			{
				"doctype": "Workflow Action",
				"reference_doctype": "Support Request",
				"reference_name": self.request,
				"workflow_state": "New",
				"status": "Open",
				"permitted_roles": [{"role": "Support Engineer"}],
			}
		).insert(ignore_permissions=True)
		seen = {}
		for user in (ENGINEER_A, ENGINEER_B):
			frappe.set_user(user)
			listed = frappe.get_list("Workflow Action", filters={"name": action.name}, pluck="name")
			seen[user] = (listed, frappe.has_permission("Workflow Action", doc=action.name, user=user))
		frappe.set_user("Administrator")
		self.assertEqual(seen, {ENGINEER_A: ([action.name], True), ENGINEER_B: ([], False)})
