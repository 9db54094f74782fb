"""A small support network shared by the bench tests: three offices under central support,
their engineers, clients in served and unserved countries, and one installation per client."""

import frappe

from onyx_support.roles import (
	CENTRAL_ENGINEER,
	OFFICE_MANAGER,
	SUPPORT_ACCOUNTANT,
	SUPPORT_ADMIN,
	SUPPORT_ENGINEER,
)
from onyx_support.tests.utils import (
	make_central_office,
	make_customer,
	make_installation,
	make_office,
	make_sales_partner,
	make_system,
	make_territory,
	make_user,
)

ERP = "_Test OnyxPro ERP"
PAYROLL = "_Test OnyxPro Payroll"

OFFICE_A = "_Test Yemen Subsidiary"
OFFICE_B = "_Test Saudi Subsidiary"
OFFICE_C = "_Test Egypt Distributor"

ENGINEER_A = "eng-a@onyx-test.example"
ENGINEER_B = "eng-b@onyx-test.example"
DISTRIBUTOR = "distributor@onyx-test.example"
ACCOUNTANT_A = "accountant-a@onyx-test.example"
CENTRAL_USER = "central@onyx-test.example"
ADMIN_USER = "support-admin@onyx-test.example"

SECRET = "s3cr3t-Remote-Pa55"


def build_network() -> dict:
	"""Create (or find) the network; returns the names tests need."""
	middle_east = make_territory("_T Middle East")
	yemen = make_territory("_T Yemen", middle_east)
	aden = make_territory("_T Aden", yemen, is_group=0)
	saudi = make_territory("_T Saudi Arabia", middle_east)
	africa = make_territory("_T Africa")
	egypt = make_territory("_T Egypt", africa)
	oman = make_territory("_T Oman", middle_east)
	make_system(ERP)
	make_system(PAYROLL)

	make_user(ENGINEER_A, [SUPPORT_ENGINEER], "Amal")
	make_user(ENGINEER_B, [SUPPORT_ENGINEER], "Badr")
	make_user(DISTRIBUTOR, [OFFICE_MANAGER], "Dina")
	make_user(CENTRAL_USER, [CENTRAL_ENGINEER], "Camal")
	make_user(ADMIN_USER, [SUPPORT_ADMIN], "Sami")

	make_user(ACCOUNTANT_A, [SUPPORT_ACCOUNTANT], "Asma")

	central = make_central_office()
	make_office(
		OFFICE_A,
		"Subsidiary",
		territories=[{"territory": yemen}],
		engineers=[{"user": ENGINEER_A, "office_role": "Engineer"}],
	)
	make_office(
		OFFICE_B,
		"Subsidiary",
		territories=[{"territory": saudi}],
		engineers=[{"user": ENGINEER_B, "office_role": "Engineer"}],
	)
	make_office(
		OFFICE_C,
		"Distributor",
		sales_partner=make_sales_partner("_Test Nile Systems", egypt),
		territories=[{"territory": egypt}],
		engineers=[{"user": DISTRIBUTOR, "office_role": "Manager"}],
		time_zone="Africa/Cairo",
	)

	ensure_office_member(OFFICE_A, ACCOUNTANT_A, "Accountant")

	customers = {
		OFFICE_A: make_customer("_Test Aden Trading", aden),
		OFFICE_B: make_customer("_Test Riyadh Foods", saudi),
		OFFICE_C: make_customer("_Test Cairo Pharma", egypt),
		central: make_customer("_Test Muscat Logistics", oman),
	}
	installations = {
		office: make_installation(
			customer, ERP, "15.2", remote_access_id="123 456 789", remote_access_password=SECRET
		).name
		for office, customer in customers.items()
	}
	return {
		"central": central,
		"customers": customers,
		"installations": installations,
		"territories": {
			"yemen": yemen,
			"aden": aden,
			"saudi": saudi,
			"egypt": egypt,
			"oman": oman,
			"africa": africa,
		},
	}


def ensure_office_member(office: str, user: str, role: str) -> None:
	"""A member added to an office the site already holds (make_office keeps existing offices)."""
	if not frappe.db.exists("Support Office Engineer", {"parent": office, "user": user}):
		doc = frappe.get_doc("Support Office", office)
		doc.append("engineers", {"user": user, "office_role": role})
		doc.save(ignore_permissions=True)


TEST_OFFICES = (OFFICE_A, OFFICE_B, OFFICE_C)


def all_test_offices(central: str) -> set[str]:
	return {central, *TEST_OFFICES}


# --- support requests ------------------------------------------------------------------------

CLIENT_A = "client-a@onyx-test.example"
CLIENT_A2 = "client-a2@onyx-test.example"
CLIENT_B = "client-b@onyx-test.example"
ALWAYS_OPEN_OFFICE = "_Test Always Open Office"
ASSIGN_OFFICE = "_Test Assignment Office"
ERP_SPECIALIST = "erp-specialist@onyx-test.example"
PAYROLL_SPECIALIST = "payroll-specialist@onyx-test.example"


def build_request_world() -> dict:
	"""The network plus client contacts, an office open around the clock (deterministic SLA
	arithmetic) and an office whose engineers each know one system."""
	from onyx_support.tests.utils import ALWAYS_OPEN, make_contact

	network = build_network()
	customers = network["customers"]
	contacts = {
		CLIENT_A: make_contact(customers[OFFICE_A], CLIENT_A, "Aisha", portal_user=True),
		CLIENT_A2: make_contact(customers[OFFICE_A], CLIENT_A2, "Ahmed", portal_user=True),
		CLIENT_B: make_contact(customers[OFFICE_B], CLIENT_B, "Bushra", portal_user=True),
	}
	always_land = make_territory("_T Always Land")
	make_office(
		ALWAYS_OPEN_OFFICE,
		"Subsidiary",
		territories=[{"territory": always_land}],
		working_hours=ALWAYS_OPEN,
		time_zone="UTC",
	)
	assign_land = make_territory("_T Assign Land")
	make_user(ERP_SPECIALIST, [SUPPORT_ENGINEER], "Eman")
	make_user(PAYROLL_SPECIALIST, [SUPPORT_ENGINEER], "Fares")
	make_office(
		ASSIGN_OFFICE,
		"Subsidiary",
		territories=[{"territory": assign_land}],
		working_hours=ALWAYS_OPEN,
		engineers=[
			{"user": ERP_SPECIALIST, "office_role": "Engineer", "known_systems": ERP},
			{"user": PAYROLL_SPECIALIST, "office_role": "Engineer", "known_systems": PAYROLL},
		],
	)
	always_customer = make_customer("_Test Always Open Client", always_land)
	assign_customer = make_customer("_Test Assignment Client", assign_land)
	return {
		**network,
		"contacts": contacts,
		"always_customer": always_customer,
		"always_installation": make_installation(always_customer, ERP, "15.2").name,
		"assign_customer": assign_customer,
		"assign_installations": {
			ERP: make_installation(assign_customer, ERP, "15.2").name,
			PAYROLL: make_installation(assign_customer, PAYROLL, "6.0").name,
		},
	}
