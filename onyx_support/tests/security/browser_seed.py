"""Stored-script payloads for the browser tier (browser_tests/test_xss.py), written through the
app's own doors on the test site: the portal API as the client, mail into the support inbox,
the desk's resolution and the Support Office form. Called by tests/browser_setup.prepare.

Each payload, if it ever runs, sets `window.__xss` and calls `alert`: the browser test looks for
both."""

from email.utils import formataddr

import frappe
from frappe.utils.password import update_password

from onyx_support.roles import CENTRAL_ENGINEER, SUPPORT_ENGINEER
from onyx_support.tests.network_fixture import ENGINEER_A, OFFICE_A
from onyx_support.tests.utils import (
	make_office,
	make_support_inbox,
	make_territory,
	make_user,
	resolve_request,
)

RUN = "window.__xss=1;alert(1)"
BROWSER_PAYLOADS = (
	f'"<img src=x onerror={RUN}>"',  # a JSON string: Frappe's sanitizer returns it unchanged
	f"<img src=x onerror={RUN}>",
	f"<svg onload={RUN}>",
	f'<a href="javascript:{RUN}">x</a>',
	f"<script>{RUN}</script>",
	f'{{"a":"<img src=x onerror={RUN}>"}}',
	f'"</script><script>{RUN}</script>"',
)
DESK_USER = "xss-desk@onyx-test.example"
DESK_PASSWORD = "Xss-Desk-2026"


def seed_stored_scripts(customer: str, client_user: str) -> dict:
	"""Requests of the client's customer filed, answered, mailed and resolved with payloads; a mail
	from a stranger; an engineer's request; public offices with payloads in their fields; a desk
	user to look at them."""
	from onyx_support.api import portal

	frappe.cache.delete_keys("onyx_throttle")  # the seed files more than an hour's allowance
	make_user(DESK_USER, [CENTRAL_ENGINEER], "Desk", last_name="Checker")
	update_password(DESK_USER, DESK_PASSWORD)

	requests = []
	frappe.set_user(client_user)
	try:
		for i, payload in enumerate(BROWSER_PAYLOADS):
			requests.append(
				portal.submit_request(
					subject=f"XSS browser {i}", description=payload, reason="Guidance", priority="Low"
				)["name"]
			)
		for payload in BROWSER_PAYLOADS:
			try:
				portal.reply(requests[0], payload)
			except frappe.ValidationError:
				pass  # nothing but markup: refused as an empty message
	finally:
		frappe.set_user("Administrator")

	inbox = frappe.get_doc("Email Account", make_support_inbox())
	for payload in BROWSER_PAYLOADS:
		_receive(inbox, client_user, payload, f"Re: {payload} (#{requests[0]})", f"<p>mail</p>{payload}")
	stranger = _receive(
		inbox, "stranger@elsewhere.example", BROWSER_PAYLOADS[0], BROWSER_PAYLOADS[0], BROWSER_PAYLOADS[0]
	)

	# an engineer's request with a payload description, as REST or the desk would file it: the
	# desk's text editor renders the description as HTML
	frappe.set_user(ENGINEER_A)
	try:
		engineer_request = frappe.get_doc(
			{
				"doctype": "Support Request",
				"customer": customer,
				"subject": "XSS browser engineer",
				"description": BROWSER_PAYLOADS[0],
				"reason": "Guidance",
				"channel": "REST API",
				"priority": "Low",
			}
		).insert()
	finally:
		frappe.set_user("Administrator")

	approval_required = frappe.db.get_value("Support Office", OFFICE_A, "approval_required")
	frappe.db.set_value("Support Office", OFFICE_A, "approval_required", 0)
	resolve_request(requests[1], BROWSER_PAYLOADS[0])
	frappe.db.set_value("Support Office", OFFICE_A, "approval_required", approval_required)

	offices = [make_payload_office(i, payload, "Browser") for i, payload in enumerate(BROWSER_PAYLOADS)]
	frappe.db.commit()  # nosemgrep: the browser reads this through the web server
	return {
		"desk_user": DESK_USER,
		"desk_password": DESK_PASSWORD,
		"requests": requests,
		"mail_request": stranger.reference_name,
		"engineer_request": engineer_request.name,
		"offices": offices,
	}


def _receive(inbox, sender, display_name, subject, html_body):
	from frappe.email.receive import InboundMail

	raw = (
		f"From: {formataddr((display_name, sender))}\r\nTo: {inbox.email_id}\r\nSubject: {subject}\r\n"
		f"Message-ID: <{frappe.generate_hash(length=12)}@elsewhere.example>\r\n"
		"Content-Type: text/html; charset=utf-8\r\n\r\n" + html_body
	).encode()
	return InboundMail(raw, inbox).process()


def make_payload_office(i: int, payload: str, label: str = "") -> str:
	"""A public office whose fields and engineer's name carry the payload (shared by the bench
	test of /presence and the browser tier)."""
	part, slug = (f" {label}", f"-{label.lower()}") if label else ("", "")
	engineer = make_user(
		f"xss{slug}-engineer-{i}@onyx-test.example", [SUPPORT_ENGINEER], "Xss", last_name=f"XSS{i}"
	)
	# Frappe makes a Contact named after a new user, and a name may not hold "<": the name
	# is written afterwards, as an import or a later edit past the sanitizer would.
	frappe.db.set_value("User", engineer, {"first_name": payload, "full_name": f"{payload} XSS{i}"})
	name = make_office(
		f"_Test XSS{part} Office {i}",
		"Subsidiary",
		territories=[{"territory": make_territory(f"_T XSS{part} Land {i}")}],
	)
	office = frappe.get_doc("Support Office", name)
	# office_name is the document's name, which may not hold "<" or ">": the city carries the
	# payload into the map's labels.
	office.update(
		{
			"city": payload,
			"address": payload,
			"fee_policy_summary": payload,
			"email": f"xss{slug}-office-{i}@onyx-test.example",
			"latitude": 12 + i,
			"longitude": 40 + 2 * i,
			"is_public": 1,
			"is_active": 1,
		}
	)
	office.set("channels", [{"channel": "Phone", "contact": payload, "is_public": 1, "offered": 1}])
	office.set("engineers", [{"user": engineer, "office_role": "Engineer", "show_publicly": 1}])
	office.save(ignore_permissions=True)
	return name
