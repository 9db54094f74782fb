"""The portal's coverage page through real HTTP: a client sees its own installations' cover and
agreements, never another customer's; a guest is sent to log in; a request shows its stamp."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, formatdate

from onyx_support.services.warranty.coverage import office_day
from onyx_support.tests.network_fixture import CLIENT_A, CLIENT_B, OFFICE_A, OFFICE_B, build_request_world
from onyx_support.tests.utils import (
	api_keys_for,
	make_installation,
	make_request,
	make_system,
	rest_get,
	web_get,
)

SYSTEM_A = "_Test Portal Cover A"
SYSTEM_B = "_Test Portal Cover B"


def goodwill(customer: str, office: str, installation: str):
	"""A submitted 6-month goodwill agreement covering today (made once: tests commit)."""
	existing = frappe.db.sql(
		"""select agreement.name from `tabWarranty Agreement` agreement
		join `tabWarranty Agreement Installation` covered on covered.parent = agreement.name
		where covered.installation = %s and agreement.agreement_kind = 'Goodwill'
			and agreement.docstatus = 1 limit 1""",
		installation,
	)
	if existing:
		return frappe.get_doc("Warranty Agreement", existing[0][0])
	doc = frappe.get_doc(
		{
			"doctype": "Warranty Agreement",
			"customer": customer,
			"agreement_kind": "Goodwill",
			"goodwill_months": 6,
			"selling_office": office,
			"start_date": add_days(office_day(office), -10),
			"installations": [{"installation": installation}],
		}
	)
	doc.flags.ignore_permissions = True
	doc.insert()
	doc.submit()
	return doc


class TestPortalCoverage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		world = build_request_world()
		cls.customer_a = world["customers"][OFFICE_A]
		cls.customer_b = world["customers"][OFFICE_B]
		# installed three years ago: whatever free months the office gives have run out
		installed = add_months(office_day(OFFICE_A), -36)
		cls.installation_a = make_installation(
			cls.customer_a, make_system(SYSTEM_A), "7.1", go_live_date=installed
		).name
		cls.installation_b = make_installation(
			cls.customer_b, make_system(SYSTEM_B), "8.2", go_live_date=installed
		).name
		cls.agreement_a = goodwill(cls.customer_a, OFFICE_A, cls.installation_a)
		cls.agreement_b = goodwill(cls.customer_b, OFFICE_B, cls.installation_b)
		cls.request_a = make_request(
			cls.customer_a, subject="coverage stamp", installation=cls.installation_a
		)
		cls.tokens = {user: api_keys_for(user) for user in (CLIENT_A, CLIENT_B)}
		frappe.db.commit()  # nosemgrep: HTTP calls run on their own connection

	def page(self, user: str) -> str:
		response = rest_get("/support/coverage", self.tokens[user])
		self.assertEqual(response.status_code, 200, user)
		return response.get_data(as_text=True)

	def test_client_sees_its_own_coverage_and_agreements(self):
		html = self.page(CLIENT_A)
		self.assertIn(self.installation_a, html)
		self.assertIn(SYSTEM_A, html)
		self.assertIn("7.1", html)
		self.assertIn(OFFICE_A, html)
		self.assertIn(self.agreement_a.name, html)
		self.assertIn(formatdate(self.agreement_a.start_date), html)
		self.assertIn(formatdate(self.agreement_a.end_date), html)
		self.assertIn("Under Agreement", html)
		self.assertIn("Covered until {0}.".format(formatdate(self.agreement_a.end_date)), html)
		self.assertIn('href="/support/coverage"', html)  # the portal's navigation links it

	def test_never_another_customers(self):
		for user, mine, theirs in (
			(
				CLIENT_A,
				(self.installation_a, self.agreement_a.name),
				(self.installation_b, self.agreement_b.name),
			),
			(
				CLIENT_B,
				(self.installation_b, self.agreement_b.name),
				(self.installation_a, self.agreement_a.name),
			),
		):
			html = self.page(user)
			for name in mine:
				self.assertIn(name, html, user)
			for name in (*theirs, SYSTEM_B if user == CLIENT_A else SYSTEM_A):
				self.assertNotIn(name, html, user)

	def test_guest_is_sent_to_log_in(self):
		response = web_get("/support/coverage")
		self.assertIn(response.status_code, (301, 302, 303, 307))
		self.assertIn("/login", response.headers.get("Location", ""))

	def test_request_page_shows_its_stamp(self):
		self.assertEqual(self.request_a.coverage_state, "Under Agreement")
		response = rest_get(f"/support/requests/{self.request_a.name}", self.tokens[CLIENT_A])
		html = response.get_data(as_text=True)
		self.assertEqual(response.status_code, 200)
		self.assertIn('id="onyx-coverage"', html)
		self.assertIn("Covered until {0}.".format(formatdate(self.request_a.covered_until)), html)
