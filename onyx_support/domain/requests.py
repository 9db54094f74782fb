"""Rules on a support request's own values (no database)."""

from __future__ import annotations

from datetime import datetime, timedelta

from onyx_support.domain.errors import InvalidRatingError, InvalidWorkLogError, ResolutionRequiredError
from onyx_support.domain.request_flow import State

MAX_WORK_LOG_MINUTES = 24 * 60  # one row is one sitting; a longer job is several rows
MAX_DESCRIPTION_CHARS = 100_000
FUTURE_TOLERANCE = timedelta(minutes=5)  # clocks of desk and server differ a little


def check_work_log_row(
	row: int, duration_minutes: int | None, started_at: datetime | None, now: datetime
) -> None:
	if duration_minutes is None or duration_minutes <= 0:
		raise InvalidWorkLogError(row, "not_positive")
	if duration_minutes > MAX_WORK_LOG_MINUTES:
		raise InvalidWorkLogError(row, "too_long")
	if started_at and started_at > now + FUTURE_TOLERANCE:
		raise InvalidWorkLogError(row, "in_future")


def check_resolution(state: str, resolution_summary_text: str) -> None:
	if State(state) in (State.RESOLVED, State.CLOSED) and not resolution_summary_text.strip():
		raise ResolutionRequiredError()


def reopen_window_open(resolved_on: datetime | None, now: datetime, window_days: int) -> bool:
	"""The client may reopen until `window_days` after resolution (the workflow's condition reads
	the same: now <= resolved_on + days)."""
	return bool(resolved_on) and now <= resolved_on + timedelta(days=window_days or 0)


def check_rating(rating: float | None) -> None:
	"""Frappe's Rating field stores a fraction of 1 (0.2 per star on a five-star scale)."""
	if rating is not None and not 0 <= rating <= 1:
		raise InvalidRatingError(rating)
