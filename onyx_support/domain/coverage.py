"""Whether support for an installation is free, covered by an agreement, in grace or billable.

The customer's rule: support is free for the first months after the installation's anchor (its
purchase or go-live date, the caller's choice); after that it is invoiced only to clients who did
not renew the annual agreement through their subsidiary or distributor. Everything here works on
local dates of the serving office (`local_date`), so a request opened at 00:30 in Sanaa counts on
the Sanaa day, whatever the server's or UTC's date.

Periods are inclusive of both ends. The free period and the agreements are pieces of cover;
pieces that overlap or touch are merged into one covered span. After a span ends, the office's
grace days are Grace, then every uncovered day is Billable.

A renewal that starts within the grace after a span is back-dated to the day after that span: the
client who renews a little late is never billed for the days in between. A renewal that starts
after the grace starts on its own date; the grace days before it stay Grace and the days between
the grace and the renewal are Billable.

Pure Python on plain values; the Frappe glue maps `Coverage.reason` to a translated sentence.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from enum import Enum
from itertools import pairwise

from onyx_support.domain.errors import (
	InvalidAgreementPeriodError,
	InvalidCoverageTermsError,
	NaiveInstantError,
	UnknownAgreementKindError,
)

ONE_DAY = timedelta(days=1)
RENEWAL_MONTHS = 12

# The codes `Coverage.reason` takes; the glue has one translated sentence for each.
REASONS = (
	"first_year",  # within the free period after the anchor
	"agreement",  # within an agreement (a renewal back-dated into a grace counts from its new start)
	"grace_after_free_period",  # the free period ended less than the grace days ago
	"grace_after_agreement",  # an agreement ended less than the grace days ago
	"gap",  # billable: the cover lapsed and a later agreement has not started yet
	"no_agreement",  # billable: the cover lapsed and no later agreement exists
	"before_coverage",  # billable: nothing covered the installation yet (before the anchor, no free months)
)


class CoverageState(str, Enum):
	FREE_FIRST_YEAR = "Free First Year"
	UNDER_AGREEMENT = "Under Agreement"
	GRACE = "Grace"
	BILLABLE = "Billable"


class AgreementKind(str, Enum):
	FIRST_YEAR = "First Year"
	ANNUAL_RENEWAL = "Annual Renewal"
	GOODWILL = "Goodwill"


class RenewalStatus(str, Enum):
	UPCOMING = "Upcoming"
	ACTIVE = "Active"
	GRACE = "Grace"
	EXPIRED = "Expired"
	CANCELLED = "Cancelled"


@dataclass(frozen=True)
class Agreement:
	"""One agreement that is not cancelled (cancelled ones are not passed in).

	The kind does not change the cover (a goodwill month covers like a renewal); it is kept so the
	glue can show it. A kind outside the closed list fails at once; a period that ends before it
	starts is refused by the rules (`validate_agreement`), so the glue can check a draft.
	"""

	name: str
	start: date
	end: date
	kind: AgreementKind = AgreementKind.ANNUAL_RENEWAL

	def __post_init__(self):
		try:
			object.__setattr__(self, "kind", AgreementKind(self.kind))
		except ValueError:
			raise UnknownAgreementKindError(self.name, self.kind)


@dataclass(frozen=True)
class Coverage:
	"""The installation's cover on one local date.

	`covered_until`: last day of the continuous covered span containing the date (or, in Grace,
	the one that just ended), so the glue can say "covered until"; None when Billable.
	`grace_until`: last Grace day after that span; None when Billable or when the office gives no
	grace days.
	`agreement`: the agreement covering the date (also when it falls in the free period), or in
	Grace the one that ended; None otherwise.
	"""

	state: CoverageState
	agreement: str | None
	covered_until: date | None
	grace_until: date | None
	reason: str


# --- calendar months ---------------------------------------------------------------------------


def add_months(d: date, n: int) -> date:
	"""The same day `n` calendar months later (or earlier when n < 0), clamped to the month's end:
	add_months(2024-01-31, 1) == 2024-02-29, add_months(2024-02-29, 12) == 2025-02-28."""
	months = d.year * 12 + (d.month - 1) + n
	year, month = divmod(months, 12)
	month += 1
	return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def period_end(start: date, months: int) -> date:
	"""Last day (inclusive) of a period of `months` calendar months from `start`.

	The period ends the day before the start's anniversary day `months` later. When that day does
	not exist in the target month (the 29th-31st), the anniversary is taken as the first day of the
	next month, so the period ends on the target month's last day:

	- from 2025-03-01, 12 months end 2026-02-28 (365 days); from 2023-03-01, 2024-02-29 (366);
	- from 2024-02-29, 12 months end 2025-02-28 (2025-03-01 is outside);
	- from 2024-01-31, 1 month ends 2024-02-29: the whole of February, not add_months - 1 day
	  (2024-02-28), which would end a period from the 31st earlier than one from the 30th.

	Months are counted from `start` each time, never chained from the previous month's end.
	"""
	anniversary = add_months(start, months)
	if anniversary.day < start.day:  # clamped: the real anniversary is the next month's first day
		return anniversary
	return anniversary - ONE_DAY


def local_date(instant: datetime, zone: tzinfo) -> date:
	"""The serving office's local date at an aware instant: 2026-03-31T21:30Z is 2026-04-01 in
	Asia/Aden (UTC+3). A naive datetime is refused: its date would be the server's guess."""
	if instant.tzinfo is None or instant.utcoffset() is None:
		raise NaiveInstantError(instant)
	return instant.astimezone(zone).date()


# --- validation ----------------------------------------------------------------------------------


def validate_agreement(agreement: Agreement) -> Agreement:
	if agreement.end < agreement.start:
		raise InvalidAgreementPeriodError(agreement.name, agreement.start, agreement.end)
	return agreement


def validate_terms(free_months: int, grace_days: int) -> None:
	if free_months < 0 or grace_days < 0:
		raise InvalidCoverageTermsError(free_months, grace_days)


def overlapping(agreements: Iterable[Agreement]) -> tuple[str, str] | None:
	"""The names of two agreements sharing at least one day (the earlier-starting first), or None.

	The glue passes the installation's existing agreements plus a new one to refuse the new one.
	Touching agreements (one ends the day before the other starts) do not overlap. `coverage`
	itself accepts overlaps and merges them.
	"""
	ordered = sorted((validate_agreement(a) for a in agreements), key=lambda a: (a.start, a.end, a.name))
	# Sorted by start, the first overlap is always with the agreement just before: all the earlier
	# ones are disjoint and end before it.
	for previous, agreement in pairwise(ordered):
		if agreement.start <= previous.end:
			return (previous.name, agreement.name)
	return None


# --- covered spans -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
	name: str | None  # None: the free period
	start: date  # after back-dating into a grace
	end: date

	@property
	def free(self) -> bool:
		return self.name is None


@dataclass
class _Span:
	start: date
	end: date
	pieces: list[_Piece] = field(default_factory=list)


def _spans(anchor: date, free_months: int, grace_days: int, agreements: Sequence[Agreement]) -> list[_Span]:
	"""Continuous covered spans, in order. A piece starting within the grace after the current
	span (at most `grace_days` days after its end) is back-dated to the day after that end."""
	validate_terms(free_months, grace_days)
	pieces = [_Piece(a.name, a.start, a.end) for a in map(validate_agreement, agreements)]
	if free_months > 0:
		pieces.append(_Piece(None, anchor, period_end(anchor, free_months)))
	pieces.sort(key=lambda p: (p.start, p.end, not p.free, p.name or ""))
	spans: list[_Span] = []
	for piece in pieces:
		current = spans[-1] if spans else None
		if current is not None and (piece.start - current.end).days <= max(1, grace_days):
			piece = _Piece(piece.name, min(piece.start, current.end + ONE_DAY), piece.end)
			current.end = max(current.end, piece.end)
			current.pieces.append(piece)
		else:
			spans.append(_Span(piece.start, piece.end, [piece]))
	return spans


def _latest(pieces: Iterable[_Piece]) -> _Piece | None:
	"""Of several agreements, the one that started last (then ends last): the current one."""
	return max(pieces, key=lambda p: (p.start, p.end, p.name or ""), default=None)


def _grace_until(end: date, grace_days: int) -> date | None:
	return end + timedelta(days=grace_days) if grace_days else None


def coverage(
	anchor: date, free_months: int, grace_days: int, agreements: Sequence[Agreement], on: date
) -> Coverage:
	"""The installation's cover on the office's local date `on` (see `local_date`)."""
	spans = _spans(anchor, free_months, grace_days, agreements)
	for span in spans:
		if span.start <= on <= span.end:
			covering = [p for p in span.pieces if p.start <= on <= p.end]
			agreement = _latest(p for p in covering if not p.free)
			name = agreement.name if agreement else None
			grace_until = _grace_until(span.end, grace_days)
			if any(p.free for p in covering):
				return Coverage(CoverageState.FREE_FIRST_YEAR, name, span.end, grace_until, "first_year")
			return Coverage(CoverageState.UNDER_AGREEMENT, name, span.end, grace_until, "agreement")
	before = [s for s in spans if s.end < on]
	later = any(s.start > on for s in spans)
	if before:
		span = before[-1]
		if (on - span.end).days <= grace_days:
			ended = _latest(p for p in span.pieces if not p.free and p.end == span.end)
			if ended is None:
				return Coverage(
					CoverageState.GRACE,
					None,
					span.end,
					_grace_until(span.end, grace_days),
					"grace_after_free_period",
				)
			return Coverage(
				CoverageState.GRACE,
				ended.name,
				span.end,
				_grace_until(span.end, grace_days),
				"grace_after_agreement",
			)
		return Coverage(CoverageState.BILLABLE, None, None, None, "gap" if later else "no_agreement")
	return Coverage(CoverageState.BILLABLE, None, None, None, "before_coverage" if later else "no_agreement")


def next_renewal(
	agreements: Sequence[Agreement], anchor: date, free_months: int, grace_days: int, today: date
) -> tuple[date, date]:
	"""The period (inclusive) the next annual renewal should cover.

	It follows the current covered span (free period and agreements already signed, merged) when
	today is within that span or its grace: a renewal signed in the grace is back-dated so no day is
	left uncovered. Otherwise the cover has lapsed (or never began) and the renewal starts today.
	"""
	start = today
	for span in _spans(anchor, free_months, grace_days, agreements):
		if span.start <= today and (today - span.end).days <= grace_days:
			start = span.end + ONE_DAY
	return start, period_end(start, RENEWAL_MONTHS)


def renewal_status(
	start: date, end: date, grace_days: int, today: date, cancelled: bool = False
) -> RenewalStatus:
	"""One agreement's own status on the office's local date, whatever follows it: Upcoming before
	its start, Active from start to end, Grace for the office's grace days after, then Expired.
	A cancelled agreement is Cancelled whatever the dates."""
	if cancelled:
		return RenewalStatus.CANCELLED
	if end < start:
		raise InvalidAgreementPeriodError(None, start, end)
	if today < start:
		return RenewalStatus.UPCOMING
	if today <= end:
		return RenewalStatus.ACTIVE
	if (today - end).days <= grace_days:
		return RenewalStatus.GRACE
	return RenewalStatus.EXPIRED
