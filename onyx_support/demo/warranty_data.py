"""The demo's warranty and billing as plain data: service items and their prices, purchase dates,
renewal agreements, billable work and billing runs. The offices' terms are in demo.data.OFFICES.

Coverage on the day the demo is loaded, with the installations of demo.data.CLIENTS (12 free months
everywhere, 30 days of grace, 45 at Petra):

| office                  | free first year     | under agreement        | grace              | billable (lapsed)                       |
|-------------------------|---------------------|------------------------|--------------------|-----------------------------------------|
| OnyxPro Yemen           | Hadramout Fisheries | Aden Port Trading (HR) | Mukalla Hotels     | Aden Port Trading (ERP), Sanaa Pharma   |
| OnyxPro Saudi Arabia    | Jeddah Medical      | Riyadh Food (ERP)      |                    | Riyadh Food (HR)                        |
| Nile Soft Solutions     |                     | Alexandria Logistics   |                    | Cairo Textile                           |
| Petra Business Software |                     |                        | Amman Retail Group |                                         |
| Khartoum Systems        |                     |                        |                    | Khartoum Cement                         |
| Muscat Digital          | Muscat Builders     |                        |                    |                                         |
| OnyxPro Central Support |                     |                        |                    | Mogadishu Traders, Djibouti Shipping    |

Days count from today in the office's calendar (a past day moved back off weekends and holidays).
"""

from onyx_support.demo.data import RENEWAL_ITEM, SAR_PRICES, SUPPORT_ITEM, YER_PRICES

# (item code, name, unit, description)
SERVICE_ITEMS = [
	(
		SUPPORT_ITEM,
		"OnyxPro Support (per hour)",
		"Hour",
		"Support work outside the free first year and the warranty agreement, per hour.",
	),
	(
		RENEWAL_ITEM,
		"OnyxPro Warranty Renewal (1 year)",
		"Nos",
		"Annual renewal of the warranty agreement: free support for twelve months.",
	),
]
SERVICE_ITEM_GROUP = "Services"  # ERPNext's own group, not the systems' group

# price list -> (currency, {item: rate}); the subsidiaries' (and central's) selling prices
PRICE_LISTS = {
	YER_PRICES: ("YER", {SUPPORT_ITEM: 15000, RENEWAL_ITEM: 480000}),
	SAR_PRICES: ("SAR", {SUPPORT_ITEM: 250, RENEWAL_ITEM: 7500}),
}

# Installations whose free year counts from the purchase (the licence was bought before go-live).
# (customer, system) -> purchase date
PURCHASES = {
	("Mukalla Hotels Group", "ONYX-POS"): "2024-10-20",
	("Riyadh Food Industries", "ONYX-HR"): "2023-12-10",
	("Amman Retail Group", "ONYX-POS"): "2024-06-20",
}

# Annual renewals, submitted:
# - "renewed": renewed every year since the free year, each renewal the day after the previous
#   cover, up to the one covering today (under agreement);
# - "lapsed N days ago": one renewal that ended N days ago and was not renewed again (grace).
# A distributor's renewal names the invoice the distributor issued itself ({year}: the start's).
# price: a distributor's own price (a subsidiary's comes from its price list).
RENEWALS = [
	{"customer": "Aden Port Trading", "systems": ["ONYX-HR"], "cover": "renewed"},
	{"customer": "Riyadh Food Industries", "systems": ["ONYX-ERP"], "cover": "renewed"},
	{
		"customer": "Alexandria Logistics",
		"systems": ["ONYX-POS"],
		"cover": "renewed",
		"price": 24000,
		"distributor_invoice_ref": "NSS-INV-{year}-0417",
	},
	{"customer": "Mukalla Hotels Group", "systems": ["ONYX-POS"], "cover": "lapsed", "ended_days_ago": 12},
	{
		"customer": "Amman Retail Group",
		"systems": ["ONYX-POS"],
		"cover": "lapsed",
		"ended_days_ago": 20,
		"price": 850,
		"distributor_invoice_ref": "PBS/{year}/112",
	},
]

# Work on lapsed installations: requests taken to their state, each work-log row at its own day
# (days from today), "HH:MM" office time, minutes, means, engineer, note. The app stamps the rows
# Billable and writes their Support Charges.
BILLABLE_WORK = [
	{
		"customer": "Aden Port Trading",
		"system": "ONYX-ERP",
		"subject": "Stock ageing report shows negative quantities",
		"reason": "Error",
		"origin": "Usage",
		"channel": "Phone",
		"priority": "Medium",
		"state": "Closed",
		"work": [
			(
				-41,
				"09:30",
				90,
				"Remote Session",
				"Omar Bazar",
				"Back-dated stock entries in the closed year; re-posted them.",
			),
			(-40, "10:00", 45, "Phone / Internet", "Omar Bazar", "Checked the report with the storekeeper."),
		],
		"summary": "Re-posted the back-dated stock entries; the ageing report is right again.",
	},
	{
		"customer": "Sanaa Pharmaceuticals",
		"system": "ONYX-ACC",
		"subject": "Opening balances of the new Taiz branch",
		"reason": "Guidance",
		"origin": None,
		"channel": "E-mail",
		"priority": "Medium",
		"state": "Resolved",
		"work": [
			(
				-33,
				"11:00",
				120,
				"Remote Session",
				"Huda Qassem",
				"Imported the opening balances with the chief accountant.",
			),
		],
		"summary": "The Taiz branch opened with its balances imported and checked.",
	},
	{
		"customer": "Cairo Textile Company",
		"system": "ONYX-ERP",
		"subject": "Dyeing batch costing is wrong after the update",
		"reason": "Error",
		"origin": "System",
		"channel": "Phone",
		"priority": "High",
		"state": "Resolved",
		"work": [
			(-36, "10:00", 60, "Remote Session", "Youssef Adel", "Reproduced the costing difference."),
			(
				-35,
				"13:00",
				150,
				"Remote Session",
				"Youssef Adel",
				"Corrected the batch cost formula and re-costed the month.",
			),
		],
		"summary": "Batch costs re-computed for the month; the formula is fixed.",
	},
	{
		"customer": "Khartoum Cement",
		"system": "ONYX-ACC",
		"subject": "Bank statement import rejects the new format",
		"reason": "Error",
		"origin": "External Factor",
		"channel": "E-mail",
		"priority": "Medium",
		"state": "Resolved",
		"work": [
			(-9, "09:00", 75, "Remote Session", "Tarig Osman", "Mapped the bank's new CSV columns."),
		],
		"summary": "The import reads the bank's new statement format.",
	},
	{
		"customer": "Riyadh Food Industries",
		"system": "ONYX-HR",
		"subject": "End-of-service benefit of a resigned employee",
		"reason": "Guidance",
		"origin": None,
		"channel": "Phone",
		"priority": "Low",
		"state": "Resolved",
		"work": [
			(
				-6,
				"10:30",
				45,
				"Phone / Internet",
				"Reem Al-Otaibi",
				"Walked the HR officer through the calculation.",
			),
		],
		"summary": "The HR officer computed the benefit with the end-of-service tool.",
	},
]

# One submitted billing run per office: its period in days from today, and who runs it
# (the office's accountant; a distributor has none in the demo: the support administrator).
# Charges of the last two weeks stay Pending for the next run.
BILLING_RUNS = [
	{"office": "OnyxPro Yemen", "from_days": -60, "to_days": -14, "by": "Amal Al-Sakkaf"},
	{"office": "Nile Soft Solutions", "from_days": -60, "to_days": -14, "by": None},
]
