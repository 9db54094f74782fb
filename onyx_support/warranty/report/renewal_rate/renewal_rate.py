# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

"""How many agreements ending in a period were renewed, by selling office or by region.

An agreement ending in the period (submitted, not cancelled) is:
- renewed within grace: a submitted renewal (renewal_of = it) starts no later than its end plus the
  office's grace days;
- renewed late: its submitted renewal starts after that;
- not renewed: it has no submitted renewal and its grace is over;
- awaiting renewal: no submitted renewal yet, but still active or in grace (left out of the rate).

Rate = renewed within grace / (renewed within grace + renewed late + not renewed).

A region is the territory the selling office serves (Support Office Territory) that holds the
client's territory, the deepest one when several do; the region filter keeps the clients whose
territory lies under it. Staff see only their offices' agreements (visible_offices()).
Counted in SQL (GROUP BY), one query.
"""

import frappe
from frappe import _
from frappe.utils import add_months, getdate, nowdate

from onyx_support.permissions.staff import visible_offices

GROUP_BY = ("Office", "Region")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	group_by = filters.get("group_by") if filters.get("group_by") in GROUP_BY else "Office"
	columns = get_columns(group_by)
	data = get_data(filters, group_by)
	return columns, data, None, get_chart(data)


def get_columns(group_by: str) -> list[dict]:
	group = (
		{"label": _("Support Office"), "fieldname": "grp", "fieldtype": "Link", "options": "Support Office"}
		if group_by == "Office"
		else {"label": _("Region"), "fieldname": "grp", "fieldtype": "Link", "options": "Territory"}
	)
	group["width"] = 220
	count = {"fieldtype": "Int", "width": 150}
	return [
		group,
		{"label": _("Ending in the period"), "fieldname": "ending", **count},
		{"label": _("Renewed within grace"), "fieldname": "renewed", **count},
		{"label": _("Renewed late"), "fieldname": "renewed_late", **count},
		{"label": _("Not renewed"), "fieldname": "not_renewed", **count},
		{"label": _("Awaiting renewal"), "fieldname": "awaiting", **count},
		{"label": _("Renewal rate (%)"), "fieldname": "rate", "fieldtype": "Percent", "width": 140},
	]


def get_data(filters, group_by: str) -> list[dict]:
	to_date = getdate(filters.get("to_date") or nowdate())
	from_date = getdate(filters.get("from_date") or add_months(to_date, -12))
	values = {"from_date": from_date, "to_date": to_date, "today": getdate(nowdate())}
	conditions = ["agreement.docstatus = 1", "agreement.end_date between %(from_date)s and %(to_date)s"]

	offices = visible_offices()
	if offices is not None:
		if not offices:
			return []
		conditions.append("agreement.selling_office in %(offices)s")
		values["offices"] = offices
	if filters.get("office"):
		conditions.append("agreement.selling_office = %(office)s")
		values["office"] = filters.office
	if filters.get("region"):
		bounds = frappe.db.get_value("Territory", filters.region, ["lft", "rgt"])
		if not bounds:
			return []
		conditions.append("client_territory.lft >= %(region_lft)s and client_territory.rgt <= %(region_rgt)s")
		values["region_lft"], values["region_rgt"] = bounds

	group = "agreement.selling_office" if group_by == "Office" else REGION_OF_AGREEMENT
	rows = frappe.db.sql(
		f"""select grp,
			count(*) as ending,
			sum(renewal_start is not null and renewal_start <= grace_end) as renewed,
			sum(renewal_start is not null and renewal_start > grace_end) as renewed_late,
			sum(renewal_start is null and grace_end < %(today)s) as not_renewed,
			sum(renewal_start is null and grace_end >= %(today)s) as awaiting
		from (
			select {group} as grp,
				date_add(agreement.end_date, interval ifnull(office.grace_days, 0) day) as grace_end,
				(select min(renewal.start_date) from `tabWarranty Agreement` renewal
					where renewal.renewal_of = agreement.name and renewal.docstatus = 1) as renewal_start
			from `tabWarranty Agreement` agreement
			left join `tabSupport Office` office on office.name = agreement.selling_office
			left join `tabCustomer` customer on customer.name = agreement.customer
			left join `tabTerritory` client_territory on client_territory.name = customer.territory
			where {" and ".join(conditions)}
		) ending_agreements
		group by grp
		order by grp""",
		values,
		as_dict=True,
	)
	for row in rows:
		for field in ("ending", "renewed", "renewed_late", "not_renewed", "awaiting"):
			row[field] = int(row[field] or 0)
		decided = row.renewed + row.renewed_late + row.not_renewed
		row.rate = round(100.0 * row.renewed / decided, 1) if decided else None
	return rows


# The deepest territory served by the selling office that holds the client's territory.
REGION_OF_AGREEMENT = """(select served.territory from `tabSupport Office Territory` served
	join `tabTerritory` region on region.name = served.territory
	where served.parenttype = 'Support Office' and served.parent = agreement.selling_office
		and region.lft <= client_territory.lft and region.rgt >= client_territory.rgt
	order by region.lft desc limit 1)"""


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	return {
		"data": {
			"labels": [row.grp or _("Not set") for row in data],
			"datasets": [
				{"name": _("Renewed within grace"), "values": [row.renewed for row in data]},
				{"name": _("Renewed late"), "values": [row.renewed_late for row in data]},
				{"name": _("Not renewed"), "values": [row.not_renewed for row in data]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#29cd42", "#ffa00a", "#ff5858"],
	}
