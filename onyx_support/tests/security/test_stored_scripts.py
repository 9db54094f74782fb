"""Threat: stored scripts. Text that a client, a mail sender, an engineer or an office manager
writes is stored, then printed as HTML: on the portal's request page, in the desk's timeline
(a Communication's content, subject and sender name) and on the public /presence page.

Frappe's sanitizer lets a value through unchanged when it parses as JSON, and its Jinja does not
autoescape. Every door is tried with the same payloads; what is stored and what is rendered must
hold no executable markup. The payloads call `alert(1)`, which is how the checks recognise them.
"""

import json
import re
from email.utils import formataddr
from html.parser import HTMLParser

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_url, strip_html

from onyx_support.services.html import clean_html, plain_text
from onyx_support.tests.network_fixture import CLIENT_A, ENGINEER_A, OFFICE_A, build_request_world
from onyx_support.tests.security.browser_seed import make_payload_office
from onyx_support.tests.utils import (
	api_keys_for,
	make_request,
	make_support_inbox,
	resolve_request,
	rest_get,
	rest_post,
	web_get,
)

PAYLOADS = (
	'"<img src=x onerror=alert(1)>"',  # a JSON string: Frappe's sanitizer returns it unchanged
	"<img src=x onerror=alert(1)>",
	"<svg onload=alert(1)>",
	'<a href="javascript:alert(1)">x</a>',
	"<script>alert(1)</script>",
	'{"a":"<img src=x onerror=alert(1)>"}',
	'"</script><script>alert(1)</script>"',  # ends a <script> that prints it as JSON
)
PORTAL = "/api/method/onyx_support.api.portal."
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}


class _ActiveMarkup(HTMLParser):
	"""Collects what a browser would run from the payloads: an on* handler calling alert, a
	javascript: link, a <script> element of the payload's own."""

	def __init__(self):
		super().__init__(convert_charrefs=True)
		self.found, self.script = [], None

	def _attributes(self, tag, attrs):
		for name, value in attrs:
			value = value or ""
			if name.startswith("on") and "alert(" in value:
				self.found.append(f"<{tag} {name}={value!r}>")
			if name in URL_ATTRIBUTES and re.sub(r"[\x00-\x20]", "", value).lower().startswith("javascript:"):
				self.found.append(f"<{tag} {name}={value!r}>")

	def handle_starttag(self, tag, attrs):
		self._attributes(tag, attrs)
		if tag == "script":
			self.script = []

	def handle_startendtag(self, tag, attrs):
		self._attributes(tag, attrs)

	def handle_data(self, data):
		if self.script is not None:
			self.script.append(data)

	def handle_endtag(self, tag):
		if tag == "script" and self.script is not None:
			if "".join(self.script).strip().startswith("alert("):
				self.found.append("<script>alert(…)</script>")
			self.script = None


def active_markup(html: str | None) -> list[str]:
	parser = _ActiveMarkup()
	parser.feed(html or "")
	parser.close()
	return parser.found


def reset_throttles():
	frappe.cache.delete_keys("onyx_throttle")


class StoredScriptsTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = build_request_world()
		cls.customer = cls.world["customers"][OFFICE_A]
		cls.contact = cls.world["contacts"][CLIENT_A]
		cls.installation = cls.world["installations"][OFFICE_A]
		cls.client_token = api_keys_for(CLIENT_A)
		cls.engineer_token = api_keys_for(ENGINEER_A)
		frappe.db.commit()  # nosemgrep: HTTP calls run on their own connection

	def setUp(self):
		reset_throttles()

	def tearDown(self):
		frappe.set_user("Administrator")

	def assertInert(self, html, where):
		self.assertEqual(active_markup(html), [], f"executable markup in {where}")

	def portal_page(self, name) -> str:
		response = rest_get(f"/support/requests/{name}", self.client_token)
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])
		return response.get_data(as_text=True)

	def client_request(self, subject):
		return make_request(
			self.customer,
			subject=subject,
			contact=self.contact,
			raised_by=CLIENT_A,
			installation=self.installation,
		).name

	def assertCommunicationsInert(self, name):
		for row in frappe.get_all(
			"Communication",
			filters={"reference_doctype": "Support Request", "reference_name": name},
			fields=["name", "content", "subject", "sender_full_name"],
		):
			self.assertInert(row.content, f"Communication {row.name} content")
			# the desk's timeline prints these two as HTML
			for field in ("subject", "sender_full_name"):
				self.assertInert(row[field], f"Communication {row.name} {field}")
				self.assertNotRegex(row[field] or "", r"<[A-Za-z/!?]", f"Communication {row.name} {field}")


class TestTheChecks(FrappeTestCase):
	def test_every_payload_is_seen_as_executable(self):
		"""The checks below can fail: each payload, printed as it is, is caught."""
		for payload in PAYLOADS:
			self.assertTrue(active_markup(payload), payload)

	def test_frappes_sanitizer_lets_a_json_string_through(self):
		"""Why the app cleans for itself."""
		from frappe.utils import sanitize_html

		self.assertTrue(active_markup(sanitize_html(PAYLOADS[0])))
		self.assertFalse(active_markup(clean_html(PAYLOADS[0])))

	def test_cleaners_leave_no_executable_markup(self):
		for payload in PAYLOADS:
			self.assertEqual(active_markup(clean_html(payload)), [], payload)
			self.assertNotRegex(plain_text(payload), r"<[A-Za-z/!?]", payload)
		self.assertEqual(clean_html("<p>Totals <b>wrong</b></p>"), "<p>Totals <b>wrong</b></p>")
		self.assertEqual(plain_text("version < 15 & up"), "version < 15 & up")

	def test_images_cannot_make_the_viewer_call_this_site(self):
		"""An image loads by itself with the viewer's cookies: no GET of the writer's choosing."""
		for src in ("x", "/api/method/logout", "/files/../api/method/logout", get_url("/api/method/logout")):
			self.assertNotIn("src=", clean_html(f'<img src="{src}">'), src)
		for src in ("/private/files/shot.png?fid=1", "https://elsewhere.example/logo.png", "cid:part1"):
			self.assertIn(f'src="{src}"', clean_html(f'<img src="{src}">'), src)


class TestPortalDoor(StoredScriptsTestCase):
	def test_descriptions_filed_on_the_portal(self):
		for i, payload in enumerate(PAYLOADS):
			response = rest_post(
				PORTAL + "submit_request",
				self.client_token,
				{
					"subject": f"XSS portal {i}",
					"description": payload,
					"reason": "Guidance",
					"priority": "Medium",
					"installation": self.installation,
				},
			)
			self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])
			name = response.json["message"]["name"]
			frappe.db.rollback()
			self.assertInert(frappe.db.get_value("Support Request", name, "description"), payload)
			page = self.portal_page(name)
			self.assertIn(f"XSS portal {i}", page)
			self.assertInert(page, f"portal page of {payload}")

	def test_replies_on_the_portal(self):
		name = self.client_request("XSS replies")
		frappe.db.commit()  # nosemgrep
		for payload in PAYLOADS:
			response = rest_post(PORTAL + "reply", self.client_token, {"name": name, "message": payload})
			# a message that is nothing but markup is refused ("Write a message."), which is fine
			self.assertIn(response.status_code, (200, 417), response.get_data(as_text=True)[:300])
		frappe.db.rollback()
		self.assertTrue(frappe.db.count("Communication", {"reference_name": name}))
		self.assertCommunicationsInert(name)
		self.assertInert(self.portal_page(name), "portal page with replies")


class TestMailDoor(StoredScriptsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.account = frappe.get_doc("Email Account", make_support_inbox())

	def receive(self, sender, display_name, subject, html_body):
		from frappe.email.receive import InboundMail

		raw = (
			f"From: {formataddr((display_name, sender))}\r\nTo: support-inbox@onyx-test.example\r\n"
			f"Subject: {subject}\r\n"
			f"Message-ID: <{frappe.generate_hash(length=12)}@elsewhere.example>\r\n"
			"Content-Type: text/html; charset=utf-8\r\n\r\n" + html_body
		).encode()
		communication = InboundMail(raw, self.account).process()
		frappe.db.commit()  # nosemgrep: the portal page is read by another connection
		return communication

	def test_a_clients_mail_onto_a_request(self):
		name = self.client_request("XSS mail thread")
		frappe.db.commit()  # nosemgrep
		for payload in PAYLOADS:
			mail = self.receive(CLIENT_A, payload, f"Re: {payload} (#{name})", f"<p>see</p>{payload}")
			self.assertEqual(mail.reference_name, name)
		self.assertCommunicationsInert(name)
		self.assertInert(self.portal_page(name), "portal page with mail")

	def test_an_unknown_senders_mail_becomes_a_request(self):
		for i, payload in enumerate(PAYLOADS):
			mail = self.receive(f"stranger-{i}@elsewhere.example", payload, f"XSS mail {i}", payload)
			self.assertEqual(mail.reference_doctype, "Support Request")
			description = frappe.db.get_value("Support Request", mail.reference_name, "description")
			self.assertInert(description, f"description from mail {payload}")
			self.assertCommunicationsInert(mail.reference_name)


class TestRestDoor(StoredScriptsTestCase):
	"""An engineer files through REST; the controller must clean the rich text (clean_rich_text)
	and the portal page must print the result inert."""

	def insert(self, door, values):
		if door == "resource":
			return rest_post(
				"/api/resource/Support Request", self.engineer_token, {"data": json.dumps(values)}
			)
		return rest_post("/api/method/frappe.client.insert", self.engineer_token, {"doc": json.dumps(values)})

	def test_engineer_files_requests_through_rest(self):
		for door in ("resource", "frappe.client.insert"):
			for payload in PAYLOADS:
				values = {
					"doctype": "Support Request",
					"customer": self.customer,
					"installation": self.installation,
					# a subject that is nothing but a tag would be emptied, and a subject is required
					"subject": payload if plain_text(payload).strip() else f"XSS rest {payload}",
					"description": payload,
					"reason": "Guidance",
					"channel": "REST API",
					"priority": "Low",
				}
				response = self.insert(door, values)
				self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])
				body = response.json
				name = (body.get("data") or body.get("message"))["name"]
				frappe.db.rollback()
				self.assertInert(
					frappe.db.get_value("Support Request", name, "description"), f"{door}: {payload}"
				)
				self.assertInert(self.portal_page(name), f"portal page of {door}: {payload}")

	def test_resolution_summary(self):
		frappe.db.set_value("Support Office", OFFICE_A, "approval_required", 0)
		try:
			for payload in PAYLOADS:
				if not strip_html(payload).strip():
					continue  # a resolution must say something: nothing but a tag is refused
				name = self.client_request("XSS resolution")
				resolve_request(name, payload)
				frappe.db.commit()  # nosemgrep
				self.assertInert(frappe.db.get_value("Support Request", name, "resolution_summary"), payload)
				page = self.portal_page(name)
				self.assertIn("onyx-confirm", page)  # the resolution section is shown
				self.assertInert(page, f"portal page resolved with {payload}")
		finally:
			frappe.db.set_value("Support Office", OFFICE_A, "approval_required", 1)
			frappe.db.commit()  # nosemgrep


class TestStoredBeforeTheFix(StoredScriptsTestCase):
	def test_the_patch_cleans_what_was_written_past_the_controllers(self):
		from onyx_support.patches.v1_1.clean_stored_html import execute

		name = self.client_request("XSS before the fix")
		communication = frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Received",
				"subject": "before",
				"content": "before",
				"sender": CLIENT_A,
				"reference_doctype": "Support Request",
				"reference_name": name,
			}
		).insert(ignore_permissions=True)
		# as a database written by an older version holds them: straight to the columns
		frappe.db.set_value(
			"Support Request", name, {"description": PAYLOADS[0], "resolution_summary": PAYLOADS[5]}
		)
		frappe.db.set_value(
			"Communication",
			communication.name,
			{"content": PAYLOADS[0], "subject": PAYLOADS[6], "sender_full_name": PAYLOADS[1]},
		)
		execute()
		stored = frappe.db.get_value(
			"Support Request", name, ["description", "resolution_summary"], as_dict=True
		)
		self.assertInert(stored.description, "description")
		self.assertInert(stored.resolution_summary, "resolution summary")
		self.assertCommunicationsInert(name)


class TestPresenceDoor(FrappeTestCase):
	"""Office fields an office manager writes, printed on the public page and on its map (the
	city is in the map's labels)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		build_request_world()
		cls.offices = {}
		for i, payload in enumerate(PAYLOADS):
			name = make_payload_office(i, payload)
			cls.offices[name] = payload
		frappe.db.commit()  # nosemgrep: the page is rendered by another connection
		cls.html = web_get("/presence").get_data(as_text=True)

	def test_the_offices_are_on_the_page(self):
		for i in range(len(PAYLOADS)):
			self.assertIn(f"xss-office-{i}@onyx-test.example", self.html)

	def test_office_fields_are_printed_as_text(self):
		self.assertInert(self.html)

	def test_the_maps_labels_stay_data(self):
		match = re.search(r"const points = (.*?);\n", self.html)
		self.assertTrue(match, "the map's points are on the page")
		self.assertNotIn("<", match.group(1))
		cities = {point["name"]: point["city"] for point in json.loads(match.group(1))}
		for name, payload in self.offices.items():
			stored = frappe.db.get_value("Support Office", name, ["office_name", "city"], as_dict=True)
			self.assertEqual(cities.get(stored.office_name), stored.city, payload)

	def test_office_fields_are_stored_without_markup(self):
		for name in self.offices:
			office = frappe.get_doc("Support Office", name)
			values = [office.office_name, office.city, office.address, office.fee_policy_summary]
			values += [row.contact for row in office.channels] + [row.full_name for row in office.engineers]
			for value in values:
				self.assertNotRegex(value or "", r"<[A-Za-z/!?]", name)

	def assertInert(self, html):
		self.assertEqual(active_markup(html), [], "executable markup on /presence")
