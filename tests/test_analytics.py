"""The analyses' rules on hand-made data: percentiles from histograms, compliance, the ranked
training-need list, error hot spots, client habits, subject fingerprints and office clocks.
Expected figures and rankings are written out."""

from datetime import date, datetime

import pytest

from onyx_support.domain.analytics import (
	BUCKET_BOUNDS,
	BUCKETS,
	FAR_FUTURE,
	FAR_PAST,
	ClientLoad,
	OffsetSpan,
	VersionErrors,
	add_months,
	average_rating,
	bucket_of,
	channel_habit,
	compliance,
	histogram_of,
	hot_spots,
	hour_span,
	median,
	merge_histograms,
	month_start,
	months_between,
	offset_spans,
	p90,
	peak_hours,
	percentile,
	share,
	subject_key,
	training_need,
	usage_load,
)

# --- histograms --------------------------------------------------------------------------------


def test_buckets_are_upper_bound_exclusive():
	minutes = (0, 14.9, 15, 29, 30, 479, 480, 1439, 1440, 43199, 43200, 10**6)
	assert [bucket_of(m) for m in minutes] == [0, 0, 1, 1, 2, 5, 6, 6, 7, 11, 12, 12]
	assert BUCKETS == len(BUCKET_BOUNDS) + 1


def test_histogram_of_durations():
	assert histogram_of([5, 20, 45, 45, 100_000]) == [1, 1, 2] + [0] * 9 + [1]


def test_merge_reads_lists_json_and_nothing():
	merged = merge_histograms(["[1, 2]", [0, 1, 1], None, ""])
	assert merged == [1, 3, 1] + [0] * (BUCKETS - 3)


# two under 15 minutes, two in [15, 30), four in [30, 60), two in [60, 120)
TEN = [2, 2, 4, 2] + [0] * (BUCKETS - 4)


def test_median_interpolates_inside_its_bucket():
	# rank 5 of 10: 4 seen before [30, 60), one of its four -> 30 + 30 * 1/4
	assert median(TEN) == 37.5


def test_p90_interpolates_inside_its_bucket():
	# rank 9: 8 seen before [60, 120), one of its two -> 60 + 60 * 1/2
	assert p90(TEN) == 90.0


def test_percentile_of_the_first_bucket_starts_at_zero():
	assert percentile([4] + [0] * (BUCKETS - 1), 0.5) == 7.5


def test_percentile_in_the_open_bucket_is_its_lower_bound():
	assert median([0] * (BUCKETS - 1) + [3]) == 43200.0


def test_percentile_without_data_is_none():
	assert median([0] * BUCKETS) is None
	assert p90(None) is None


def test_percentile_refuses_a_quantile_outside_0_1():
	with pytest.raises(ValueError):
		percentile(TEN, 1.5)


def test_compliance_and_shares():
	assert compliance(7, 8) == 87.5
	assert compliance(0, 3) == 0.0
	assert compliance(0, 0) is None
	assert share(1, 3) == 33.3
	assert share(2, 0) is None
	assert average_rating(13, 3) == 4.33
	assert average_rating(0, 0) is None


# --- training need -----------------------------------------------------------------------------


def client(name, requests, usage, guidance, users, months=12):
	return ClientLoad(name, requests, usage, guidance, users, months)


CLIENTS = [
	client("Aden Port Trading", 60, 20, 16, 4),  # 36 / (4 x 12) = 0.75
	client("Sanaa Pharmaceuticals", 40, 10, 14, 2),  # 24 / 24 = 1.0
	client("Riyadh Food Industries", 120, 12, 12, 10),  # 24 / 120 = 0.2
	client("Mukalla Hotels Group", 9, 9, 0, 1),  # 9 requests: too few to judge
	client("Cairo Textile Company", 30, 6, 6, 2),  # 0.5, 40 % usage-driven
	client("Alexandria Logistics", 24, 8, 4, 2),  # 0.5, 50 %, 24 requests
	client("Khartoum Cement", 24, 2, 10, 2),  # 0.5, 50 %, 24 requests: after Alexandria by name
]


def test_training_need_ranking_and_flags():
	ranked = training_need(CLIENTS, threshold=0.5, min_requests=10)
	assert [(n.rank, n.customer, n.load, n.needs_training) for n in ranked] == [
		(1, "Sanaa Pharmaceuticals", 1.0, True),
		(2, "Aden Port Trading", 0.75, True),
		(3, "Alexandria Logistics", 0.5, False),  # at the threshold is not above it
		(4, "Khartoum Cement", 0.5, False),
		(5, "Cairo Textile Company", 0.5, False),
		(6, "Riyadh Food Industries", 0.2, False),
	]
	first = ranked[0]
	assert (first.requests, first.usage_driven, first.usage_share) == (40, 24, 60.0)


def test_training_need_with_a_lower_threshold_flags_more():
	flagged = [n.customer for n in training_need(CLIENTS, threshold=0.4) if n.needs_training]
	assert flagged == [
		"Sanaa Pharmaceuticals",
		"Aden Port Trading",
		"Alexandria Logistics",
		"Khartoum Cement",
		"Cairo Textile Company",
	]


def test_training_need_minimum_requests_excludes_small_clients():
	assert "Mukalla Hotels Group" in [n.customer for n in training_need(CLIENTS, min_requests=5)]
	assert [n.customer for n in training_need(CLIENTS, min_requests=50)] == [
		"Aden Port Trading",
		"Riyadh Food Industries",
	]


def test_usage_load_counts_at_least_one_user_and_month():
	assert usage_load(6, 0, 0) == 6.0
	assert usage_load(6, 3, 2) == 1.0


def test_training_need_of_nobody():
	assert training_need([]) == []


# --- error hot spots ---------------------------------------------------------------------------

VERSIONS = [
	VersionErrors("ONYX-ERP", "15.1", 12, 3),  # 4.0 per installation
	VersionErrors("ONYX-ERP", "15.2", 6, 6),  # 1.0
	VersionErrors("ONYX-ACC", "12.4", 2, 1),  # 2.0
	VersionErrors("ONYX-POS", "3.0", 0, 5),  # 0
	VersionErrors("ONYX-HR", "6.0", 4, 0),  # no installation left on it: counts as one -> 4.0
]
# network: 24 errors over 16 installations = 1.5; x 1.5 = 2.25


def test_hot_spots_ranking_and_flags():
	ranked = hot_spots(VERSIONS, factor=1.5, min_errors=3)
	assert [(s.rank, s.system, s.version, s.rate, s.is_hot_spot) for s in ranked] == [
		(1, "ONYX-ERP", "15.1", 4.0, True),  # same rate as HR 6.0, more errors
		(2, "ONYX-HR", "6.0", 4.0, True),
		(3, "ONYX-ACC", "12.4", 2.0, False),  # under 2.25
		(4, "ONYX-ERP", "15.2", 1.0, False),
		(5, "ONYX-POS", "3.0", 0.0, False),
	]
	assert ranked[0].ratio == 2.67
	assert ranked[1].installations == 1


def test_hot_spots_need_enough_errors():
	ranked = hot_spots(VERSIONS, factor=1.5, min_errors=5)
	assert [(s.system, s.version) for s in ranked if s.is_hot_spot] == [("ONYX-ERP", "15.1")]


def test_a_higher_factor_leaves_fewer_hot_spots():
	assert [s.version for s in hot_spots(VERSIONS, factor=2.0) if s.is_hot_spot] == ["15.1", "6.0"]
	assert [s.version for s in hot_spots(VERSIONS, factor=3.0) if s.is_hot_spot] == []


def test_no_system_errors_no_hot_spot():
	ranked = hot_spots([VersionErrors("ONYX-POS", "3.0", 0, 2), VersionErrors("ONYX-ERP", "15.2", 0, 1)])
	assert [(s.system, s.is_hot_spot, s.ratio) for s in ranked] == [
		("ONYX-ERP", False, 0.0),
		("ONYX-POS", False, 0.0),
	]


# --- habits ------------------------------------------------------------------------------------


def test_channel_habit_top_channel_and_share_ties_by_name():
	assert channel_habit({"Portal": 6, "Phone": 6, "E-mail": 3}) == ("Phone", 40.0)
	assert channel_habit({"E-mail": 1}) == ("E-mail", 100.0)
	assert channel_habit({}) == (None, None)


def test_peak_hours_busiest_first_ties_earlier():
	assert peak_hours({"09": 5, "10": 7, "14": 5, "20": 1, "03": 0}) == [10, 9, 14]
	assert peak_hours({"20": 1}, top=3) == [20]
	assert hour_span([10, 9, 23]) == "10-11h, 09-10h, 23-00h"


# --- subject fingerprints ----------------------------------------------------------------------


@pytest.mark.parametrize(
	"subject, key",
	[
		("Invoice 2041 prints twice", "invoice prints twice"),
		("Twice: invoice #2077 PRINTS", "invoice prints twice"),
		("Réinstaller le module de paie", "module paie reinstaller"),
		("Reinstaller le module de PAIE !", "module paie reinstaller"),
		("How to reverse a posted journal entry", "entry journal posted reverse"),
		("مشكلة في طباعة الفاتورة", "الفاتورة طباعة"),
		("طِبَاعَة الفَاتُورَة", "الفاتورة طباعة"),  # diacritics dropped
		("The 2024 and 2025", ""),
		("", ""),
		(None, ""),
	],
)
def test_subject_key(subject, key):
	assert subject_key(subject) == key


def test_subject_key_keeps_the_first_four_significant_words_and_fits_the_column():
	assert subject_key("zeta yankee xray whiskey victor uniform") == "whiskey xray yankee zeta"
	assert len(subject_key(" ".join(["w" * 60 + chr(97 + i) for i in range(4)]))) <= 140


# --- office clocks -----------------------------------------------------------------------------


def test_cairo_against_a_sanaa_site_follows_egypts_summer_time():
	# Cairo is UTC+2 (UTC+3 from the last Friday of April to the last Thursday of October);
	# the site's clock (Asia/Aden) is UTC+3 all year.
	assert offset_spans("Africa/Cairo", "Asia/Aden", date(2024, 1, 1), date(2024, 12, 31)) == [
		OffsetSpan(FAR_PAST, datetime(2024, 4, 26, 1, 0), -60),
		OffsetSpan(datetime(2024, 4, 26, 1, 0), datetime(2024, 11, 1, 0, 0), 0),
		OffsetSpan(datetime(2024, 11, 1, 0, 0), FAR_FUTURE, -60),
	]


def test_a_zone_without_summer_time_is_one_span():
	assert offset_spans("Asia/Muscat", "Asia/Aden", date(2023, 1, 1), date(2025, 12, 31)) == [
		OffsetSpan(FAR_PAST, FAR_FUTURE, 60)
	]
	assert offset_spans("Asia/Aden", "Asia/Aden", date(2024, 1, 1), date(2024, 1, 31)) == [
		OffsetSpan(FAR_PAST, FAR_FUTURE, 0)
	]


def test_months():
	assert month_start(datetime(2024, 2, 29, 23, 59)) == date(2024, 2, 1)
	assert add_months(date(2024, 11, 1), 3) == date(2025, 2, 1)
	assert add_months(date(2024, 1, 1), -13) == date(2022, 12, 1)
	assert months_between(date(2024, 1, 31), date(2024, 12, 1)) == 12
	assert months_between(date(2024, 5, 10), date(2024, 5, 20)) == 1


def test_channel_and_hour_spreads_read_back():
	from onyx_support.domain.analytics import CHANNELS, channel_counts, hour_counts

	assert channel_counts("[2, 0, 1, 0, 0, 0]") == {"Desk": 2, "E-mail": 1}
	assert hour_counts([0] * 9 + [3, 1] + [0] * 13) == {9: 3, 10: 1}
	assert merge_histograms(["[1, 2]", [1]], size=len(CHANNELS)) == [2, 2, 0, 0, 0, 0]


def test_the_channels_are_the_requests_options():
	import json
	from pathlib import Path

	from onyx_support.domain.analytics import CHANNELS

	doctype = Path(__file__).parents[1] / "onyx_support/support_requests/doctype/support_request"
	fields = json.loads((doctype / "support_request.json").read_text())["fields"]
	options = next(f["options"] for f in fields if f["fieldname"] == "channel").split("\n")
	assert tuple(options) == CHANNELS
