"""SLA clocks on office calendars: expected instants written out, in UTC."""

from datetime import date, datetime, time, timezone

import pytest

from onyx_support.domain.business_calendar import OfficeCalendar, WorkingWindow, subtract_working_minutes
from onyx_support.domain.sla import (
	SlaStatus,
	SlaTarget,
	clock_status,
	deadlines,
	next_check,
	overall_status,
	pick_target,
	shift_after_pause,
	warning_instant,
)

UTC = timezone.utc
SUN, MON, TUE, WED, THU = 6, 0, 1, 2, 3


def utc(*args):
	return datetime(*args, tzinfo=UTC)


def sanaa(holidays=()):
	windows = [WorkingWindow(d, time(8), time(12)) for d in (SUN, MON, TUE, WED, THU)]
	windows += [WorkingWindow(d, time(16), time(20)) for d in (SUN, MON, TUE, WED, THU)]
	return OfficeCalendar("Asia/Aden", tuple(windows), frozenset(holidays))


CAIRO = OfficeCalendar(
	"Africa/Cairo", tuple(WorkingWindow(d, time(9), time(17)) for d in (SUN, MON, TUE, WED, THU))
)
HIGH = SlaTarget("High", None, 60, 480)


def test_deadlines_across_the_weekend_in_utc_plus_3():
	# Opened Thursday 3 Dec 2026 19:30 in Sanaa (16:30 UTC); half an hour left that evening.
	due = deadlines(sanaa(), utc(2026, 12, 3, 16, 30), HIGH)
	assert due.first_response_due == utc(2026, 12, 6, 5, 30)  # Sunday 08:30 local
	assert due.resolution_due == utc(2026, 12, 6, 16, 30)  # Sunday 19:30 local, after the midday break


def test_deadlines_skip_a_holiday():
	due = deadlines(sanaa(holidays={date(2026, 12, 6)}), utc(2026, 12, 3, 16, 30), HIGH)
	assert due.first_response_due == utc(2026, 12, 7, 5, 30)
	assert due.resolution_due == utc(2026, 12, 7, 16, 30)


def test_opened_outside_hours_starts_at_opening():
	# Opened Saturday (weekend) 10:00 UTC: the clock starts Sunday 08:00 local = 05:00 UTC.
	due = deadlines(sanaa(), utc(2026, 12, 5, 10, 0), HIGH)
	assert due.first_response_due == utc(2026, 12, 6, 6, 0)


def test_deadline_across_dst_start_in_cairo():
	# Thursday 23 Apr 2026 13:00 EET (11:00 UTC): 4 h that day, then Sunday 26 Apr from 09:00
	# EEST (06:00 UTC) + 4 h.
	due = deadlines(CAIRO, utc(2026, 4, 23, 11, 0), HIGH)
	assert due.resolution_due == utc(2026, 4, 26, 10, 0)


def test_pause_and_resume_keep_the_working_time_left():
	calendar = sanaa()
	opened = utc(2026, 11, 29, 5, 0)  # Sunday 08:00 local
	due = deadlines(calendar, opened, HIGH).resolution_due
	assert due == utc(2026, 11, 29, 17, 0)  # Sunday 20:00 local
	# Paused at 10:00 local with 6 working hours left; resumed Monday 09:00 local.
	resumed = shift_after_pause(calendar, due, utc(2026, 11, 29, 7, 0), utc(2026, 11, 30, 6, 0))
	assert resumed == utc(2026, 11, 30, 16, 0)  # Monday 19:00 local


def test_a_breach_is_not_undone_by_a_pause():
	calendar = sanaa()
	due = utc(2026, 11, 29, 6, 0)
	assert shift_after_pause(calendar, due, utc(2026, 11, 29, 7, 0), utc(2026, 11, 30, 6, 0)) == due


def test_clock_status():
	calendar = sanaa()
	due = utc(2026, 11, 29, 17, 0)  # Sunday 20:00 local
	assert clock_status(calendar, utc(2026, 11, 29, 5, 0), due, None, 60) == SlaStatus.ON_TRACK
	# 16:30 local: 3.5 working hours left but the midday break is not counted -> still on track
	assert clock_status(calendar, utc(2026, 11, 29, 13, 30), due, None, 60) == SlaStatus.ON_TRACK
	assert clock_status(calendar, utc(2026, 11, 29, 16, 10), due, None, 60) == SlaStatus.AT_RISK
	assert clock_status(calendar, utc(2026, 11, 29, 17, 1), due, None, 60) == SlaStatus.BREACHED
	assert (
		clock_status(calendar, utc(2026, 11, 29, 18, 0), due, utc(2026, 11, 29, 16, 59), 60) == SlaStatus.MET
	)
	assert (
		clock_status(calendar, utc(2026, 11, 29, 18, 0), due, utc(2026, 11, 29, 17, 30), 60)
		== SlaStatus.BREACHED
	)
	assert clock_status(calendar, utc(2026, 11, 29, 6, 0), due, None, 60, paused=True) == SlaStatus.PAUSED
	assert clock_status(calendar, utc(2026, 11, 29, 6, 0), None, None, 60) is None


def test_at_risk_counts_working_minutes_not_wall_clock():
	# Thursday 19:30 local, due Sunday 08:30 local: 60 working minutes left over a weekend.
	calendar = sanaa()
	assert (
		clock_status(calendar, utc(2026, 12, 3, 16, 30), utc(2026, 12, 6, 5, 30), None, 60)
		== SlaStatus.AT_RISK
	)
	assert (
		clock_status(calendar, utc(2026, 12, 3, 16, 30), utc(2026, 12, 6, 5, 30), None, 59)
		== SlaStatus.ON_TRACK
	)


def test_overall_status_is_the_worst_clock():
	assert overall_status(SlaStatus.MET, SlaStatus.AT_RISK) == SlaStatus.AT_RISK
	assert overall_status(SlaStatus.BREACHED, SlaStatus.ON_TRACK) == SlaStatus.BREACHED
	assert overall_status(SlaStatus.PAUSED, SlaStatus.MET) == SlaStatus.PAUSED
	assert overall_status(SlaStatus.MET, SlaStatus.MET) == SlaStatus.MET
	assert overall_status(None, None) is None


def test_warning_instant_and_next_check():
	calendar = sanaa()
	due = utc(2026, 12, 6, 5, 30)  # Sunday 08:30 local
	# 60 working minutes before: 30 on Sunday morning, 30 on Thursday evening -> Thursday 19:30 local
	assert warning_instant(calendar, due, 60) == utc(2026, 12, 3, 16, 30)
	assert next_check(calendar, utc(2026, 12, 3, 10, 0), [(due, 60)]) == utc(2026, 12, 3, 16, 30)
	assert next_check(calendar, utc(2026, 12, 4, 10, 0), [(due, 60)]) == due
	assert next_check(calendar, utc(2026, 12, 7, 0, 0), [(due, 60)]) is None


def test_subtract_is_the_inverse_of_add():
	calendar = sanaa()
	# Monday 19:00 local back 6 working hours: 16:00-19:00, then 09:00-12:00 -> Monday 09:00 local
	assert subtract_working_minutes(calendar, utc(2026, 11, 30, 16, 0), 360) == utc(2026, 11, 30, 6, 0)


def test_pick_target_prefers_the_reason_specific_one():
	targets = [
		SlaTarget("Low", None, 480, 2400),
		SlaTarget("Low", "Update Delivery", 960, 4800),
		SlaTarget("High", None, 60, 480),
	]
	assert pick_target(targets, "Low", "Update Delivery").resolution_minutes == 4800
	assert pick_target(targets, "Low", "Error").resolution_minutes == 2400
	assert pick_target(targets, "Urgent", "Error") is None


@pytest.mark.parametrize("minutes", [1, 30, 240, 481, 2000])
def test_warning_instant_leaves_exactly_the_warning(minutes):
	from onyx_support.domain.business_calendar import working_minutes_between

	calendar = sanaa()
	due = utc(2026, 12, 10, 14, 0)
	assert working_minutes_between(calendar, warning_instant(calendar, due, minutes), due) == pytest.approx(
		minutes
	)


def test_warning_is_at_most_half_the_target():
	from onyx_support.domain.sla import effective_warning

	assert effective_warning(60, 30) == 15
	assert effective_warning(60, 480) == 60
