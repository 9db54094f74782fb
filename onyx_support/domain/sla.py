"""Service-level clocks of a support request, on the serving office's business calendar.

Two clocks run from the moment a request is opened: first response and resolution. Both are
measured in the office's working minutes, stop while the request waits on the client, and are
checked again only when something can change (the warning instant or the deadline), so a
periodic sweep touches only the requests that are due.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from onyx_support.domain.business_calendar import (
	OfficeCalendar,
	add_working_minutes,
	subtract_working_minutes,
	working_minutes_between,
)


class SlaStatus(str, Enum):
	ON_TRACK = "On Track"
	AT_RISK = "At Risk"
	BREACHED = "Breached"
	MET = "Met"
	PAUSED = "Paused"


SEVERITY = {
	SlaStatus.MET: 0,
	SlaStatus.ON_TRACK: 1,
	SlaStatus.PAUSED: 1,
	SlaStatus.AT_RISK: 2,
	SlaStatus.BREACHED: 3,
}


@dataclass(frozen=True)
class SlaTarget:
	priority: str
	reason: str | None
	first_response_minutes: int
	resolution_minutes: int


@dataclass(frozen=True)
class Deadlines:
	first_response_due: datetime
	resolution_due: datetime


def pick_target(targets: Iterable[SlaTarget], priority: str, reason: str | None) -> SlaTarget | None:
	"""The target for this priority and reason, else the one for this priority and any reason."""
	general = None
	for target in targets:
		if target.priority != priority:
			continue
		if target.reason and target.reason == reason:
			return target
		if not target.reason and general is None:
			general = target
	return general


def deadlines(calendar: OfficeCalendar, opened_at: datetime, target: SlaTarget) -> Deadlines:
	return Deadlines(
		add_working_minutes(calendar, opened_at, target.first_response_minutes),
		add_working_minutes(calendar, opened_at, target.resolution_minutes),
	)


def shift_after_pause(
	calendar: OfficeCalendar, due: datetime, paused_since: datetime, resumed_at: datetime
) -> datetime:
	"""The deadline once the clock resumes: the working time left at the pause, counted from now.

	A deadline already passed when the clock stopped stays where it was: a breach is not undone.
	"""
	if due <= paused_since:
		return due
	remaining = working_minutes_between(calendar, paused_since, due)
	return add_working_minutes(calendar, max(resumed_at, paused_since), remaining)


def clock_status(
	calendar: OfficeCalendar,
	now: datetime,
	due: datetime | None,
	done_at: datetime | None,
	warning_minutes: int,
	paused: bool = False,
) -> SlaStatus | None:
	"""Status of one clock; None when the clock has no deadline."""
	if due is None:
		return None
	if done_at is not None:
		return SlaStatus.MET if done_at <= due else SlaStatus.BREACHED
	if now > due:
		return SlaStatus.BREACHED
	if paused:
		return SlaStatus.PAUSED
	if working_minutes_between(calendar, now, due) <= warning_minutes:
		return SlaStatus.AT_RISK
	return SlaStatus.ON_TRACK


def overall_status(*statuses: SlaStatus | None) -> SlaStatus | None:
	"""The worst of the clocks: a request is at risk when either clock is."""
	present = [s for s in statuses if s is not None]
	if not present:
		return None
	if SlaStatus.PAUSED in present and not {SlaStatus.AT_RISK, SlaStatus.BREACHED} & set(present):
		return SlaStatus.PAUSED
	return max(present, key=lambda s: SEVERITY[s])


def effective_warning(warning_minutes: int, target_minutes: int) -> int:
	"""Warn at most half-way through a clock: a 60-minute warning on a 30-minute first response
	would put every new request at risk the moment it arrives."""
	return min(warning_minutes, target_minutes // 2)


def warning_instant(calendar: OfficeCalendar, due: datetime, warning_minutes: int) -> datetime:
	return subtract_working_minutes(calendar, due, warning_minutes)


def next_check(
	calendar: OfficeCalendar, now: datetime, open_clocks: Iterable[tuple[datetime, int]]
) -> datetime | None:
	"""When the status of these running clocks, given as (deadline, warning minutes), can next
	change: a warning instant or a deadline."""
	moments = []
	for due, warning_minutes in open_clocks:
		warn_at = warning_instant(calendar, due, warning_minutes)
		moments += [m for m in (warn_at, due) if m > now]
	return min(moments) if moments else None
