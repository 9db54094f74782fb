"""Client behaviour and error hot spots, from the rollup.

- `client_behaviour(scope)`: per client and its installations — requests per user-month, the
  shares of usage errors, guidance and system errors, repeat subjects, the channel it sticks to,
  the hours it asks in (office-local), its average rating — and the training-need ranking
  (domain.analytics.training_need) with the thresholds of Onyx Support Settings.
- `error_hot_spots(scope)`: systems and their versions ranked by system errors per installation
  running them against the network's rate (domain.analytics.hot_spots).

Two rollup reads (customer — with its channel and hour spreads —, and installation; only the
measures shown) and the clients' users now, or one (system_version) plus one count of the active
installations per version, whatever the number of requests behind them: a client is a row a
month, not one per channel and hour.
"""

from collections import defaultdict

import frappe

from onyx_support.domain import analytics as an
from onyx_support.services.analytics.rollup import totals

SETTINGS = "Onyx Support Settings"
DEFAULTS = {
	"training_threshold": an.TRAINING_THRESHOLD,
	"training_min_requests": an.TRAINING_MIN_REQUESTS,
	"hot_spot_factor": an.HOT_SPOT_FACTOR,
	"hot_spot_min_errors": an.HOT_SPOT_MIN_ERRORS,
}


def thresholds() -> frappe._dict:
	"""The analyses' thresholds from Onyx Support Settings; an empty one takes its default."""
	stored = dict(
		frappe.db.sql(
			"select `field`, `value` from `tabSingles` where `doctype` = %s and `field` in %s",
			(SETTINGS, tuple(DEFAULTS)),
		)
	)
	found = frappe._dict()
	for field, default in DEFAULTS.items():
		value = stored.get(field)
		try:
			found[field] = type(default)(float(value)) if value not in (None, "") else default
		except ValueError:
			found[field] = default
	return found


CLIENT_MEASURES = (
	"requests",
	"usage_errors",
	"guidance",
	"system_errors",
	"repeat_requests",
	"rated",
	"rating_sum",
)


def client_users(customers) -> dict[str, int]:
	"""Users of each client now: its active installations' users, else its portal users, at
	least one (the rule of the rollup's customer_users rows; two grouped reads of small tables
	instead of a month of rollup rows per client)."""
	customers = tuple(sorted({customer for customer in customers if customer})) or ("",)
	installed = dict(
		frappe.db.sql(
			"""select `customer`, sum(`user_count`) from `tabClient Installation`
			where `status` = 'Active' and `customer` in %s group by `customer`""",
			(customers,),
		)
	)
	portal = dict(
		frappe.db.sql(
			"""select `parent`, count(*) from `tabPortal User`
			where `parenttype` = 'Customer' and `parent` in %s group by `parent`""",
			(customers,),
		)
	)
	return {
		customer: max(int(installed.get(customer) or 0) or int(portal.get(customer) or 0), 1)
		for customer in customers
	}


def _figures(row: dict, users: int, months: int) -> dict:
	requests = row["requests"]
	return {
		"requests": requests,
		"users": users,
		"per_user_month": round(requests / (max(users, 1) * max(months, 1)), 2),
		"usage_errors": row["usage_errors"],
		"guidance": row["guidance"],
		"system_errors": row["system_errors"],
		"usage_share": an.share(row["usage_errors"], requests),
		"guidance_share": an.share(row["guidance"], requests),
		"system_share": an.share(row["system_errors"], requests),
		"repeat_requests": row["repeat_requests"],
		"repeat_share": an.repeat_share(row["repeat_requests"], requests),
		"rating": an.average_rating(row["rating_sum"], row["rated"]),
		"rated": row["rated"],
	}


def client_behaviour(scope, settings=None) -> list[dict]:
	"""One dict per client, ranked (training need first, the others by requests), each with
	its installations under `installations`; `settings`: thresholds() when the caller has them."""
	settings = settings or thresholds()
	months = scope.months
	customers = totals(an.CUSTOMER, scope, measures=(*CLIENT_MEASURES, "channel_histogram", "hour_histogram"))
	if not customers:
		return []
	users = client_users(row["value"] for row in customers)
	installations = defaultdict(list)
	for row in totals(an.INSTALLATION, scope, measures=CLIENT_MEASURES):
		if row["value"]:
			installations[row["sub_value"]].append(row)
	ranked = {
		need.customer: need
		for need in an.training_need(
			[
				an.ClientLoad(
					row["value"],
					row["requests"],
					row["usage_errors"],
					row["guidance"],
					users.get(row["value"], 1),
					months,
				)
				for row in customers
				if row["value"]
			],
			settings.training_threshold,
			settings.training_min_requests,
		)
	}
	clients = []
	for row in customers:
		customer = row["value"]
		if not customer:
			continue
		need = ranked.get(customer)
		top_channel, channel_share = an.channel_habit(an.channel_counts(row["channel_histogram"]))
		peaks = an.peak_hours(an.hour_counts(row["hour_histogram"]))
		clients.append(
			{
				"customer": customer,
				**_figures(row, users.get(customer, 1), months),
				"top_channel": top_channel,
				"channel_share": channel_share,
				"peak_hours": peaks,
				"peak_hours_label": an.hour_span(peaks),
				"training_rank": need.rank if need else None,
				"training_load": need.load if need else None,
				"needs_training": bool(need and need.needs_training),
				"installations": [
					{"installation": inst["value"], **_figures(inst, users.get(customer, 1), months)}
					for inst in installations.get(customer, [])
				],
			}
		)
	clients.sort(
		key=lambda c: (
			c["training_rank"] is None,
			c["training_rank"] or 0,
			-c["requests"],
			c["customer"],
		)
	)
	return clients


def installations_per_version(scope) -> dict[tuple[str, str], int]:
	"""Active installations of the scope's offices per (system, version), now."""
	values, office = {}, ""
	if scope.offices is not None:
		office = " and `serving_office` in %(offices)s"
		values["offices"] = tuple(scope.offices) or ("",)
	return {
		(system, version or ""): count
		for system, version, count in frappe.db.sql(
			f"""select `system`, `version`, count(*) from `tabClient Installation`
			where `status` = 'Active'{office} group by `system`, `version`""",
			values,
		)
	}


def error_hot_spots(scope, settings=None) -> list[dict]:
	"""Systems ranked by system errors per installation (each with its versions ranked under
	`versions`); the network rate is the scope's; `settings`: thresholds() when the caller has them."""
	if scope.empty:
		return []
	settings = settings or thresholds()
	installed = installations_per_version(scope)
	rows = {
		(row["value"], row["sub_value"]): row
		for row in totals(an.SYSTEM_VERSION, scope, measures=("requests", "system_errors"))
		if row["value"]
	}
	keys = sorted(set(rows) | {key for key in installed if key[0]})
	versions = an.hot_spots(
		[
			an.VersionErrors(
				system,
				version,
				rows[(system, version)]["system_errors"] if (system, version) in rows else 0,
				installed.get((system, version), 0),
			)
			for system, version in keys
		],
		settings.hot_spot_factor,
		settings.hot_spot_min_errors,
	)
	per_system = defaultdict(lambda: [0, 0, 0])  # errors, installations, requests
	for (system, _version), row in rows.items():
		per_system[system][0] += row["system_errors"]
		per_system[system][2] += row["requests"]
	for (system, _version), count in installed.items():
		if system:
			per_system[system][1] += count
	systems = an.hot_spots(
		[
			an.VersionErrors(system, "", errors, installations)
			for system, (errors, installations, _r) in per_system.items()
		],
		settings.hot_spot_factor,
		settings.hot_spot_min_errors,
	)
	by_system = defaultdict(list)
	for spot in versions:
		row = rows.get((spot.system, spot.version))
		by_system[spot.system].append(
			{
				**spot.__dict__,
				"requests": row["requests"] if row else 0,
				"system_share": an.share(spot.system_errors, row["requests"]) if row else None,
			}
		)
	return [
		{
			**spot.__dict__,
			"requests": per_system[spot.system][2],
			"system_share": an.share(spot.system_errors, per_system[spot.system][2]),
			"versions": by_system[spot.system],
		}
		for spot in systems
	]
