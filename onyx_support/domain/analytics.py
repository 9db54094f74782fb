"""The analyses of the support network: the rollup's vocabulary and the rules read from it.

Reports answer from "Support Request Rollup" (one row per month, office, dimension and value,
kept by services/analytics/rollup.py), never from the requests themselves, so they stay under a
second at a million requests. This module is what the rows mean and what is concluded from them:

- the dimensions and measures of a rollup row, and the minute buckets of its histograms;
- percentiles (median, p90) read from a histogram, compliance from met / measured counts;
- client behaviour: the usage-driven load per user-month and the ranked list of clients who need
  training, repeat subjects, the channel a client sticks to, the hours it asks in;
- error hot spots: the systems and versions whose installations report more system errors than
  the network does;
- a subject's fingerprint (`subject_key`), so that a client asking the same thing again is seen;
- the offsets between the site's clock and an office's, so months and hours are the office's own.

Plain Python (no frappe), tested by pytest on hand-made data. Every ranking breaks ties by name,
so the same figures always give the same order.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

# --- dimensions of a rollup row ----------------------------------------------------------------
# value (and sub_value, "" when unused) of a row of each dimension:
ALL = "all"  # "" : every request of the office
OFFICE = "office"  # the office (the row's own office): per-office figures in one query
TERRITORY = "territory"  # the client's territory
REASON = "reason"  # Feature Adaptation, Guidance, Error, Update Delivery
ERROR_ORIGIN = "error_origin"  # Usage, System, External Factor ("" for other reasons)
CHANNEL = "channel"  # the channel the request came through
SYSTEM = "system"  # the system (Item)
SYSTEM_VERSION = "system_version"  # system, sub_value: its version at the request
PRIORITY = "priority"
ENGINEER = "engineer"  # the assigned engineer; work_minutes: the minutes this engineer logged
CUSTOMER = "customer"
INSTALLATION = "installation"  # installation, sub_value: its customer
CUSTOMER_CHANNEL = "customer_channel"  # customer, sub_value: channel
CUSTOMER_HOUR = "customer_hour"  # customer, sub_value: "00".."23", the office's hour of opening
CUSTOMER_USERS = "customer_users"  # customer, sub_value: how many users it has (see client_users)

DIMENSIONS = (
	ALL,
	OFFICE,
	TERRITORY,
	REASON,
	ERROR_ORIGIN,
	CHANNEL,
	SYSTEM,
	SYSTEM_VERSION,
	PRIORITY,
	ENGINEER,
	CUSTOMER,
	INSTALLATION,
	CUSTOMER_CHANNEL,
	CUSTOMER_HOUR,
	CUSTOMER_USERS,
)

# --- measures of a rollup row ------------------------------------------------------------------
COUNTS = (
	"requests",  # opened in the month
	"open_requests",  # still open when the row was computed
	"first_response_measured",  # had a first-response deadline, and responded or past it
	"first_response_met",  # responded by the deadline
	"resolution_measured",
	"resolution_met",
	"breached",  # a clock missed (first response or resolution)
	"reopened",  # reopened at least once
	"rated",  # rated by the client
	"rating_sum",  # stars (1-5) of the rated ones
	"usage_errors",  # Error caused by usage
	"guidance",  # Guidance requested
	"system_errors",  # Error of the system itself
	"external_errors",  # Error of an external factor
	"feature_requests",  # Feature Adaptation
	"repeat_requests",  # the client asked the same subject within REPEAT_DAYS before
	"work_minutes",  # logged in the requests' work logs
)
HISTOGRAMS = ("response_histogram", "resolution_histogram")
# Where and when the row's requests came from: counts per channel (CHANNELS order) and per hour
# of the office's clock (0-23), one Int column each (summed in SQL, where a JSON list would cost a
# json_extract per bucket and row), read back as the lists channel_histogram and hour_histogram.
# One row a month then holds a client's habits.
CHANNELS = ("Desk", "Portal", "E-mail", "Phone", "Social Network", "REST API")  # the request's options
HOURS = 24


def _column(word: str) -> str:
	return "".join(char if char.isalnum() else "_" for char in word.lower())


SPREADS = {
	"channel_histogram": tuple(f"channel_{_column(channel)}" for channel in CHANNELS),
	"hour_histogram": tuple(f"hour_{hour:02d}" for hour in range(HOURS)),
}
SPREAD_COLUMNS = tuple(column for columns in SPREADS.values() for column in columns)
# The dimensions whose rows keep the channel and hour spreads (Client Behaviour reads a client's
# habits): elsewhere they are not computed, a third of each rollup row's sums.
SPREAD_DIMENSIONS = frozenset({CUSTOMER})
MEASURES = COUNTS + HISTOGRAMS + SPREAD_COLUMNS

# Upper bounds (minutes, exclusive) of the histogram buckets; one more bucket holds the rest.
# Elapsed (calendar) minutes from opening to first response / to resolution.
BUCKET_BOUNDS = (15, 30, 60, 120, 240, 480, 1440, 2880, 5760, 10080, 20160, 43200)
BUCKETS = len(BUCKET_BOUNDS) + 1

STARS = 5  # Frappe's Rating field stores a fraction: 0.2 a star
REPEAT_DAYS = 90  # a subject asked again within this many days is a repeat
# Defaults of the settings (Onyx Support Settings overrides them)
TRAINING_THRESHOLD = 0.5  # usage-driven requests per user-month above which a client needs training
TRAINING_MIN_REQUESTS = 10  # fewer requests in the period: too few to judge
HOT_SPOT_FACTOR = 1.5  # a version reporting more than 1.5 x the network's rate is a hot spot
HOT_SPOT_MIN_ERRORS = 3  # fewer system errors: not a pattern


# --- histograms and percentiles ----------------------------------------------------------------


def bucket_of(minutes: float) -> int:
	"""The histogram bucket of a duration in minutes."""
	for index, bound in enumerate(BUCKET_BOUNDS):
		if minutes < bound:
			return index
	return len(BUCKET_BOUNDS)


def histogram_of(durations: Iterable[float]) -> list[int]:
	counts = [0] * BUCKETS
	for minutes in durations:
		counts[bucket_of(minutes)] += 1
	return counts


def _as_list(histogram, size: int = BUCKETS) -> list[int]:
	if not histogram:
		return [0] * size
	if isinstance(histogram, str):
		histogram = json.loads(histogram)
	counts = [int(count or 0) for count in histogram][:size]
	return counts + [0] * (size - len(counts))


def merge_histograms(histograms: Iterable, size: int = BUCKETS) -> list[int]:
	"""Bucket-wise sum of histograms (lists, JSON text or empty) of `size` buckets."""
	merged = [0] * size
	for histogram in histograms:
		for index, count in enumerate(_as_list(histogram, size)):
			merged[index] += count
	return merged


def channel_counts(histogram) -> dict[str, int]:
	"""A channel_histogram as {channel: requests} (channels with none left out)."""
	return {
		channel: count
		for channel, count in zip(CHANNELS, _as_list(histogram, len(CHANNELS)), strict=True)
		if count
	}


def hour_counts(histogram) -> dict[int, int]:
	"""An hour_histogram as {hour: requests} (hours with none left out)."""
	return {hour: count for hour, count in enumerate(_as_list(histogram, HOURS)) if count}


def percentile(histogram, q: float) -> float | None:
	"""The q-th quantile (0 < q <= 1) in minutes, interpolated inside its bucket; None without data.

	A quantile in the last, open bucket is its lower bound (the figure reads "at least")."""
	if not 0 < q <= 1:
		raise ValueError(q)
	counts = _as_list(histogram)
	total = sum(counts)
	if not total:
		return None
	rank = q * total
	seen = 0
	for index, count in enumerate(counts):
		if count and seen + count >= rank:
			lower = BUCKET_BOUNDS[index - 1] if index else 0
			if index == len(BUCKET_BOUNDS):
				return float(lower)
			upper = BUCKET_BOUNDS[index]
			return round(lower + (upper - lower) * (rank - seen) / count, 1)
		seen += count
	return float(BUCKET_BOUNDS[-1])


def median(histogram) -> float | None:
	return percentile(histogram, 0.5)


def p90(histogram) -> float | None:
	return percentile(histogram, 0.9)


def compliance(met: int, measured: int) -> float | None:
	"""Share met, in percent (one decimal); None when nothing was measured."""
	if not measured:
		return None
	return round(100.0 * (met or 0) / measured, 1)


def share(part: int, whole: int) -> float | None:
	"""part / whole in percent (one decimal); None for an empty whole."""
	if not whole:
		return None
	return round(100.0 * (part or 0) / whole, 1)


def average_rating(rating_sum: int, rated: int) -> float | None:
	"""Average stars (1-5, two decimals)."""
	if not rated:
		return None
	return round((rating_sum or 0) / rated, 2)


# --- client behaviour --------------------------------------------------------------------------


@dataclass(frozen=True)
class ClientLoad:
	customer: str
	requests: int
	usage_errors: int
	guidance: int
	users: int  # people using the client's systems (at least 1 is assumed)
	months: int  # months of the period


@dataclass(frozen=True)
class TrainingNeed:
	customer: str
	requests: int
	usage_driven: int  # usage errors + guidance requests
	load: float  # usage-driven requests per user-month
	usage_share: float  # usage-driven share of the client's requests, percent
	needs_training: bool  # load above the threshold
	rank: int


def usage_load(usage_driven: int, users: int, months: int) -> float:
	"""Usage-driven requests per user-month (users and months count at least 1)."""
	return round(usage_driven / (max(users, 1) * max(months, 1)), 3)


def training_need(
	clients: Iterable[ClientLoad],
	threshold: float = TRAINING_THRESHOLD,
	min_requests: int = TRAINING_MIN_REQUESTS,
) -> list[TrainingNeed]:
	"""Clients ranked by usage-driven load (usage errors + guidance per user-month), highest first;
	flagged when the load is above `threshold`. Clients with fewer than `min_requests` requests in
	the period are left out (too few to judge). Ties: higher usage share, more requests, then the
	customer's name."""
	judged = []
	for client in clients:
		if client.requests < max(min_requests, 1):
			continue
		driven = client.usage_errors + client.guidance
		judged.append(
			(
				usage_load(driven, client.users, client.months),
				share(driven, client.requests) or 0.0,
				client,
				driven,
			)
		)
	judged.sort(key=lambda row: (-row[0], -row[1], -row[2].requests, row[2].customer))
	return [
		TrainingNeed(
			customer=client.customer,
			requests=client.requests,
			usage_driven=driven,
			load=load,
			usage_share=usage_share,
			needs_training=load > threshold,
			rank=rank,
		)
		for rank, (load, usage_share, client, driven) in enumerate(judged, start=1)
	]


def repeat_share(repeat_requests: int, requests: int) -> float | None:
	return share(repeat_requests, requests)


def channel_habit(counts: Mapping[str, int]) -> tuple[str | None, float | None]:
	"""The channel the client uses most and its share of the client's requests (percent).
	Ties: the channel's name."""
	total = sum(counts.values())
	if not total:
		return None, None
	channel = min(counts, key=lambda name: (-counts[name], name))
	return channel, share(counts[channel], total)


def peak_hours(counts: Mapping[str | int, int], top: int = 3) -> list[int]:
	"""The office-local hours (0-23) the client asks in most, busiest first; ties: earlier hour."""
	hours = {int(hour): count for hour, count in counts.items() if count}
	return sorted(hours, key=lambda hour: (-hours[hour], hour))[:top]


def hour_span(hours: Iterable[int]) -> str:
	"""'09-10h, 14-15h' for hours 9 and 14."""
	return ", ".join(f"{hour:02d}-{(hour + 1) % 24:02d}h" for hour in hours)


# --- error hot spots ---------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionErrors:
	system: str
	version: str
	system_errors: int
	installations: int  # installations running it (at least 1 is assumed)


@dataclass(frozen=True)
class HotSpot:
	system: str
	version: str
	system_errors: int
	installations: int
	rate: float  # system errors per installation
	ratio: float  # rate / network rate
	is_hot_spot: bool
	rank: int


def hot_spots(
	versions: Iterable[VersionErrors],
	factor: float = HOT_SPOT_FACTOR,
	min_errors: int = HOT_SPOT_MIN_ERRORS,
) -> list[HotSpot]:
	"""Systems and versions ranked by system errors per installation running them, highest first.

	The network rate is all system errors over all installations of the list; a version is a
	hot spot when its rate is above network rate x `factor` and it has at least `min_errors`
	errors. Ties: more errors, then system and version by name."""
	versions = [v for v in versions if v.system]
	total_errors = sum(v.system_errors for v in versions)
	total_installations = sum(max(v.installations, 1) for v in versions)
	network_rate = total_errors / total_installations if total_installations else 0.0
	rated = []
	for v in versions:
		installations = max(v.installations, 1)
		rate = v.system_errors / installations
		rated.append((rate, v, installations))
	rated.sort(key=lambda row: (-row[0], -row[1].system_errors, row[1].system, row[1].version))
	return [
		HotSpot(
			system=v.system,
			version=v.version,
			system_errors=v.system_errors,
			installations=installations,
			rate=round(rate, 3),
			ratio=round(rate / network_rate, 2) if network_rate else 0.0,
			is_hot_spot=bool(network_rate)
			and rate > network_rate * factor
			and v.system_errors >= max(min_errors, 1),
			rank=rank,
		)
		for rank, (rate, v, installations) in enumerate(rated, start=1)
	]


# --- subject fingerprint -----------------------------------------------------------------------

KEY_WORDS = 4  # significant words kept, sorted
KEY_LENGTH = 140
MIN_WORD = 3  # shorter words say nothing on their own
STOP_WORDS = frozenset(
	"""
	the and for with from that this when what how does not can cannot into our your their are was were
	has have had but all any its after before again still also please need needs want help issue problem
	les des une est pas pour dans sur avec que qui par aux ses son sont plus comment faire nous vous
	problème probleme aide besoin
	من في على إلى الى عن مع هذا هذه ذلك التي الذي كيف عند بعد قبل لا لم لن ما هل او أو ثم كل تم يتم
	مشكلة مساعدة
	""".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _plain(text: str) -> str:
	"""Lower case, accents and Arabic diacritics dropped (NFKD, no combining marks)."""
	decomposed = unicodedata.normalize("NFKD", text.casefold())
	return "".join(char for char in decomposed if not unicodedata.combining(char))


def subject_key(subject: str | None) -> str:
	"""The fingerprint of a subject: lower case, no accents, digits or stop words, the first
	KEY_WORDS significant words sorted. "Invoice 2041 prints twice" and "Twice printed: invoice
	#2077" are alike only if their words are; "" when nothing significant is left."""
	if not subject:
		return ""
	words = []
	for word in _WORD.findall(_plain(subject)):
		if len(word) < MIN_WORD or word in STOP_WORDS or word in words:
			continue
		words.append(word)
		if len(words) == KEY_WORDS:
			break
	return " ".join(sorted(words))[:KEY_LENGTH]


# --- months and hours in the office's time -----------------------------------------------------


@dataclass(frozen=True)
class OffsetSpan:
	"""From `start` (inclusive) to `end` (exclusive), naive in the site's time zone, the office's
	clock reads `minutes` ahead of the site's."""

	start: datetime
	end: datetime
	minutes: int


FAR_PAST = datetime(1900, 1, 1)
FAR_FUTURE = datetime(2200, 1, 1)


def _difference(instant_utc: datetime, office: ZoneInfo, site: ZoneInfo) -> int:
	office_offset = instant_utc.astimezone(office).utcoffset()
	site_offset = instant_utc.astimezone(site).utcoffset()
	return int((office_offset - site_offset).total_seconds() // 60)


def offset_spans(office_zone: str, site_zone: str, start: date, end: date) -> list[OffsetSpan]:
	"""The offsets between the site's clock and the office's from `start` to `end` (dates), as
	spans of the site's naive time; the first and last spans reach far into the past and future.

	MariaDB's CONVERT_TZ needs its time-zone tables, which a server may not have loaded: the
	rollup joins these few spans instead (one per change of daylight-saving time)."""
	office, site = ZoneInfo(office_zone), ZoneInfo(site_zone)
	utc = ZoneInfo("UTC")
	day = datetime(start.year, start.month, start.day, tzinfo=utc) - timedelta(days=1)
	last = datetime(end.year, end.month, end.day, tzinfo=utc) + timedelta(days=2)
	current = _difference(day, office, site)
	spans, since = [], FAR_PAST
	while day < last:
		following = day + timedelta(days=1)
		if _difference(following, office, site) != current:
			# the change happened during this day: find its minute (zones change on whole minutes)
			low, high = 0, 24 * 60
			while high - low > 1:
				middle = (low + high) // 2
				if _difference(day + timedelta(minutes=middle), office, site) == current:
					low = middle
				else:
					high = middle
			instant = day + timedelta(minutes=high)
			change = instant.astimezone(site).replace(tzinfo=None)
			spans.append(OffsetSpan(since, change, current))
			since, current = change, _difference(instant, office, site)
		day = following
	spans.append(OffsetSpan(since, FAR_FUTURE, current))
	return spans


def month_start(value: date | datetime) -> date:
	return date(value.year, value.month, 1)


def add_months(value: date, months: int) -> date:
	index = value.year * 12 + value.month - 1 + months
	return date(index // 12, index % 12 + 1, 1)


def months_between(start: date, end: date) -> int:
	"""Months from start's month to end's month, both counted."""
	return (end.year - start.year) * 12 + end.month - start.month + 1
