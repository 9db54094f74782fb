"""The Support Request Rollup: reading it (totals, series) and keeping it (refresh, rebuild).

Reading: one SQL query on the rollup's (dimension, office, period) or (dimension, period) index,
the offices of the report's scope only; every measure summed, the histograms merged bucket by
bucket in SQL. A million requests make a few tens of thousands of rollup rows, so a report reads
a few hundred of them.

Keeping, a month at a time (`refresh_period`), all in SQL, no query per request:
1. the month's requests become one row each in the work table `__onyx_rollup_facts`: the
   office-local month and hour, the flags every measure counts (SLA met or missed, reopened,
   rated, reason and origin, a repeat of a subject the client asked in the last 90 days) and the
   minutes logged in their work logs — one INSERT … SELECT over the `opened_on` index;
2. the month's rollup rows are deleted and each dimension is one INSERT … SELECT … GROUP BY over
   the work table (the engineer dimension adds the minutes each engineer logged);
3. the work table is emptied.
The work table is internal (like Frappe's `__global_search`), created at migrate; it spares each
of the 15 dimensions the per-request subqueries of step 1. Only one refresh runs at a time (the
job's lock), and a rollback takes the work table back with everything else.

Local months and hours: the requests' `opened_on` is naive in the site's time zone; an office in
another zone (Cairo, Muscat) counts in its own. MariaDB's CONVERT_TZ needs the server's time-zone
tables, which are often not loaded (they are empty on this bench), so the offsets come from
Python's zoneinfo (domain.analytics.offset_spans: one span per daylight-saving change) and enter
the query as a CASE on the office and the instant.

`refresh()` runs every 15 minutes: the months of the requests modified since the last run (the
watermark, kept in Onyx Support Settings — in the database, so it rolls back with the rows it
describes when a run fails and survives a cache flush; a cache key would lose it and then miss
edits), read 10 minutes back so a save committing late is not missed, and the months of deleted
requests (noted on deletion). `rebuild()` recomputes every month (bench command).
"""

from datetime import date, datetime, timedelta
from itertools import pairwise

import frappe
from frappe import _
from frappe.utils import get_datetime, get_system_timezone, getdate, now_datetime

from onyx_support.domain.analytics import (
	ALL,
	BUCKET_BOUNDS,
	BUCKETS,
	CHANNEL,
	CHANNELS,
	COUNTS,
	CUSTOMER,
	CUSTOMER_CHANNEL,
	CUSTOMER_HOUR,
	CUSTOMER_USERS,
	DIMENSIONS,
	ENGINEER,
	ERROR_ORIGIN,
	HISTOGRAMS,
	HOURS,
	INSTALLATION,
	MEASURES,
	OFFICE,
	PRIORITY,
	REASON,
	REPEAT_DAYS,
	SPREAD_COLUMNS,
	SPREAD_DIMENSIONS,
	SPREADS,
	STARS,
	SYSTEM,
	SYSTEM_VERSION,
	TERRITORY,
	add_months,
	merge_histograms,
	month_start,
	offset_spans,
)
from onyx_support.services.jobs import acquire, each_row, release, scheduled_job

ROLLUP = "Support Request Rollup"
FACTS = "__onyx_rollup_facts"
JOB = "analytics_rollup"
SETTINGS = "Onyx Support Settings"
WATERMARK = "rollup_refreshed_upto"
LOOKBACK = timedelta(minutes=10)  # a save that committed after the last run began
DIRTY_KEY = "onyx_support:rollup_deleted_periods"
# a request's office-local month may differ from the site's: look this far on both sides
WINDOW = timedelta(days=2)
MATCHABLE = ("value", "sub_value")


class UnknownDimension(frappe.ValidationError):
	pass


class RollupBusy(frappe.ValidationError):
	pass


# --- reading -----------------------------------------------------------------------------------


GROUP_CONCAT_MAX = 16 * 1024 * 1024
LISTS = (*HISTOGRAMS, *SPREADS)  # what a reader may ask for besides the counts


def _chosen(measures, dimension: str) -> tuple[list[str], list[str], list[str]]:
	"""(counts, histograms, spreads) to read: all by default (spreads only where the dimension keeps
	them, SPREAD_DIMENSIONS)."""
	spreads_kept = list(SPREADS) if dimension in SPREAD_DIMENSIONS else []
	if measures is None:
		return list(COUNTS), list(HISTOGRAMS), spreads_kept
	unknown = [m for m in measures if m not in COUNTS and m not in LISTS]
	if unknown:
		frappe.throw(_("Unknown analysis measure {0}.").format(unknown[0]), frappe.ValidationError)
	not_kept = [m for m in measures if m in SPREADS and m not in spreads_kept]
	if not_kept:
		frappe.throw(_("The analyses keep {0} per client only.").format(not_kept[0]), frappe.ValidationError)
	counts = ["requests", *(m for m in COUNTS if m in measures and m != "requests")]
	return counts, [m for m in HISTOGRAMS if m in measures], [m for m in SPREADS if m in measures]


def _select_measures(counts: list[str], histograms: list[str], spreads: list[str]) -> str:
	"""Counts and spread columns summed in SQL; a histogram's rows concatenated and merged in
	Python (summing JSON lists in SQL cost a json_extract per bucket and row)."""
	if histograms:
		frappe.db.sql(f"set session group_concat_max_len = {GROUP_CONCAT_MAX}")
	columns = [column for spread in spreads for column in SPREADS[spread]]
	return ",\n\t\t".join(
		[f"sum(`{measure}`) as `{measure}`" for measure in (*counts, *columns)]
		+ [f"group_concat(`{histogram}` separator '|') as `{histogram}`" for histogram in histograms]
	)


def _where(dimension: str, scope, match: dict) -> tuple[str, dict]:
	if dimension not in DIMENSIONS:
		frappe.throw(_("Unknown analysis dimension {0}.").format(dimension), UnknownDimension)
	conditions = ["`dimension` = %(dimension)s", "`period` between %(first)s and %(last)s"]
	values = {"dimension": dimension, "first": scope.first_period, "last": scope.last_period}
	if scope.offices is not None:
		conditions.append("`office` in %(offices)s")
		values["offices"] = tuple(scope.offices) or ("",)
	for key, wanted in match.items():
		if key not in MATCHABLE:
			frappe.throw(_("Unknown analysis filter {0}.").format(key), frappe.ValidationError)
		if isinstance(wanted, list | tuple | set):
			conditions.append(f"`{key}` in %({key})s")
			values[key] = tuple(wanted) or ("",)
		else:
			conditions.append(f"`{key}` = %({key})s")
			values[key] = wanted or ""
	return " and ".join(conditions), values


def _shape(rows: list[dict], counts: list[str], histograms: list[str], spreads: list[str]) -> list[dict]:
	"""Counts as ints; each histogram and spread as one list of counts."""
	for row in rows:
		for measure in counts:
			row[measure] = int(row.get(measure) or 0)
		for histogram in histograms:
			parts = row.get(histogram)
			row[histogram] = merge_histograms(parts.split("|") if parts else [], BUCKETS)
		for spread in spreads:
			row[spread] = [int(row.pop(column) or 0) for column in SPREADS[spread]]
	return rows


def totals(dimension: str, scope, *, measures=None, by_office: bool = False, **match) -> list[dict]:
	"""One dict per (value, sub_value) of the dimension over the scope's offices and months, with
	every measure summed and the histograms merged (or only `measures`, and always `requests`);
	most requests first, then by value. `match`: value= / sub_value= (a value or a list).
	`by_office`: one dict per office too (its `office` key), in one query."""
	if scope.empty:
		return []
	where, values = _where(dimension, scope, match)
	counts, histograms, spreads = _chosen(measures, dimension)
	keys = "`office`, `value`, `sub_value`" if by_office else "`value`, `sub_value`"
	rows = frappe.db.sql(
		f"""select {keys},
		{_select_measures(counts, histograms, spreads)}
		from `tab{ROLLUP}`
		where {where}
		group by {keys}
		order by `requests` desc, {keys}""",
		values,
		as_dict=True,
	)
	return _shape(rows, counts, histograms, spreads)


def series(dimension: str, scope, *, measures=None, **match) -> list[dict]:
	"""One dict per (period, value) of the dimension over the scope (sub-values summed), every
	measure summed and the histograms merged (or only `measures`); by period, then value."""
	if scope.empty:
		return []
	where, values = _where(dimension, scope, match)
	counts, histograms, spreads = _chosen(measures, dimension)
	rows = frappe.db.sql(
		f"""select `period`, `value`,
		{_select_measures(counts, histograms, spreads)}
		from `tab{ROLLUP}`
		where {where}
		group by `period`, `value`
		order by `period`, `value`""",
		values,
		as_dict=True,
	)
	return _shape(rows, counts, histograms, spreads)


# --- the work table ----------------------------------------------------------------------------

FACT_KEYS = (
	"territory",
	"reason",
	"error_origin",
	"channel",
	"system",
	"system_version",
	"priority",
	"engineer",
	"customer",
	"installation",
)
FACT_FLAGS = (
	"is_open",
	"fr_measured",
	"fr_met",
	"res_measured",
	"res_met",
	"reopened",
	"rated",
	"stars",
	"usage_error",
	"guidance",
	"system_error",
	"external_error",
	"feature_request",
	"repeat_request",
)


def ensure_facts_table() -> None:
	"""The rollup's work table (created at migrate, by the rollup DocType's on_doctype_update)."""
	keys = ",\n\t\t".join(f"`{key}` varchar(140) not null default ''" for key in FACT_KEYS)
	flags = ",\n\t\t".join(f"`{flag}` tinyint not null default 0" for flag in FACT_FLAGS)
	frappe.db.sql_ddl(
		f"""create table if not exists `{FACTS}` (
		`request` varchar(140) not null,
		`office` varchar(140) not null default '',
		`period` date not null,
		`hour` tinyint not null default 0,
		{keys},
		{flags},
		`work_minutes` int not null default 0,
		`response_minutes` int null,
		`resolution_minutes` int null,
		key `request` (`request`)
		) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci"""
	)


def drop_facts_table() -> None:
	frappe.db.sql_ddl(f"drop table if exists `{FACTS}`")


def _offset_minutes(start: datetime, end: datetime) -> str:
	"""SQL: minutes the office's clock is ahead of the site's at `r.opened_on` (a CASE on the
	office and the instant, from zoneinfo), for requests opened between start and end."""
	site = get_system_timezone()
	branches = []
	for office, zone in frappe.get_all(
		"Support Office", fields=["name", "time_zone"], as_list=True, order_by="name"
	):
		if not zone or zone == site:
			continue
		try:
			spans = offset_spans(zone, site, start.date(), end.date())
		except Exception:
			continue  # an unknown zone counts in the site's time, as the SLA would refuse it
		if len(spans) == 1:
			inner = str(spans[0].minutes)
		else:
			steps = " ".join(
				f"when r.opened_on < {frappe.db.escape(str(span.end))} then {span.minutes}"
				for span in spans[:-1]
			)
			inner = f"case {steps} else {spans[-1].minutes} end"
		if inner != "0":
			branches.append(f"when {frappe.db.escape(office)} then {inner}")
	if not branches:
		return "0"
	return f"(case r.office {' '.join(branches)} else 0 end)"


def _fill_facts(first: date, last: date, now: datetime) -> int:
	"""One row per request opened in the office-local months `first` to `last`."""
	start = datetime.combine(first, datetime.min.time())
	end = datetime.combine(add_months(last, 1), datetime.min.time())
	local = f"(r.opened_on + interval {_offset_minutes(start - WINDOW, end + WINDOW)} minute)"
	keys = ", ".join(f"`{key}`" for key in FACT_KEYS)
	flags = ", ".join(f"`{flag}`" for flag in FACT_FLAGS)
	# a clock is measured once it stopped (responded / resolved) or its deadline passed while
	# it ran; cancelled requests and paused clocks are not judged
	fr_measured = """(r.status != 'Cancelled' and r.first_response_due is not null
		and (r.first_responded_on is not null
			or (r.first_response_due < %(now)s and r.paused_since is null)))"""
	res_measured = """(r.status != 'Cancelled' and r.resolution_due is not null
		and (r.resolved_on is not null or (r.resolution_due < %(now)s and r.paused_since is null)))"""
	flag_values = {
		"is_open": "r.is_open",
		"fr_measured": fr_measured,
		"fr_met": f"{fr_measured} and r.first_responded_on <= r.first_response_due",
		"res_measured": res_measured,
		"res_met": f"{res_measured} and r.resolved_on <= r.resolution_due",
		"reopened": "r.reopen_count > 0",
		"rated": "r.feedback_rating > 0",
		"stars": f"round(r.feedback_rating * {STARS})",
		"usage_error": "r.reason = 'Error' and r.error_origin = 'Usage'",
		"guidance": "r.reason = 'Guidance'",
		"system_error": "r.reason = 'Error' and r.error_origin = 'System'",
		"external_error": "r.reason = 'Error' and r.error_origin = 'External Factor'",
		"feature_request": "r.reason = 'Feature Adaptation'",
		# the client asked the same thing in the REPEAT_DAYS before (customer, subject_key index)
		"repeat_request": f"""r.subject_key != '' and exists (
				select 1 from `tabSupport Request` earlier
				where earlier.customer = r.customer and earlier.subject_key = r.subject_key
					and earlier.opened_on < r.opened_on
					and earlier.opened_on >= r.opened_on - interval {REPEAT_DAYS} day)""",
	}
	flag_sql = ",\n\t\t\t".join(f"ifnull({flag_values[flag]}, 0)" for flag in FACT_FLAGS)
	frappe.db.sql(
		f"""insert into `{FACTS}` (`request`, `office`, `period`, `hour`, {keys}, {flags},
			`work_minutes`, `response_minutes`, `resolution_minutes`)
		select r.name, ifnull(r.office, ''), date_format({local}, '%%Y-%%m-01'), hour({local}),
			ifnull(r.territory, ''), ifnull(r.reason, ''),
			if(r.reason = 'Error', ifnull(r.error_origin, ''), ''), ifnull(r.channel, ''),
			ifnull(r.system, ''), ifnull(r.system_version, ''), ifnull(r.priority, ''),
			ifnull(r.assigned_engineer, ''), ifnull(r.customer, ''), ifnull(r.installation, ''),
			{flag_sql},
			ifnull((select sum(w.duration_minutes) from `tabSupport Work Log` w
				where w.parent = r.name and w.parenttype = 'Support Request'), 0),
			if(r.first_responded_on is null, null, timestampdiff(minute, r.opened_on, r.first_responded_on)),
			if(r.resolved_on is null, null, timestampdiff(minute, r.opened_on, r.resolved_on))
		from `tabSupport Request` r
		where r.opened_on >= %(low)s and r.opened_on < %(high)s
			and {local} >= %(start)s and {local} < %(end)s""",
		{
			"now": now,
			"low": start - WINDOW,
			"high": end + WINDOW,
			"start": start,
			"end": end,
		},
	)
	return frappe.db.sql(f"select count(*) from `{FACTS}`")[0][0]


# --- the rollup rows ---------------------------------------------------------------------------

# dimension -> (value, sub_value) over the work table `f`
DIMENSION_KEYS = {
	ALL: ("''", "''"),
	OFFICE: ("f.office", "''"),
	TERRITORY: ("f.territory", "''"),
	REASON: ("f.reason", "''"),
	ERROR_ORIGIN: ("f.error_origin", "''"),
	CHANNEL: ("f.channel", "''"),
	SYSTEM: ("f.system", "''"),
	SYSTEM_VERSION: ("f.system", "f.system_version"),
	PRIORITY: ("f.priority", "''"),
	ENGINEER: ("f.engineer", "''"),
	CUSTOMER: ("f.customer", "''"),
	INSTALLATION: ("f.installation", "f.customer"),
	CUSTOMER_CHANNEL: ("f.customer", "f.channel"),
	CUSTOMER_HOUR: ("f.customer", "lpad(f.hour, 2, '0')"),
	CUSTOMER_USERS: ("f.customer", None),  # the customer's users: see _insert_dimension
}
AGGREGATES = {
	"requests": "count(*)",
	"open_requests": "sum(f.is_open)",
	"first_response_measured": "sum(f.fr_measured)",
	"first_response_met": "sum(f.fr_met)",
	"resolution_measured": "sum(f.res_measured)",
	"resolution_met": "sum(f.res_met)",
	"breached": "sum(greatest(f.fr_measured - f.fr_met, f.res_measured - f.res_met))",
	"reopened": "sum(f.reopened)",
	"rated": "sum(f.rated)",
	"rating_sum": "sum(f.stars)",
	"usage_errors": "sum(f.usage_error)",
	"guidance": "sum(f.guidance)",
	"system_errors": "sum(f.system_error)",
	"external_errors": "sum(f.external_error)",
	"feature_requests": "sum(f.feature_request)",
	"repeat_requests": "sum(f.repeat_request)",
	"work_minutes": "sum(f.work_minutes)",
}


def _histogram(column: str) -> str:
	"""SQL: '[n0,n1,…]', the requests of the group per bucket of `column` minutes."""
	bounds = (None, *BUCKET_BOUNDS, None)
	parts = []
	for low, high in pairwise(bounds):
		test = " and ".join(
			part
			for part in (
				f"f.{column} >= {low}" if low is not None else "",
				f"f.{column} < {high}" if high is not None else "",
			)
			if part
		)
		parts.append(f"sum(ifnull({test}, 0))")
	return f"concat('[', concat_ws(',', {', '.join(parts)}), ']')"


def _spread(column: str, values) -> str:
	"""SQL: one sum per value of `column`: the group's requests of each (in `values` order)."""
	return ", ".join(
		f"sum(f.{column} = {frappe.db.escape(value) if isinstance(value, str) else value})"
		for value in values
	)


ROW_COLUMNS = "name, creation, modified, owner, modified_by, docstatus, idx, period, office, dimension, value, sub_value"
MEASURE_COLUMNS = ", ".join(f"`{m}`" for m in MEASURES)
SPREAD_ZEROS = ", ".join(["0"] * len(SPREAD_COLUMNS))
# Dimensions with a row per client and channel, hour or user count: many rows, read for their
# counts only; their minute histograms are left empty (a third of the rollup's size).
WITHOUT_HISTOGRAMS = (CUSTOMER_CHANNEL, CUSTOMER_HOUR, CUSTOMER_USERS)


def _row_name(value: str, sub_value: str) -> str:
	"""SQL: the row's name, led by its dimension and month so that a report's rows (one dimension,
	a run of months) lie together in the table; the rest hashed (unique per row)."""
	return (
		"concat(%(dimension)s, '~', date_format(f.period, '%%Y%%m'), '~', "
		f"md5(concat_ws(char(31), f.office, {value}, {sub_value})))"
	)


def _insert_dimension(dimension: str, stamp: datetime) -> None:
	value, sub_value = DIMENSION_KEYS[dimension]
	joins = ""
	if dimension == CUSTOMER_USERS:
		# its active installations' users, else its portal users, at least one
		joins = """left join (
			select i.customer, sum(i.user_count) as users from `tabClient Installation` i
			where i.status = 'Active' group by i.customer
		) installed on installed.customer = f.customer
		left join (
			select p.parent as customer, count(*) as users from `tabPortal User` p
			where p.parenttype = 'Customer' group by p.parent
		) portal on portal.customer = f.customer"""
		sub_value = "cast(greatest(coalesce(nullif(installed.users, 0), portal.users, 1), 1) as char)"
	histograms = (
		["null", "null"]
		if dimension in WITHOUT_HISTOGRAMS
		else [_histogram("response_minutes"), _histogram("resolution_minutes")]
	)
	aggregates = ", ".join(
		# an engineer's work minutes are its own logged minutes (added below), not its requests'
		["0" if (dimension, m) == (ENGINEER, "work_minutes") else AGGREGATES[m] for m in COUNTS]
		+ histograms
		+ (
			[_spread("channel", CHANNELS), _spread("hour", range(HOURS))]
			if dimension in SPREAD_DIMENSIONS
			else [SPREAD_ZEROS]
		)
	)
	frappe.db.sql(
		f"""insert into `tab{ROLLUP}` ({ROW_COLUMNS}, {MEASURE_COLUMNS})
		select {_row_name(value, sub_value)},
			%(stamp)s, %(stamp)s, 'Administrator', 'Administrator', 0, 0,
			f.period, f.office, %(dimension)s, {value}, {sub_value}, {aggregates}
		from `{FACTS}` f {joins}
		group by f.period, f.office, {value}, {sub_value}""",
		{"dimension": dimension, "stamp": stamp},
	)
	if dimension == ENGINEER:
		# the engineer's own work: minutes each engineer logged on the month's requests, whoever
		# they are assigned to (an engineer who only logged work gets a row of its own)
		counts = ", ".join("sum(w.duration_minutes)" if m == "work_minutes" else "0" for m in COUNTS)
		empty = frappe.db.escape("[" + ",".join(["0"] * BUCKETS) + "]")
		frappe.db.sql(
			f"""insert into `tab{ROLLUP}` ({ROW_COLUMNS}, {MEASURE_COLUMNS})
			select {_row_name("w.engineer", "''")},
				%(stamp)s, %(stamp)s, 'Administrator', 'Administrator', 0, 0,
				f.period, f.office, %(dimension)s, w.engineer, '', {counts},
				{empty}, {empty}, {SPREAD_ZEROS}
			from `{FACTS}` f
			join `tabSupport Work Log` w on w.parent = f.request and w.parenttype = 'Support Request'
			where ifnull(w.engineer, '') != ''
			group by f.period, f.office, w.engineer
			on duplicate key update `work_minutes` = values(`work_minutes`)""",
			{"dimension": dimension, "stamp": stamp},
		)


def _compute(first: date, last: date) -> int:
	"""Replace the rollup rows of the months first to last; the number of requests counted."""
	now = now_datetime()
	frappe.db.sql(f"delete from `{FACTS}`")
	counted = _fill_facts(first, last, now)
	frappe.db.sql(  # on the (dimension, period) index
		f"delete from `tab{ROLLUP}` where `dimension` in %s and `period` between %s and %s",
		(DIMENSIONS, first, last),
	)
	if counted:
		for dimension in DIMENSIONS:
			_insert_dimension(dimension, now)
	frappe.db.sql(f"delete from `{FACTS}`")
	return counted


def refresh_period(period) -> int:
	"""Recompute the rollup rows of one office-local month; the number of requests counted."""
	period = month_start(getdate(period))
	return _compute(period, period)


# --- when -------------------------------------------------------------------------------------


def touched_periods(since: datetime | None) -> list[date]:
	"""Months (office-local, give or take a day at the edges) of the requests modified since."""
	if since is None:
		return all_periods()
	rows = frappe.db.sql(
		"""select distinct date_format(opened_on + interval shift hour, '%%Y-%%m-01')
		from `tabSupport Request`
		join (select -14 as shift union all select 0 union all select 14) shifts
		where modified >= %s and opened_on is not null""",
		since,
	)
	return sorted(getdate(row[0]) for row in rows)


def all_periods(start=None) -> list[date]:
	first, last = frappe.db.sql("select min(opened_on), max(opened_on) from `tabSupport Request`")[0]
	if not first:
		return []
	first = month_start(get_datetime(first) - WINDOW)
	if start:
		first = max(first, month_start(getdate(start)))
	last = month_start(get_datetime(last) + WINDOW)
	periods = []
	while first <= last:
		periods.append(first)
		first = add_months(first, 1)
	return periods


def watermark() -> datetime | None:
	# read raw: get_single_value turns an empty Datetime into 0001-01-01
	value = frappe.db.sql(
		"select `value` from `tabSingles` where `doctype` = %s and `field` = %s", (SETTINGS, WATERMARK)
	)
	return get_datetime(value[0][0]) if value and value[0][0] else None


def _set_watermark(value: datetime) -> None:
	frappe.db.set_single_value(SETTINGS, WATERMARK, value, update_modified=False)


def forget_request(doc, method=None) -> None:
	"""A deleted request: its month is refreshed by the next run (doc_events on_trash)."""
	if doc.get("opened_on"):
		opened = get_datetime(doc.opened_on)
		for shift in (-WINDOW, timedelta(0), WINDOW):
			frappe.cache.sadd(DIRTY_KEY, str(month_start(opened + shift)))


def _deleted_periods() -> list[date]:
	return [getdate(frappe.safe_decode(value)) for value in frappe.cache.smembers(DIRTY_KEY) or []]


@scheduled_job(JOB)
def refresh() -> int:
	"""Scheduled every 15 minutes: recompute the months of the requests modified (or deleted)
	since the last run; the watermark moves only when every month went through."""
	started = now_datetime()
	since = watermark()
	deleted = _deleted_periods()
	periods = sorted(set(touched_periods(since - LOOKBACK if since else None)) | set(deleted))
	done, failed = each_row(_("Analyses rollup"), ROLLUP, [str(p) for p in periods], refresh_period)
	if not failed:
		_set_watermark(started)
		if deleted:
			frappe.cache.srem(DIRTY_KEY, *[str(p) for p in deleted])
	return done


def rebuild(start=None) -> int:
	"""Recompute every month (from `start`'s month, when given), e.g. after loading data in SQL:
	bench --site SITE execute onyx_support.services.analytics.rollup.rebuild

	One pass over the requests (a month at a time would read them through the opened_on index,
	out of the table's order); the months of the rollup it holds."""
	frappe.only_for(("System Manager", "Administrator"))
	if not acquire(JOB):
		frappe.throw(_("The analyses are being refreshed; try again in a minute."), RollupBusy)
	try:
		started = now_datetime()
		periods = all_periods(start)
		if start:
			frappe.db.sql(f"delete from `tab{ROLLUP}` where `period` >= %s", month_start(getdate(start)))
		else:
			frappe.db.sql(f"delete from `tab{ROLLUP}`")
		if periods:
			_compute(periods[0], periods[-1])
		if not start:
			_set_watermark(started)
		return len(periods)
	finally:
		release(JOB)
