"""Warranty and billing demo: service items and prices, the offices' terms, purchase dates, the
first free years and the annual renewals, billable work and one billing run per billing office.
Idempotent like the rest of the demo: everything is found again by a stable key (item code, price
list, renewed agreement, request subject, office's run) and never made twice."""

from datetime import timedelta

import frappe
from frappe.utils import add_days, get_datetime, getdate

from onyx_support.demo.data import OFFICES, TERM_FIELDS, demo_user_email
from onyx_support.demo.visits import acting_as, at, working_day
from onyx_support.demo.warranty_data import (
	BILLABLE_WORK,
	BILLING_RUNS,
	PRICE_LISTS,
	PURCHASES,
	RENEWALS,
	SERVICE_ITEM_GROUP,
	SERVICE_ITEMS,
)
from onyx_support.domain.coverage import period_end
from onyx_support.services.warranty.agreements import ensure_first_year, renewal_price
from onyx_support.services.warranty.coverage import office_day, stamp_request

# --- set-up before the offices: items, prices, currencies, fiscal year -------------------------


def make_billing_setup(company: str):
	enable_currencies()
	make_fiscal_year(company)
	for code, name, uom, description in SERVICE_ITEMS:
		make_service_item(code, name, uom, description)
	for price_list, (currency, rates) in PRICE_LISTS.items():
		make_price_list(price_list, currency)
		for item, rate in rates.items():
			make_item_price(price_list, item, rate)


def enable_currencies():
	"""The offices' currencies (ERPNext ships them disabled but the company's)."""
	used = {spec.get("currency") for spec in OFFICES} | {currency for currency, _ in PRICE_LISTS.values()}
	for currency in sorted(filter(None, used)):
		if not frappe.db.get_value("Currency", currency, "enabled"):
			frappe.db.set_value("Currency", currency, "enabled", 1)


def make_fiscal_year(company: str):
	"""A Sales Invoice posts in a fiscal year: the setup wizard made the first one; a demo loaded in
	a later year needs that year's too."""
	year = getdate().year
	if frappe.db.exists(
		"Fiscal Year", {"year_start_date": ("<=", getdate()), "year_end_date": (">=", getdate())}
	):
		return
	frappe.get_doc(
		{
			"doctype": "Fiscal Year",
			"year": str(year),
			"year_start_date": f"{year}-01-01",
			"year_end_date": f"{year}-12-31",
			"companies": [{"company": company}],
		}
	).insert(ignore_permissions=True)


def make_service_item(code: str, name: str, uom: str, description: str):
	if frappe.db.exists("Item", code):
		return
	frappe.get_doc(
		{
			"doctype": "Item",
			"item_code": code,
			"item_name": name,
			"item_group": SERVICE_ITEM_GROUP,
			"stock_uom": uom,
			"is_stock_item": 0,
			"is_sales_item": 1,
			"is_purchase_item": 0,
			"include_item_in_manufacturing": 0,
			"description": description,
		}
	).insert(ignore_permissions=True)


def make_price_list(name: str, currency: str):
	if frappe.db.exists("Price List", name):
		return
	frappe.get_doc(
		{"doctype": "Price List", "price_list_name": name, "currency": currency, "selling": 1, "enabled": 1}
	).insert(ignore_permissions=True)


def make_item_price(price_list: str, item: str, rate: float):
	if frappe.db.exists("Item Price", {"price_list": price_list, "item_code": item}):
		return
	frappe.get_doc(
		{"doctype": "Item Price", "price_list": price_list, "item_code": item, "price_list_rate": rate}
	).insert(ignore_permissions=True)


# --- offices made by an earlier load: their terms and staff ---------------------------------------


def update_offices(roles_for):
	"""An office made by an earlier load is brought up to the data: its warranty terms once (while
	it has no support item: the loads before the warranty set none, and a later change made on the
	site is kept), and the members added to the data since."""
	from onyx_support.tests.utils import make_user

	for spec in OFFICES:
		doc = frappe.get_doc("Support Office", spec["office_name"])
		changed = False
		if not doc.support_item:
			for field in TERM_FIELDS:
				doc.set(field, spec.get(field))
			changed = True
		members = {row.user for row in doc.engineers}
		for full_name, office_role, systems in spec.get("engineers", []):
			first, last = full_name.split()[0], full_name.split()[-1]
			# a member's roles added to the data since are given too
			email = make_user(
				demo_user_email(full_name), roles_for(spec["office_kind"], office_role), first, last_name=last
			)
			if email in members:
				continue
			doc.append(
				"engineers",
				{"user": email, "office_role": office_role, "known_systems": "\n".join(systems)},
			)
			changed = True
		if changed:
			doc.save(ignore_permissions=True)


# --- installations: purchase dates and the first free year ----------------------------------------


def installation_of(customer: str, system: str) -> str | None:
	return frappe.db.get_value("Client Installation", {"customer": customer, "system": system})


def purchase_fields(customer: str, system: str) -> dict:
	"""What make_clients gives a new installation whose free year counts from its purchase."""
	purchase = PURCHASES.get((customer, system))
	return {"purchase_date": purchase, "coverage_anchor": "Purchase Date"} if purchase else {}


def set_purchase_dates():
	"""An installation made before its purchase date was in the data gets it, while its first free
	year is not recorded yet (afterwards the agreement already counts from the go-live)."""
	for (customer, system), purchase in PURCHASES.items():
		name = installation_of(customer, system)
		if not name or frappe.db.get_value("Client Installation", name, "purchase_date"):
			continue
		if first_year_of(name):
			continue
		doc = frappe.get_doc("Client Installation", name)
		doc.purchase_date = purchase
		doc.coverage_anchor = "Purchase Date"
		doc.save(ignore_permissions=True)  # on_update records the first free year from the purchase


def first_year_of(installation: str) -> str | None:
	found = frappe.db.sql(
		"""select agreement.name from `tabWarranty Agreement` agreement
		join `tabWarranty Agreement Installation` covered on covered.parent = agreement.name
		where covered.installation = %s and agreement.agreement_kind = 'First Year'
			and agreement.docstatus = 1 limit 1""",
		installation,
	)
	return found[0][0] if found else None


def ensure_first_years():
	"""Installations registered before their office gave a free period (or before warranty
	agreements existed) get their first year as the app records it for a new one."""
	for name in frappe.get_all(
		"Client Installation", filters={"status": "Active"}, pluck="name", order_by="name"
	):
		if not first_year_of(name):
			ensure_first_year(frappe.get_doc("Client Installation", name))


# --- renewals ------------------------------------------------------------------------------------


def office_manager(office: str) -> str:
	return frappe.db.get_value(
		"Support Office Engineer",
		{"parenttype": "Support Office", "parent": office, "office_role": "Manager"},
		"user",
		order_by="idx asc",
	)


def renewal_after(previous: str) -> str | None:
	return frappe.db.get_value(
		"Warranty Agreement", {"renewal_of": previous, "docstatus": 1, "agreement_kind": "Annual Renewal"}
	)


def make_renewals():
	for spec in RENEWALS:
		installations = [installation_of(spec["customer"], system) for system in spec["systems"]]
		if not all(installations):
			frappe.throw(f"Demo installation not found: {spec['customer']} / {spec['systems']}")
		first_year = first_year_of(installations[0])
		if not first_year:
			frappe.throw(f"Demo installation {installations[0]} has no first free year.")
		if spec["cover"] == "renewed":
			renew_every_year(spec, installations, first_year)
		else:
			renew_once(spec, installations, first_year)


def renew_every_year(spec: dict, installations: list[str], first_year: str):
	"""Renewed on time every year: each renewal starts the day after the previous one, until one
	covers today."""
	previous = first_year
	office = frappe.db.get_value("Warranty Agreement", first_year, "selling_office")
	today = office_day(office)
	while True:
		found = renewal_after(previous)
		if not found:
			end = frappe.db.get_value("Warranty Agreement", previous, "end_date")
			if getdate(end) >= today:
				return
			found = submit_renewal(spec, installations, previous, add_days(end, 1))
		previous = found


def renew_once(spec: dict, installations: list[str], first_year: str):
	"""Renewed once, late, for a year that ended `ended_days_ago` days ago; not renewed since."""
	if renewal_after(first_year):
		return
	office = frappe.db.get_value("Warranty Agreement", first_year, "selling_office")
	end = office_day(office) - timedelta(days=spec["ended_days_ago"])
	start = start_of_year_ending(end)
	first_end = getdate(frappe.db.get_value("Warranty Agreement", first_year, "end_date"))
	if start <= first_end:
		frappe.throw(f"Demo renewal of {spec['customer']} would overlap its first free year.")
	submit_renewal(spec, installations, first_year, start)


def start_of_year_ending(end):
	"""The start of the twelve-month period that ends on `end` (period_end's inverse)."""
	start = (
		end.replace(year=end.year - 1)
		if not (end.month == 2 and end.day == 29)
		else end.replace(year=end.year - 1, day=28)
	)
	start += timedelta(days=1)
	while period_end(start, 12) > end:
		start += timedelta(days=1)
	while period_end(start, 12) < end:
		start -= timedelta(days=1)
	return start


def submit_renewal(spec: dict, installations: list[str], previous: str, start) -> str:
	office_name = frappe.db.get_value("Warranty Agreement", previous, "selling_office")
	office = frappe.get_cached_doc("Support Office", office_name)
	reference = spec.get("distributor_invoice_ref")
	doc = frappe.get_doc(
		{
			"doctype": "Warranty Agreement",
			"customer": spec["customer"],
			"agreement_kind": "Annual Renewal",
			"renewal_of": previous,
			"selling_office": office_name,
			"start_date": start,
			"currency": office.currency,
			"renewal_item": office.renewal_item,
			"price": spec.get("price") or renewal_price(office, office.renewal_item),
			"distributor_invoice_ref": reference.format(year=getdate(start).year) if reference else None,
			"installations": [{"installation": name} for name in installations],
		}
	)
	with acting_as(office_manager(office_name)):
		doc.insert()
		doc.submit()
	return doc.name


# --- billable work -------------------------------------------------------------------------------


def make_billable_work(make_request):
	"""Requests of lapsed installations with work logged on past days: the app stamps each row and
	writes a Support Charge for the billable ones."""
	for spec in BILLABLE_WORK:
		office = frappe.db.get_value(
			"Client Installation", installation_of(spec["customer"], spec["system"]), "serving_office"
		)
		rows = [
			{
				"engineer": demo_user_email(engineer),
				"means": means,
				"remote_session_id": "TV-1 234 567" if means == "Remote Session" else None,
				"started_at": at(office, working_day(office, days), hhmm),
				"duration_minutes": minutes,
				"note": note,
			}
			for days, hhmm, minutes, means, engineer, note in spec["work"]
		]
		name = make_request(
			spec["customer"],
			spec["system"],
			spec["subject"],
			spec["reason"],
			spec["origin"],
			spec["channel"],
			spec["priority"],
			spec["state"],
			opened_on=rows[0]["started_at"] - timedelta(hours=2),
			work_log=rows,
			summary=f"<p>{spec['summary']}</p>",
		)
		if name:
			dated_resolution(name, rows)


def dated_resolution(name: str, rows: list[dict]):
	"""The demo walks the request today; its engineers answered and resolved it on the days of its
	work log: first response half an hour after opening, resolution after the last row. The SLA
	status follows those dates."""
	from onyx_support.services import sla

	doc = frappe.get_doc("Support Request", name)
	last = max(row["started_at"] + timedelta(minutes=row["duration_minutes"]) for row in rows)
	doc.first_responded_on = get_datetime(doc.opened_on) + timedelta(minutes=30)
	doc.resolved_on = last + timedelta(minutes=15)
	doc.paused_since = None
	sla.refresh_status(doc)
	frappe.db.set_value(
		"Support Request",
		name,
		{
			"first_responded_on": doc.first_responded_on,
			"resolved_on": doc.resolved_on,
			"paused_since": None,
			"sla_status": doc.sla_status,
			"sla_next_check": doc.sla_next_check,
		},
		update_modified=False,
	)


def stamp_requests():
	"""Requests opened before the warranty existed on this site carry no coverage stamp: they get
	the one a new request gets, as of the day they opened."""
	names = frappe.get_all(
		"Support Request",
		filters={"coverage_state": ("is", "not set"), "installation": ("is", "set")},
		pluck="name",
	)
	for name in names:
		doc = frappe.get_doc("Support Request", name)
		stamp_request(doc)
		if doc.coverage_state:
			frappe.db.set_value(
				"Support Request",
				name,
				{
					"coverage_state": doc.coverage_state,
					"coverage_agreement": doc.coverage_agreement,
					"covered_until": doc.covered_until,
				},
				update_modified=False,
			)


# --- billing runs ----------------------------------------------------------------------------------


def make_billing_runs():
	for spec in BILLING_RUNS:
		office = spec["office"]
		if frappe.db.exists("Billing Run", {"office": office, "docstatus": 1}):
			continue
		today = office_day(office)
		run = frappe.get_doc(
			{
				"doctype": "Billing Run",
				"office": office,
				"from_date": today + timedelta(days=spec["from_days"]),
				"to_date": today + timedelta(days=spec["to_days"]),
			}
		)
		user = demo_user_email(spec["by"]) if spec["by"] else "support.admin@onyxpro.example"
		with acting_as(user):
			run.insert()
			run.submit()
