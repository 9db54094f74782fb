"""What the analyses' reports, number cards and charts share: labels, months, groupings, the
live counts that run on the request queues' indexes, and the bounded lists of requests.

Period figures come from the rollup (services/analytics/rollup.py: `totals`, `series`) within
`report_scope(filters)`; only what a rollup cannot know — what is open right now, what came in
this week, the hours logged this week, the newest breaches and comments — is read from the
requests, each on an index:

- open requests per office and engineer: `is_open, office, assigned_engineer, sla_status`, read
  from the index alone (at a million requests with a large backlog, the queues' indexes made
  MariaDB fetch every open row: seconds);
- open defects: `is_open, error_origin, escalated_on`, from the index alone;
- opened since a date: `office, opened_on, assigned_engineer` or `opened_on`;
- breached requests of a period: `office, sla_status, opened_on` or `sla_status, opened_on`;
- rated requests of a period: `office, opened_on, …` or `opened_on`;
- work logged since a date: the Support Work Log's `engineer, started_at`.

A list of requests is read per office (each office's newest first on its own index range, then
merged), so an office manager of two offices never makes MariaDB sort a whole period.
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import escape_html, format_date, get_first_day_of_week, getdate, nowdate

from onyx_support.domain.analytics import (
	ALL,
	BUCKETS,
	CHANNEL,
	COUNTS,
	ENGINEER,
	ERROR_ORIGIN,
	HISTOGRAMS,
	OFFICE,
	PRIORITY,
	REASON,
	SYSTEM,
	TERRITORY,
	add_months,
	compliance,
)
from onyx_support.services.analytics.rollup import series

REQUEST = "Support Request"
LIST_LIMIT = 100  # rows of a bounded list (breaches, comments)
# Indexes the analyses read the requests on (added by on_doctype_update of the Support Request
# and, on existing sites, by the patch v1_4.analytics_report_indexes).
REQUEST_INDEXES = (
	("office", "opened_on", "assigned_engineer"),
	("office", "sla_status", "opened_on"),
	("sla_status", "opened_on"),
	("is_open", "office", "assigned_engineer", "sla_status"),
	("is_open", "error_origin", "escalated_on"),
)
# An index of the first version (v1_4.analytics_report_indexes), now the prefix of a wider one.
SUPERSEDED_INDEXES = ("office_opened_on_index",)
WORK_LOG_INDEX = ("engineer", "started_at")

# A report's "Group By" choice -> the rollup's dimension and how a value shows.
GROUPS = {
	"Support Office": OFFICE,
	"Engineer": ENGINEER,
	"Priority": PRIORITY,
}
# Request Mix's dimensions, in the order of its filter.
MIX_DIMENSIONS = {
	"Reason": REASON,
	"Origin of the Error": ERROR_ORIGIN,
	"Channel": CHANNEL,
	"System": SYSTEM,
	"Support Office": OFFICE,
	"Region": TERRITORY,
}
SELECT_DIMENSIONS = (REASON, ERROR_ORIGIN, CHANNEL, PRIORITY)
PRIORITY_ORDER = ("Urgent", "High", "Medium", "Low")

PALETTE = (
	"#5e64ff",
	"#29cd42",
	"#ffa00a",
	"#ff5858",
	"#7575ff",
	"#00b8d9",
	"#b554ff",
	"#f4a261",
	"#8d99a6",
	"#2a9d8f",
)


def chosen(filters, name: str, choices, default: str) -> str:
	"""A Select filter's value when it is one of the choices, else the default."""
	value = filters.get(name)
	return value if value in choices else default


# --- labels --------------------------------------------------------------------------------------


def periods(scope) -> list[date]:
	"""The first day of every month of the scope."""
	months, current = [], scope.first_period
	while current <= scope.last_period:
		months.append(current)
		current = add_months(current, 1)
	return months


def monthly_trend(scope, measures, counted: str = "requests") -> tuple[dict, list]:
	"""The network-wide rollup series of the scope by month, and the months a chart shows (from
	the first that counts `counted`)."""
	trend = {row["period"]: row for row in series(ALL, scope, measures=measures)}
	return trend, active_months(periods(scope), trend, counted)


def active_months(months: list, trend: dict, measure: str) -> list:
	"""The months from the first one whose figures count `measure` (a line starting at 0 % in
	months nothing was measured would read as a failure)."""
	for index, period in enumerate(months):
		row = trend.get(period)
		if row and row[measure]:
			return months[index:]
	return []


def month_label(period) -> str:
	"""'Mar 2026', 'mars 2026', 'مارس 2026' in the user's language."""
	return format_date(period, "MMM yyyy")


def period_label(scope) -> str:
	first, last = scope.first_period, scope.last_period
	if first == last:
		return month_label(first)
	# no words between the months: a summary value is cut past 300 pixels, Arabic months are long
	return f"{month_label(first)} – {month_label(last)}"


def value_label(dimension: str, value: str | None, names: dict | None = None) -> str:
	"""How a rollup value reads: a request's Select value in the user's language, an engineer's
	full name, a link's name; 'Not set' for an empty value."""
	if not value:
		return _("Unassigned", context="onyx_support") if dimension == ENGINEER else _("Not set")
	if dimension in SELECT_DIMENSIONS:
		return _(value, context=REQUEST)
	if names and value in names:
		return names[value]
	return value


def translate_values(rows: list, *fields: str) -> list:
	"""A request's Select values (status, priority…) in the user's language, in place."""
	for row in rows:
		for field in fields:
			if row.get(field):
				row[field] = _(row[field], context=REQUEST)
	return rows


def user_names(users) -> dict[str, str]:
	"""Full names for the reports' grids and charts, escaped: a user writes his own full name, and
	Frappe's report grid prints a Data cell as HTML."""
	users = sorted({user for user in users if user})
	if not users:
		return {}
	named = frappe.get_all(
		"User", filters={"name": ["in", users]}, fields=["name", "full_name"], as_list=True
	)
	return {user: escape_html(full_name) for user, full_name in named}


def group_column(dimension: str, width: int = 200) -> dict:
	"""The report's first column for a grouping by the dimension."""
	labels = {
		OFFICE: _("Support Office"),
		ENGINEER: _("Engineer", context="onyx_support"),
		PRIORITY: _("Priority", context="onyx_support"),
		REASON: _("Reason", context="onyx_support"),
		ERROR_ORIGIN: _("Origin of the Error"),
		CHANNEL: _("Channel", context="onyx_support"),
		SYSTEM: _("System", context="onyx_support"),
		TERRITORY: _("Region"),
	}
	# Data, not Link: a value may be "Not set", and an engineer shows by name
	return {"label": labels[dimension], "fieldname": "value", "fieldtype": "Data", "width": width}


def sort_groups(dimension: str, rows: list[dict]) -> list[dict]:
	"""Priorities from Urgent to Low; anything else as the rollup gives it (most requests first).
	A value with no request of the period (an engineer who only logged time on others') is left
	out."""
	rows = [row for row in rows if row["requests"]]
	if dimension == PRIORITY:
		order = {priority: index for index, priority in enumerate(PRIORITY_ORDER)}
		return sorted(rows, key=lambda row: order.get(row["value"], len(order)))
	return rows


def hours(minutes: float | None) -> float | None:
	return None if minutes is None else round(minutes / 60.0, 1)


# The rollup measures each figure reads (rollup.totals/series sum only those).
SLA_MEASURES = (
	"first_response_measured",
	"first_response_met",
	"resolution_measured",
	"resolution_met",
	"breached",
)
TIME_MEASURES = ("response_histogram", "resolution_histogram", "reopened")
RATING_MEASURES = ("rated", "rating_sum")


def shown(value: float | None, digits: int = 1) -> str:
	"""A figure of a report's summary: Frappe formats a summary's Float with the system's three
	decimals, so it is given as text ("3.6"), a dash when there is none."""
	return "–" if value is None else f"{value:.{digits}f}"


def compliance_of(row: dict) -> tuple[float | None, float | None]:
	return (
		compliance(row["first_response_met"], row["first_response_measured"]),
		compliance(row["resolution_met"], row["resolution_measured"]),
	)


def compliance_trend(trend: dict, months) -> dict:
	"""A chart's data: first response and resolution compliance (%) per month of `trend` (the
	rollup's series by period; a month without requests shows 0)."""

	def percent(period, met, measured):
		row = trend.get(period)
		return (compliance(row[met], row[measured]) if row else None) or 0

	return {
		"labels": [month_label(period) for period in months],
		"datasets": [
			{
				"name": _("First response"),
				"values": [percent(p, "first_response_met", "first_response_measured") for p in months],
			},
			{
				"name": _("Resolution", context="onyx_support"),
				"values": [percent(p, "resolution_met", "resolution_measured") for p in months],
			},
		],
	}


def clocks_compliance(row: dict) -> float | None:
	"""Share of both clocks (first response and resolution) met, of those measured."""
	return compliance(
		row["first_response_met"] + row["resolution_met"],
		row["first_response_measured"] + row["resolution_measured"],
	)


def empty_measures() -> dict:
	return {**{measure: 0 for measure in COUNTS}, **{h: [0] * BUCKETS for h in HISTOGRAMS}}


# --- live counts on the requests' indexes ---------------------------------------------------------


def _office_condition(scope, values: dict, column: str = "office") -> str:
	if scope.offices is None:
		return ""
	values["offices"] = tuple(scope.offices) or ("",)
	return f" and `{column}` in %(offices)s"


def open_by_engineer(scope) -> list[dict]:
	"""(office, engineer, open, at risk or breached) of the requests open now."""
	if scope.empty:
		return []
	values = {}
	# grouped on the bare columns, in the index's order: no temporary table
	rows = frappe.db.sql(
		f"""select `office`, `assigned_engineer` as engineer, count(*) as open_requests,
			sum(`sla_status` in ('At Risk', 'Breached')) as at_risk
		from `tab{REQUEST}`
		where `is_open` = 1{_office_condition(scope, values)}
		group by `office`, `assigned_engineer`""",
		values,
		as_dict=True,
	)
	return _merge_unassigned(rows, "open_requests", "at_risk")


def _merge_unassigned(rows: list, *measures: str) -> list:
	"""Rows of an office with no engineer (NULL or "") as one row with engineer ""."""
	merged: dict[tuple, dict] = {}
	for row in rows:
		row.engineer = row.engineer or ""
		key = (row.office, row.engineer)
		if key in merged:
			for measure in measures:
				merged[key][measure] = (merged[key][measure] or 0) + (row[measure] or 0)
		else:
			merged[key] = row
	return list(merged.values())


def open_defects(scope) -> int:
	"""System errors escalated to central support and still open (the Open Defects report's
	rule), counted on the (is_open, error_origin, escalated_on) index alone."""
	if scope.empty:
		return 0
	values = {}
	return frappe.db.sql(
		f"""select count(*) from `tab{REQUEST}`
		where `is_open` = 1 and `error_origin` = 'System' and `escalated_on` is not null
			{_office_condition(scope, values)}""",
		values,
	)[0][0]


def week_start(today=None) -> date:
	return get_first_day_of_week(getdate(today or nowdate()))


def opened_since_by_engineer(scope, since: date) -> list[dict]:
	"""(office, engineer, requests) opened since the date (on the opened_on indexes)."""
	if scope.empty:
		return []
	values = {"since": since}
	rows = frappe.db.sql(
		f"""select `office`, `assigned_engineer` as engineer, count(*) as requests
		from `tab{REQUEST}`
		where `opened_on` >= %(since)s{_office_condition(scope, values)}
		group by `office`, `assigned_engineer`""",
		values,
		as_dict=True,
	)
	return _merge_unassigned(rows, "requests")


def logged_since(scope, engineers, since: date) -> list[dict]:
	"""(office, engineer, minutes) the engineers logged since the date on requests of the scope's
	offices (the work log's engineer, started_at index; the request by its name)."""
	engineers = sorted({engineer for engineer in engineers if engineer})
	if scope.empty or not engineers:
		return []
	values = {"engineers": tuple(engineers), "since": since}
	return frappe.db.sql(
		f"""select request.`office`, log.`engineer`, sum(log.`duration_minutes`) as minutes
		from `tabSupport Work Log` log
		join `tab{REQUEST}` request on request.`name` = log.`parent`
		where log.`parenttype` = '{REQUEST}' and log.`engineer` in %(engineers)s
			and log.`started_at` >= %(since)s{_office_condition(scope, values, "office")}
		group by request.`office`, log.`engineer`""",
		values,
		as_dict=True,
	)


def _period_bounds(scope) -> dict:
	"""The scope's whole months, as the rollup counts them (by the request's opening)."""
	return {"start": scope.first_period, "end": add_months(scope.last_period, 1)}


def newest_requests(scope, condition: str, values: dict, fields: str, limit: int = LIST_LIMIT) -> list:
	"""The newest requests of the scope's months matching `condition`, at most `limit`: one query
	per office of the scope (each on its office-led index, newest first), merged; the whole
	network in one query on the index `condition` starts with."""
	if scope.empty:
		return []
	values = {**values, **_period_bounds(scope), "limit": limit}
	query = f"""select {fields} from `tab{REQUEST}` request
		where {condition} {{office}}
			and request.`opened_on` >= %(start)s and request.`opened_on` < %(end)s
		order by request.`opened_on` desc limit %(limit)s"""
	if scope.offices is None:
		return frappe.db.sql(query.format(office=""), values, as_dict=True)
	found = []
	for office in scope.offices:
		found += frappe.db.sql(
			query.format(office="and request.`office` = %(office)s"),
			{**values, "office": office},
			as_dict=True,
		)
	found.sort(key=lambda row: row.opened_on, reverse=True)
	return found[:limit]


def breached_requests(scope, engineer: str | None = None, priority: str | None = None) -> list:
	"""The newest requests of the period whose SLA is breached (a clock missed)."""
	condition, values = "request.`sla_status` = 'Breached'", {}
	if engineer:
		condition += " and request.`assigned_engineer` = %(engineer)s"
		values["engineer"] = engineer
	if priority:
		condition += " and request.`priority` = %(priority)s"
		values["priority"] = priority
	return newest_requests(
		scope,
		condition,
		values,
		"""request.`name`, request.`subject`, request.`customer_name`, request.`office`,
		request.`assigned_engineer`, request.`priority`, request.`status`, request.`opened_on`,
		request.`first_response_due`, request.`first_responded_on`, request.`resolution_due`,
		request.`resolved_on`""",
	)


def rated_requests(scope, engineer: str | None = None) -> list:
	"""The newest rated requests of the period that carry a comment, with their stars."""
	condition, values = "request.`feedback_rating` > 0 and request.`feedback_comment` != ''", {}
	if engineer:
		condition += " and request.`assigned_engineer` = %(engineer)s"
		values["engineer"] = engineer
	return newest_requests(
		scope,
		condition,
		values,
		"""request.`name`, request.`subject`, request.`customer_name`, request.`office`,
		request.`assigned_engineer`, request.`opened_on`, request.`resolved_on`,
		request.`feedback_rating`, request.`feedback_comment`""",
	)
