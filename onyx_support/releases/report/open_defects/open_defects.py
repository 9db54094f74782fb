# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

"""Defects of the vendor's software still open: requests whose error lies in the system
(error_origin "System") that were escalated to central support (escalated_on set) and are still
open, per system and version, with the distinct customers affected, the requests, how many a
release is said to fix (fixed_in_release) and how many of those fixes were delivered
(fix_delivered_on).

Staff see only their offices' requests (visible_offices()). Counted in SQL (GROUP BY), one query;
the versions are sorted newest first in Python (versions are text)."""

import frappe
from frappe import _

from onyx_support.domain import versions
from onyx_support.domain.errors import DomainError
from onyx_support.permissions.staff import visible_offices


def execute(filters=None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data)


def get_columns() -> list[dict]:
	count = {"fieldtype": "Int", "width": 140}
	return [
		{"label": _("System"), "fieldname": "system", "fieldtype": "Link", "options": "Item", "width": 200},
		{"label": _("Version"), "fieldname": "system_version", "fieldtype": "Data", "width": 120},
		{"label": _("Customers affected"), "fieldname": "customers", **count},
		{"label": _("Open requests"), "fieldname": "requests", **count},
		{"label": _("With a fixing release"), "fieldname": "with_fix", **count},
		{"label": _("Fix delivered"), "fieldname": "fix_delivered", **count},
	]


def get_data(filters) -> list[dict]:
	values = {}
	conditions = [
		"request.is_open = 1",
		"request.error_origin = 'System'",
		"request.escalated_on is not null",
	]
	offices = visible_offices()
	if offices is not None:
		if not offices:
			return []
		conditions.append("request.office in %(offices)s")
		values["offices"] = offices
	if filters.get("office"):
		conditions.append("request.office = %(office)s")
		values["office"] = filters.office
	if filters.get("system"):
		conditions.append("request.system = %(system)s")
		values["system"] = filters.system
	rows = frappe.db.sql(
		f"""select request.system, ifnull(request.system_version, '') as system_version,
			count(distinct request.customer) as customers,
			count(*) as requests,
			sum(request.fixed_in_release is not null and request.fixed_in_release != '') as with_fix,
			sum(request.fixed_in_release is not null and request.fixed_in_release != ''
				and request.fix_delivered_on is not null) as fix_delivered
		from `tabSupport Request` request
		where {" and ".join(conditions)}
		group by request.system, ifnull(request.system_version, '')""",
		values,
		as_dict=True,
	)
	for row in rows:
		for field in ("customers", "requests", "with_fix", "fix_delivered"):
			row[field] = int(row[field] or 0)
	rows.sort(key=lambda row: version_order(row.system_version), reverse=True)  # newest first
	rows.sort(key=lambda row: row.system or "")  # stable: per system, its versions newest first
	return rows


def version_order(version: str | None) -> tuple:
	"""Sorts as the versions do; a version the grammar does not read sorts below every other."""
	try:
		return (1, versions.sort_key(version or ""))
	except DomainError:
		return (0, version or "")


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	return {
		"data": {
			"labels": [
				"{0} {1}".format(row.system or _("Not set"), row.system_version).strip() for row in data
			],
			"datasets": [
				{"name": _("Open requests"), "values": [row.requests for row in data]},
				{"name": _("With a fixing release"), "values": [row.with_fix for row in data]},
				{"name": _("Fix delivered"), "values": [row.fix_delivered for row in data]},
			],
		},
		"type": "bar",
		"colors": ["#ff5858", "#ffa00a", "#29cd42"],
	}
