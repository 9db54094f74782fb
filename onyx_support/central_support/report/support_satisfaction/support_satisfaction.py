# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

"""What clients think of the service: the stars they gave (one to five) per office or engineer,
how many of the period's requests were rated, and the ratings that came with a comment.

The figures and the month-by-month average come from the rollup (rated, rating_sum); the
"Ratings and comments" view lists the newest commented ratings of the period (at most LIST_LIMIT),
read per office on its (office, opened_on) index.
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
from onyx_support.domain.analytics import ENGINEER, OFFICE, STARS, average_rating, share
from onyx_support.services.analytics.figures import (
	RATING_MEASURES,
	chosen,
	group_column,
	month_label,
	monthly_trend,
	rated_requests,
	shown,
	sort_groups,
	user_names,
	value_label,
)
from onyx_support.services.analytics.rollup import totals
from onyx_support.services.analytics.scope import report_scope

GROUPS = {"Support Office": OFFICE, "Engineer": ENGINEER}
SUMMARY, COMMENTS = "Ratings", "Ratings and Comments"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	scope = report_scope(filters)
	trend, months = monthly_trend(scope, RATING_MEASURES, "rated")
	chart, summary = get_chart(trend, months), get_summary(trend, scope)
	if chosen(filters, "view", (SUMMARY, COMMENTS), SUMMARY) == COMMENTS:
		data = shown_request_rows(rated_requests(scope))
		message = limit_note(data, _("The {0} newest comments of the period."))
		return comment_columns(), data, message, chart, summary
	group = GROUPS[chosen(filters, "group_by", GROUPS, "Support Office")]
	return get_columns(group), get_data(group, scope), None, chart, summary


def get_columns(group: str) -> list[dict]:
	count = {"fieldtype": "Int", "width": 110}
	return [
		group_column(group),
		{"label": _("Requests"), "fieldname": "requests", **count},
		{"label": _("Rated", context="onyx_support"), "fieldname": "rated", **count},
		{"label": _("Rated (%)"), "fieldname": "rated_share", "fieldtype": "Percent", "width": 110},
		{
			"label": _("Average stars"),
			"fieldname": "average",
			"fieldtype": "Float",
			"precision": 2,
			"width": 130,
		},
		{"label": _("Average rating"), "fieldname": "rating", "fieldtype": "Rating", "width": 140},
	]


def get_data(group: str, scope) -> list[dict]:
	rows = sort_groups(group, totals(group, scope, measures=RATING_MEASURES))
	names = user_names(row["value"] for row in rows) if group == ENGINEER else None
	data = []
	for row in rows:
		average = average_rating(row["rating_sum"], row["rated"])
		data.append(
			{
				"value": value_label(group, row["value"], names),
				"key": row["value"],
				"requests": row["requests"],
				"rated": row["rated"],
				"rated_share": share(row["rated"], row["requests"]),
				"average": average,
				"rating": average / STARS if average else None,
			}
		)
	data.sort(key=lambda row: (row["average"] is None, -(row["average"] or 0), row["value"]))
	return data


def comment_columns() -> list[dict]:
	return [
		request_column(),
		{"label": _("Customer"), "fieldname": "customer_name", "fieldtype": "Data", "width": 170},
		office_column(150),
		engineer_column(160),
		{
			"label": _("Rating", context="onyx_support"),
			"fieldname": "feedback_rating",
			"fieldtype": "Rating",
			"width": 120,
		},
		{
			"label": _("Comment", context="onyx_support"),
			"fieldname": "feedback_comment",
			"fieldtype": "Data",
			"width": 320,
		},
		{"label": _("Subject"), "fieldname": "subject", "fieldtype": "Data", "width": 200},
		{"label": _("Resolved On"), "fieldname": "resolved_on", "fieldtype": "Datetime", "width": 150},
	]


def get_chart(trend: dict, months) -> dict | None:
	if not months:
		return None

	def average(period):
		row = trend.get(period)
		return (average_rating(row["rating_sum"], row["rated"]) if row else None) or 0

	return {
		"data": {
			"labels": [month_label(period) for period in months],
			"datasets": [{"name": _("Average stars"), "values": [average(p) for p in months]}],
			"yMarkers": [{"label": str(STARS), "value": STARS}],
		},
		"type": "line",
		"lineOptions": {"regionFill": 1, "dotSize": 4},
		"axisOptions": {"xIsSeries": 1, "seriesLabelSpaceRatio": 1},
		"colors": ["#ffa00a"],
	}


def get_summary(trend: dict, scope) -> list[dict]:
	rated = sum(row["rated"] for row in trend.values())
	stars = sum(row["rating_sum"] for row in trend.values())
	average = average_rating(stars, rated)
	return [
		{"label": _("Rated", context="onyx_support"), "value": rated, "datatype": "Int"},
		{
			"label": _("Average stars"),
			"value": shown(average, 2),
			"datatype": "Data",
			"indicator": "Orange",
		},
		*period_and_offices(scope),
	]
