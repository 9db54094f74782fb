"""The Support Overview workspace's custom number cards and dashboard chart sources.

Frappe calls a custom card's method with the card's filters and a chart source's with the
chart's name, filters and period; ours need none of them (each figure has a fixed meaning and its
scope is the caller's, services/analytics/board.py) and accept them so the desk's call is valid.
Nothing here is cached across users (Frappe's own chart cache is per chart, not per user).
"""

import frappe

from onyx_support.arguments import checked_arguments
from onyx_support.services.analytics import board


@frappe.whitelist(methods=["GET", "POST"])
@checked_arguments
def breached_this_month(filters: str | dict | list | None = None) -> dict:
	return board.breached_this_month()


@frappe.whitelist(methods=["GET", "POST"])
@checked_arguments
def compliance_this_month(filters: str | dict | list | None = None) -> dict:
	return board.compliance_this_month()


@frappe.whitelist(methods=["GET", "POST"])
@checked_arguments
def satisfaction(filters: str | dict | list | None = None) -> dict:
	return board.satisfaction()


@frappe.whitelist(methods=["GET", "POST"])
@checked_arguments
def open_system_defects(filters: str | dict | list | None = None) -> dict:
	return board.open_system_defects()


@frappe.whitelist(methods=["GET", "POST"])
@checked_arguments
def my_rating(filters: str | dict | list | None = None) -> dict:
	return board.my_rating()


@frappe.whitelist(methods=["GET", "POST"])
@checked_arguments
def sla_trend(
	chart_name: str | None = None,
	filters: str | dict | list | None = None,
	refresh: int | str | None = None,
	time_interval: str | None = None,
	timespan: str | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	heatmap_year: int | str | None = None,
) -> dict:
	return board.sla_trend()


@frappe.whitelist(methods=["GET", "POST"])
@checked_arguments
def my_requests_trend(
	chart_name: str | None = None,
	filters: str | dict | list | None = None,
	refresh: int | str | None = None,
	time_interval: str | None = None,
	timespan: str | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	heatmap_year: int | str | None = None,
) -> dict:
	return board.my_requests_trend()


@frappe.whitelist(methods=["GET", "POST"])
@checked_arguments
def open_by_office(
	chart_name: str | None = None,
	filters: str | dict | list | None = None,
	refresh: int | str | None = None,
	time_interval: str | None = None,
	timespan: str | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	heatmap_year: int | str | None = None,
) -> dict:
	return board.open_by_office()
