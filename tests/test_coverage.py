"""Support coverage of an installation: free months, agreements, grace, billable days, dates written out."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from onyx_support.domain.coverage import (
	REASONS,
	Agreement,
	AgreementKind,
	Coverage,
	CoverageState,
	RenewalStatus,
	add_months,
	coverage,
	local_date,
	next_renewal,
	overlapping,
	period_end,
	renewal_status,
)
from onyx_support.domain.errors import (
	DomainError,
	InvalidAgreementPeriodError,
	InvalidCoverageTermsError,
	NaiveInstantError,
	UnknownAgreementKindError,
)

D = date
FREE = CoverageState.FREE_FIRST_YEAR
AGREED = CoverageState.UNDER_AGREEMENT
GRACE = CoverageState.GRACE
BILLABLE = CoverageState.BILLABLE
ADEN = ZoneInfo("Asia/Aden")
UTC = timezone.utc


def renewal(name, start, end, kind="Annual Renewal"):
	return Agreement(name, start, end, kind)


def days(first: date, last: date):
	"""Every date from first to last, both included."""
	return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def day_number(anchor: date, on: date) -> int:
	"""The anchor is day 1."""
	return (on - anchor).days + 1


# --- calendar months ---------------------------------------------------------------------------


@pytest.mark.parametrize(
	"start, months, expected",
	[
		(D(2024, 1, 31), 1, D(2024, 2, 29)),  # clamped to February's end in a leap year
		(D(2023, 1, 31), 1, D(2023, 2, 28)),
		(D(2024, 2, 29), 12, D(2025, 2, 28)),
		(D(2024, 11, 30), 3, D(2025, 2, 28)),
		(D(2025, 12, 15), 1, D(2026, 1, 15)),  # across the year
		(D(2024, 3, 31), -1, D(2024, 2, 29)),
		(D(2025, 5, 31), 0, D(2025, 5, 31)),
	],
)
def test_add_months_clamps_to_the_month_end(start, months, expected):
	assert add_months(start, months) == expected


@pytest.mark.parametrize(
	"start, months, expected",
	[
		(D(2025, 3, 1), 12, D(2026, 2, 28)),
		(D(2023, 3, 1), 12, D(2024, 2, 29)),
		(D(2024, 1, 15), 12, D(2025, 1, 14)),
		(D(2024, 2, 29), 12, D(2025, 2, 28)),  # no 29 Feb 2025: the period runs to February's end
		(D(2024, 1, 29), 1, D(2024, 2, 28)),  # 29 Feb 2024 exists: ends the day before
		(D(2024, 1, 30), 1, D(2024, 2, 29)),
		(D(2024, 1, 31), 1, D(2024, 2, 29)),  # not add_months - 1 day (28 Feb)
		(D(2025, 1, 31), 1, D(2025, 2, 28)),
		(D(2024, 3, 31), 1, D(2024, 4, 30)),
		(D(2024, 8, 31), 6, D(2025, 2, 28)),  # counted from the start, not chained month by month
	],
)
def test_period_end_is_the_day_before_the_anniversary(start, months, expected):
	assert period_end(start, months) == expected


# --- the free period ---------------------------------------------------------------------------


def test_day_365_and_366_after_a_non_leap_anchor():
	anchor = D(2025, 3, 1)
	assert day_number(anchor, D(2026, 2, 28)) == 365
	assert coverage(anchor, 12, 30, [], D(2026, 2, 28)) == Coverage(
		FREE, None, D(2026, 2, 28), D(2026, 3, 30), "first_year"
	)
	assert coverage(anchor, 12, 30, [], D(2026, 3, 1)) == Coverage(
		GRACE, None, D(2026, 2, 28), D(2026, 3, 30), "grace_after_free_period"
	)


def test_day_365_and_366_of_a_leap_first_year():
	anchor = D(2023, 3, 1)
	assert day_number(anchor, D(2024, 2, 29)) == 366
	assert coverage(anchor, 12, 30, [], D(2024, 2, 28)).state == FREE
	assert coverage(anchor, 12, 30, [], D(2024, 2, 29)) == Coverage(
		FREE, None, D(2024, 2, 29), D(2024, 3, 30), "first_year"
	)
	assert coverage(anchor, 12, 30, [], D(2024, 3, 1)).state == GRACE


def test_a_calendar_leap_year_anchor():
	anchor = D(2024, 1, 1)
	assert day_number(anchor, D(2024, 12, 31)) == 366
	assert coverage(anchor, 12, 30, [], D(2024, 12, 30)).state == FREE
	assert coverage(anchor, 12, 30, [], D(2024, 12, 31)).state == FREE
	assert coverage(anchor, 12, 30, [], D(2025, 1, 1)).state == GRACE


def test_anchor_on_29_february():
	anchor = D(2024, 2, 29)
	assert coverage(anchor, 12, 30, [], D(2024, 2, 29)).state == FREE
	assert coverage(anchor, 12, 30, [], D(2025, 2, 28)) == Coverage(
		FREE, None, D(2025, 2, 28), D(2025, 3, 30), "first_year"
	)
	assert coverage(anchor, 12, 30, [], D(2025, 3, 1)) == Coverage(
		GRACE, None, D(2025, 2, 28), D(2025, 3, 30), "grace_after_free_period"
	)


def test_other_free_months():
	assert coverage(D(2025, 3, 1), 6, 0, [], D(2025, 8, 31)).state == FREE
	assert coverage(D(2025, 3, 1), 6, 0, [], D(2025, 9, 1)).state == BILLABLE
	assert coverage(D(2025, 3, 1), 24, 0, [], D(2027, 2, 28)).state == FREE


def test_no_free_months_means_no_free_period():
	assert coverage(D(2025, 3, 1), 0, 30, [], D(2025, 3, 1)) == Coverage(
		BILLABLE, None, None, None, "no_agreement"
	)


def test_before_the_anchor_nothing_covers_yet():
	assert coverage(D(2025, 3, 1), 12, 30, [], D(2025, 2, 28)) == Coverage(
		BILLABLE, None, None, None, "before_coverage"
	)


# --- grace -------------------------------------------------------------------------------------


def test_grace_boundaries_after_the_free_period():
	anchor = D(2025, 3, 1)  # free through 2026-02-28, 30 grace days: 2026-03-01 .. 2026-03-30
	last_grace_day = coverage(anchor, 12, 30, [], D(2026, 3, 30))
	assert last_grace_day == Coverage(GRACE, None, D(2026, 2, 28), D(2026, 3, 30), "grace_after_free_period")
	assert coverage(anchor, 12, 30, [], D(2026, 3, 31)) == Coverage(
		BILLABLE, None, None, None, "no_agreement"
	)


def test_grace_boundaries_after_an_agreement():
	agreements = [renewal("AGR-1", D(2026, 3, 1), D(2027, 2, 28))]
	assert coverage(D(2025, 3, 1), 12, 15, agreements, D(2027, 3, 15)) == Coverage(
		GRACE, "AGR-1", D(2027, 2, 28), D(2027, 3, 15), "grace_after_agreement"
	)
	assert coverage(D(2025, 3, 1), 12, 15, agreements, D(2027, 3, 16)) == Coverage(
		BILLABLE, None, None, None, "no_agreement"
	)


def test_no_grace_days():
	anchor = D(2025, 3, 1)
	assert coverage(anchor, 12, 0, [], D(2026, 2, 28)) == Coverage(
		FREE, None, D(2026, 2, 28), None, "first_year"
	)
	assert coverage(anchor, 12, 0, [], D(2026, 3, 1)).state == BILLABLE


# --- agreements --------------------------------------------------------------------------------


def test_a_renewal_touching_the_free_period_continues_it():
	agreements = [renewal("AGR-1", D(2026, 3, 1), D(2027, 2, 28))]
	anchor = D(2025, 3, 1)
	assert coverage(anchor, 12, 30, agreements, D(2025, 6, 1)) == Coverage(
		FREE, None, D(2027, 2, 28), D(2027, 3, 30), "first_year"
	)
	assert coverage(anchor, 12, 30, agreements, D(2026, 3, 1)) == Coverage(
		AGREED, "AGR-1", D(2027, 2, 28), D(2027, 3, 30), "agreement"
	)


def test_an_agreement_within_the_free_period_is_named_but_the_year_stays_free():
	agreements = [renewal("AGR-0", D(2025, 3, 1), D(2026, 2, 28), "First Year")]
	assert coverage(D(2025, 3, 1), 12, 30, agreements, D(2025, 9, 1)) == Coverage(
		FREE, "AGR-0", D(2026, 2, 28), D(2026, 3, 30), "first_year"
	)
	assert coverage(D(2025, 3, 1), 12, 30, agreements, D(2026, 3, 1)) == Coverage(
		GRACE, "AGR-0", D(2026, 2, 28), D(2026, 3, 30), "grace_after_agreement"
	)


def test_a_gap_between_agreements_is_billable_after_the_grace():
	anchor = D(2024, 1, 1)  # free through 2024-12-31
	agreements = [
		renewal("AGR-1", D(2025, 1, 1), D(2025, 12, 31)),
		renewal("AGR-2", D(2026, 6, 1), D(2027, 5, 31)),
	]
	assert coverage(anchor, 12, 30, agreements, D(2025, 12, 31)) == Coverage(
		AGREED, "AGR-1", D(2025, 12, 31), D(2026, 1, 30), "agreement"
	)
	assert coverage(anchor, 12, 30, agreements, D(2026, 1, 30)).state == GRACE
	assert coverage(anchor, 12, 30, agreements, D(2026, 1, 31)) == Coverage(BILLABLE, None, None, None, "gap")
	assert coverage(anchor, 12, 30, agreements, D(2026, 5, 31)) == Coverage(BILLABLE, None, None, None, "gap")
	assert coverage(anchor, 12, 30, agreements, D(2026, 6, 1)) == Coverage(
		AGREED, "AGR-2", D(2027, 5, 31), D(2027, 6, 30), "agreement"
	)
	billable = [
		d
		for d in days(D(2024, 1, 1), D(2027, 5, 31))
		if coverage(anchor, 12, 30, agreements, d).state == BILLABLE
	]
	assert billable == days(D(2026, 1, 31), D(2026, 5, 31))


def test_touching_agreements_are_merged():
	agreements = [
		renewal("AGR-2", D(2026, 1, 1), D(2026, 12, 31)),  # given out of order on purpose
		renewal("AGR-1", D(2025, 1, 1), D(2025, 12, 31)),
	]
	on_first = coverage(D(2020, 1, 1), 12, 0, agreements, D(2025, 12, 31))
	assert on_first == Coverage(AGREED, "AGR-1", D(2026, 12, 31), None, "agreement")
	on_second = coverage(D(2020, 1, 1), 12, 0, agreements, D(2026, 1, 1))
	assert on_second == Coverage(AGREED, "AGR-2", D(2026, 12, 31), None, "agreement")


def test_overlapping_agreements_are_merged_and_the_later_one_is_named():
	agreements = [
		renewal("AGR-1", D(2025, 1, 1), D(2025, 12, 31)),
		renewal("GW-1", D(2025, 11, 1), D(2026, 2, 28), "Goodwill"),
	]
	assert coverage(D(2020, 1, 1), 12, 30, agreements, D(2025, 10, 31)) == Coverage(
		AGREED, "AGR-1", D(2026, 2, 28), D(2026, 3, 30), "agreement"
	)
	assert coverage(D(2020, 1, 1), 12, 30, agreements, D(2025, 11, 15)) == Coverage(
		AGREED, "GW-1", D(2026, 2, 28), D(2026, 3, 30), "agreement"
	)
	assert coverage(D(2020, 1, 1), 12, 30, agreements, D(2026, 3, 10)) == Coverage(
		GRACE, "GW-1", D(2026, 2, 28), D(2026, 3, 30), "grace_after_agreement"
	)


def test_a_renewal_starting_within_the_grace_is_back_dated():
	anchor = D(2025, 3, 1)  # free through 2026-02-28; grace 2026-03-01 .. 2026-03-30
	agreements = [renewal("AGR-1", D(2026, 3, 20), D(2027, 3, 19))]
	assert coverage(anchor, 12, 30, agreements, D(2026, 3, 1)) == Coverage(
		AGREED, "AGR-1", D(2027, 3, 19), D(2027, 4, 18), "agreement"
	)
	states = {coverage(anchor, 12, 30, agreements, d).state for d in days(anchor, D(2027, 3, 19))}
	assert states == {FREE, AGREED}


def test_a_renewal_starting_on_the_last_grace_day_is_back_dated():
	agreements = [renewal("AGR-1", D(2026, 3, 30), D(2027, 3, 29))]
	assert coverage(D(2025, 3, 1), 12, 30, agreements, D(2026, 3, 1)).state == AGREED


def test_a_renewal_starting_the_day_after_the_grace_is_not_back_dated():
	agreements = [renewal("AGR-1", D(2026, 3, 31), D(2027, 3, 30))]
	assert coverage(D(2025, 3, 1), 12, 30, agreements, D(2026, 3, 30)) == Coverage(
		GRACE, None, D(2026, 2, 28), D(2026, 3, 30), "grace_after_free_period"
	)
	assert coverage(D(2025, 3, 1), 12, 30, agreements, D(2026, 3, 31)).state == AGREED


def test_a_late_renewal_leaves_billable_days():
	anchor = D(2025, 3, 1)
	agreements = [renewal("AGR-1", D(2026, 4, 15), D(2027, 4, 14))]
	by_state: dict[CoverageState, list[date]] = {}
	for d in days(D(2026, 2, 27), D(2026, 4, 16)):
		by_state.setdefault(coverage(anchor, 12, 30, agreements, d).state, []).append(d)
	assert by_state[FREE] == [D(2026, 2, 27), D(2026, 2, 28)]
	assert by_state[GRACE] == days(D(2026, 3, 1), D(2026, 3, 30))
	assert by_state[BILLABLE] == days(D(2026, 3, 31), D(2026, 4, 14))
	assert by_state[AGREED] == [D(2026, 4, 15), D(2026, 4, 16)]
	assert coverage(anchor, 12, 30, agreements, D(2026, 4, 1)).reason == "gap"


def test_a_one_day_agreement_covers_its_day():
	agreements = [renewal("GW-1", D(2027, 6, 1), D(2027, 6, 1), "Goodwill")]
	assert coverage(D(2025, 3, 1), 12, 0, agreements, D(2027, 6, 1)).state == AGREED
	assert coverage(D(2025, 3, 1), 12, 0, agreements, D(2027, 6, 2)).state == BILLABLE


def test_an_agreement_before_the_anchor_is_before_coverage_until_it_starts():
	agreements = [renewal("AGR-1", D(2025, 6, 1), D(2026, 5, 31))]
	assert coverage(D(2025, 3, 1), 0, 30, agreements, D(2025, 5, 31)) == Coverage(
		BILLABLE, None, None, None, "before_coverage"
	)


def test_every_reason_is_a_known_code():
	anchor = D(2024, 1, 1)
	agreements = [
		renewal("AGR-1", D(2025, 1, 1), D(2025, 12, 31)),
		renewal("AGR-2", D(2026, 6, 1), D(2026, 6, 30)),
	]
	seen = {coverage(anchor, 12, 30, agreements, d).reason for d in days(D(2023, 12, 1), D(2026, 12, 31))}
	assert seen == set(REASONS) - {"grace_after_free_period"}


def test_state_values_are_the_select_options():
	assert [s.value for s in CoverageState] == ["Free First Year", "Under Agreement", "Grace", "Billable"]
	assert [k.value for k in AgreementKind] == ["First Year", "Annual Renewal", "Goodwill"]


# --- the office's local date -------------------------------------------------------------------


def test_local_date_in_utc_plus_3():
	assert local_date(datetime(2026, 3, 31, 21, 30, tzinfo=UTC), ADEN) == D(2026, 4, 1)
	assert local_date(datetime(2026, 3, 31, 20, 59, 59, tzinfo=UTC), ADEN) == D(2026, 3, 31)
	assert local_date(datetime(2026, 4, 1, 2, 0, tzinfo=timezone(timedelta(hours=5))), ADEN) == D(2026, 4, 1)


def test_midnight_in_the_office_flips_the_state():
	anchor = D(2025, 4, 1)  # free through 2026-03-31
	instant = datetime(2026, 3, 31, 21, 30, tzinfo=UTC)  # 00:30 on 1 April in Sanaa
	assert coverage(anchor, 12, 30, [], instant.date()).state == FREE  # the UTC date would be wrong
	assert coverage(anchor, 12, 30, [], local_date(instant, ADEN)).state == GRACE
	assert coverage(anchor, 12, 0, [], local_date(instant, ADEN)).state == BILLABLE


def test_local_date_refuses_a_naive_datetime():
	with pytest.raises(NaiveInstantError):
		local_date(datetime(2026, 3, 31, 21, 30), ADEN)


# --- bad input ---------------------------------------------------------------------------------


def test_an_agreement_ending_before_it_starts_is_refused():
	agreements = [renewal("AGR-9", D(2026, 3, 1), D(2026, 2, 28))]
	with pytest.raises(InvalidAgreementPeriodError) as caught:
		coverage(D(2025, 3, 1), 12, 30, agreements, D(2026, 1, 1))
	assert (caught.value.name, caught.value.start, caught.value.end) == (
		"AGR-9",
		D(2026, 3, 1),
		D(2026, 2, 28),
	)
	assert isinstance(caught.value, DomainError)
	with pytest.raises(InvalidAgreementPeriodError):
		overlapping(agreements)
	with pytest.raises(InvalidAgreementPeriodError):
		next_renewal(agreements, D(2025, 3, 1), 12, 30, D(2026, 1, 1))


def test_an_unknown_kind_is_refused():
	with pytest.raises(UnknownAgreementKindError) as caught:
		Agreement("AGR-9", D(2026, 3, 1), D(2027, 2, 28), "Lifetime")
	assert (caught.value.name, caught.value.kind) == ("AGR-9", "Lifetime")
	assert Agreement("AGR-1", D(2026, 3, 1), D(2027, 2, 28), "Goodwill").kind is AgreementKind.GOODWILL


@pytest.mark.parametrize("free_months, grace_days", [(-1, 30), (12, -1)])
def test_negative_terms_are_refused(free_months, grace_days):
	with pytest.raises(InvalidCoverageTermsError) as caught:
		coverage(D(2025, 3, 1), free_months, grace_days, [], D(2025, 3, 1))
	assert (caught.value.free_months, caught.value.grace_days) == (free_months, grace_days)


# --- overlapping -------------------------------------------------------------------------------


def test_touching_agreements_do_not_overlap():
	agreements = [
		renewal("AGR-1", D(2025, 1, 1), D(2025, 12, 31)),
		renewal("AGR-2", D(2026, 1, 1), D(2026, 12, 31)),
	]
	assert overlapping(agreements) is None


def test_a_shared_day_is_an_overlap():
	agreements = [
		renewal("NEW", D(2025, 12, 31), D(2026, 12, 30)),
		renewal("AGR-1", D(2025, 1, 1), D(2025, 12, 31)),
	]
	assert overlapping(agreements) == ("AGR-1", "NEW")


def test_an_agreement_inside_another_overlaps():
	agreements = [
		renewal("AGR-1", D(2025, 1, 1), D(2025, 12, 31)),
		renewal("AGR-2", D(2026, 1, 1), D(2026, 12, 31)),
		renewal("GW-1", D(2025, 6, 1), D(2025, 6, 30), "Goodwill"),
	]
	assert overlapping(agreements) == ("AGR-1", "GW-1")


def test_nothing_to_overlap():
	assert overlapping([]) is None
	assert overlapping([renewal("AGR-1", D(2025, 1, 1), D(2025, 12, 31))]) is None


# --- next renewal ------------------------------------------------------------------------------


def test_next_renewal_during_the_free_year_follows_it():
	assert next_renewal([], D(2025, 3, 1), 12, 30, D(2025, 10, 1)) == (D(2026, 3, 1), D(2027, 2, 28))


def test_next_renewal_in_the_grace_is_back_dated():
	assert next_renewal([], D(2025, 3, 1), 12, 30, D(2026, 3, 30)) == (D(2026, 3, 1), D(2027, 2, 28))


def test_next_renewal_after_the_grace_starts_today():
	assert next_renewal([], D(2025, 3, 1), 12, 30, D(2026, 3, 31)) == (D(2026, 3, 31), D(2027, 3, 30))


def test_next_renewal_follows_the_signed_ones():
	agreements = [renewal("AGR-1", D(2026, 3, 1), D(2027, 2, 28))]
	# 2028 is a leap year: the twelve months from 2027-03-01 end on 29 February.
	assert next_renewal(agreements, D(2025, 3, 1), 12, 30, D(2026, 5, 1)) == (D(2027, 3, 1), D(2028, 2, 29))


def test_next_renewal_without_any_cover_starts_today():
	assert next_renewal([], D(2025, 3, 1), 0, 30, D(2025, 7, 31)) == (D(2025, 7, 31), D(2026, 7, 30))
	assert next_renewal([], D(2025, 3, 1), 12, 30, D(2025, 2, 1)) == (D(2025, 2, 1), D(2026, 1, 31))


# --- renewal status ----------------------------------------------------------------------------


@pytest.mark.parametrize(
	"today, expected",
	[
		(D(2026, 2, 28), RenewalStatus.UPCOMING),
		(D(2026, 3, 1), RenewalStatus.ACTIVE),
		(D(2027, 2, 28), RenewalStatus.ACTIVE),
		(D(2027, 3, 1), RenewalStatus.GRACE),
		(D(2027, 3, 30), RenewalStatus.GRACE),
		(D(2027, 3, 31), RenewalStatus.EXPIRED),
	],
)
def test_renewal_status(today, expected):
	assert renewal_status(D(2026, 3, 1), D(2027, 2, 28), 30, today) == expected


def test_renewal_status_values():
	assert renewal_status(D(2026, 3, 1), D(2027, 2, 28), 30, D(2026, 2, 1)) == "Upcoming"
	assert [s.value for s in RenewalStatus] == ["Upcoming", "Active", "Grace", "Expired", "Cancelled"]


def test_renewal_status_without_grace_expires_the_next_day():
	assert renewal_status(D(2026, 3, 1), D(2027, 2, 28), 0, D(2027, 3, 1)) == RenewalStatus.EXPIRED


def test_a_cancelled_agreement_is_cancelled_whatever_the_date():
	assert (
		renewal_status(D(2026, 3, 1), D(2027, 2, 28), 30, D(2026, 6, 1), cancelled=True)
		== RenewalStatus.CANCELLED
	)


def test_renewal_status_refuses_an_inverted_period():
	with pytest.raises(InvalidAgreementPeriodError):
		renewal_status(D(2026, 3, 1), D(2026, 2, 1), 30, D(2026, 2, 15))
