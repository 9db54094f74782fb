# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

"""The load of each engineer and office: requests open now (and how many of them are at risk or
breached), requests opened this week, hours logged this week, and for the period the requests
assigned and the hours the engineer logged on them.

What is live is counted on the requests' indexes (figures.open_by_engineer on `is_open`,
figures.opened_since_by_engineer on `opened_on`, figures.logged_since on the work log's
`engineer, started_at`); the period's figures come from the rollup's engineer dimension (its
work_minutes are the minutes the engineer logged on the period's requests), one query per
office. The rows are the engineers each office lists (its accountants aside) and anyone else with
requests of the office; "Unassigned" holds the open requests nobody has yet.
"""

from dataclasses import replace

import frappe
from frappe import _

from onyx_support.central_support.report.common import engineer_column, office_column
from onyx_support.domain.analytics import ENGINEER
from onyx_support.services.analytics.figures import (
	PALETTE,
	chosen,
	hours,
	logged_since,
	open_by_engineer,
	opened_since_by_engineer,
	period_label,
	shown,
	user_names,
	week_start,
)
from onyx_support.services.analytics.rollup import totals
from onyx_support.services.analytics.scope import report_scope

BY_ENGINEER, BY_OFFICE = "Engineer", "Support Office"
MEASURES = ("open_requests", "at_risk", "new_this_week", "week_minutes", "requests", "period_minutes")
CHART_ROWS = 15


def execute(filters=None):
	filters = frappe._dict(filters or {})
	scope = report_scope(filters)
	rows = collect(scope)
	if chosen(filters, "group_by", (BY_ENGINEER, BY_OFFICE), BY_ENGINEER) == BY_OFFICE:
		rows = per_office(rows)
	data = shape(rows)
	return get_columns(), data, None, get_chart(data), get_summary(data, scope)


def scope_offices(scope) -> list[str]:
	if scope.offices is not None:
		return list(scope.offices)
	return frappe.get_all("Support Office", pluck="name", order_by="name")


def office_engineers(offices: list[str]) -> list[tuple[str, str]]:
	if not offices:
		return []
	return frappe.get_all(
		"Support Office Engineer",
		filters={
			"parenttype": "Support Office",
			"parent": ["in", offices],
			"office_role": ["!=", "Accountant"],
		},
		fields=["parent", "user"],
		order_by="parent, idx",
		as_list=True,
	)


def collect(scope) -> dict[tuple[str, str], dict]:
	rows: dict[tuple[str, str], dict] = {}

	def row_of(office, engineer):
		return rows.setdefault((office or "", engineer or ""), dict.fromkeys(MEASURES, 0))

	offices = scope_offices(scope)
	for office, engineer in office_engineers(offices):
		row_of(office, engineer)
	for found in open_by_engineer(scope):
		row = row_of(found.office, found.engineer)
		row["open_requests"] += int(found.open_requests or 0)
		row["at_risk"] += int(found.at_risk or 0)
	since = week_start()
	for found in opened_since_by_engineer(scope, since):
		row_of(found.office, found.engineer)["new_this_week"] += int(found.requests or 0)
	# every office's engineers in one query (none when the scope has no office: no row of '')
	scoped = replace(scope, offices=offices)
	worked = totals(ENGINEER, scoped, measures=("work_minutes",), by_office=True) if offices else []
	for found in worked:
		row = row_of(found["office"], found["value"])
		row["requests"] += found["requests"]
		row["period_minutes"] += found["work_minutes"]
	engineers = {engineer for _office, engineer in rows}
	for found in logged_since(scope, engineers, since):
		row_of(found.office, found.engineer)["week_minutes"] += int(found.minutes or 0)
	return rows


def per_office(rows: dict) -> dict:
	offices: dict[tuple[str, str], dict] = {}
	for (office, _engineer), row in rows.items():
		total = offices.setdefault((office, None), dict.fromkeys(MEASURES, 0))
		for measure in MEASURES:
			total[measure] += row[measure]
	return offices


def shape(rows: dict) -> list[dict]:
	names = user_names(engineer for _office, engineer in rows)
	data = []
	for (office, engineer), row in rows.items():
		if engineer is None:
			label = None
		else:
			label = names.get(engineer, engineer) if engineer else _("Unassigned", context="onyx_support")
		data.append(
			{
				"office": office,
				"engineer": engineer or None,
				"engineer_name": label,
				"open_requests": row["open_requests"],
				"at_risk": row["at_risk"],
				"new_this_week": row["new_this_week"],
				"week_hours": hours(row["week_minutes"]),
				"requests": row["requests"],
				"period_hours": hours(row["period_minutes"]),
			}
		)
	data.sort(key=lambda row: (row["office"], -row["open_requests"], row["engineer_name"] or ""))
	return data


def get_columns() -> list[dict]:
	count = {"fieldtype": "Int", "width": 150}
	duration = {"fieldtype": "Float", "precision": 1, "width": 160}
	return [
		office_column(180),
		engineer_column(180),
		{"label": _("Open now"), "fieldname": "open_requests", **count},
		{"label": _("At risk or breached"), "fieldname": "at_risk", **count},
		{"label": _("New this week"), "fieldname": "new_this_week", **count},
		{"label": _("Hours this week"), "fieldname": "week_hours", **duration},
		{"label": _("Requests of the period"), "fieldname": "requests", **count, "width": 175},
		{"label": _("Hours of the period"), "fieldname": "period_hours", **duration, "width": 175},
	]


def get_chart(data: list[dict]) -> dict | None:
	# engineers only (the unassigned rows of every office would read alike), busiest first
	shown = [row for row in data if row["engineer"] or row["engineer_name"] is None]
	shown = sorted(shown, key=lambda row: -(row["open_requests"] + row["new_this_week"]))[:CHART_ROWS]
	shown = [row for row in shown if row["open_requests"] or row["new_this_week"]]
	if not shown:
		return None
	return {
		"data": {
			"labels": [row["engineer_name"] or row["office"] for row in shown],
			"datasets": [
				{"name": _("Open now"), "values": [row["open_requests"] for row in shown]},
				{"name": _("New this week"), "values": [row["new_this_week"] for row in shown]},
			],
		},
		"type": "bar",
		"axisOptions": {"seriesLabelSpaceRatio": 1},  # room for the names under the bars
		"colors": [PALETTE[0], PALETTE[2]],
	}


def get_summary(data: list[dict], scope) -> list[dict]:
	def total(field):
		return sum(row[field] or 0 for row in data)

	return [
		{"label": _("Open now"), "value": total("open_requests"), "datatype": "Int", "indicator": "Blue"},
		{"label": _("At risk or breached"), "value": total("at_risk"), "datatype": "Int", "indicator": "Red"},
		{"label": _("New this week"), "value": total("new_this_week"), "datatype": "Int"},
		{"label": _("Hours this week"), "value": shown(total("week_hours")), "datatype": "Data"},
		{"label": _("Period", context="onyx_support"), "value": period_label(scope), "datatype": "Data"},
	]
