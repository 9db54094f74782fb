"""Office calendars for the domain's business-time arithmetic, cached per office.

The cache holds plain values (zone, windows, holiday dates) and is dropped when the office or
one of the Holiday Lists changes, so an SLA computation costs no query once warm.
"""

from datetime import time, timedelta

import frappe

from onyx_support.domain.business_calendar import WEEKDAYS, OfficeCalendar, WorkingWindow

CACHE_KEY = "onyx_support:office_calendar"


def to_time(value) -> time:
	"""Frappe returns Time fields as timedelta from the database and str from a form."""
	if isinstance(value, time):
		return value
	if isinstance(value, timedelta):
		seconds = int(value.total_seconds()) % (24 * 3600)
		return time(seconds // 3600, (seconds % 3600) // 60)
	hours, minutes, *_ = (str(value) + ":0").split(":")
	return time(int(hours) % 24, int(minutes))


def windows_from_rows(rows) -> tuple[WorkingWindow, ...]:
	return tuple(
		WorkingWindow(WEEKDAYS.index(row.weekday), to_time(row.start_time), to_time(row.end_time))
		for row in rows
		if row.weekday in WEEKDAYS
	)


def holiday_dates(holiday_list: str | None) -> frozenset:
	if not holiday_list:
		return frozenset()
	return frozenset(
		frappe.get_all("Holiday", filters={"parent": holiday_list}, pluck="holiday_date", order_by=None)
	)


def get_office_calendar(office: str) -> OfficeCalendar:
	cached = frappe.cache.hget(CACHE_KEY, office)
	if cached:
		return cached
	doc = frappe.get_cached_doc("Support Office", office)
	calendar = OfficeCalendar(
		timezone=doc.time_zone,
		windows=windows_from_rows(doc.working_hours),
		holidays=holiday_dates(doc.holiday_list),
	)
	frappe.cache.hset(CACHE_KEY, office, calendar)
	return calendar


def clear_calendar_cache(doc=None, method=None):
	frappe.cache.delete_value(CACHE_KEY)
	frappe.db.after_rollback.add(_drop_calendars)


def _drop_calendars():
	frappe.cache.delete_value(CACHE_KEY)
