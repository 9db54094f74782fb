"""What the public presence-and-contact page says about an office, as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from onyx_support.domain.business_calendar import WEEKDAYS, OfficeCalendar, describe_week


@dataclass(frozen=True)
class DayHours:
	weekdays: tuple[str, ...]  # consecutive weekdays sharing the same windows
	windows: tuple[tuple[str, str], ...]  # ("08:00", "12:00"), local time


def _clock(value: time) -> str:
	return "24:00" if value == time(0, 0) else value.strftime("%H:%M")


# The week as people read it in the region: starting on Saturday.
DISPLAY_ORDER = (5, 6, 0, 1, 2, 3, 4)


def group_week(calendar: OfficeCalendar) -> list[DayHours]:
	"""Working hours grouped by runs of days with identical windows, e.g. Sun-Thu 08:00-12:00."""
	by_day = {
		weekday: tuple((_clock(s), _clock(e)) for s, e in windows)
		for weekday, windows in describe_week(calendar)
	}
	groups: list[DayHours] = []
	run: list[str] = []
	current: tuple | None = None
	for weekday in DISPLAY_ORDER:
		windows = by_day.get(weekday)
		if windows and windows == current:
			run.append(WEEKDAYS[weekday])
			continue
		if run and current:
			groups.append(DayHours(tuple(run), current))
		run, current = ([WEEKDAYS[weekday]], windows) if windows else ([], None)
	if run and current:
		groups.append(DayHours(tuple(run), current))
	return groups


def utc_offset_label(calendar: OfficeCalendar, at: datetime) -> str:
	offset = at.astimezone(calendar.zone).utcoffset()
	minutes = int(offset.total_seconds() // 60)
	sign = "+" if minutes >= 0 else "-"
	minutes = abs(minutes)
	return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
