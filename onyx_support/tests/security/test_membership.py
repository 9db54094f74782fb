"""Threat: proving membership with a record the caller wrote (a Contact naming oneself)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from onyx_support.permissions.clients import customers_of_portal_user, trusted_sender
from onyx_support.tests.network_fixture import CLIENT_A, OFFICE_A, OFFICE_B, build_request_world
from onyx_support.tests.utils import make_contact


def make_website_user(email: str) -> str:
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": "Mallory", "user_type": "Website User"}
		)
		user.flags.no_welcome_mail = True
		user.insert(ignore_permissions=True)
	return email


def contact_written_by(author: str, customer: str, email: str, user: str) -> None:
	"""A Contact naming the user, linked to the customer, written as `author` (where Frappe lets
	them write one at all: the app must not care who could)."""
	frappe.set_user(author)
	try:
		frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": email.split("@")[0],
				"email_ids": [{"email_id": email, "is_primary": 1}],
				"links": [{"link_doctype": "Customer", "link_name": customer}],
				"user": user,
			}
		).insert(ignore_permissions=True)
	finally:
		frappe.set_user("Administrator")


class TestMembership(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = build_request_world()
		cls.victim = cls.world["customers"][OFFICE_A]

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_a_contact_a_website_user_writes_for_itself_grants_nothing(self):
		mallory = make_website_user(f"mallory-{frappe.generate_hash(length=6)}@evil.example")
		contact_written_by(mallory, self.victim, mallory, mallory)
		self.assertEqual(customers_of_portal_user(mallory), [])
		self.assertNotIn("Support Client", frappe.get_roles(mallory))
		# nor does mail from that address speak for the victim
		self.assertIsNone(trusted_sender(mallory))

	def test_staff_of_the_serving_office_link_a_user(self):
		from onyx_support.tests.network_fixture import ENGINEER_A

		email = f"staff-linked-{frappe.generate_hash(length=6)}@client.example"
		user = make_website_user(email)
		contact_written_by(ENGINEER_A, self.victim, email, user)
		self.assertEqual(customers_of_portal_user(user), [self.victim])
		self.assertIn("Support Client", frappe.get_roles(user))

	def test_staff_of_another_office_cannot_link_a_user(self):
		from onyx_support.tests.network_fixture import ENGINEER_B

		email = f"foreign-{frappe.generate_hash(length=6)}@client.example"
		user = make_website_user(email)
		contact_written_by(ENGINEER_B, self.victim, email, user)
		self.assertEqual(customers_of_portal_user(user), [])

	def test_a_self_signed_up_user_is_not_linked_to_a_staff_contact(self):
		"""A contact staff made has no user yet; signing up with its address must not claim it."""
		email = f"signup-{frappe.generate_hash(length=6)}@client.example"
		make_contact(self.victim, email, "Sam")
		frappe.set_user("Guest")
		user = make_website_user(email)
		frappe.set_user("Administrator")
		self.assertEqual(customers_of_portal_user(user), [])

	def test_known_client_mail_is_still_recognised(self):
		self.assertEqual(trusted_sender(CLIENT_A)[0], self.victim)
		self.assertNotEqual(trusted_sender(CLIENT_A)[0], self.world["customers"][OFFICE_B])
