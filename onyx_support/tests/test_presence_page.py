"""The public presence-and-contact page: open to guests, built from the offices, nothing private."""

import frappe
from frappe.tests.utils import FrappeTestCase

from onyx_support.tests.network_fixture import build_network
from onyx_support.tests.utils import make_office, make_territory, make_user, web_get

PUBLIC_OFFICE = "_Test Presence Public Office"
HIDDEN_OFFICE = "_Test Presence Hidden Office"
PUBLIC_ENGINEER = "presence-public@onyx-test.example"
PRIVATE_ENGINEER = "presence-private@onyx-test.example"


class TestPresencePage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.network = build_network()
		make_user(PUBLIC_ENGINEER, ["Support Engineer"], "Zainab", last_name="Publica")
		make_user(PRIVATE_ENGINEER, ["Support Engineer"], "Yahya", last_name="Privado")
		make_office(
			PUBLIC_OFFICE,
			"Subsidiary",
			city="Taiz",
			territories=[{"territory": make_territory("_T Presence Land")}],
			working_hours=[
				{"weekday": day, "start_time": "08:00", "end_time": "12:00"}
				for day in ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday")
			],
			channels=[
				{"channel": "Phone", "contact": "+967 4 PUBLIC", "is_public": 1},
				{"channel": "Social Network", "contact": "INTERNAL-HOTLINE-42", "is_public": 0},
				{"channel": "Remote Access", "contact": "WITHDRAWN-CHANNEL", "offered": 0},
			],
			engineers=[
				{"user": PUBLIC_ENGINEER, "office_role": "Engineer", "show_publicly": 1},
				{"user": PRIVATE_ENGINEER, "office_role": "Engineer", "show_publicly": 0},
			],
			hourly_rate=4321,
			visit_fee=8765,
			currency="USD",
			fees_public=0,
			fee_policy_summary="First year free, then under warranty.",
		)
		make_office(
			HIDDEN_OFFICE,
			"Subsidiary",
			is_public=0,
			territories=[{"territory": make_territory("_T Hidden Land")}],
		)
		frappe.db.commit()  # nosemgrep: the page is rendered by another connection
		cls.response = web_get("/presence")
		cls.html = cls.response.get_data(as_text=True)

	def test_guests_get_the_page(self):
		self.assertEqual(self.response.status_code, 200)

	def test_content_is_built_from_the_offices(self):
		for text in (PUBLIC_OFFICE, "Taiz", "_T Presence Land", "+967 4 PUBLIC", "Zainab Publica"):
			self.assertIn(text, self.html)
		self.assertIn("First year free, then under warranty.", self.html)
		self.assertIn("08:00–12:00", self.html)
		self.assertIn("Asia/Aden (UTC+03:00)", self.html)

	def test_countries_without_a_local_office_are_listed_under_central(self):
		self.assertIn(self.network["territories"]["oman"], self.html)

	def test_nothing_private_is_shown(self):
		for private in (
			HIDDEN_OFFICE,
			"_T Hidden Land",
			"INTERNAL-HOTLINE-42",
			"WITHDRAWN-CHANNEL",
			"Yahya Privado",
			PRIVATE_ENGINEER,
			"4,321",
			"8,765",
		):
			self.assertNotIn(private, self.html)

	def test_published_rates_are_shown(self):
		frappe.db.set_value("Support Office", PUBLIC_OFFICE, "fees_public", 1)
		frappe.db.commit()  # nosemgrep
		try:
			html = web_get("/presence").get_data(as_text=True)
			self.assertIn("4,321 USD", html)
		finally:
			frappe.db.set_value("Support Office", PUBLIC_OFFICE, "fees_public", 0)
			frappe.db.commit()  # nosemgrep

	def test_arabic_page_is_right_to_left(self):
		html = web_get("/presence", {"_lang": "ar"}).get_data(as_text=True)
		self.assertIn('class="onyx-presence" dir="rtl"', html)
