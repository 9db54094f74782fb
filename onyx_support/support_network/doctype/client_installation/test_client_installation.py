# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt
"""Client Installation: routing on save, the version history, and who sees what (every cell)."""

import json

import frappe
from frappe.desk.reportview import get as reportview_get
from frappe.tests.utils import FrappeTestCase

from onyx_support.support_network.doctype.client_installation.client_installation import NotASystemItem
from onyx_support.tests.network_fixture import (
	ADMIN_USER,
	CENTRAL_USER,
	DISTRIBUTOR,
	ENGINEER_A,
	ENGINEER_B,
	ERP,
	OFFICE_A,
	OFFICE_B,
	OFFICE_C,
	SECRET,
	all_test_offices,
	build_network,
)
from onyx_support.tests.utils import api_keys_for, make_system, rest_get


class TestClientInstallation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.network = build_network()
		cls.central = cls.network["central"]
		cls.installations = cls.network["installations"]  # office -> installation name
		cls.visible = {
			ENGINEER_A: {OFFICE_A},
			ENGINEER_B: {OFFICE_B},
			DISTRIBUTOR: {OFFICE_C},
			CENTRAL_USER: all_test_offices(cls.central),
			ADMIN_USER: all_test_offices(cls.central),
		}
		# REST calls run on their own connection: they only see committed rows.
		cls.tokens = {user: api_keys_for(user) for user in cls.visible}
		frappe.db.commit()  # nosemgrep

	def tearDown(self):
		frappe.set_user("Administrator")

	# --- routing and history -------------------------------------------------------------

	def test_office_is_routed_from_the_customer_territory(self):
		for office, name in self.installations.items():
			self.assertEqual(frappe.db.get_value("Client Installation", name, "serving_office"), office)

	def test_links_name_the_client_and_the_system(self):
		from frappe.desk.search import get_link_title

		doc = frappe.get_doc("Client Installation", self.installations[OFFICE_A])
		doc.save(ignore_permissions=True)
		system = frappe.db.get_value("Item", doc.system, "item_name")
		self.assertEqual(doc.installation_title, f"{doc.customer_name} – {system}")
		self.assertEqual(get_link_title("Client Installation", doc.name), doc.installation_title)

	def test_manager_override_is_kept(self):
		doc = frappe.get_doc("Client Installation", self.installations[OFFICE_A])
		doc.office_overridden = 1
		doc.serving_office = self.central
		doc.save()
		self.assertEqual(doc.serving_office, self.central)
		doc.office_overridden = 0
		doc.save()
		self.assertEqual(doc.serving_office, OFFICE_A)

	def test_only_a_manager_overrides_the_office(self):
		frappe.set_user(ENGINEER_A)
		doc = frappe.get_doc("Client Installation", self.installations[OFFICE_A])
		doc.office_overridden = 1
		doc.serving_office = OFFICE_A
		with self.assertRaises(frappe.PermissionError):
			doc.save()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Client Installation", doc.name, "office_overridden"), 0)

	def test_version_change_is_recorded(self):
		doc = frappe.get_doc("Client Installation", self.installations[OFFICE_B])
		before = len(doc.version_history)
		doc.version = "16.0"
		doc.save()
		self.assertEqual(len(doc.version_history), before + 1)
		self.assertEqual(doc.version_history[-1].version, "16.0")

	def test_item_outside_the_system_group_is_refused(self):
		make_system("_Test Printer Paper", item_group="All Item Groups")
		customer = self.network["customers"][OFFICE_A]
		with self.assertRaises(NotASystemItem):
			frappe.get_doc(
				{
					"doctype": "Client Installation",
					"customer": customer,
					"system": "_Test Printer Paper",
					"version": "1",
				}
			).insert()
		self.assertFalse(frappe.db.exists("Client Installation", {"system": "_Test Printer Paper"}))

	def test_engineer_cannot_create_an_installation_for_another_office(self):
		frappe.set_user(ENGINEER_A)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{
					"doctype": "Client Installation",
					"customer": self.network["customers"][OFFICE_B],
					"system": ERP,
					"version": "1",
				}
			).insert()

	# --- who sees what -------------------------------------------------------------------

	def test_visibility_matrix_on_lists(self):
		for user, offices in self.visible.items():
			frappe.set_user(user)
			office_rows = set(frappe.get_list("Support Office", pluck="name")) & all_test_offices(
				self.central
			)
			self.assertEqual(office_rows, offices, f"Support Office list as {user}")
			installs = set(frappe.get_list("Client Installation", pluck="name"))
			expected = {self.installations[o] for o in offices}
			self.assertEqual(
				installs & set(self.installations.values()), expected, f"installations as {user}"
			)

	def test_visibility_matrix_on_documents(self):
		for user, offices in self.visible.items():
			frappe.set_user(user)
			for office in all_test_offices(self.central):
				allowed = office in offices
				self.assertEqual(
					bool(frappe.has_permission("Support Office", "read", office)),
					allowed,
					f"{user} reads office {office}",
				)
				installation = self.installations[office]
				self.assertEqual(
					bool(frappe.has_permission("Client Installation", "read", installation)),
					allowed,
					f"{user} reads installation of {office}",
				)
				if not allowed:
					with self.assertRaises(frappe.PermissionError):
						frappe.get_doc("Client Installation", installation).check_permission("read")

	def test_visibility_matrix_on_clients(self):
		customers = self.network["customers"]  # office -> customer
		for user, offices in self.visible.items():
			frappe.set_user(user)
			listed = set(frappe.get_list("Customer", pluck="name")) & set(customers.values())
			self.assertEqual(listed, {customers[o] for o in offices}, f"clients listed as {user}")
			for office, customer in customers.items():
				# select (pick it, see its name), never read: credit limits and accounts stay ERPNext's
				self.assertEqual(
					bool(frappe.has_permission("Customer", "select", customer)),
					office in offices,
					f"{user} selects client {customer}",
				)
				self.assertFalse(
					frappe.has_permission("Customer", "read", customer), f"{user} reads {customer}"
				)

	def test_visibility_matrix_on_report_view(self):
		for user, offices in self.visible.items():
			frappe.set_user(user)
			frappe.local.form_dict = frappe._dict(
				doctype="Client Installation",
				fields=json.dumps(["name", "serving_office"]),
				limit_page_length=0,
			)
			result = reportview_get()
			rows = {tuple(v) for v in result.get("values", [])} if result else set()
			seen = {office for _name, office in rows if _name in set(self.installations.values())}
			self.assertEqual(seen, offices, f"report view as {user}")

	def test_visibility_matrix_over_rest(self):
		for user, offices in self.visible.items():
			token = self.tokens[user]
			listing = rest_get(
				"/api/resource/Client Installation",
				token,
				{"fields": ["name", "serving_office"], "limit_page_length": 0},
			)
			self.assertEqual(listing.status_code, 200, user)
			seen = {
				row["serving_office"]
				for row in listing.json["data"]
				if row["name"] in self.installations.values()
			}
			self.assertEqual(seen, offices, f"REST list as {user}")
			for office in all_test_offices(self.central):
				expected = 200 if office in offices else 403
				single = rest_get(f"/api/resource/Client Installation/{self.installations[office]}", token)
				self.assertEqual(single.status_code, expected, f"REST get installation of {office} as {user}")
				office_doc = rest_get(f"/api/resource/Support Office/{office}", token)
				self.assertEqual(office_doc.status_code, expected, f"REST get office {office} as {user}")

	def test_remote_access_password_is_never_returned(self):
		name = self.installations[OFFICE_A]
		frappe.set_user(ADMIN_USER)
		responses = [
			json.dumps(frappe.get_list("Client Installation", fields=["*"]), default=str),
			json.dumps(frappe.get_doc("Client Installation", name).as_dict(), default=str),
		]
		frappe.local.form_dict = frappe._dict(doctype="Client Installation", fields=json.dumps(["*"]))
		responses.append(json.dumps(reportview_get(), default=str))
		token = self.tokens[ADMIN_USER]
		responses.append(rest_get(f"/api/resource/Client Installation/{name}", token).get_data(as_text=True))
		responses.append(
			rest_get("/api/resource/Client Installation", token, {"fields": ["*"]}).get_data(as_text=True)
		)
		for body in responses:
			self.assertNotIn(SECRET, body)
		# ...while the password is really stored, for the engineer who needs it.
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.get_doc("Client Installation", name).get_password("remote_access_password"), SECRET
		)
