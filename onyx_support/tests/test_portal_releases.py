"""The portal's releases page and "ask for this update": a client sees the published releases of
the systems it runs, never drafts, withdrawn releases or other systems'; asking files one Update
Delivery request (asking again returns it); another customer's installation is "not found"."""

import frappe
from frappe.tests.utils import FrappeTestCase

from onyx_support.api.portal import InvalidPortalInput, request_update
from onyx_support.services.portal import releases as portal_releases
from onyx_support.services.releases import publishing
from onyx_support.tests.network_fixture import CLIENT_A, CLIENT_B, OFFICE_A, OFFICE_B, build_request_world
from onyx_support.tests.utils import api_keys_for, make_request, make_system, rest_get, rest_post, web_get

PORTAL = "/api/method/onyx_support.api.portal."


def installation(customer: str, system: str, version: str) -> str:
	return (
		frappe.get_doc(
			{"doctype": "Client Installation", "customer": customer, "system": system, "version": version}
		)
		.insert(ignore_permissions=True)
		.name
	)


def release(system: str, version: str, publish: bool = True, **values):
	doc = frappe.get_doc(
		{
			"doctype": "Software Release",
			"system": system,
			"version": version,
			"release_kind": "New Version",
			"release_date": frappe.utils.nowdate(),
			**values,
		}
	).insert(ignore_permissions=True)
	if publish:
		doc.submit()
	return frappe.get_doc("Software Release", doc.name)


class TestPortalReleases(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		world = build_request_world()
		cls.customer_a = world["customers"][OFFICE_A]
		cls.customer_b = world["customers"][OFFICE_B]
		mark = frappe.generate_hash(length=6)
		cls.system_a = make_system(f"_Test Portal Releases A {mark}")
		cls.system_b = make_system(f"_Test Portal Releases B {mark}")
		cls.inst_a = installation(cls.customer_a, cls.system_a, "3.1")
		cls.inst_b = installation(cls.customer_b, cls.system_b, "3.1")
		cls.installed = release(cls.system_a, "3.0", notes_en="<p>Old notes</p>")
		cls.published = release(
			cls.system_a,
			"3.2",
			notes_en="<p>English notes</p>",
			notes_fr="<p>Notes en français</p>",
			notes_ar="<p>ملاحظات بالعربية</p>",
			known_issues="Printing is slow",
		)
		cls.withdrawn = release(cls.system_a, "3.3")
		publishing.withdraw(frappe.get_doc("Software Release", cls.withdrawn.name), "A regression")
		cls.draft = release(cls.system_a, "3.4", publish=False)
		cls.other = release(cls.system_b, "3.2")
		cls.tokens = {user: api_keys_for(user) for user in (CLIENT_A, CLIENT_B)}
		frappe.db.commit()  # nosemgrep: HTTP calls run on their own connection

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def page(self, user: str) -> str:
		response = rest_get("/support/releases", self.tokens[user])
		self.assertEqual(response.status_code, 200, user)
		return response.get_data(as_text=True)

	def test_client_sees_its_systems_published_releases_only(self):
		html = self.page(CLIENT_A)
		for name in (self.installed.name, self.published.name):
			self.assertIn(f'data-release="{name}"', html)
		for name in (self.withdrawn.name, self.draft.name, self.other.name):
			self.assertNotIn(f'data-release="{name}"', html)
		self.assertNotIn(self.system_b, html)
		self.assertNotIn(self.inst_b, html)
		self.assertIn("English notes", html)
		self.assertIn("Printing is slow", html)
		self.assertIn('href="/support/releases"', html)  # the portal's navigation links it
		# newest first
		self.assertLess(html.index(self.published.name), html.index(self.installed.name))
		# 3.1 runs 3.0 already; 3.2 was distributed to it by its office and waits
		frappe.set_user(CLIENT_A)
		(group,) = [g for g in portal_releases.list_releases() if g.system == self.system_a]
		states = {r.version: [(t.name, t.state) for t in r.targets] for r in group.releases}
		self.assertEqual(states["3.0"], [(self.inst_a, "installed")])
		self.assertEqual(states["3.2"], [(self.inst_a, "pending")])
		self.assertFalse(group.releases[-1].targets[0].may_ask)  # nothing to ask for what it runs

	def test_notes_in_the_users_language(self):
		self.assertIn("ملاحظات", portal_releases.notes_in(self.published, "ar"))
		self.assertIn("français", portal_releases.notes_in(self.published, "fr"))
		self.assertIn("English", portal_releases.notes_in(self.published, "en"))
		# no Arabic notes: the English ones
		self.assertIn("Old notes", portal_releases.notes_in(self.installed, "ar"))

	def test_asking_files_one_request(self):
		frappe.set_user(CLIENT_A)
		first = request_update(self.inst_a, self.published.name)
		self.assertFalse(first["already_asked"])
		doc = frappe.get_doc("Support Request", first["name"])
		self.assertEqual(
			(doc.reason, doc.installation, doc.customer), ("Update Delivery", self.inst_a, self.customer_a)
		)
		self.assertEqual(doc.subject, "Update to 3.2")
		self.assertEqual(doc.channel, "Portal")
		second = request_update(self.inst_a, self.published.name)
		self.assertEqual(second["name"], first["name"])
		self.assertTrue(second["already_asked"])
		self.assertEqual(
			frappe.db.count(
				"Support Request", {"installation": self.inst_a, "reason": "Update Delivery", "is_open": 1}
			),
			1,
		)
		# the page links the request instead of the button
		(group,) = [g for g in portal_releases.list_releases() if g.system == self.system_a]
		target = next(r for r in group.releases if r.name == self.published.name).targets[0]
		self.assertEqual((target.asked, target.may_ask), (first["name"], False))
		# a release the installation already runs is not asked for
		with self.assertRaises(InvalidPortalInput):
			request_update(self.inst_a, self.installed.name)

	def test_not_found_outside_the_clients_installations_and_published_releases(self):
		frappe.set_user(CLIENT_A)
		for installation_name, release_name in (
			(self.inst_b, self.other.name),  # another customer's installation
			(self.inst_a, self.other.name),  # another system's release
			(self.inst_a, self.withdrawn.name),
			(self.inst_a, self.draft.name),
			("INST-NOPE", self.published.name),
		):
			with self.assertRaises(frappe.DoesNotExistError, msg=(installation_name, release_name)):
				request_update(installation_name, release_name)
		frappe.set_user("Administrator")
		# over HTTP: 404, and nothing filed
		count = frappe.db.count("Support Request", {"installation": self.inst_a})
		response = rest_post(
			PORTAL + "request_update",
			self.tokens[CLIENT_B],
			{"installation": self.inst_a, "release": self.published.name},
		)
		self.assertEqual(response.status_code, 404)
		self.assertEqual(frappe.db.count("Support Request", {"installation": self.inst_a}), count)

	def test_guest_is_sent_to_log_in(self):
		response = web_get("/support/releases")
		self.assertIn(response.status_code, (301, 302, 303, 307))
		self.assertIn("/login", response.headers.get("Location", ""))

	def test_request_page_says_a_fix_is_installed(self):
		request = make_request(self.customer_a, installation=self.inst_a, raised_by=CLIENT_A)
		request.db_set("fix_delivered_on", frappe.utils.now_datetime())
		frappe.db.commit()  # nosemgrep: HTTP calls run on their own connection
		response = rest_get(f"/support/requests/{request.name}", self.tokens[CLIENT_A])
		self.assertEqual(response.status_code, 200)
		self.assertIn('id="onyx-fix-installed"', response.get_data(as_text=True))
