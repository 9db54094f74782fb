# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

"""The request mix: requests per month by reason, origin of the error, channel, system, office or
region (the client's territory), with each value's total and share.

Read from the rollup (`series` of the chosen dimension over the scope's offices and months), one
query on its index; the scope is the caller's offices (or the one named) and whole months. The
chart stacks the values month by month; the eight largest are shown, the rest summed as "Other".
Requests of other reasons have no origin of the error: that dimension counts errors only.
"""

import frappe
from frappe import _

from onyx_support.central_support.report.common import period_and_offices
from onyx_support.domain.analytics import ERROR_ORIGIN, share
from onyx_support.services.analytics.figures import (
	MIX_DIMENSIONS,
	PALETTE,
	chosen,
	group_column,
	month_label,
	periods,
	value_label,
)
from onyx_support.services.analytics.rollup import series
from onyx_support.services.analytics.scope import report_scope

CHART_VALUES = 8


def execute(filters=None):
	filters = frappe._dict(filters or {})
	scope = report_scope(filters)
	dimension = MIX_DIMENSIONS[chosen(filters, "dimension", MIX_DIMENSIONS, "Reason")]
	months = periods(scope)
	data = get_data(dimension, scope, months)
	return (
		get_columns(dimension, months),
		data,
		None,
		get_chart(data, months),
		get_summary(data, scope),
	)


def month_field(period) -> str:
	return f"m_{period:%Y_%m}"


def get_columns(dimension: str, months) -> list[dict]:
	return [
		group_column(dimension, 220),
		{"label": _("Requests"), "fieldname": "requests", "fieldtype": "Int", "width": 100},
		{"label": _("Share (%)"), "fieldname": "share", "fieldtype": "Percent", "width": 100},
		*(
			{"label": month_label(period), "fieldname": month_field(period), "fieldtype": "Int", "width": 95}
			for period in months
		),
	]


def get_data(dimension: str, scope, months) -> list[dict]:
	rows: dict[str, dict] = {}
	for found in series(dimension, scope, measures=("requests",)):
		if dimension == ERROR_ORIGIN and not found["value"]:
			continue  # not an error
		row = rows.setdefault(
			found["value"],
			{
				"value": value_label(dimension, found["value"]),
				"key": found["value"],
				"requests": 0,
				**{month_field(period): 0 for period in months},
			},
		)
		row[month_field(found["period"])] = found["requests"]
		row["requests"] += found["requests"]
	total = sum(row["requests"] for row in rows.values())
	data = sorted(rows.values(), key=lambda row: (-row["requests"], row["value"]))
	for row in data:
		row["share"] = share(row["requests"], total)
	return data


def get_chart(data: list[dict], months) -> dict | None:
	if not data:
		return None
	shown, rest = data[:CHART_VALUES], data[CHART_VALUES:]
	datasets = [
		{"name": row["value"], "values": [row[month_field(period)] for period in months]} for row in shown
	]
	if rest:
		datasets.append(
			{
				"name": _("Other", context="onyx_support"),
				"values": [sum(row[month_field(period)] for row in rest) for period in months],
			}
		)
	return {
		"data": {"labels": [month_label(period) for period in months], "datasets": datasets},
		"type": "bar",
		"axisOptions": {"seriesLabelSpaceRatio": 1},  # room for month names
		"barOptions": {"stacked": 1},
		"colors": list(PALETTE[: len(datasets)]),
	}


def get_summary(data: list[dict], scope) -> list[dict]:
	return [
		{"label": _("Requests"), "value": sum(row["requests"] for row in data), "datatype": "Int"},
		*period_and_offices(scope),
	]
