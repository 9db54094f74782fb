# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

"""On-site visits per office or lead engineer: how many were planned in the period, carried out
(the engineer arrived), shared, the hours on site, and the performance review's ratings of the
installations visited (one to five stars each), with how many were poor (two stars or fewer).

Visits are few next to requests: counted straight from Visit Report on its (office,
planned_start) index, cancelled ones aside, with the installations' ratings joined on their
parent — two grouped queries. The scope (the caller's offices, whole months) is report_scope's.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from onyx_support.central_support.report.common import period_and_offices
from onyx_support.domain.analytics import STARS, add_months, average_rating, share
from onyx_support.services.analytics.figures import (
	PALETTE,
	chosen,
	hours,
	month_label,
	periods,
	shown,
	user_names,
)
from onyx_support.services.analytics.scope import report_scope

GROUPS = {"Support Office": "visit.`office`", "Engineer": "visit.`lead_engineer`"}
POOR_STARS = 2


def execute(filters=None):
	filters = frappe._dict(filters or {})
	scope = report_scope(filters)
	group_by = chosen(filters, "group_by", GROUPS, "Support Office")
	months = periods(scope)
	visits, ratings = count_visits(scope, GROUPS[group_by])
	data = get_data(group_by, visits, ratings)
	return get_columns(group_by), data, None, get_chart(visits, months), get_summary(data, scope)


def conditions(scope, values: dict) -> str:
	values.update(start=scope.first_period, end=add_months(scope.last_period, 1))
	where = "visit.`docstatus` < 2 and visit.`planned_start` >= %(start)s and visit.`planned_start` < %(end)s"
	if scope.offices is not None:
		values["offices"] = tuple(scope.offices) or ("",)
		where += " and visit.`office` in %(offices)s"
	return where


def count_visits(scope, group: str) -> tuple[list, list]:
	if scope.empty:
		return [], []
	values = {}
	where = conditions(scope, values)
	visits = frappe.db.sql(
		f"""select ifnull({group}, '') as grp, date_format(visit.`planned_start`, '%%Y-%%m-01') as period,
			count(*) as visits, sum(visit.`arrival` is not null) as done,
			sum(visit.`status` = 'Shared') as shared, sum(ifnull(visit.`on_site_minutes`, 0)) as minutes
		from `tabVisit Report` visit
		where {where}
		group by grp, period""",
		values,
		as_dict=True,
	)
	ratings = frappe.db.sql(
		f"""select ifnull({group}, '') as grp, count(*) as rated,
			sum(round(installation.`rating` * {STARS})) as stars,
			sum(round(installation.`rating` * {STARS}) <= {POOR_STARS}) as poor
		from `tabVisit Report Installation` installation
		join `tabVisit Report` visit on visit.`name` = installation.`parent`
		where installation.`parenttype` = 'Visit Report' and installation.`rating` > 0 and {where}
		group by grp""",
		values,
		as_dict=True,
	)
	return visits, ratings


def get_data(group_by: str, visits: list, ratings: list) -> list[dict]:
	rows: dict[str, dict] = {}

	def row_of(grp):
		return rows.setdefault(
			grp,
			{
				"key": grp,
				"visits": 0,
				"done": 0,
				"shared": 0,
				"minutes": 0,
				"rated": 0,
				"stars": 0,
				"poor": 0,
			},
		)

	for found in visits:
		row = row_of(found.grp)
		for measure in ("visits", "done", "shared", "minutes"):
			row[measure] += int(found[measure] or 0)
	for found in ratings:
		row = row_of(found.grp)
		for measure in ("rated", "stars", "poor"):
			row[measure] += int(found[measure] or 0)
	names = user_names(rows) if group_by == "Engineer" else {}
	data = []
	for grp, row in rows.items():
		average = average_rating(row["stars"], row["rated"])
		data.append(
			{
				"value": names.get(grp, grp) or _("Not set"),
				"key": grp,
				"visits": row["visits"],
				"done": row["done"],
				"shared": row["shared"],
				"on_site_hours": hours(row["minutes"]),
				"rated": row["rated"],
				"average": average,
				"rating": average / STARS if average else None,
				"poor": row["poor"],
				"poor_share": share(row["poor"], row["rated"]),
			}
		)
	data.sort(key=lambda row: (-row["visits"], row["value"]))
	return data


def get_columns(group_by: str) -> list[dict]:
	count = {"fieldtype": "Int", "width": 150}
	group = _("Support Office") if group_by == "Support Office" else _("Lead Engineer")
	return [
		{"label": group, "fieldname": "value", "fieldtype": "Data", "width": 200},
		{"label": _("Visits planned"), "fieldname": "visits", **count},
		{"label": _("Visits carried out"), "fieldname": "done", **count},
		{"label": _("Reports shared"), "fieldname": "shared", **count},
		{
			"label": _("Hours on site"),
			"fieldname": "on_site_hours",
			"fieldtype": "Float",
			"precision": 1,
			"width": 120,
		},
		{"label": _("Installations rated"), "fieldname": "rated", **count},
		{
			"label": _("Average stars"),
			"fieldname": "average",
			"fieldtype": "Float",
			"precision": 2,
			"width": 120,
		},
		{"label": _("Average rating"), "fieldname": "rating", "fieldtype": "Rating", "width": 140},
		{"label": _("Poor ratings (2 stars or fewer)"), "fieldname": "poor", **count, "width": 230},
		{"label": _("Poor ratings (%)"), "fieldname": "poor_share", "fieldtype": "Percent", "width": 120},
	]


def get_chart(visits: list, months) -> dict | None:
	if not visits:
		return None
	planned = {period: 0 for period in months}
	done = dict(planned)
	for found in visits:
		period = getdate(found.period)
		if period in planned:
			planned[period] += int(found.visits or 0)
			done[period] += int(found.done or 0)
	months = [period for period in months if period >= min(getdate(v.period) for v in visits)]
	return {
		"data": {
			"labels": [month_label(period) for period in months],
			"datasets": [
				{"name": _("Visits planned"), "values": [planned[p] for p in months]},
				{"name": _("Visits carried out"), "values": [done[p] for p in months]},
			],
		},
		"type": "bar",
		"axisOptions": {"seriesLabelSpaceRatio": 1},  # room for month names
		"colors": [PALETTE[5], PALETTE[1]],
	}


def get_summary(data: list[dict], scope) -> list[dict]:
	rated = sum(row["rated"] for row in data)
	stars = sum((row["average"] or 0) * row["rated"] for row in data)
	average = average_rating(round(stars), rated)
	return [
		{"label": _("Visits carried out"), "value": sum(row["done"] for row in data), "datatype": "Int"},
		{
			"label": _("Average stars"),
			"value": shown(average, 2),
			"datatype": "Data",
			"indicator": "Orange",
		},
		*period_and_offices(scope),
	]
