"""Frappe keeps Datetime fields naive, in the system time zone; the domain speaks aware UTC."""

from datetime import datetime
from zoneinfo import ZoneInfo

from frappe.utils import get_datetime, get_system_timezone, now_datetime

from onyx_support.domain.business_calendar import UTC


def system_zone() -> ZoneInfo:
	return ZoneInfo(get_system_timezone())


def to_utc(value) -> datetime | None:
	if not value:
		return None
	value = get_datetime(value)
	if value.tzinfo is None:
		value = value.replace(tzinfo=system_zone())
	return value.astimezone(UTC)


def to_system(value: datetime | None) -> datetime | None:
	if value is None:
		return None
	return value.astimezone(system_zone()).replace(tzinfo=None)


def utc_now() -> datetime:
	return to_utc(now_datetime())
