# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

"""How long clients wait: the time from opening to the first response and to the resolution
(median and 90th percentile, in hours of the calendar), and the share of requests reopened after
being resolved, per office, engineer or priority, for the requests opened in the period.

Percentiles are read from the rollup's histograms (domain.analytics.percentile: interpolated in
their bucket; a figure in the last, open bucket reads "at least"). The chart follows the medians
month by month (`series` of `all`).
"""

import frappe
from frappe import _

from onyx_support.domain.analytics import ENGINEER, median, merge_histograms, p90, share
from onyx_support.services.analytics.figures import (
	GROUPS,
	TIME_MEASURES,
	chosen,
	group_column,
	hours,
	month_label,
	monthly_trend,
	period_label,
	shown,
	sort_groups,
	user_names,
	value_label,
)
from onyx_support.services.analytics.rollup import totals
from onyx_support.services.analytics.scope import report_scope


def execute(filters=None):
	filters = frappe._dict(filters or {})
	scope = report_scope(filters)
	group = GROUPS[chosen(filters, "group_by", GROUPS, "Support Office")]
	trend, months = monthly_trend(scope, TIME_MEASURES)
	data = get_data(group, scope)
	return get_columns(group), data, None, get_chart(trend, months), get_summary(trend, scope)


def get_columns(group: str) -> list[dict]:
	count = {"fieldtype": "Int", "width": 110}
	duration = {"fieldtype": "Float", "precision": 1, "width": 215}
	return [
		group_column(group),
		{"label": _("Requests"), "fieldname": "requests", **count},
		{"label": _("Responded"), "fieldname": "responded", **count},
		{"label": _("First response, median (h)"), "fieldname": "response_median", **duration},
		{"label": _("First response, p90 (h)"), "fieldname": "response_p90", **duration},
		{"label": _("Resolved", context="onyx_support"), "fieldname": "resolved", **count},
		{"label": _("Resolution, median (h)"), "fieldname": "resolution_median", **duration},
		{"label": _("Resolution, p90 (h)"), "fieldname": "resolution_p90", **duration},
		{"label": _("Reopened"), "fieldname": "reopened", **count},
		{"label": _("Reopened (%)"), "fieldname": "reopened_share", "fieldtype": "Percent", "width": 120},
	]


def times(row: dict) -> dict:
	return {
		"responded": sum(row["response_histogram"]),
		"response_median": hours(median(row["response_histogram"])),
		"response_p90": hours(p90(row["response_histogram"])),
		"resolved": sum(row["resolution_histogram"]),
		"resolution_median": hours(median(row["resolution_histogram"])),
		"resolution_p90": hours(p90(row["resolution_histogram"])),
		"reopened": row["reopened"],
		"reopened_share": share(row["reopened"], row["requests"]),
	}


def get_data(group: str, scope) -> list[dict]:
	rows = totals(group, scope, measures=TIME_MEASURES)
	names = user_names(row["value"] for row in rows) if group == ENGINEER else None
	return [
		{
			"value": value_label(group, row["value"], names),
			"key": row["value"],
			"requests": row["requests"],
			**times(row),
		}
		for row in sort_groups(group, rows)
	]


def get_chart(trend: dict, months) -> dict | None:
	if not months:
		return None

	def median_hours(period, histogram):
		row = trend.get(period)
		return (hours(median(row[histogram])) if row else None) or 0

	return {
		"data": {
			"labels": [month_label(period) for period in months],
			"datasets": [
				{
					"name": _("First response"),
					"values": [median_hours(p, "response_histogram") for p in months],
				},
				{
					"name": _("Resolution", context="onyx_support"),
					"values": [median_hours(p, "resolution_histogram") for p in months],
				},
			],
		},
		"type": "line",
		"lineOptions": {"regionFill": 0, "dotSize": 4},
		"axisOptions": {"xIsSeries": 1, "seriesLabelSpaceRatio": 1},
		"colors": ["#5e64ff", "#ffa00a"],
	}


def get_summary(trend: dict, scope) -> list[dict]:
	rows = list(trend.values())
	response = merge_histograms(row["response_histogram"] for row in rows)
	resolution = merge_histograms(row["resolution_histogram"] for row in rows)
	requests = sum(row["requests"] for row in rows)
	reopened = sum(row["reopened"] for row in rows)

	summary = [{"label": _("Requests"), "value": requests, "datatype": "Int"}]
	for label, value, indicator in (
		(_("First response, median (h)"), hours(median(response)), "Blue"),
		(_("Resolution, median (h)"), hours(median(resolution)), "Blue"),
		(_("Resolution, p90 (h)"), hours(p90(resolution)), "Orange"),
	):
		summary.append({"label": label, "value": shown(value), "datatype": "Data", "indicator": indicator})
	reopened_share = share(reopened, requests)
	summary.append(
		{
			"label": _("Reopened (%)"),
			"value": reopened_share if reopened_share is not None else "–",
			"datatype": "Percent" if reopened_share is not None else "Data",
			"indicator": "Red",
		}
	)
	summary.append(
		{"label": _("Period", context="onyx_support"), "value": period_label(scope), "datatype": "Data"}
	)
	return summary
