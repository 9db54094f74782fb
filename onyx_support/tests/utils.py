"""Shared test set-up for the bench tier: `before_tests` and idempotent `make_*` factories.

Factories return an existing record when one with the same name exists, so tests and the demo
loader can call them repeatedly. Overrides are passed as keyword arguments.
"""

import json
from threading import Thread
from unittest.mock import patch

import frappe
from frappe.utils import get_test_client

from onyx_support.roles import APP_ROLES

TEST_COMPANY = "Yemen Soft Test"
CENTRAL = "_Test Central Support"
SYSTEM_GROUP = "OnyxPro Systems"
TEST_TIME_ZONE = "Asia/Aden"


def before_tests():
	"""Complete ERPNext's setup wizard once (company, fiscal year, defaults), then ERPNext's own
	test defaults, then the app's roles."""
	frappe.clear_cache()
	if not frappe.db.a_row_exists("Company"):
		from frappe.desk.page.setup_wizard.setup_wizard import setup_complete
		from frappe.utils import now_datetime

		year = now_datetime().year
		setup_complete(
			{
				"currency": "USD",
				"full_name": "Test Administrator",
				"company_name": TEST_COMPANY,
				"timezone": TEST_TIME_ZONE,
				"company_abbr": "YST",
				"industry": "Services",
				"country": "Yemen",
				"fy_start_date": f"{year}-01-01",
				"fy_end_date": f"{year}-12-31",
				"language": "english",
				"company_tagline": "Testing",
				"email": "test-admin@onyx.example",
				"password": "test",
				"chart_of_accounts": "Standard",
			}
		)
	from erpnext.setup.utils import before_tests as erpnext_before_tests

	erpnext_before_tests()
	# The tests' clocks are written in the site's zone, Aden's. A site whose wizard ERPNext's own
	# before_tests completed first (run-tests --module runs every app's hook) is in New York's.
	if frappe.db.get_single_value("System Settings", "time_zone") != TEST_TIME_ZONE:
		frappe.db.set_single_value("System Settings", "time_zone", TEST_TIME_ZONE)
		frappe.clear_cache()
	from onyx_support.install import ensure_roles

	ensure_roles()
	make_outgoing_email_account()
	frappe.db.commit()  # nosemgrep: test set-up must outlive the per-class rollbacks


def make_email_account(name: str, email_id: str, **settings) -> str:
	"""An Email Account that never connects anywhere (tests feed it mail directly)."""
	if not frappe.db.exists("Email Account", name):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": name,
				"email_id": email_id,
				"enable_incoming": 0,
				"enable_outgoing": 0,
				**settings,
			}
		).insert(ignore_permissions=True)
	return name


def make_outgoing_email_account() -> str:
	"""A default outgoing account so that Notifications queue their mail (nothing is sent in tests)."""
	return make_email_account(
		"_Test Onyx Outgoing",
		"notifications@onyx-test.example",
		enable_outgoing=1,
		default_outgoing=1,
		smtp_server="127.0.0.1",
		smtp_port=2525,
		no_smtp_authentication=1,
	)


def make_support_inbox() -> str:
	"""An inbox whose mail becomes Support Requests (Email Account with Append To)."""
	return make_email_account(
		"_Test Support Inbox", "support-inbox@onyx-test.example", append_to="Support Request"
	)


def test_company() -> str:
	return frappe.db.get_value("Company", {}, "name", order_by="creation asc")


def make_territory(name: str, parent: str = "All Territories", is_group: int = 1) -> str:
	if not frappe.db.exists("Territory", name):
		frappe.get_doc(
			{"doctype": "Territory", "territory_name": name, "parent_territory": parent, "is_group": is_group}
		).insert(ignore_permissions=True)
	return name


def make_item_group(name: str = SYSTEM_GROUP) -> str:
	if not frappe.db.exists("Item Group", name):
		frappe.get_doc(
			{"doctype": "Item Group", "item_group_name": name, "parent_item_group": "All Item Groups"}
		).insert(ignore_permissions=True)
	return name


def make_system(code: str, **overrides) -> str:
	if not frappe.db.exists("Item", code):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": overrides.pop("item_name", code),
				"item_group": overrides.pop("item_group", make_item_group()),
				"stock_uom": "Nos",
				"is_stock_item": 0,
				**overrides,
			}
		).insert(ignore_permissions=True)
	return code


def make_customer(name: str, territory: str, **overrides) -> str:
	if not frappe.db.exists("Customer", name):
		frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": name,
				"customer_type": "Company",
				"customer_group": frappe.db.get_value("Customer Group", {"is_group": 0}, "name")
				or "All Customer Groups",
				"territory": territory,
				**overrides,
			}
		).insert(ignore_permissions=True)
	return name


def make_sales_partner(name: str, territory: str) -> str:
	if not frappe.db.exists("Sales Partner", name):
		frappe.get_doc(
			{"doctype": "Sales Partner", "partner_name": name, "territory": territory, "commission_rate": 0}
		).insert(ignore_permissions=True)
	return name


def make_user(email: str, roles=(), first_name: str | None = None, **overrides) -> str:
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name or email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "System User",
				**overrides,
			}
		)
		user.flags.no_welcome_mail = True
		user.insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	missing = [role for role in roles if role not in {r.role for r in user.roles}]
	if missing:
		user.add_roles(*missing)
	return email


SANAA_HOURS = [
	{"weekday": day, "start_time": start, "end_time": end}
	for day in ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday")
	for start, end in (("08:00", "12:00"), ("16:00", "20:00"))
]


def make_office(name: str, kind: str = "Central", **overrides) -> str:
	"""A Support Office; territories/engineers may be given as lists of dicts."""
	if frappe.db.exists("Support Office", name):
		return name
	doc = {
		"doctype": "Support Office",
		"office_name": name,
		"office_kind": kind,
		"time_zone": "Asia/Aden",
		"working_hours": SANAA_HOURS,
		"is_public": 1,
		"is_active": 1,
	}
	if kind != "Central":
		doc["parent_office"] = make_central_office()
	if kind in ("Central", "Subsidiary"):
		doc["company"] = test_company()
	doc.update(overrides)
	frappe.get_doc(doc).insert(ignore_permissions=True)
	return name


def make_central_office() -> str:
	name = CENTRAL
	if not frappe.db.exists("Support Office", name):
		make_office(name, "Central", city="Sanaa")
	if not frappe.db.get_single_value("Onyx Support Settings", "central_office"):
		settings = frappe.get_single("Onyx Support Settings")
		settings.central_office = name
		settings.system_item_group = make_item_group()
		settings.save(ignore_permissions=True)
	return name


def make_installation(customer: str, system: str, version: str = "1.0", **overrides):
	existing = frappe.db.get_value("Client Installation", {"customer": customer, "system": system}, "name")
	if existing:
		return frappe.get_doc("Client Installation", existing)
	return frappe.get_doc(
		{
			"doctype": "Client Installation",
			"customer": customer,
			"system": system,
			"version": version,
			**overrides,
		}
	).insert(ignore_permissions=True)


def api_keys_for(user: str) -> str:
	"""A `token key:secret` Authorization value for the user (committed: REST runs in another thread)."""
	doc = frappe.get_doc("User", user)
	if not doc.api_key:
		doc.api_key = frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.save(ignore_permissions=True)
	return f"token {doc.api_key}:{secret}"


def rest_post(path: str, authorization: str, data: dict | None = None, files: dict | None = None):
	"""POST a form (and files: {name: (filename, bytes)}) through the real WSGI app as the token's user."""
	from io import BytesIO

	site = frappe.local.site
	result = {}
	form = dict(data or {})
	for field, (filename, content) in (files or {}).items():
		form[field] = (BytesIO(content), filename)

	def call():
		with patch("frappe.app.get_site_name", return_value=site):
			result["response"] = get_test_client().post(
				path, data=form, headers={"Authorization": authorization}, content_type="multipart/form-data"
			)

	thread = Thread(target=call)
	thread.start()
	thread.join()
	return result["response"]


def rest_get(path: str, authorization: str, params: dict | None = None):
	"""GET a REST path through Frappe's real WSGI app, as the user of the token.

	The request runs in its own thread and database connection, as a real one does, so it sees
	only committed data.
	"""
	site = frappe.local.site
	result = {}

	def call():
		with patch("frappe.app.get_site_name", return_value=site):
			client = get_test_client()
			query = {
				key: json.dumps(value) if not isinstance(value, str) else value
				for key, value in (params or {}).items()
			}
			result["response"] = client.get(
				path, query_string=query, headers={"Authorization": authorization}
			)

	thread = Thread(target=call)
	thread.start()
	thread.join()
	return result["response"]


def app_roles() -> list[str]:
	return list(APP_ROLES)


def session_get(user: str, password: str, path: str):
	"""Log in with a password (a browser's session cookie), then GET a page as that user."""
	site = frappe.local.site
	result = {}

	def call():
		with patch("frappe.app.get_site_name", return_value=site):
			client = get_test_client()
			login = client.post("/api/method/login", data={"usr": user, "pwd": password})
			assert login.status_code == 200, login.get_data(as_text=True)[:300]
			result["response"] = client.get(path)

	thread = Thread(target=call)
	thread.start()
	thread.join()
	return result["response"]


def web_get(path: str, params: dict | None = None):
	"""GET a page as a Guest through the real WSGI app (own thread and connection)."""
	site = frappe.local.site
	result = {}

	def call():
		with patch("frappe.app.get_site_name", return_value=site):
			result["response"] = get_test_client().get(path, query_string=params or {})

	thread = Thread(target=call)
	thread.start()
	thread.join()
	return result["response"]


def make_contact(customer: str, email: str, first_name: str, portal_user: bool = False) -> str:
	"""A Contact of the customer; with portal_user, also its website user (role Support Client)."""
	existing = frappe.db.get_value("Contact Email", {"email_id": email}, "parent")
	if existing:
		return existing
	user = None
	if portal_user:
		if not frappe.db.exists("User", email):
			doc = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": first_name,
					"user_type": "Website User",
					"send_welcome_email": 0,
				}
			)
			doc.flags.no_welcome_mail = True
			doc.insert(ignore_permissions=True)
			doc.add_roles("Support Client")
		user = email
	contact = frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": first_name,
			"email_ids": [{"email_id": email, "is_primary": 1}],
			"links": [{"link_doctype": "Customer", "link_name": customer}],
			"user": user,
		}
	).insert(ignore_permissions=True)
	return contact.name


ALWAYS_OPEN = [
	{"weekday": day, "start_time": "00:00", "end_time": "00:00"}
	for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
]


def resolve_request(name: str, summary: str = "<p>Done</p>"):
	"""Take a request through triage and work to Resolved (office rules permitting)."""
	from frappe.model.workflow import apply_workflow

	apply_workflow(frappe.get_doc("Support Request", name), "Triage")
	apply_workflow(frappe.get_doc("Support Request", name), "Start Work")
	doc = frappe.get_doc("Support Request", name)
	doc.resolution_summary = summary
	doc.save()
	apply_workflow(doc, "Resolve")
	return frappe.get_doc("Support Request", name)


def make_request(customer: str, **overrides):
	"""A new Support Request (never reused: each test wants its own)."""
	return frappe.get_doc(
		{
			"doctype": "Support Request",
			"customer": customer,
			"subject": overrides.pop("subject", "Cannot post the month-end journal"),
			"reason": overrides.pop("reason", "Error"),
			"error_origin": overrides.pop("error_origin", "System"),
			"priority": overrides.pop("priority", "High"),
			"channel": overrides.pop("channel", "Desk"),
			"description": overrides.pop("description", "<p>The posting fails with an error.</p>"),
			**overrides,
		}
	).insert(ignore_permissions=True)


def remove_marked_articles(mark: str) -> None:
	"""Delete the knowledge articles a test class committed (their titles hold its mark) and commit."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for name in frappe.get_all("Knowledge Article", filters={"title": ("like", f"%{mark}%")}, pluck="name"):
		frappe.delete_doc("Knowledge Article", name, force=True, ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: the set-ups commit their articles (FULLTEXT, HTTP)
