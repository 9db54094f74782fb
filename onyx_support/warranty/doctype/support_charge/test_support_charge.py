# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt
"""The Support Charge record itself: the rules' own, and never negative. (The ledger's life is
tested with the Billing Run, test_billing_run.py.)"""

import frappe
from frappe.tests.utils import FrappeTestCase

from onyx_support.permissions.guards import ProtectedFieldChanged, by_rule
from onyx_support.services.warranty.charges import PENDING
from onyx_support.tests.network_fixture import ADMIN_USER, OFFICE_A, OFFICE_C, build_network
from onyx_support.warranty.doctype.support_charge.support_charge import NegativeCharge


def charge(office: str, customer: str, **values):
	return by_rule(
		frappe.get_doc(
			{
				"doctype": "Support Charge",
				"source_key": f"Test:{frappe.generate_hash(length=10)}",
				"status": PENDING,
				"charge_date": frappe.utils.nowdate(),
				"customer": customer,
				"office": office,
				"hours": 1,
				"rate": 30,
				"amount": 30,
				"currency": "USD",
				**values,
			}
		)
	)


class TestSupportCharge(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.network = build_network()

	def test_company_is_the_offices(self):
		subsidiary = charge(OFFICE_A, self.network["customers"][OFFICE_A]).insert(ignore_permissions=True)
		self.assertEqual(subsidiary.company, frappe.db.get_value("Support Office", OFFICE_A, "company"))
		distributor = charge(OFFICE_C, self.network["customers"][OFFICE_C]).insert(ignore_permissions=True)
		self.assertIsNone(distributor.company)

	def test_negative_amount_is_refused(self):
		doc = charge(OFFICE_A, self.network["customers"][OFFICE_A], amount=-1)
		self.assertRaises(NegativeCharge, doc.insert, ignore_permissions=True)

	def test_one_charge_per_source(self):
		first = charge(OFFICE_A, self.network["customers"][OFFICE_A]).insert(ignore_permissions=True)
		second = charge(OFFICE_A, self.network["customers"][OFFICE_A], source_key=first.source_key)
		self.assertRaises(
			(frappe.DuplicateEntryError, frappe.UniqueValidationError), second.insert, ignore_permissions=True
		)

	def test_status_and_amount_change_only_by_rule(self):
		doc = charge(OFFICE_A, self.network["customers"][OFFICE_A]).insert(ignore_permissions=True)
		frappe.set_user(ADMIN_USER)
		try:
			for field, value in (("status", "Waived"), ("amount", 1)):
				edited = frappe.get_doc("Support Charge", doc.name)
				edited.set(field, value)
				self.assertRaises(ProtectedFieldChanged, edited.save)
		finally:
			frappe.set_user("Administrator")
