"""Working-time arithmetic for a support office, time-zone correct.

An office works in weekly windows of local wall-clock time (several per day allowed, e.g.
08:00-12:00 and 16:00-20:00), in an IANA time zone, except on holidays (local dates).
Instants go in and come out as aware UTC datetimes. A working minute is a real elapsed minute
inside a window, so a window crossed by a daylight-saving change counts what really elapsed.

ERPNext's and Helpdesk's SLA engines evaluate hours in the server's zone with one window a day;
this module is the reason the app does not reuse them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from onyx_support.domain.errors import (
	InvalidTimeZoneError,
	InvalidWorkingWindowError,
	NaiveInstantError,
	NoWorkingTimeError,
	OverlappingWorkingWindowsError,
)

UTC = timezone.utc
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Search horizon: a calendar whose next working minute lies further than this is treated as
# having none (e.g. every day a holiday). Ten years covers any real SLA.
MAX_SEARCH_DAYS = 3660


@dataclass(frozen=True, order=True)
class WorkingWindow:
	"""One stretch of working time on a weekday (0 = Monday), local wall-clock time.

	`end` may be time(0, 0) to mean midnight at the end of the day.
	"""

	weekday: int
	start: time
	end: time

	@property
	def ends_at_midnight(self) -> bool:
		return self.end == time(0, 0)

	def minutes(self) -> int:
		end_minutes = 24 * 60 if self.ends_at_midnight else self.end.hour * 60 + self.end.minute
		return end_minutes - (self.start.hour * 60 + self.start.minute)


@dataclass(frozen=True)
class OfficeCalendar:
	timezone: str
	windows: tuple[WorkingWindow, ...]
	holidays: frozenset[date] = field(default_factory=frozenset)

	def __post_init__(self):
		validate_calendar(self.timezone, self.windows)
		object.__setattr__(self, "windows", tuple(sorted(self.windows)))
		object.__setattr__(self, "holidays", frozenset(self.holidays))

	@property
	def zone(self) -> ZoneInfo:
		return ZoneInfo(self.timezone)

	def windows_on(self, weekday: int) -> tuple[WorkingWindow, ...]:
		return tuple(w for w in self.windows if w.weekday == weekday)


def zone_or_error(timezone: str) -> ZoneInfo:
	try:
		return ZoneInfo(timezone)
	except (ZoneInfoNotFoundError, ValueError, TypeError):
		raise InvalidTimeZoneError(timezone)


def validate_calendar(timezone: str, windows: Iterable[WorkingWindow]) -> None:
	"""Raise a domain error for an unknown zone, an inverted/empty window or two overlapping ones."""
	zone_or_error(timezone)
	by_day: dict[int, list[WorkingWindow]] = {}
	for window in windows:
		if window.weekday not in range(7):
			raise InvalidWorkingWindowError(window)
		if window.minutes() <= 0:
			raise InvalidWorkingWindowError(window)
		by_day.setdefault(window.weekday, []).append(window)
	for day_windows in by_day.values():
		day_windows.sort(key=lambda w: w.start)
		for earlier, later in pairwise(day_windows):
			if earlier.ends_at_midnight or later.start < earlier.end:
				raise OverlappingWorkingWindowsError(earlier, later)


def _require_aware(instant: datetime) -> datetime:
	if instant.tzinfo is None or instant.utcoffset() is None:
		raise NaiveInstantError(instant)
	return instant.astimezone(UTC)


def _local_instant(day: date, wall: time, zone: ZoneInfo) -> datetime:
	"""The UTC instant of a local wall-clock time.

	fold=0 (PEP 495) maps a time skipped by a spring-forward change to the end of the gap and an
	ambiguous fall-back time to its first occurrence: the office opens when the clock says so.
	"""
	return datetime.combine(day, wall, tzinfo=zone).astimezone(UTC)


def working_intervals(calendar: OfficeCalendar, first_day: date) -> Iterator[tuple[datetime, datetime]]:
	"""Yield the office's working intervals as UTC (start, end) pairs, in order, from a local date on."""
	zone = calendar.zone
	for offset in range(MAX_SEARCH_DAYS):
		day = first_day + timedelta(days=offset)
		if day in calendar.holidays:
			continue
		for window in calendar.windows_on(day.weekday()):
			start = _local_instant(day, window.start, zone)
			end_day = day + timedelta(days=1) if window.ends_at_midnight else day
			end = _local_instant(end_day, window.end, zone)
			if end > start:
				yield start, end


def working_intervals_backwards(
	calendar: OfficeCalendar, last_day: date
) -> Iterator[tuple[datetime, datetime]]:
	"""The working intervals from a local date backwards, latest first."""
	zone = calendar.zone
	for offset in range(MAX_SEARCH_DAYS):
		day = last_day - timedelta(days=offset)
		if day in calendar.holidays:
			continue
		for window in reversed(calendar.windows_on(day.weekday())):
			start = _local_instant(day, window.start, zone)
			end_day = day + timedelta(days=1) if window.ends_at_midnight else day
			end = _local_instant(end_day, window.end, zone)
			if end > start:
				yield start, end


def subtract_working_minutes(calendar: OfficeCalendar, end: datetime, minutes: float) -> datetime:
	"""The latest instant from which `minutes` working minutes elapse by `end`."""
	end = _require_aware(end)
	if minutes < 0:
		raise ValueError("minutes must not be negative")
	if minutes == 0:
		return end
	remaining = timedelta(minutes=minutes)
	last_day = end.astimezone(calendar.zone).date() + timedelta(days=1)
	for interval_start, interval_end in working_intervals_backwards(calendar, last_day):
		if interval_start >= end:
			continue
		finish = min(interval_end, end)
		available = finish - interval_start
		if remaining <= available:
			return finish - remaining
		remaining -= available
	raise NoWorkingTimeError(calendar.timezone)


def add_working_minutes(calendar: OfficeCalendar, start: datetime, minutes: float) -> datetime:
	"""The UTC instant reached after `minutes` working minutes counted from `start`.

	Zero minutes from an instant outside hours stays at that instant: nothing has to elapse.
	"""
	start = _require_aware(start)
	if minutes < 0:
		raise ValueError("minutes must not be negative")
	if minutes == 0:
		return start
	remaining = timedelta(minutes=minutes)
	first_day = start.astimezone(calendar.zone).date() - timedelta(days=1)
	for interval_start, interval_end in working_intervals(calendar, first_day):
		if interval_end <= start:
			continue
		begin = max(interval_start, start)
		available = interval_end - begin
		if remaining <= available:
			return begin + remaining
		remaining -= available
	raise NoWorkingTimeError(calendar.timezone)


def working_minutes_between(calendar: OfficeCalendar, start: datetime, end: datetime) -> float:
	"""Working minutes elapsed from `start` to `end` (0 when end is not after start)."""
	start, end = _require_aware(start), _require_aware(end)
	if end <= start:
		return 0.0
	total = timedelta()
	first_day = start.astimezone(calendar.zone).date() - timedelta(days=1)
	for interval_start, interval_end in working_intervals(calendar, first_day):
		if interval_start >= end:
			break
		overlap = min(interval_end, end) - max(interval_start, start)
		if overlap > timedelta():
			total += overlap
	return total.total_seconds() / 60


def is_working_instant(calendar: OfficeCalendar, instant: datetime) -> bool:
	try:
		return next_working_instant(calendar, instant) == _require_aware(instant)
	except NoWorkingTimeError:
		return False


def next_working_instant(calendar: OfficeCalendar, instant: datetime) -> datetime:
	"""The instant itself when the office is working, else the start of its next window."""
	instant = _require_aware(instant)
	first_day = instant.astimezone(calendar.zone).date() - timedelta(days=1)
	for interval_start, interval_end in working_intervals(calendar, first_day):
		if interval_end > instant:
			return max(interval_start, instant)
	raise NoWorkingTimeError(calendar.timezone)


def describe_week(calendar: OfficeCalendar) -> list[tuple[int, list[tuple[time, time]]]]:
	"""The week as (weekday, [(start, end), ...]) in local time, for display; closed days omitted."""
	week = []
	for weekday in range(7):
		windows = calendar.windows_on(weekday)
		if windows:
			week.append((weekday, [(w.start, w.end) for w in windows]))
	return week
