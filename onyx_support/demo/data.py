"""The demo network as plain data: central support in Sanaa, two subsidiaries, four distributors,
and clients in countries with and without a local office (Somalia and Djibouti have none)."""

CENTRAL_OFFICE = "OnyxPro Central Support"

# What the offices invoice: support by the hour and the annual warranty renewal (service items,
# outside the systems' item group). Subsidiaries price them on their own price list.
SUPPORT_ITEM = "ONYX-SUPPORT-HOUR"
RENEWAL_ITEM = "ONYX-WARRANTY-RENEWAL"
YER_PRICES = "OnyxPro Support YER"
SAR_PRICES = "OnyxPro Support SAR"

SYSTEMS = [
	("ONYX-ERP", "OnyxPro ERP"),
	("ONYX-ACC", "OnyxPro Accounting"),
	("ONYX-HR", "OnyxPro Payroll and HR"),
	("ONYX-POS", "OnyxPro Point of Sale"),
]

COUNTRY_REGIONS = {
	"Middle East": ["Yemen", "Saudi Arabia", "Jordan", "Oman"],
	"Africa": ["Egypt", "Sudan", "Somalia", "Djibouti"],
}


def weekly(days, *windows):
	return [{"weekday": day, "start_time": start, "end_time": end} for day in days for start, end in windows]


SUN_THU = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday")
SAT_THU = ("Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday")

HOLIDAY_LISTS = [
	{
		"name": "Yemen 2026",
		"year": 2026,
		"holidays": [
			("2026-03-20", "Eid al-Fitr"),
			("2026-03-21", "Eid al-Fitr"),
			("2026-05-22", "Unity Day"),
			("2026-05-27", "Eid al-Adha"),
			("2026-05-28", "Eid al-Adha"),
			("2026-09-26", "Revolution Day"),
			("2026-11-30", "Independence Day"),
		],
	},
	{
		"name": "Saudi Arabia 2026",
		"year": 2026,
		"holidays": [
			("2026-02-22", "Founding Day"),
			("2026-03-20", "Eid al-Fitr"),
			("2026-05-27", "Eid al-Adha"),
			("2026-09-23", "National Day"),
		],
	},
	{
		"name": "Egypt 2026",
		"year": 2026,
		"holidays": [
			("2026-01-07", "Coptic Christmas"),
			("2026-03-20", "Eid al-Fitr"),
			("2026-04-25", "Sinai Liberation Day"),
			("2026-05-27", "Eid al-Adha"),
			("2026-07-23", "Revolution Day"),
			("2026-10-06", "Armed Forces Day"),
		],
	},
]

# The warranty terms each office is created with (and an existing office is brought to).
TERM_FIELDS = (
	"free_support_months",
	"grace_days",
	"hourly_rate",
	"visit_fee",
	"currency",
	"price_list",
	"support_item",
	"renewal_item",
)


def terms(free_months, grace_days, hourly_rate, visit_fee, currency, price_list=None):
	"""Support free for `free_months` after go-live, then `grace_days` of grace after the cover ends;
	billable work at `hourly_rate` and `visit_fee` in `currency`."""
	return {
		"free_support_months": free_months,
		"grace_days": grace_days,
		"hourly_rate": hourly_rate,
		"visit_fee": visit_fee,
		"currency": currency,
		"price_list": price_list,
		"support_item": SUPPORT_ITEM,
		"renewal_item": RENEWAL_ITEM,
	}


OFFICES = [
	{
		"office_name": CENTRAL_OFFICE,
		"office_kind": "Central",
		"city": "Sanaa",
		"country": "Yemen",
		"address": "Yemen Soft head office, Hadda Street",
		"email": "central.support@onyxpro.example",
		"phone": "+967 1 440 000",
		"latitude": 15.3694,
		"longitude": 44.1910,
		"time_zone": "Asia/Aden",
		"holiday_list": "Yemen 2026",
		"working_hours": weekly(SAT_THU, ("08:00", "13:00"), ("16:00", "20:00")),
		"territories": [],
		"channels": [
			{"channel": "Phone", "contact": "+967 1 440 000"},
			{"channel": "Internet / E-mail", "contact": "central.support@onyxpro.example"},
			{"channel": "Social Network", "contact": "WhatsApp +967 777 440 000"},
			{"channel": "Remote Access", "contact": "TeamViewer, on appointment"},
		],
		"fee_policy_summary": "Serves countries without a local office through the distributor network; "
		"free during the first year after go-live.",
		**terms(12, 30, 15000, 40000, "YER", YER_PRICES),
		"engineers": [
			("Abdullah Al-Haddad", "Manager", []),
			("Maryam Saleh", "Engineer", ["ONYX-ERP", "ONYX-ACC"]),
			("Khaled Noman", "Implementer", ["ONYX-HR"]),
		],
	},
	{
		"office_name": "OnyxPro Yemen",
		"office_kind": "Subsidiary",
		"city": "Aden",
		"country": "Yemen",
		"email": "support.ye@onyxpro.example",
		"phone": "+967 2 250 100",
		"latitude": 12.7855,
		"longitude": 45.0187,
		"time_zone": "Asia/Aden",
		"holiday_list": "Yemen 2026",
		"working_hours": weekly(SAT_THU, ("08:00", "12:00"), ("16:00", "20:00")),
		"territories": [{"territory": "Yemen"}],
		"channels": [
			{"channel": "Phone", "contact": "+967 2 250 100"},
			{"channel": "Internet / E-mail", "contact": "support.ye@onyxpro.example"},
			{"channel": "Remote Access", "contact": "TeamViewer"},
			{"channel": "On-site Visit", "contact": "On request, Aden and Sanaa"},
		],
		**terms(12, 30, 15000, 40000, "YER", YER_PRICES),
		"fees_public": 1,
		"fee_policy_summary": "Free for 12 months after go-live; then free under an annual warranty agreement.",
		"approval_required": 1,
		"auto_close_days": 7,
		"engineers": [
			("Fatima Al-Adeni", "Manager", []),
			("Omar Bazar", "Engineer", ["ONYX-ERP", "ONYX-POS"]),
			("Huda Qassem", "Engineer", ["ONYX-ACC", "ONYX-HR"]),
			("Amal Al-Sakkaf", "Accountant", []),
		],
	},
	{
		"office_name": "OnyxPro Saudi Arabia",
		"office_kind": "Subsidiary",
		"city": "Riyadh",
		"country": "Saudi Arabia",
		"email": "support.sa@onyxpro.example",
		"phone": "+966 11 400 2000",
		"latitude": 24.7136,
		"longitude": 46.6753,
		"time_zone": "Asia/Riyadh",
		"holiday_list": "Saudi Arabia 2026",
		"working_hours": weekly(SUN_THU, ("08:00", "17:00")),
		"territories": [{"territory": "Saudi Arabia"}],
		"channels": [
			{"channel": "Phone", "contact": "+966 11 400 2000"},
			{"channel": "Internet / E-mail", "contact": "support.sa@onyxpro.example"},
			{"channel": "Remote Access", "contact": "TeamViewer"},
			{"channel": "On-site Visit", "contact": "Riyadh, Jeddah, Dammam"},
		],
		**terms(12, 30, 250, 900, "SAR", SAR_PRICES),
		"fees_public": 0,
		"fee_policy_summary": "Free for 12 months after go-live; annual warranty agreements available.",
		"approval_required": 1,
		"engineers_may_close": 1,
		"assignment_rule_type": "Load Balancing",
		"engineers": [
			("Nasser Al-Qahtani", "Manager", []),
			("Reem Al-Otaibi", "Engineer", ["ONYX-ERP", "ONYX-HR"]),
		],
	},
	{
		"office_name": "Nile Soft Solutions",
		"office_kind": "Distributor",
		"sales_partner": "Nile Soft Solutions",
		"city": "Cairo",
		"country": "Egypt",
		"email": "support@nilesoft.example",
		"phone": "+20 2 2735 0000",
		"latitude": 30.0444,
		"longitude": 31.2357,
		"time_zone": "Africa/Cairo",
		"holiday_list": "Egypt 2026",
		"working_hours": weekly(SUN_THU, ("09:00", "17:00")),
		"territories": [{"territory": "Egypt"}],
		"channels": [
			{"channel": "Phone", "contact": "+20 2 2735 0000"},
			{"channel": "Internet / E-mail", "contact": "support@nilesoft.example"},
			{"channel": "Remote Access", "contact": "AnyDesk"},
		],
		**terms(12, 30, 1200, 3500, "EGP"),
		"fee_policy_summary": "Free for 12 months; then per intervention unless under warranty.",
		"approval_required": 0,
		"auto_close_days": 3,
		"engineers": [
			("Mona Farouk", "Manager", []),
			("Youssef Adel", "Engineer", ["ONYX-ERP", "ONYX-ACC", "ONYX-POS"]),
		],
	},
	{
		"office_name": "Khartoum Systems",
		"office_kind": "Distributor",
		"sales_partner": "Khartoum Systems",
		"city": "Khartoum",
		"country": "Sudan",
		"email": "support@khartoumsys.example",
		"latitude": 15.5007,
		"longitude": 32.5599,
		"time_zone": "Africa/Khartoum",
		"working_hours": weekly(SUN_THU, ("08:00", "15:00")),
		**terms(12, 30, 40, 150, "USD"),
		"territories": [{"territory": "Sudan"}],
		"channels": [
			{"channel": "Phone", "contact": "+249 183 000 000"},
			{"channel": "Social Network", "contact": "WhatsApp +249 912 000 000"},
		],
		"engineers": [("Tarig Osman", "Manager", [])],
	},
	{
		"office_name": "Petra Business Software",
		"office_kind": "Distributor",
		"sales_partner": "Petra Business Software",
		"city": "Amman",
		"country": "Jordan",
		"email": "help@petrabiz.example",
		"latitude": 31.9539,
		"longitude": 35.9106,
		"time_zone": "Asia/Amman",
		"working_hours": weekly(SUN_THU, ("08:30", "16:30")),
		**terms(12, 45, 30, 100, "JOD"),
		"territories": [{"territory": "Jordan"}],
		"channels": [
			{"channel": "Phone", "contact": "+962 6 500 0000"},
			{"channel": "Internet / E-mail", "contact": "help@petrabiz.example"},
		],
		"engineers": [("Lina Haddad", "Manager", [])],
	},
	{
		"office_name": "Muscat Digital",
		"office_kind": "Distributor",
		"sales_partner": "Muscat Digital",
		"city": "Muscat",
		"country": "Oman",
		"email": "support@muscatdigital.example",
		"latitude": 23.5880,
		"longitude": 58.3829,
		"time_zone": "Asia/Muscat",
		"working_hours": weekly(SUN_THU, ("08:00", "16:00")),
		**terms(12, 30, 25, 90, "OMR"),
		"territories": [{"territory": "Oman"}],
		"channels": [{"channel": "Phone", "contact": "+968 24 000 000"}],
		"engineers": [("Said Al-Balushi", "Manager", [])],
	},
]

CLIENTS = [
	("Aden Port Trading", "Yemen", [("ONYX-ERP", "15.2", "2025-02-01"), ("ONYX-HR", "6.1", "2025-06-15")]),
	("Sanaa Pharmaceuticals", "Yemen", [("ONYX-ACC", "12.4", "2024-09-10")]),
	("Hadramout Fisheries", "Yemen", [("ONYX-POS", "3.0", "2026-08-01")]),
	("Mukalla Hotels Group", "Yemen", [("ONYX-POS", "2.9", "2024-11-15")]),
	(
		"Riyadh Food Industries",
		"Saudi Arabia",
		[("ONYX-ERP", "15.2", "2023-11-20"), ("ONYX-HR", "6.0", "2024-01-05")],
	),
	("Jeddah Medical Supplies", "Saudi Arabia", [("ONYX-ACC", "12.5", "2025-12-01")]),
	("Cairo Textile Company", "Egypt", [("ONYX-ERP", "15.1", "2024-04-01")]),
	("Alexandria Logistics", "Egypt", [("ONYX-POS", "3.0", "2025-10-10")]),
	("Khartoum Cement", "Sudan", [("ONYX-ACC", "12.4", "2023-05-01")]),
	("Amman Retail Group", "Jordan", [("ONYX-POS", "2.8", "2024-07-07")]),
	("Muscat Builders", "Oman", [("ONYX-ERP", "15.2", "2026-01-15")]),
	("Mogadishu Traders", "Somalia", [("ONYX-ACC", "12.3", "2024-03-03")]),
	("Djibouti Shipping", "Djibouti", [("ONYX-ERP", "14.9", "2022-10-01")]),
]


def demo_user_email(full_name: str) -> str:
	return full_name.lower().replace(" ", ".").replace("'", "") + "@onyxpro.example"


# One contact per client; the first two can log in to the portal (password set by invitation).
CONTACTS = [
	("Aden Port Trading", "Nabil Hassan", "it@adenport.example", True),
	("Riyadh Food Industries", "Sara Al-Harbi", "erp@riyadhfood.example", True),
	("Sanaa Pharmaceuticals", "Adel Saif", "systems@sanaapharma.example", False),
	("Cairo Textile Company", "Hany Mahmoud", "it@cairotextile.example", False),
	("Mogadishu Traders", "Abdi Warsame", "accounts@mogtraders.example", False),
	("Jeddah Medical Supplies", "Khalid Zahrani", "it@jeddahmed.example", False),
	("Hadramout Fisheries", "Salem Bawazir", "office@hadfish.example", False),
	("Mukalla Hotels Group", "Faisal Bin Mahfouz", "it@mukallahotels.example", False),
	("Alexandria Logistics", "Mariam Fawzy", "it@alexlog.example", False),
	("Khartoum Cement", "Osman Idris", "erp@khcement.example", False),
	("Amman Retail Group", "Rami Odeh", "it@ammanretail.example", False),
	("Muscat Builders", "Hilal Al-Rawahi", "finance@muscatbuilders.example", False),
	("Djibouti Shipping", "Ahmed Omar", "it@djiboutiship.example", False),
]

# (customer, system, subject, reason, error origin, channel, priority, state to reach)
REQUESTS = [
	(
		"Aden Port Trading",
		"ONYX-ERP",
		"Month-end closing fails on the stock valuation step",
		"Error",
		"System",
		"E-mail",
		"High",
		"In Progress",
	),
	(
		"Aden Port Trading",
		"ONYX-HR",
		"Add the new overtime rule to the payroll",
		"Feature Adaptation",
		None,
		"Phone",
		"Medium",
		"Awaiting Client Approval",
	),
	(
		"Sanaa Pharmaceuticals",
		"ONYX-ACC",
		"How to reverse a posted journal entry",
		"Guidance",
		None,
		"Portal",
		"Low",
		"Resolved",
	),
	(
		"Hadramout Fisheries",
		"ONYX-POS",
		"Install point-of-sale update 3.1",
		"Update Delivery",
		None,
		"Desk",
		"Low",
		"New",
	),
	(
		"Riyadh Food Industries",
		"ONYX-ERP",
		"VAT return totals differ from the ledger",
		"Error",
		"Usage",
		"Portal",
		"Urgent",
		"Escalated to Central",
	),
	(
		"Riyadh Food Industries",
		"ONYX-HR",
		"Train the new HR officer on leave management",
		"Guidance",
		None,
		"Social Network",
		"Medium",
		"Triaged",
	),
	(
		"Jeddah Medical Supplies",
		"ONYX-ACC",
		"Printer driver breaks invoice layout",
		"Error",
		"External Factor",
		"Phone",
		"Medium",
		"Waiting on Client",
	),
	(
		"Cairo Textile Company",
		"ONYX-ERP",
		"Adapt the production order to dyeing batches",
		"Feature Adaptation",
		None,
		"Desk",
		"High",
		"Approved",
	),
	(
		"Alexandria Logistics",
		"ONYX-POS",
		"Cash drawer does not open",
		"Error",
		"External Factor",
		"Phone",
		"Urgent",
		"Closed",
	),
	(
		"Khartoum Cement",
		"ONYX-ACC",
		"Upgrade to Accounting 12.5",
		"Update Delivery",
		None,
		"E-mail",
		"Low",
		"In Progress",
	),
	(
		"Amman Retail Group",
		"ONYX-POS",
		"Duplicate request sent twice",
		"Guidance",
		None,
		"Portal",
		"Low",
		"Cancelled",
	),
	(
		"Muscat Builders",
		"ONYX-ERP",
		"Project costing report is slow",
		"Error",
		"System",
		"Desk",
		"High",
		"Triaged",
	),
	(
		"Mogadishu Traders",
		"ONYX-ACC",
		"Multi-currency revaluation question",
		"Guidance",
		None,
		"E-mail",
		"Medium",
		"New",
	),
	(
		"Djibouti Shipping",
		"ONYX-ERP",
		"Large migration of five subsidiaries",
		"Feature Adaptation",
		None,
		"Desk",
		"High",
		"Escalated to Central",
	),
]


# --- field service: who receives the visit reports --------------------------------------------

# Demo users who only read the reports distributed to their directorate (no office of their own).
DIRECTORATE_USERS = ["Samira Al-Shami", "Waleed Al-Ansi"]

# (directorate, parent, kind, description, [(member's full name, member role)]); parents first.
# The regional directorates of the network take the managers of the offices in their region.
DIRECTORATES = [
	(
		"Central Support",
		None,
		"Central Support",
		"Central support in Sanaa: receives what the specialised directorates escalate.",
		[("Abdullah Al-Haddad", "Manager")],
	),
	(
		"Quality and Performance",
		"Central Support",
		"Specialised Directorate",
		"Follows up poorly rated installations and the quality of the partners' service.",
		[("Samira Al-Shami", "Manager")],
	),
	(
		"Client Satisfaction",
		"Quality and Performance",
		"Specialised Directorate",
		"Calls back clients after a low rating and tracks their suggestions.",
		[("Waleed Al-Ansi", "Engineer")],
	),
	(
		"ERP Implementation",
		"Central Support",
		"Specialised Directorate",
		"Owns OnyxPro ERP implementations, adaptations and large migrations.",
		[("Maryam Saleh", "Manager"), ("Khaled Noman", "Engineer")],
	),
	(
		"Technical Infrastructure",
		"Central Support",
		"Specialised Directorate",
		"Servers, networks and point-of-sale hardware at client sites.",
		[("Khaled Noman", "Manager")],
	),
	(
		"Directorate Network",
		"Central Support",
		"Directorate Network",
		"The regional directorates of the partner network.",
		[],
	),
	(
		"Middle East Directorate",
		"Directorate Network",
		"Directorate Network",
		"Yemen, Saudi Arabia, Jordan and Oman.",
		[
			("Fatima Al-Adeni", "Manager"),
			("Nasser Al-Qahtani", "Engineer"),
			("Lina Haddad", "Engineer"),
			("Said Al-Balushi", "Engineer"),
		],
	),
	(
		"Africa Directorate",
		"Directorate Network",
		"Directorate Network",
		"Egypt and Sudan, and the clients of Somalia and Djibouti.",
		[("Mona Farouk", "Manager"), ("Tarig Osman", "Engineer")],
	),
]

# Which shared reports reach whom: criteria, then (directorate, with its sub-directorates).
DISTRIBUTION_RULES = [
	{
		"rule_name": "Low ratings to Quality and Performance",
		"rating_at_or_below": 2,
		"directorates": [("Quality and Performance", 1)],
		"include_office_managers": 1,
	},
	{
		"rule_name": "Training visits in the Middle East",
		"visit_kind": "Training",
		"territory": "Middle East",
		"directorates": [("Middle East Directorate", 0)],
	},
	{
		"rule_name": "Training visits in Africa",
		"visit_kind": "Training",
		"territory": "Africa",
		"directorates": [("Africa Directorate", 0)],
	},
	{
		"rule_name": "OnyxPro ERP visits to ERP Implementation",
		"system": "ONYX-ERP",
		"directorates": [("ERP Implementation", 0)],
	},
	{
		"rule_name": "Point-of-sale installations to Technical Infrastructure",
		"system": "ONYX-POS",
		"visit_kind": "Installation or Update Delivery",
		"directorates": [("Technical Infrastructure", 0)],
		"include_office_engineers": 1,
	},
]
