# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

"""SLA compliance: of the requests opened in the period, how many first responses and
resolutions met their deadline, per office, engineer or priority, with the breaches listed.

A clock is measured once it stopped or its deadline passed while it ran (the rollup's rule);
compliance is met / measured. "Breached" counts the requests that missed a clock. The figures and
the month-by-month chart come from the rollup (`totals` of the grouping, `series` of `all`); the
"Breached requests" view lists the newest requests of the period whose SLA status is Breached
(at most LIST_LIMIT), read per office on the (office, sla_status, opened_on) index.
"""

import frappe
from frappe import _

from onyx_support.central_support.report.common import (
	engineer_column,
	limit_note,
	office_column,
	period_and_offices,
	request_column,
	shown_request_rows,
)
from onyx_support.domain.analytics import ENGINEER, compliance, share
from onyx_support.services.analytics.figures import (
	GROUPS,
	SLA_MEASURES,
	breached_requests,
	chosen,
	compliance_of,
	compliance_trend,
	group_column,
	month_label,
	monthly_trend,
	sort_groups,
	translate_values,
	user_names,
	value_label,
)
from onyx_support.services.analytics.rollup import totals
from onyx_support.services.analytics.scope import report_scope

COMPLIANCE, BREACHES = "Compliance", "Breached Requests"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	scope = report_scope(filters)
	group = GROUPS[chosen(filters, "group_by", GROUPS, "Support Office")]
	trend, months = monthly_trend(scope, SLA_MEASURES)
	if chosen(filters, "view", (COMPLIANCE, BREACHES), COMPLIANCE) == BREACHES:
		data = shown_request_rows(translate_values(breached_requests(scope), "priority", "status"))
		message = limit_note(data, _("The {0} newest breached requests of the period."))
		return breach_columns(), data, message, breach_chart(trend, months), get_summary(trend, scope)
	data = get_data(group, scope)
	return get_columns(group), data, None, get_chart(trend, months), get_summary(trend, scope)


def get_columns(group: str) -> list[dict]:
	count = {"fieldtype": "Int", "width": 175}
	percent = {"fieldtype": "Percent", "width": 175}
	return [
		group_column(group),
		{"label": _("Requests"), "fieldname": "requests", "fieldtype": "Int", "width": 100},
		{"label": _("First responses measured"), "fieldname": "first_response_measured", **count},
		{"label": _("First responses on time"), "fieldname": "first_response_met", **count},
		{"label": _("First response met (%)"), "fieldname": "first_response_compliance", **percent},
		{"label": _("Resolutions measured"), "fieldname": "resolution_measured", **count},
		{"label": _("Resolutions on time"), "fieldname": "resolution_met", **count},
		{"label": _("Resolution met (%)"), "fieldname": "resolution_compliance", **percent},
		{"label": _("Breached"), "fieldname": "breached", **count},
		{"label": _("Breached (%)"), "fieldname": "breached_share", **percent},
	]


def get_data(group: str, scope) -> list[dict]:
	rows = totals(group, scope, measures=SLA_MEASURES)
	names = user_names(row["value"] for row in rows) if group == ENGINEER else None
	data = []
	for row in sort_groups(group, rows):
		first_response, resolution = compliance_of(row)
		data.append(
			{
				"value": value_label(group, row["value"], names),
				"key": row["value"],
				"requests": row["requests"],
				"first_response_measured": row["first_response_measured"],
				"first_response_met": row["first_response_met"],
				"first_response_compliance": first_response,
				"resolution_measured": row["resolution_measured"],
				"resolution_met": row["resolution_met"],
				"resolution_compliance": resolution,
				"breached": row["breached"],
				"breached_share": share(row["breached"], row["requests"]),
			}
		)
	return data


def get_chart(trend: dict, months) -> dict | None:
	if not months:
		return None
	return {
		"data": compliance_trend(trend, months),
		"type": "line",
		"lineOptions": {"regionFill": 0, "dotSize": 4},
		"axisOptions": {"xIsSeries": 1, "seriesLabelSpaceRatio": 1},
		"colors": ["#5e64ff", "#29cd42"],
	}


def breach_columns() -> list[dict]:
	when = {"fieldtype": "Datetime", "width": 150}
	return [
		request_column(),
		{"label": _("Subject"), "fieldname": "subject", "fieldtype": "Data", "width": 220},
		{"label": _("Customer"), "fieldname": "customer_name", "fieldtype": "Data", "width": 160},
		office_column(150),
		engineer_column(170),
		{
			"label": _("Priority", context="onyx_support"),
			"fieldname": "priority",
			"fieldtype": "Data",
			"width": 90,
		},
		{
			"label": _("Status", context="onyx_support"),
			"fieldname": "status",
			"fieldtype": "Data",
			"width": 130,
		},
		{"label": _("Opened On"), "fieldname": "opened_on", **when},
		{"label": _("First Response Due"), "fieldname": "first_response_due", **when},
		{"label": _("First Responded On"), "fieldname": "first_responded_on", **when},
		{"label": _("Resolution Due"), "fieldname": "resolution_due", **when},
		{"label": _("Resolved On"), "fieldname": "resolved_on", **when},
	]


def breach_chart(trend: dict, months) -> dict | None:
	if not months:
		return None
	return {
		"data": {
			"labels": [month_label(period) for period in months],
			"datasets": [
				{
					"name": _("Breached"),
					"values": [trend[p]["breached"] if p in trend else 0 for p in months],
				},
			],
		},
		"type": "bar",
		"axisOptions": {"seriesLabelSpaceRatio": 1},  # room for month names
		"colors": ["#ff5858"],
	}


def get_summary(trend: dict, scope) -> list[dict]:
	rows = trend.values()

	def total(measure):
		return sum(row[measure] for row in rows)

	first_response = compliance(total("first_response_met"), total("first_response_measured"))
	resolution = compliance(total("resolution_met"), total("resolution_measured"))
	return [
		{"label": _("Requests"), "value": total("requests"), "datatype": "Int"},
		{
			"label": _("First response met (%)"),
			"value": first_response if first_response is not None else "–",
			"datatype": "Percent" if first_response is not None else "Data",
			"indicator": "Blue",
		},
		{
			"label": _("Resolution met (%)"),
			"value": resolution if resolution is not None else "–",
			"datatype": "Percent" if resolution is not None else "Data",
			"indicator": "Green",
		},
		{"label": _("Breached"), "value": total("breached"), "datatype": "Int", "indicator": "Red"},
		*period_and_offices(scope),
	]
