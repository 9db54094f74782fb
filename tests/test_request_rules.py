"""Rules on a request's own values: work log, resolution, rating, the reopen window."""

from datetime import datetime, timedelta

import pytest

from onyx_support.domain.errors import InvalidRatingError, InvalidWorkLogError, ResolutionRequiredError
from onyx_support.domain.requests import (
	check_rating,
	check_resolution,
	check_work_log_row,
	reopen_window_open,
)

NOW = datetime(2026, 11, 28, 12, 0)


@pytest.mark.parametrize(
	"minutes, started, problem",
	[
		(0, NOW, "not_positive"),
		(-5, NOW, "not_positive"),
		(24 * 60 + 1, NOW, "too_long"),
		(10, NOW + timedelta(hours=1), "in_future"),
	],
)
def test_absurd_work_log_rows(minutes, started, problem):
	with pytest.raises(InvalidWorkLogError) as caught:
		check_work_log_row(1, minutes, started, NOW)
	assert caught.value.problem == problem


def test_a_sensible_work_log_row_passes():
	check_work_log_row(1, 45, NOW - timedelta(hours=2), NOW)


def test_resolving_needs_a_summary():
	with pytest.raises(ResolutionRequiredError):
		check_resolution("Resolved", "  ")
	check_resolution("In Progress", "")
	check_resolution("Closed", "Rebuilt the index")


def test_rating_is_a_fraction():
	check_rating(0.8)
	with pytest.raises(InvalidRatingError):
		check_rating(4)


def test_reopen_window():
	resolved = NOW - timedelta(days=14)
	assert reopen_window_open(resolved, NOW, 14)
	assert not reopen_window_open(resolved, NOW + timedelta(seconds=1), 14)
	assert not reopen_window_open(None, NOW, 14)
	assert not reopen_window_open(resolved, NOW, 0)
