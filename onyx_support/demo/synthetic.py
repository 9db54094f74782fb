"""Request history written in SQL: the demo's year and the benchmarks' millions.

One INSERT … SELECT over MariaDB's sequence engine (`seq_1_to_N`) per batch, no Python per row.
Every request is drawn from its sequence number through independent hashes (crc32 of the number
and a salt), so a run is repeatable and needs no random state:

- an installation of the network (the first ones busier), hence its client, office, system,
  version and territory; an engineer of that office;
- the client's profile: some clients mostly need guidance or make usage errors (training), some
  installations run a version full of system errors (hot spots), the rest are ordinary;
- the reason and error origin by that profile; the channel (each client sticks to its own most of
  the time); the priority;
- opened on a working day in office hours of the office's own clock (peaks mid-morning and
  mid-afternoon), more of them recently; first response and resolution after delays that meet
  or miss the priority's targets (each office keeps its own pace);
- the status by age (recent ones still in progress); ratings with comments on some, reopenings,
  subjects from a pool per reason (clients ask the same things again: repeat subjects);
- work-log rows for most of the worked requests (one INSERT … SELECT).

Names are either a prefix and the number (BENCH-00000042) or the request's normal series
(SR-2025-00042, the series moved past them).
"""

from datetime import datetime
from itertools import product
from zlib import crc32

import frappe
from frappe import _
from frappe.utils import get_system_timezone

from onyx_support.domain.analytics import offset_spans, subject_key
from onyx_support.domain.request_flow import DONE_STATES, State

BATCH = 100_000
NAMING_SERIES = "SR-.YYYY.-"

# Subjects per reason: a thing and what is wrong with it (or wanted of it).
SUBJECTS = {
	"Error": (
		(
			"Sales invoice",
			"Month-end closing",
			"Stock valuation",
			"VAT return",
			"Payroll run",
			"Bank reconciliation",
			"Purchase order",
			"Receipt printer",
			"Cash drawer",
			"Backup job",
			"Leave balance",
			"Cost centre report",
		),
		(
			"fails with an error",
			"prints twice",
			"totals differ from the ledger",
			"is very slow",
			"shows wrong currency",
			"stops responding",
			"rejects the posting date",
			"loses decimals",
		),
	),
	"Guidance": (
		(
			"journal reversal",
			"year-end closing",
			"user permissions",
			"price lists",
			"fixed assets",
			"leave management",
			"stock transfers",
			"budget control",
			"tax templates",
			"report builder",
		),
		("How to use", "Training on", "Explain", "Where to set"),
	),
	"Feature Adaptation": (
		(
			"invoice layout",
			"approval chain",
			"overtime rule",
			"commission scheme",
			"production order",
			"dashboard",
			"barcode labels",
			"delivery note",
		),
		("Adapt the", "Add a field to the", "New rule for the", "Customise the"),
	),
	"Update Delivery": (
		("latest release", "security hotfix", "service pack", "new version"),
		("Install the", "Schedule the", "Deliver the"),
	),
}
REASONS = tuple(SUBJECTS)
CHANNELS = ("Desk", "Portal", "E-mail", "Phone", "Social Network")
PRIORITIES = ("Low", "Medium", "High", "Urgent")
# wall-clock targets per priority: (first response, resolution) minutes
TARGETS = {"Low": (480, 7200), "Medium": (240, 4320), "High": (60, 1440), "Urgent": (30, 480)}
# local hours clients ask in: mid-morning and mid-afternoon peaks, a few late ones
HOURS = (8, 9, 9, 10, 10, 10, 11, 11, 11, 12, 12, 13, 14, 15, 15, 16, 16, 17, 19, 21)
MEANS = ("Phone / Internet", "Remote Session", "Remote Session", "On-site")
COMMENTS = {
	1: ("Nobody called back for days.", "The problem came back the next morning.", "Very slow answer."),
	2: ("Solved, but it took too long.", "We had to ask three times.", "The engineer was in a hurry."),
	3: ("Fine in the end.", "Acceptable, the fix works.", "It works now, slowly though."),
	4: ("Good and clear explanation.", "Quick remote session, thanks.", "Helpful engineer."),
	5: (
		"Excellent, solved in minutes.",
		"Very patient with our new accountant.",
		"Perfect service, thank you!",
	),
}
# client profiles: (feature, guidance, error, update) shares; then usage, system error origins
PROFILES = {
	"ordinary": ((0.15, 0.25, 0.45, 0.15), (0.35, 0.40)),
	"training": ((0.07, 0.40, 0.45, 0.08), (0.70, 0.15)),
	"hot spot": ((0.10, 0.15, 0.62, 0.13), (0.15, 0.75)),
}


def _u(salt: int) -> str:
	"""SQL: a uniform number in [0, 1) drawn from the row's sequence number and a salt."""
	return f"(crc32(concat(seq, '-{salt}')) % 1000003 / 1000003)"


def _elt(index: str, values) -> str:
	return f"elt({index}, {', '.join(frappe.db.escape(str(v)) for v in values)})"


def installations_to_spread(hot_versions=None, training_clients=None) -> list[dict]:
	"""The active installations with their client, office, territory, the office's engineers and
	clock; each gets a profile and a favourite channel (deterministic). A version is full of system
	errors when named in `hot_versions` ((system, version) pairs; by default one in four versions,
	by a hash), a client needs training when named in `training_clients` (by default one in
	four)."""
	rows = frappe.db.sql(
		"""select i.name, i.customer, c.customer_name, i.serving_office as office, i.system,
			ifnull(i.version, '') as version, ifnull(i.territory, c.territory) as territory,
			o.time_zone
		from `tabClient Installation` i
		join `tabCustomer` c on c.name = i.customer
		join `tabSupport Office` o on o.name = i.serving_office
		where i.status = 'Active'
		order by i.creation, i.name""",
		as_dict=True,
	)
	engineers = {}
	for user, office in frappe.db.sql(
		"""select e.user, e.parent from `tabSupport Office Engineer` e
		where e.parenttype = 'Support Office' and ifnull(e.office_role, '') != 'Accountant'
		order by e.idx"""
	):
		engineers.setdefault(office, []).append(user)
	site = get_system_timezone()
	today = datetime.now().date()
	offices = sorted({row.office for row in rows})
	spread = []
	for position, row in enumerate(rows):
		try:
			offset = offset_spans(row.time_zone or site, site, today, today)[-1].minutes
		except Exception:
			offset = 0
		row.update(
			engineers="|".join(engineers.get(row.office) or ["Administrator"]),
			offset=offset,
			profile=_profile(row, position, hot_versions, training_clients),
			channel=CHANNELS[(position * 3 + 1) % len(CHANNELS)],
			# each office's pace: how far past its targets it tends to answer (1.0: right on them)
			pace=(1.05, 1.2, 1.4, 1.1, 1.6)[offices.index(row.office) % 5],
		)
		spread.append(row)
	return spread


def _profile(row, position: int, hot_versions, training_clients) -> str:
	if hot_versions is None:
		hot = crc32(f"{row.system} {row.version}".encode()) % 4 == 0
	else:
		hot = (row.system, row.version) in hot_versions
	if hot:
		return "hot spot"
	if training_clients is None:
		return "training" if position % 4 == 1 else "ordinary"
	return "training" if row.customer in training_clients else "ordinary"


def _subject_pools():
	"""Per reason: every subject of its pool and its key, in one flat list."""
	pools = {}
	for reason, (things, wrongs) in SUBJECTS.items():
		if reason == "Error":
			subjects = [f"{thing} {wrong}" for thing, wrong in product(things, wrongs)]
		else:
			subjects = [f"{verb} {thing}" for thing, verb in product(things, wrongs)]
		pools[reason] = (subjects, [subject_key(subject) for subject in subjects])
	return pools


def insert_requests(
	n: int,
	*,
	first_seq: int,
	days: int,
	name: str,
	open_share: float = 0.0,
	swept: bool = True,
	intake_prefix: str | None = None,
	now: datetime | None = None,
	hot_versions=None,
	training_clients=None,
) -> None:
	"""Insert n requests numbered from first_seq, opened over the last `days` days.

	`name` is an SQL expression over `seq` and `opened` (the site's time), e.g.
	"concat('BENCH-', lpad(seq, 8, '0'))". `open_share`: the share of old requests left open
	(a queue benchmark's backlog; 0 for a tidy network). `swept`: open requests get a next SLA
	check (the sweep then reads them); without, their SLA status stays as written."""
	installations = installations_to_spread(hot_versions, training_clients)
	if not installations:
		frappe.throw(_("Load the demo data first: bench --site SITE execute onyx_support.demo.load"))
	now = now or frappe.utils.now_datetime()
	count = len(installations)
	pick = f"(1 + floor(pow({_u(1)}, 1.4) * {count}))"
	column = {key: _elt("ix", [i[key] for i in installations]) for key in installations[0]}
	open_states = [s.value for s in State if s not in DONE_STATES]
	pools = _subject_pools()
	profile_of = [PROFILES[i["profile"]] for i in installations]
	cuts = [[sum(shares[: k + 1]) for k in range(3)] + list(origins) for shares, origins in profile_of]
	feature_cut, guidance_cut, error_cut = (_elt("ix", [c[k] for c in cuts]) for k in range(3))
	usage_cut = _elt("ix", [c[3] for c in cuts])
	system_cut = _elt("ix", [c[3] + c[4] for c in cuts])
	fr_target = _elt("pi", [TARGETS[p][0] for p in PRIORITIES])
	res_target = _elt("pi", [TARGETS[p][1] for p in PRIORITIES])
	subject_parts = []
	for reason in REASONS:
		subjects, keys = pools[reason]
		index = f"(1 + floor({_u(9)} * {len(subjects)}))"
		subject_parts.append((reason, _elt(index, subjects), _elt(index, keys)))
	subject = (
		"case g.reason "
		+ " ".join(f"when {frappe.db.escape(r)} then {s}" for r, s, _k in subject_parts)
		+ " end"
	)
	key = (
		"case g.reason "
		+ " ".join(f"when {frappe.db.escape(r)} then {k}" for r, _s, k in subject_parts)
		+ " end"
	)
	comment_group = {stars: _elt(f"(1 + floor({_u(15)} * 3))", texts) for stars, texts in COMMENTS.items()}
	comment = "case g.stars " + " ".join(f"when {s} then {c}" for s, c in comment_group.items()) + " end"
	intake = f"concat({frappe.db.escape(intake_prefix)}, seq)" if intake_prefix else "null"
	escaped_now = frappe.db.escape(str(now))
	done_status = f"if({_u(8)} < 0.03, 'Cancelled', if({_u(8)} < 0.06, 'Resolved', 'Closed'))"
	recent_status = (
		f"case when {_u(8)} < 0.10 then 'New' when {_u(8)} < 0.17 then 'Triaged' "
		f"when {_u(8)} < 0.22 then 'Awaiting Client Approval' when {_u(8)} < 0.38 then 'In Progress' "
		f"when {_u(8)} < 0.44 then 'Waiting on Client' when {_u(8)} < 0.48 then 'Escalated to Central' "
		f"when {_u(8)} < 0.62 then 'Resolved' when {_u(8)} < 0.97 then 'Closed' else 'Cancelled' end"
	)
	stale = _elt(f"(1 + floor({_u(21)} * {len(open_states)}))", open_states)
	# the generated request, before its name (derived tables: each value drawn once)
	generated = f"""
		select seq, ix, pi, reason, origin, channel, opened, status,
			if(status = 'New', null, opened + interval response minute) as responded,
			if(status in ('Resolved', 'Closed'), opened + interval (response + resolution) minute, null) as resolved,
			opened + interval fr_target minute as response_due,
			opened + interval res_target minute as resolution_due,
			if(status = 'Closed' and {_u(12)} < 0.55,
				case when response <= fr_target and response + resolution <= res_target
					then if({_u(13)} < 0.55, 5, if({_u(13)} < 0.85, 4, 3))
					else if({_u(13)} < 0.25, 4, if({_u(13)} < 0.55, 3, if({_u(13)} < 0.8, 2, 1))) end,
				0) as stars,
			if(status in ('Resolved', 'Closed'), if({_u(11)} < 0.06, 1, if({_u(11)} < 0.075, 2, 0)), 0)
				as reopened
		from (
			select seq, ix, pi, reason, opened, fr_target, res_target,
				if(reason = 'Error', if({_u(6)} < {usage_cut}, 'Usage',
					if({_u(6)} < {system_cut}, 'System', 'External Factor')), null) as origin,
				if({_u(5)} < 0.62, {column["channel"]}, {_elt(f"(1 + floor({_u(7)} * {len(CHANNELS)}))", CHANNELS)})
					as channel,
				if(opened > {escaped_now} - interval 21 day, {recent_status},
					if({_u(14)} < {open_share}, {stale}, {done_status})) as status,
				round(fr_target * {column["pace"]} * pow({_u(10)}, 1.8)) as response,
				round(res_target * {column["pace"]} * pow({_u(16)}, 1.5)) as resolution
			from (
				select seq, ix, pi,
					case when {_u(3)} < {feature_cut} then 'Feature Adaptation'
						when {_u(3)} < {guidance_cut} then 'Guidance'
						when {_u(3)} < {error_cut} then 'Error' else 'Update Delivery' end as reason,
					{fr_target} as fr_target, {res_target} as res_target,
					-- a working day (not Friday) at an office hour of the office's clock, in the
					-- site's time; more requests lately
					date(day) + interval (if(dayofweek(day) = 6, 1, 0)) day
						+ interval {_elt(f"(1 + floor({_u(4)} * {len(HOURS)}))", HOURS)} hour
						+ interval floor({_u(17)} * 60) minute
						- interval {column["offset"]} minute as opened
				from (
					select seq, {pick} as ix,
						(1 + if({_u(2)} < 0.3, 0, if({_u(2)} < 0.7, 1, if({_u(2)} < 0.92, 2, 3)))) as pi,
						{escaped_now} - interval floor(pow({_u(18)}, 1.25) * {days}) day as day
					from seq_{{first}}_to_{{last}}
				) drawn
			) reasoned
		) g"""
	columns = """name, naming_series, creation, modified, owner, modified_by, docstatus, idx,
		subject, subject_key, status, is_open, priority, reason, error_origin, channel,
		customer, customer_name, installation, system, system_version, territory, office,
		assigned_engineer, opened_on, first_response_due, first_responded_on, resolution_due,
		resolved_on, sla_status, sla_next_check, feedback_rating, feedback_comment, reopen_count,
		description, resolution_summary, intake_key, total_minutes"""
	engineer = (
		f"substring_index(substring_index({column['engineers']}, '|', "
		f"1 + floor({_u(19)} * (length({column['engineers']}) - length(replace({column['engineers']}, '|', '')) + 1)))"
		", '|', -1)"
	)
	select = f"""
		select {name}, {frappe.db.escape(NAMING_SERIES)}, g.opened, ifnull(g.resolved, g.opened),
			'Administrator', 'Administrator', 0, 0,
			{subject}, {key}, g.status, g.status not in ('Resolved', 'Closed', 'Cancelled'),
			{_elt("g.pi", PRIORITIES)}, g.reason, g.origin, g.channel,
			{column["customer"]}, {column["customer_name"]}, {column["name"]}, {column["system"]},
			{column["version"]}, {column["territory"]}, {column["office"]},
			if(g.status = 'New', null, {engineer}),
			g.opened, g.response_due, g.responded, g.resolution_due, g.resolved,
			case when g.status = 'Cancelled' then null
				when g.status in ('Resolved', 'Closed') then
					if(g.responded <= g.response_due and g.resolved <= g.resolution_due, 'Met', 'Breached')
				when g.resolution_due < {escaped_now} then 'Breached' else 'On Track' end,
			if(g.status in ('Resolved', 'Closed', 'Cancelled') or not {int(swept)}, null,
				{escaped_now} + interval (1 + seq % 600) minute),
			g.stars / 5, if(g.stars > 0 and {_u(20)} < 0.35, {comment}, null), g.reopened,
			concat('<p>', {subject}, '.</p>'),
			if(g.status in ('Resolved', 'Closed'), '<p>Solved with the client in a remote session.</p>', null),
			{intake}, 0
		from ({generated}) g"""
	for start in range(first_seq, first_seq + n, BATCH):
		last = min(start + BATCH, first_seq + n) - 1
		frappe.db.sql(
			f"insert into `tabSupport Request` ({columns}) "
			+ select.replace("seq_{first}_to_{last}", f"seq_{start}_to_{last}")
		)


def insert_work_logs(condition: str) -> None:
	"""Work-log rows for most worked requests matching `condition` (SQL over r, the request):
	one session for 45 % of them, a second for a third of those; the requests' total follows."""
	seq = "crc32(r.name)"
	for idx, share in ((1, 0.45), (2, 0.15)):
		frappe.db.sql(
			f"""insert into `tabSupport Work Log` (name, creation, modified, owner, modified_by,
				docstatus, idx, parent, parenttype, parentfield, engineer, means, remote_session_id,
				started_at, duration_minutes, billable)
			select concat(r.name, '-W{idx}'), r.creation, r.modified, 'Administrator', 'Administrator',
				0, {idx}, r.name, 'Support Request', 'work_log', r.assigned_engineer,
				{_elt(f"(1 + {seq} % {len(MEANS)})", MEANS)},
				if({seq} % {len(MEANS)} in (1, 2), concat('TV-', {seq} % 1000, ' ', {seq} % 997), null),
				ifnull(r.first_responded_on, r.opened_on) + interval {idx - 1} day,
				15 * (1 + ({seq} div 7 + {idx}) % 12), 0
			from `tabSupport Request` r
			where {condition} and r.assigned_engineer is not null
				and r.status not in ('New', 'Triaged', 'Cancelled')
				and ({seq} div 13) % 1000 < {int(share * 1000)}"""
		)
	frappe.db.sql(
		f"""update `tabSupport Request` r
		join (select w.parent, sum(w.duration_minutes) as minutes from `tabSupport Work Log` w
			join `tabSupport Request` r on r.name = w.parent
			where w.parenttype = 'Support Request' and {condition} group by w.parent) logged
			on logged.parent = r.name
		set r.total_minutes = logged.minutes"""
	)


def series_names() -> tuple[str, callable]:
	"""The request's normal names (SR-2025-00042) for generated rows, after the series' current
	numbers; and what moves the series past them once inserted."""
	years = range(2000, datetime.now().year + 2)
	current = dict(
		frappe.db.sql(
			"select name, current from `tabSeries` where name like 'SR-%%'",
		)
	)
	base = " ".join(f"when {year} then {int(current.get(f'SR-{year}-', 0))}" for year in years)
	number = (
		"((case year(g.opened) "
		+ base
		+ " else 0 end) + row_number() over (partition by year(g.opened) order by g.opened, g.seq))"
	)
	name = f"concat('SR-', year(g.opened), '-', lpad({number}, greatest(5, length({number})), '0'))"

	def move_series():
		for year, last in frappe.db.sql(
			"""select substring(name, 4, 4), max(cast(substring(name, 9) as unsigned))
			from `tabSupport Request` where name regexp '^SR-[0-9]{4}-[0-9]+$' group by substring(name, 4, 4)"""
		):
			frappe.db.sql(
				"""insert into `tabSeries` (name, current) values (%s, %s)
				on duplicate key update current = greatest(current, values(current))""",
				(f"SR-{year}-", last),
			)

	return name, move_series
