# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from onyx_support.services.errors import (
	DuplicateTerritoryClaim,
	InvalidTimeZone,
	InvalidWorkingWindow,
	OfficeKindMismatch,
	OfficeWithoutTerritory,
	OverlappingWorkingWindows,
)
from onyx_support.services.routing import route_customer
from onyx_support.tests.network_fixture import ERP, OFFICE_A, OFFICE_C, PAYROLL, build_network
from onyx_support.tests.utils import make_customer, make_sales_partner, make_territory


class TestSupportOffice(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.network = build_network()

	def new_distributor(self, **overrides):
		doc = {
			"doctype": "Support Office",
			"office_name": "_Test New Distributor",
			"office_kind": "Distributor",
			"parent_office": self.network["central"],
			"sales_partner": make_sales_partner("_Test Gulf Partner", self.network["territories"]["oman"]),
			"time_zone": "Asia/Muscat",
			"territories": [{"territory": self.network["territories"]["oman"]}],
			"working_hours": [{"weekday": "Sunday", "start_time": "08:00", "end_time": "16:00"}],
		}
		doc.update(overrides)
		return frappe.get_doc(doc)

	def assert_refused(self, exception, **overrides):
		with self.assertRaises(exception):
			self.new_distributor(**overrides).insert()
		self.assertFalse(frappe.db.exists("Support Office", "_Test New Distributor"))

	def test_a_well_formed_distributor_is_saved(self):
		office = self.new_distributor().insert()
		self.assertEqual(office.office_kind, "Distributor")
		frappe.delete_doc("Support Office", office.name, force=True)

	def test_unknown_time_zone_is_refused(self):
		self.assert_refused(InvalidTimeZone, time_zone="Asia/Atlantis")

	def test_inverted_window_is_refused(self):
		self.assert_refused(
			InvalidWorkingWindow,
			working_hours=[{"weekday": "Monday", "start_time": "17:00", "end_time": "09:00"}],
		)

	def test_overlapping_windows_are_refused(self):
		self.assert_refused(
			OverlappingWorkingWindows,
			working_hours=[
				{"weekday": "Monday", "start_time": "08:00", "end_time": "12:00"},
				{"weekday": "Monday", "start_time": "11:00", "end_time": "15:00"},
			],
		)

	def test_office_without_territory_is_refused(self):
		self.assert_refused(OfficeWithoutTerritory, territories=[])

	def test_distributor_without_sales_partner_is_refused(self):
		self.assert_refused(OfficeKindMismatch, sales_partner=None)

	def test_subsidiary_linked_to_a_sales_partner_is_refused(self):
		from onyx_support.tests.utils import test_company

		self.assert_refused(OfficeKindMismatch, office_kind="Subsidiary", company=test_company())

	def test_reporting_to_a_non_central_office_is_refused(self):
		self.assert_refused(OfficeKindMismatch, parent_office=OFFICE_A)

	def test_second_claim_on_a_territory_is_refused(self):
		self.assert_refused(
			DuplicateTerritoryClaim, territories=[{"territory": self.network["territories"]["egypt"]}]
		)

	def test_a_system_specific_claim_may_share_a_territory(self):
		office = self.new_distributor(
			territories=[{"territory": self.network["territories"]["egypt"], "system": PAYROLL}]
		).insert()
		self.assertEqual(route_customer(self.network["customers"][OFFICE_C], PAYROLL).office, office.name)
		self.assertEqual(route_customer(self.network["customers"][OFFICE_C], ERP).office, OFFICE_C)
		frappe.delete_doc("Support Office", office.name, force=True)
		self.assertEqual(route_customer(self.network["customers"][OFFICE_C], PAYROLL).office, OFFICE_C)

	def test_real_customer_in_a_child_territory_is_routed_to_the_parent_claim(self):
		decision = route_customer(self.network["customers"][OFFICE_A], ERP)
		self.assertEqual(decision.office, OFFICE_A)
		self.assertEqual(decision.matched_territory, self.network["territories"]["yemen"])

	def test_customer_in_a_country_without_office_goes_to_central(self):
		decision = route_customer(self.network["customers"][self.network["central"]], ERP)
		self.assertEqual(decision.office, self.network["central"])
		self.assertEqual(decision.basis.value, "No local office")

	def test_claim_on_a_parent_territory_covers_a_new_child(self):
		sudan = make_territory("_T Sudan", self.network["territories"]["africa"])
		customer = make_customer("_Test Khartoum Bank", sudan)
		self.assertEqual(route_customer(customer, ERP).office, self.network["central"])
		office = self.new_distributor(
			territories=[{"territory": self.network["territories"]["africa"]}]
		).insert()
		self.assertEqual(route_customer(customer, ERP).office, office.name)
		frappe.delete_doc("Support Office", office.name, force=True)
