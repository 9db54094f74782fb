"""The office business calendar: expected instants written out, in UTC."""

from datetime import date, datetime, time, timezone

import pytest

from onyx_support.domain.business_calendar import (
	OfficeCalendar,
	WorkingWindow,
	add_working_minutes,
	is_working_instant,
	next_working_instant,
	working_minutes_between,
)
from onyx_support.domain.errors import (
	InvalidTimeZoneError,
	InvalidWorkingWindowError,
	NaiveInstantError,
	NoWorkingTimeError,
	OverlappingWorkingWindowsError,
)

UTC = timezone.utc
SUN, MON, TUE, WED, THU, FRI, SAT = 6, 0, 1, 2, 3, 4, 5


def utc(*args):
	return datetime(*args, tzinfo=UTC)


def two_window_week(days, timezone, holidays=()):
	windows = []
	for day in days:
		windows += [WorkingWindow(day, time(8), time(12)), WorkingWindow(day, time(16), time(20))]
	return OfficeCalendar(timezone, tuple(windows), frozenset(holidays))


# Sanaa: UTC+3 all year, weekend Friday and Saturday, two windows a day (08-12, 16-20 local).
SANAA = two_window_week((SUN, MON, TUE, WED, THU), "Asia/Aden")
# Cairo: Egypt keeps daylight saving time (UTC+2 in winter, UTC+3 from the last Friday of April
# to the last Thursday of October); one window 09-17, weekend Friday and Saturday.
CAIRO = OfficeCalendar(
	"Africa/Cairo", tuple(WorkingWindow(day, time(9), time(17)) for day in (SUN, MON, TUE, WED, THU))
)


def test_inside_the_first_window():
	# Sunday 29 Nov 2026, 08:30 in Sanaa = 05:30 UTC
	assert add_working_minutes(SANAA, utc(2026, 11, 29, 5, 30), 60) == utc(2026, 11, 29, 6, 30)


def test_two_windows_a_day_skip_the_midday_break():
	# 11:30 local: 30 min to noon, then 30 min from 16:00 local (13:00 UTC)
	assert add_working_minutes(SANAA, utc(2026, 11, 29, 8, 30), 60) == utc(2026, 11, 29, 13, 30)


def test_weekend_is_skipped():
	# Thursday 3 Dec 19:30 local: 30 min to 20:00, Friday and Saturday off, Sunday 08:00 local + 30
	assert add_working_minutes(SANAA, utc(2026, 12, 3, 16, 30), 60) == utc(2026, 12, 6, 5, 30)


def test_holiday_is_skipped():
	calendar = two_window_week((SUN, MON, TUE, WED, THU), "Asia/Aden", holidays={date(2026, 12, 6)})
	assert add_working_minutes(calendar, utc(2026, 12, 3, 16, 30), 60) == utc(2026, 12, 7, 5, 30)


def test_start_outside_hours_waits_for_the_office_to_open():
	# Wednesday 2 Dec 05:00 local (02:00 UTC): the office opens at 08:00 local = 05:00 UTC
	assert add_working_minutes(SANAA, utc(2026, 12, 2, 2, 0), 10) == utc(2026, 12, 2, 5, 10)


def test_start_late_at_night_local_time_crosses_the_utc_date():
	# Sunday 29 Nov 22:30 UTC is Monday 01:30 in Sanaa: next opening Monday 08:00 local = 05:00 UTC
	assert add_working_minutes(SANAA, utc(2026, 11, 29, 22, 30), 15) == utc(2026, 11, 30, 5, 15)


def test_long_target_spans_several_days():
	# 8 working hours a day: 20 hours from Sunday opening end Tuesday 12:00 local (09:00 UTC)
	assert add_working_minutes(SANAA, utc(2026, 11, 29, 5, 0), 20 * 60) == utc(2026, 12, 1, 9, 0)


def test_zero_minutes_is_the_start_itself():
	assert add_working_minutes(SANAA, utc(2026, 12, 4, 10, 0), 0) == utc(2026, 12, 4, 10, 0)


def test_dst_starts_in_cairo():
	# Thursday 23 Apr 2026 16:00 EET (UTC+2) = 14:00 UTC; one hour left that day; Friday 24 Apr
	# clocks go forward; Sunday 26 Apr opens 09:00 EEST (UTC+3) = 06:00 UTC.
	assert add_working_minutes(CAIRO, utc(2026, 4, 23, 14, 0), 120) == utc(2026, 4, 26, 7, 0)


def test_dst_ends_in_cairo():
	# Thursday 29 Oct 2026 16:00 EEST = 13:00 UTC; clocks go back that night; Sunday 1 Nov opens
	# 09:00 EET (UTC+2) = 07:00 UTC.
	assert add_working_minutes(CAIRO, utc(2026, 10, 29, 13, 0), 120) == utc(2026, 11, 1, 8, 0)


def test_window_inside_the_spring_forward_gap_counts_what_really_elapses():
	# Friday 24 Apr 2026 00:00 does not exist in Cairo (00:00 -> 01:00): a 00:00-02:00 window
	# opens at 01:00 EEST = 22:00 UTC on the 23rd and lasts one real hour.
	night = OfficeCalendar("Africa/Cairo", (WorkingWindow(FRI, time(0), time(2)),))
	assert working_minutes_between(night, utc(2026, 4, 23, 12, 0), utc(2026, 4, 24, 12, 0)) == 60
	assert next_working_instant(night, utc(2026, 4, 23, 12, 0)) == utc(2026, 4, 23, 22, 0)


def test_working_minutes_between_two_instants():
	# Sunday 29 Nov, 05:00 to 17:00 UTC = 08:00 to 20:00 in Sanaa: 4 h + 4 h
	assert working_minutes_between(SANAA, utc(2026, 11, 29, 5, 0), utc(2026, 11, 29, 17, 0)) == 480
	# across the weekend: Thursday 19:00 local to Sunday 09:00 local = 60 + 60
	assert working_minutes_between(SANAA, utc(2026, 12, 3, 16, 0), utc(2026, 12, 6, 6, 0)) == 120
	assert working_minutes_between(SANAA, utc(2026, 12, 6, 6, 0), utc(2026, 12, 3, 16, 0)) == 0


def test_add_and_between_agree():
	start = utc(2026, 12, 2, 7, 17)
	for minutes in (1, 59, 240, 481, 3000):
		end = add_working_minutes(SANAA, start, minutes)
		assert working_minutes_between(SANAA, start, end) == pytest.approx(minutes)


def test_window_ending_at_midnight():
	late = OfficeCalendar("UTC", (WorkingWindow(MON, time(22), time(0)),))
	# Monday 30 Nov 2026 23:30 UTC + 60 min: 30 that night, 30 the next Monday night
	assert add_working_minutes(late, utc(2026, 11, 30, 23, 30), 60) == utc(2026, 12, 7, 22, 30)


def test_is_working_instant():
	assert is_working_instant(SANAA, utc(2026, 11, 29, 6, 0))
	assert not is_working_instant(SANAA, utc(2026, 11, 29, 10, 0))  # 13:00 local: midday break
	assert not is_working_instant(SANAA, utc(2026, 12, 4, 6, 0))  # Friday


def test_unknown_time_zone_is_refused():
	with pytest.raises(InvalidTimeZoneError):
		OfficeCalendar("Mars/Olympus_Mons", (WorkingWindow(MON, time(8), time(12)),))


def test_inverted_window_is_refused():
	with pytest.raises(InvalidWorkingWindowError):
		OfficeCalendar("Asia/Aden", (WorkingWindow(MON, time(12), time(8)),))


def test_overlapping_windows_are_refused():
	with pytest.raises(OverlappingWorkingWindowsError):
		OfficeCalendar(
			"Asia/Aden", (WorkingWindow(MON, time(8), time(12)), WorkingWindow(MON, time(11), time(14)))
		)


def test_naive_instant_is_refused():
	with pytest.raises(NaiveInstantError):
		add_working_minutes(SANAA, datetime(2026, 11, 29, 8, 0), 10)


def test_calendar_without_windows_has_no_working_time():
	with pytest.raises(NoWorkingTimeError):
		add_working_minutes(OfficeCalendar("UTC", ()), utc(2026, 1, 1), 10)
