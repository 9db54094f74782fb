"""Data for the browser tier (run by scripts/test before the headless-Chromium tests):

	bench --site TEST_SITE execute onyx_support.tests.browser_setup.prepare

Creates, on the test site, a client contact who can log in, one request awaiting the client's
approval and one resolved request, and prints them as JSON for the browser tests."""

import json

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils.password import update_password

from onyx_support.api.requests import request_client_approval
from onyx_support.tests.network_fixture import OFFICE_A, build_request_world
from onyx_support.tests.security.browser_seed import seed_stored_scripts
from onyx_support.tests.security.browser_seed_knowledge import seed_knowledge_scripts
from onyx_support.tests.utils import before_tests, make_contact, make_request, resolve_request

BROWSER_CLIENT = "browser-client@onyx-test.example"
BROWSER_PASSWORD = "Browser-Client-2026"


def prepare() -> dict:
	frappe.only_for(("System Manager", "Administrator"))
	before_tests()
	world = build_request_world()
	customer = world["customers"][OFFICE_A]
	contact = make_contact(customer, BROWSER_CLIENT, "Basma", portal_user=True)
	update_password(BROWSER_CLIENT, BROWSER_PASSWORD)
	frappe.db.set_value("User", BROWSER_CLIENT, "language", None)
	frappe.db.set_value("Support Office", OFFICE_A, "approval_required", 1)

	awaiting = make_request(
		customer, subject="Browser: approve the remote session", contact=contact, raised_by=BROWSER_CLIENT
	)
	apply_workflow(awaiting, "Triage")
	request_client_approval(awaiting.name, "Remote session to rebuild the stock ledger", "Remote Session")

	resolved = make_request(
		customer, subject="Browser: confirm and rate", contact=contact, raised_by=BROWSER_CLIENT
	)
	frappe.db.set_value("Support Office", OFFICE_A, "approval_required", 0)
	resolve_request(resolved.name, "<p>Rebuilt the index and checked the month-end report with you.</p>")
	frappe.db.set_value("Support Office", OFFICE_A, "approval_required", 1)
	visit = _visit_awaiting_signature(customer, contact)
	frappe.db.commit()  # nosemgrep: the browser reads this through the web server

	data = {
		"user": BROWSER_CLIENT,
		"password": BROWSER_PASSWORD,
		"awaiting": awaiting.name,
		"resolved": resolved.name,
		"visit": visit,
		# stored-script payloads for browser_tests/test_xss.py
		"xss": {
			**seed_stored_scripts(customer, BROWSER_CLIENT),
			**_stored_scripts_in_visits_and_releases(customer, contact),
			**seed_knowledge_scripts(customer),
		},
	}
	print("ONYX_BROWSER_FIXTURE " + json.dumps(data))
	return data


def _stored_scripts_in_visits_and_releases(customer: str, contact: str) -> dict:
	"""Payloads in what the client reads of a visit report and of a release (its notes and known
	issues), and in a reviewed installation's findings, for browser_tests/test_xss.py."""
	from onyx_support.services.visits.signing import record_refusal
	from onyx_support.tests.network_fixture import ENGINEER_A
	from onyx_support.tests.security.browser_seed import BROWSER_PAYLOADS
	from onyx_support.tests.test_portal_visits import plannable_request, visit_awaiting_signature
	from onyx_support.tests.utils import make_installation, make_system

	text = " ".join(BROWSER_PAYLOADS)
	request = plannable_request(customer, contact, BROWSER_CLIENT, "Browser: stored scripts on a visit")
	system = make_system("_Test XSS Release System")
	installation = make_installation(customer, system, "1.0").name
	visit = visit_awaiting_signature(
		customer,
		request,
		ENGINEER_A,
		contact,
		summary=f"<p>{text}</p>",
		actions=[{"action": text, "support_request": request}],
		recommendations=[{"recommendation": text, "priority": "High", "actor": "Client"}],
		suggestions=[{"category": "Usability", "suggestion": text}],
		installations=[{"installation": installation, "rating": 0.4, "findings": text}],
	)
	# answered (a refusal whose reason carries the payloads too): the report the signing test
	# picks stays the only one awaiting the client
	record_refusal(visit, text, via="On Site", signer_name=text)
	visit = visit.name
	version = f"2.{frappe.utils.cint(frappe.utils.now_datetime().timestamp()) % 999_999}"
	release = frappe.get_doc(
		{
			"doctype": "Software Release",
			"system": system,
			"version": version,
			"release_kind": "New Version",
			"notes_en": f"<p>{text}</p>",
			"known_issues": text,
		}
	).insert(ignore_permissions=True)
	release.submit()
	return {"visit": visit, "release": release.name}


def _visit_awaiting_signature(customer: str, contact: str) -> str:
	"""A visit report the browser client signs on /support/visits (browser_tests/test_visit_signing.py):
	planned for an approved on-site request, arrived on site and left."""
	from onyx_support.tests.network_fixture import ENGINEER_A
	from onyx_support.tests.test_portal_visits import plannable_request, visit_awaiting_signature

	request = plannable_request(customer, contact, BROWSER_CLIENT, "Browser: the stock ledger on site")
	return visit_awaiting_signature(
		customer,
		request,
		ENGINEER_A,
		contact,
		summary="<p>Rebuilt the stock ledger index and checked the month-end closing with the accountant.</p>",
		actions=[{"action": "Rebuilt the stock ledger index", "support_request": request, "solved": 1}],
		recommendations=[
			{"recommendation": "Back up the database every night", "priority": "High", "actor": "Client"}
		],
		suggestions=[{"category": "Training", "suggestion": "A short session for the two new accountants"}],
		installations=[
			{
				"installation": frappe.db.get_value("Client Installation", {"customer": customer}),
				"rating": 0.8,
			}
		],
	).name
