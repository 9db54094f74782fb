"""Demo data: a realistic OnyxPro support network. Idempotent: run it as often as you like.

	bench --site SITE execute onyx_support.demo.load

Records are found by name before they are created, so a second run changes nothing.
"""

import frappe

from onyx_support.demo.analytics import make_request_history
from onyx_support.demo.data import (
	CENTRAL_OFFICE,
	CLIENTS,
	CONTACTS,
	COUNTRY_REGIONS,
	HOLIDAY_LISTS,
	OFFICES,
	REQUESTS,
	SYSTEMS,
	demo_user_email,
)
from onyx_support.demo.knowledge import make_knowledge
from onyx_support.demo.releases import make_releases
from onyx_support.demo.visits import make_field_service
from onyx_support.demo.warranty import (
	ensure_first_years,
	make_billable_work,
	make_billing_runs,
	make_billing_setup,
	make_renewals,
	purchase_fields,
	set_purchase_dates,
	stamp_requests,
	update_offices,
)
from onyx_support.roles import (
	CENTRAL_ENGINEER,
	OFFICE_MANAGER,
	SUPPORT_ACCOUNTANT,
	SUPPORT_ADMIN,
	SUPPORT_ENGINEER,
)
from onyx_support.tests.utils import (
	make_contact,
	make_customer,
	make_installation,
	make_item_group,
	make_sales_partner,
	make_system,
	make_territory,
	make_user,
)

DEMO_COMPANY = "Yemen Soft"
# Demo sites only: every demo user (engineers and client contacts) logs in with this password.
DEMO_PASSWORD = "OnyxDemo-2026"
DEMO_MAIL_ACCOUNT = "OnyxPro Demo Notifications"


def load():
	frappe.only_for(("System Manager", "Administrator"))
	complete_setup_wizard()
	make_regions()
	for code, name in SYSTEMS:
		make_system(code, item_name=name, item_group=make_item_group())
	for holiday_list in HOLIDAY_LISTS:
		make_holiday_list(**holiday_list)
	make_billing_setup(default_company())
	make_offices()
	update_offices(office_user_roles)
	configure_settings()
	make_clients()
	# the warranty before any request or visit: each is stamped with the cover of its day
	set_purchase_dates()
	ensure_first_years()
	make_renewals()
	make_client_contacts()
	make_user("support.admin@onyxpro.example", [SUPPORT_ADMIN], "Support Administrator")
	make_outgoing_mail_account()
	make_requests()
	stamp_requests()
	make_field_service()
	make_billable_work(make_request)
	make_billing_runs()
	make_releases(make_request)
	make_knowledge()
	# a year of history for the analyses (in SQL, seconds), and their rollup
	make_request_history()
	set_demo_passwords()
	print("OnyxPro support demo data is loaded.")


def complete_setup_wizard():
	if frappe.db.a_row_exists("Company"):
		return
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete
	from frappe.utils import now_datetime

	year = now_datetime().year
	setup_complete(
		{
			"currency": "YER",
			"full_name": "OnyxPro Administrator",
			"company_name": DEMO_COMPANY,
			"timezone": "Asia/Aden",
			"company_abbr": "YS",
			"industry": "Software",
			"country": "Yemen",
			"fy_start_date": f"{year}-01-01",
			"fy_end_date": f"{year}-12-31",
			"language": "english",
			"company_tagline": "OnyxPro",
			"email": "admin@onyxpro.example",
			"password": frappe.generate_hash(length=16),
			"chart_of_accounts": "Standard",
		}
	)


def default_company() -> str:
	return frappe.db.get_value("Company", {}, "name", order_by="creation asc")


def make_regions():
	for region, countries in COUNTRY_REGIONS.items():
		make_territory(region)
		for country in countries:
			if frappe.db.exists("Territory", country):
				continue
			make_territory(country, region)


def make_holiday_list(name: str, year: int, holidays: list):
	if frappe.db.exists("Holiday List", name):
		return name
	doc = frappe.get_doc(
		{
			"doctype": "Holiday List",
			"holiday_list_name": name,
			"from_date": f"{year}-01-01",
			"to_date": f"{year}-12-31",
		}
	)
	for holiday_date, description in holidays:
		doc.append("holidays", {"holiday_date": holiday_date, "description": description})
	doc.insert(ignore_permissions=True)
	return name


def make_offices():
	# Central first: every other office reports to it.
	for spec in OFFICES:
		spec = dict(spec)
		name = spec.pop("office_name")
		if frappe.db.exists("Support Office", name):
			continue
		engineers = spec.pop("engineers", [])
		partner = spec.pop("sales_partner", None)
		doc = {"doctype": "Support Office", "office_name": name, **spec}
		if spec["office_kind"] != "Central":
			doc["parent_office"] = CENTRAL_OFFICE
		if spec["office_kind"] in ("Central", "Subsidiary"):
			doc["company"] = default_company()
		if partner:
			first_territory = spec["territories"][0]["territory"]
			doc["sales_partner"] = make_sales_partner(partner, first_territory)
		doc["engineers"] = []
		for full_name, office_role, systems in engineers:
			email = make_user(
				demo_user_email(full_name),
				office_user_roles(spec["office_kind"], office_role),
				full_name.split()[0],
				last_name=full_name.split()[-1],
			)
			doc["engineers"].append(
				{"user": email, "office_role": office_role, "known_systems": "\n".join(systems)}
			)
		frappe.get_doc(doc).insert(ignore_permissions=True)


def office_user_roles(office_kind: str, office_role: str) -> list[str]:
	if office_role == "Accountant":
		# ERPNext's own role too: the accountant reviews and submits the billing runs' invoices
		return [SUPPORT_ACCOUNTANT, "Accounts User"]
	if office_kind == "Central":
		return [CENTRAL_ENGINEER]
	return [
		{"Manager": OFFICE_MANAGER, "Engineer": SUPPORT_ENGINEER, "Implementer": SUPPORT_ENGINEER}[
			office_role
		]
	]


def configure_settings():
	settings = frappe.get_single("Onyx Support Settings")
	if settings.central_office and settings.system_item_group:
		return
	settings.central_office = CENTRAL_OFFICE
	settings.system_item_group = make_item_group()
	settings.save(ignore_permissions=True)


def make_clients():
	for customer_name, territory, installs in CLIENTS:
		customer = make_customer(customer_name, territory)
		for system, version, go_live in installs:
			make_installation(
				customer,
				system,
				version,
				go_live_date=go_live,
				remote_access_tool="TeamViewer",
				**purchase_fields(customer, system),
			)


def make_client_contacts():
	for customer, full_name, email, portal in CONTACTS:
		make_contact(customer, email, full_name.split()[0], portal_user=portal)


def make_outgoing_mail_account():
	"""Planning, rescheduling and sharing a visit queue mail, which needs a default outgoing
	account. The demo's points at a server that does not exist: the mail stays in the Email
	Queue, where it can be read, and nothing leaves the machine."""
	if frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
		return
	frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": DEMO_MAIL_ACCOUNT,
			"email_id": "notifications@onyxpro.example",
			"enable_incoming": 0,
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "smtp.onyxpro.example",
			"smtp_port": 587,
			"no_smtp_authentication": 1,
		}
	).insert(ignore_permissions=True)


# The actions that bring a new request to each state of the flow (see domain.request_flow).
PATHS = {
	"New": [],
	"Triaged": ["Triage"],
	"Awaiting Client Approval": ["Triage", "ask"],
	"Approved": ["Triage", "ask", "approve"],
	"In Progress": ["Triage", "start"],
	"Waiting on Client": ["Triage", "start", "Ask Client"],
	"Escalated to Central": ["Triage", "escalate"],
	"Resolved": ["Triage", "start", "resolve"],
	"Closed": ["Triage", "start", "resolve", "Close"],
	"Cancelled": ["Cancel"],
}


def make_requests():
	for spec in REQUESTS:
		make_request(*spec)


def make_request(
	customer,
	system,
	subject,
	reason,
	origin,
	channel,
	priority,
	state,
	opened_on=None,
	work_log=None,
	summary=None,
):
	"""A request of the customer's installation, walked to `state`; its name, or None when an
	earlier load made it (found again by its subject). Resolving logs `work_log` (rows with their
	own start), else one remote session of today."""
	from frappe.model.workflow import apply_workflow

	from onyx_support.api.requests import escalate_to_central, record_client_decision, request_client_approval

	if frappe.db.exists("Support Request", {"customer": customer, "subject": subject}):
		return None
	installation = frappe.db.get_value(
		"Client Installation", {"customer": customer, "system": system}, "name"
	)
	contact = frappe.db.get_value(
		"Dynamic Link",
		{"parenttype": "Contact", "link_doctype": "Customer", "link_name": customer},
		"parent",
	)
	doc = frappe.get_doc(
		{
			"doctype": "Support Request",
			"customer": customer,
			"contact": contact,
			"raised_by": contact and frappe.db.get_value("Contact", contact, "email_id"),
			"installation": installation,
			"subject": subject,
			"reason": reason,
			"error_origin": origin,
			"channel": channel,
			"priority": priority,
			"description": f"<p>{subject}.</p>",
			"opened_on": opened_on,
		}
	).insert()
	for step in PATHS[state]:
		if step == "ask":
			request_client_approval(doc.name, "Remote session to apply the fix", "Remote Session")
		elif step == "approve":
			record_client_decision(doc.name, "Approved", contact=contact, note="Agreed by phone")
		elif step == "start":
			doc.reload()
			if doc.status == "Triaged" and frappe.db.get_value(
				"Support Office", doc.office, "approval_required"
			):
				request_client_approval(doc.name, "Remote session to apply the fix", "Remote Session")
				record_client_decision(doc.name, "Approved", contact=contact, note="Agreed by phone")
			apply_workflow(frappe.get_doc("Support Request", doc.name), "Start Work")
		elif step == "escalate":
			escalate_to_central(
				doc.name,
				"Large Project" if reason == "Feature Adaptation" else "System Error for the Developers",
			)
		elif step == "resolve":
			doc = frappe.get_doc("Support Request", doc.name)
			for row in work_log or [
				{
					"engineer": "Administrator",
					"means": "Remote Session",
					"remote_session_id": "TV-1 234 567",
					"duration_minutes": 45,
				}
			]:
				doc.append("work_log", row)
			doc.resolution_summary = (
				summary or "<p>Applied the fix in a remote session and checked with the user.</p>"
			)
			doc.save()
			apply_workflow(doc, "Resolve")
		else:
			apply_workflow(frappe.get_doc("Support Request", doc.name), step)
	return doc.name


def set_demo_passwords():
	from frappe.utils.password import update_password

	users = frappe.get_all("User", filters={"email": ("like", "%.example")}, pluck="name")
	for user in users:
		update_password(user, DEMO_PASSWORD)
