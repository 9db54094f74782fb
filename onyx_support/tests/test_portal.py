"""The client portal through real HTTP: pages and /api/ paths, with an IDOR matrix.

Contacts of customers A and B (and a second contact of A) try to read, reply, approve, confirm,
reopen and rate each other's requests through every route; every cell is asserted, and a refused
call must change nothing."""

import re

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import now_datetime

from onyx_support.tests.network_fixture import (
	CLIENT_A,
	CLIENT_A2,
	CLIENT_B,
	ENGINEER_A,
	OFFICE_A,
	OFFICE_B,
	build_request_world,
)
from onyx_support.tests.utils import (
	api_keys_for,
	make_request,
	make_support_inbox,
	rest_get,
	rest_post,
	session_get,
	web_get,
)

PORTAL = "/api/method/onyx_support.api.portal."


def reset_throttles():
	frappe.cache.delete_keys("onyx_throttle")


class PortalTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = build_request_world()
		customers = cls.world["customers"]
		cls.customer_a, cls.customer_b = customers[OFFICE_A], customers[OFFICE_B]
		cls.installation_a = cls.world["installations"][OFFICE_A]
		cls.installation_b = cls.world["installations"][OFFICE_B]
		contacts = cls.world["contacts"]
		cls.requests = {
			"A": make_request(
				cls.customer_a, subject="portal A", contact=contacts[CLIENT_A], raised_by=CLIENT_A
			).name,
			"A2": make_request(
				cls.customer_a, subject="portal A2", contact=contacts[CLIENT_A2], raised_by=CLIENT_A2
			).name,
			"B": make_request(
				cls.customer_b, subject="portal B", contact=contacts[CLIENT_B], raised_by=CLIENT_B
			).name,
		}
		cls.owner = {"A": "A", "A2": "A", "B": "B"}  # request -> customer side
		cls.side = {CLIENT_A: "A", CLIENT_A2: "A", CLIENT_B: "B"}
		cls.tokens = {user: api_keys_for(user) for user in (CLIENT_A, CLIENT_A2, CLIENT_B, ENGINEER_A)}
		frappe.db.commit()  # nosemgrep: HTTP calls run on their own connection

	def setUp(self):
		reset_throttles()

	def set_state(self, key, **values):
		frappe.db.set_value("Support Request", self.requests[key], values)
		frappe.db.commit()  # nosemgrep: the next HTTP call must see it

	def value(self, key, field):
		frappe.db.rollback()  # see what the HTTP calls committed
		return frappe.db.get_value("Support Request", self.requests[key], field)

	def allowed(self, user, key) -> bool:
		return self.side[user] == self.owner[key]


class TestPortalIdorMatrix(PortalTestCase):
	def test_read_page_and_rest(self):
		for user, token in self.tokens.items():
			if user == ENGINEER_A:
				continue
			for key, name in self.requests.items():
				allowed = self.allowed(user, key)
				page = rest_get(f"/support/requests/{name}", token)
				self.assertEqual(page.status_code, 200 if allowed else 404, f"page {key} as {user}")
				if not allowed:
					self.assertNotIn(f"portal {key}", page.get_data(as_text=True))
				# the portal is the client's only door: Frappe's REST gives it nothing, even its own
				api = rest_get(f"/api/resource/Support Request/{name}", token)
				self.assertEqual(api.status_code, 403, f"REST {key} as {user}")

	def test_reply(self):
		for user in (CLIENT_A, CLIENT_A2, CLIENT_B):
			for key, name in self.requests.items():
				before = frappe.db.count("Communication", {"reference_name": name})
				response = rest_post(
					PORTAL + "reply", self.tokens[user], {"name": name, "message": f"reply from {user}"}
				)
				frappe.db.rollback()
				after = frappe.db.count("Communication", {"reference_name": name})
				if self.allowed(user, key):
					self.assertEqual(
						(response.status_code, after), (200, before + 1), f"reply {key} as {user}"
					)
				else:
					self.assertEqual((response.status_code, after), (404, before), f"reply {key} as {user}")

	def test_approve(self):
		for user in (CLIENT_A, CLIENT_A2, CLIENT_B):
			for key, name in self.requests.items():
				self.set_state(
					key,
					status="Awaiting Client Approval",
					approval_status="Pending",
					proposed_action="Fix it",
				)
				response = rest_post(
					PORTAL + "decide", self.tokens[user], {"name": name, "decision": "Approved"}
				)
				expected = ("Approved", 200) if self.allowed(user, key) else ("Pending", 404)
				self.assertEqual(
					(self.value(key, "approval_status"), response.status_code), expected, f"{key} as {user}"
				)

	def test_confirm_reopen_and_rate(self):
		for action, data, field, done in (
			("confirm_resolution", {}, "status", "Closed"),
			("reopen", {}, "status", "In Progress"),
			("rate", {"stars": 4, "comment": "Quick and clear"}, "feedback_rating", 0.8),
		):
			for user in (CLIENT_A, CLIENT_A2, CLIENT_B):
				for key, name in self.requests.items():
					self.set_state(
						key,
						status="Resolved",
						resolution_summary="<p>Fixed</p>",
						resolved_on=now_datetime(),
						feedback_rating=0,
					)
					before = self.value(key, field)
					response = rest_post(PORTAL + action, self.tokens[user], {"name": name, **data})
					after = self.value(key, field)
					if self.allowed(user, key):
						self.assertEqual(
							(response.status_code, after), (200, done), f"{action} {key} as {user}"
						)
					else:
						self.assertEqual(
							(response.status_code, after), (404, before), f"{action} {key} as {user}"
						)

	def test_unknown_request_answers_like_another_customers(self):
		response = rest_post(
			PORTAL + "reply", self.tokens[CLIENT_A], {"name": "SR-0000-99999", "message": "hello"}
		)
		self.assertEqual(response.status_code, 404)

	def test_staff_are_not_portal_clients(self):
		response = rest_post(
			PORTAL + "reply", self.tokens[ENGINEER_A], {"name": self.requests["A"], "message": "x"}
		)
		self.assertEqual(response.status_code, 403)

	def test_guest_is_sent_to_log_in(self):
		response = web_get("/support")
		self.assertIn(response.status_code, (301, 302))
		self.assertIn("/login", response.headers["Location"])


class TestPortalSubmit(PortalTestCase):
	def submit(self, user=CLIENT_A, files=None, **values):
		data = {
			"subject": "Cannot print the payslips",
			"description": "<p>Since the update.</p>",
			"reason": "Error",
			"priority": "High",
			"installation": self.installation_a,
			"preferred_means": "Remote Session",
			**values,
		}
		return rest_post(PORTAL + "submit_request", self.tokens[user], data, files=files)

	def test_a_client_files_a_request_with_an_attachment(self):
		response = self.submit(files={"files": ("screen.png", b"\x89PNG fake image")})
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True))
		name = response.json["message"]["name"]
		frappe.db.rollback()
		request = frappe.get_doc("Support Request", name)
		self.assertEqual(
			(request.customer, request.office, request.channel, request.raised_by),
			(self.customer_a, OFFICE_A, "Portal", CLIENT_A),
		)
		self.assertEqual(request.contact, self.world["contacts"][CLIENT_A])
		self.assertTrue(frappe.db.exists("File", {"attached_to_name": name, "file_name": "screen.png"}))
		self.assertIn(name, rest_get("/support/requests", self.tokens[CLIENT_A2]).get_data(as_text=True))

	def test_forged_installation_of_another_customer_is_rejected(self):
		before = frappe.db.count("Support Request")
		response = self.submit(installation=self.installation_b, subject="forged")
		self.assertEqual(response.status_code, 417)
		self.assertIn("your own installations", response.get_data(as_text=True))
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Support Request"), before)

	def test_oversized_or_forbidden_file_creates_nothing(self):
		before = frappe.db.count("Support Request")
		big = self.submit(subject="big file", files={"files": ("dump.zip", b"0" * (5 * 1024 * 1024 + 1))})
		self.assertEqual(big.status_code, 417)
		self.assertIn("larger than 5 MB", big.get_data(as_text=True))
		script = self.submit(subject="exe", files={"files": ("tool.exe", b"MZ")})
		self.assertEqual(script.status_code, 417)
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Support Request"), before)

	def test_script_tags_are_made_inert(self):
		response = self.submit(
			subject='<script>alert("s")</script>Totals wrong',
			description='<p>ok</p><script>alert("d")</script><img src=x onerror="steal()">',
		)
		name = response.json["message"]["name"]
		frappe.db.rollback()
		stored = frappe.db.get_value("Support Request", name, ["subject", "description"], as_dict=True)
		self.assertNotIn("<script", stored.subject + stored.description)
		self.assertNotIn("onerror", stored.description)
		page = rest_get(f"/support/requests/{name}", self.tokens[CLIENT_A]).get_data(as_text=True)
		self.assertNotIn('<script>alert("', page)
		self.assertNotIn("onerror", page)

	def test_too_many_submissions_get_a_polite_message(self):
		statuses = [self.submit(subject=f"burst {i}").status_code for i in range(11)]
		self.assertEqual(statuses[:10], [200] * 10)
		self.assertEqual(statuses[10], 429)
		self.assertIn("Please wait", self.submit(subject="burst again").get_data(as_text=True))


class TestPortalConversation(PortalTestCase):
	def test_engineer_reply_reaches_the_client_by_mail_and_on_the_portal(self):
		from frappe.core.doctype.communication.email import make

		make(
			doctype="Support Request",
			name=self.requests["A"],
			content="<p>We fixed the ledger index.</p>",
			subject="Re: portal A",
			recipients=CLIENT_A,
			send_email=True,
			sender="support.ye@onyx-test.example",
		)
		frappe.db.commit()  # nosemgrep
		queued = frappe.get_all(
			"Email Queue",
			filters={"reference_name": self.requests["A"]},
			pluck="name",
			order_by="creation desc",
			limit=1,
		)
		self.assertIn(
			CLIENT_A,
			frappe.get_all("Email Queue Recipient", filters={"parent": queued[0]}, pluck="recipient"),
		)
		page = rest_get(f"/support/requests/{self.requests['A']}", self.tokens[CLIENT_A]).get_data(
			as_text=True
		)
		self.assertIn("We fixed the ledger index.", page)

	def test_internal_notes_and_work_log_never_show(self):
		doc = frappe.get_doc("Support Request", self.requests["A"])
		doc.add_comment("Comment", "INTERNAL NOTE: client is difficult")
		doc.append(
			"work_log",
			{
				"engineer": ENGINEER_A,
				"means": "Phone / Internet",
				"duration_minutes": 7,
				"note": "WORKLOG-SECRET",
			},
		)
		doc.save()
		frappe.db.commit()  # nosemgrep
		page = rest_get(f"/support/requests/{doc.name}", self.tokens[CLIENT_A]).get_data(as_text=True)
		self.assertNotIn("INTERNAL NOTE", page)
		self.assertNotIn("WORKLOG-SECRET", page)

	def test_client_mail_reply_appears_on_the_portal(self):
		from frappe.email.receive import InboundMail

		inbox = frappe.get_doc("Email Account", make_support_inbox())
		raw = (
			f"From: {CLIENT_A}\r\nTo: support-inbox@onyx-test.example\r\n"
			f"Subject: Re: portal A ({self.requests['A']})\r\nMessage-ID: <{frappe.generate_hash(length=10)}@onyx-test.example>\r\n"
			"Content-Type: text/plain; charset=utf-8\r\n\r\nMAIL-REPLY: it works now."
		).encode()
		communication = InboundMail(raw, inbox).process()
		frappe.db.set_value(
			"Communication",
			communication.name,
			{"reference_doctype": "Support Request", "reference_name": self.requests["A"]},
		)
		frappe.db.commit()  # nosemgrep
		page = rest_get(f"/support/requests/{self.requests['A']}", self.tokens[CLIENT_A2]).get_data(
			as_text=True
		)
		self.assertIn("MAIL-REPLY: it works now.", page)

	def test_arabic_portal_is_right_to_left(self):
		from frappe.utils.password import update_password

		update_password(CLIENT_A, "Portal-Test-2026")
		frappe.db.set_value("User", CLIENT_A, "language", "ar")
		frappe.db.commit()  # nosemgrep
		frappe.clear_cache(user=CLIENT_A)  # the user's language is cached
		try:
			page = session_get(CLIENT_A, "Portal-Test-2026", "/support").get_data(as_text=True)
			self.assertTrue('class="onyx-portal" dir="rtl"' in page, "the Arabic portal is not right-to-left")
		finally:
			frappe.db.set_value("User", CLIENT_A, "language", None)
			frappe.db.commit()  # nosemgrep
			frappe.clear_cache(user=CLIENT_A)


class TestClientUsers(FrappeTestCase):
	def test_inviting_a_clients_contact_makes_a_portal_client(self):
		from frappe.contacts.doctype.contact.contact import invite_user

		from onyx_support.tests.utils import make_contact

		world = build_request_world()
		email = f"invited-{frappe.generate_hash(length=6)}@onyx-test.example"
		contact = make_contact(world["customers"][OFFICE_A], email, "Invited")
		user = invite_user(contact)
		self.assertEqual(frappe.db.get_value("Contact", contact, "user"), user)
		self.assertIn("Support Client", frappe.get_roles(user))
		self.assertEqual(frappe.db.get_value("User", user, "user_type"), "Website User")
		frappe.set_user(user)
		try:
			from onyx_support.services.portal import portal_customers

			self.assertEqual(portal_customers(), [world["customers"][OFFICE_A]])
		finally:
			frappe.set_user("Administrator")

	def test_a_session_post_without_the_csrf_token_is_refused(self):
		from threading import Thread
		from unittest.mock import patch

		from frappe.utils import get_test_client
		from frappe.utils.password import update_password

		update_password(CLIENT_A, "Portal-Test-2026")
		frappe.db.commit()  # nosemgrep
		site, result = frappe.local.site, {}
		subject = "csrf " + frappe.generate_hash(length=8)

		def call():
			with patch("frappe.app.get_site_name", return_value=site):
				client = get_test_client()
				client.post("/api/method/login", data={"usr": CLIENT_A, "pwd": "Portal-Test-2026"})
				client.get("/support/new")  # a page render gives the session its CSRF token
				result["response"] = client.post(
					PORTAL + "submit_request",
					data={"subject": "csrf", "description": "x", "reason": "Guidance"},
				)

		thread = Thread(target=call)
		thread.start()
		thread.join()
		self.assertEqual(result["response"].status_code, 400)
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("Support Request", {"subject": subject}))


class TestPortalListOverRest(PortalTestCase):
	"""onyx_support.api.portal.my_requests: the portal list as JSON, for the caller's customers only."""

	def listed(self, user, **params):
		response = rest_get(PORTAL + "my_requests", self.tokens[user], params)
		return response, response.get_json() if response.is_json else None

	def test_each_client_lists_its_own_customers_requests(self):
		for user in (CLIENT_A, CLIENT_A2, CLIENT_B):
			response, body = self.listed(user, status="all", limit="100")
			self.assertEqual(response.status_code, 200, user)
			names = {row["name"] for row in body["message"]}
			for key, name in self.requests.items():
				self.assertEqual(name in names, self.allowed(user, key), f"{key} as {user}")
			self.assertTrue(all("next_deadline" in row for row in body["message"]))
			self.assertFalse({"customer", "description", "raised_by"} & set(body["message"][0]))

	def test_status_search_and_limit(self):
		self.set_state("A2", is_open=0)
		try:
			_, open_rows = self.listed(CLIENT_A, status="open", limit="100")
			_, closed_rows = self.listed(CLIENT_A, status="closed", limit="100")
			open_names = {row["name"] for row in open_rows["message"]}
			closed_names = {row["name"] for row in closed_rows["message"]}
			self.assertIn(self.requests["A"], open_names)
			self.assertNotIn(self.requests["A2"], open_names)
			self.assertIn(self.requests["A2"], closed_names)
			_, found = self.listed(CLIENT_A, status="all", search="portal A2", limit="100")
			found_names = {row["name"] for row in found["message"]}
			self.assertIn(self.requests["A2"], found_names)
			self.assertNotIn(self.requests["A"], found_names)
			self.assertTrue(all("portal A2" in row["subject"] for row in found["message"]))
			_, one = self.listed(CLIENT_A, status="all", limit="1")
			self.assertEqual(len(one["message"]), 1)
		finally:
			self.set_state("A2", is_open=1)

	def test_bad_status_staff_and_guest_are_refused(self):
		response, _body = self.listed(CLIENT_A, status="everything")
		self.assertEqual(response.status_code, 417)
		self.assertIn("Status must be one of", response.get_data(as_text=True))
		response, _body = self.listed(ENGINEER_A)
		self.assertEqual(response.status_code, 403)
		self.assertEqual(web_get(PORTAL + "my_requests").status_code, 403)


class TestPortalPagesRenderAsFrappes(PortalTestCase):
	def test_the_fast_path_renders_the_same_page(self):
		"""services/portal/routes.py changes how a page is found and compiled, not what it shows: the
		pages come out as Frappe renders them with the fast path turned off."""
		from unittest.mock import patch

		from onyx_support.services.portal import routes

		def page(path, params=None):
			response = rest_get(path, self.tokens[CLIENT_A], params)
			self.assertEqual(response.status_code, 200, path)
			return re.sub(r'csrf_token = "[^"]*"', "", response.get_data(as_text=True))

		for path, params in (
			("/support", None),
			("/support/requests", {"status": "all"}),
			(f"/support/requests/{self.requests['A']}", None),
		):
			ours = page(path, params)
			with (
				patch.object(routes, "portal_pages", return_value=frozenset()),
				patch.object(routes, "portal_rules", return_value=()),
			):
				frappes = page(path, params)
			self.assertIn("portal A", ours)
			self.assertEqual(ours, frappes, path)


class TestPortalRoutes(FrappeTestCase):
	"""services/portal/routes.py finds the portal's pages as Frappe's own route rules do."""

	def frappe_and_ours(self, path):
		from frappe.utils import set_request
		from frappe.website.path_resolver import resolve_path

		from onyx_support.services.portal.routes import resolve

		found = {}
		for label, resolver in (("frappe", resolve_path), ("ours", resolve)):
			set_request(method="GET", path="/" + path)  # Frappe matches its rules only in a request
			frappe.local.form_dict = frappe._dict()
			frappe.local.path = None
			endpoint = resolver(path)
			found[label] = (endpoint, dict(frappe.local.form_dict), frappe.local.path)
		return found

	def test_the_same_endpoint_and_values_as_frappes_rules(self):
		from onyx_support.services.portal.routes import portal_pages

		pages = sorted(portal_pages())
		self.assertIn("support/requests", pages)
		self.assertIn("presence", pages)
		self.assertNotIn("kb", pages)
		for path in (
			*pages,
			"support/requests/SR-0001-00042",
			"support/visits/VR-0001-00007",
			"support/help/KA-00012",
			"support/requests/SR-1/extra",
			"about",
			"kb/some-article",
			"login",
		):
			found = self.frappe_and_ours(path)
			self.assertEqual(found["ours"], found["frappe"], path)

	def test_a_portal_client_gets_no_desk_app_in_the_switcher(self):
		from frappe.apps import get_apps

		build_request_world()
		for user, listed in ((CLIENT_A, False), (ENGINEER_A, True)):
			frappe.set_user(user)
			try:
				apps = {app["name"] for app in get_apps()}
			finally:
				frappe.set_user("Administrator")
			self.assertEqual("onyx_support" in apps, listed, user)
