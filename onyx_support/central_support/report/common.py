# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

"""What the analyses' Script Reports share beyond their figures (services/analytics/figures.py):
the bounded lists of newest requests (SLA Compliance's breaches, Support Satisfaction's comments)
with their link columns, engineers' names and "at most N" note, and the summary's period and
offices."""

from frappe import _

from onyx_support.services.analytics.figures import LIST_LIMIT, period_label, user_names


def with_engineer_names(rows: list) -> list:
	"""Each request row of a list given its assigned engineer's full name (`engineer_name`)."""
	names = user_names(row.assigned_engineer for row in rows)
	for row in rows:
		row.engineer_name = names.get(row.assigned_engineer, row.assigned_engineer)
	return rows


def limit_note(rows: list, text: str) -> str | None:
	"""The report's message when its list reached LIST_LIMIT rows: `text` (translated, with {0}
	for the limit), or None."""
	return text.format(LIST_LIMIT) if len(rows) >= LIST_LIMIT else None


def column(label: str, fieldname: str, fieldtype: str, width: int = 110, **extra) -> dict:
	"""A report column in one line."""
	return {"label": label, "fieldname": fieldname, "fieldtype": fieldtype, "width": width, **extra}


def request_column() -> dict:
	return {
		"label": _("Support Request"),
		"fieldname": "name",
		"fieldtype": "Link",
		"options": "Support Request",
		"width": 150,
	}


def office_column(width: int) -> dict:
	return {
		"label": _("Support Office"),
		"fieldname": "office",
		"fieldtype": "Link",
		"options": "Support Office",
		"width": width,
	}


def engineer_column(width: int) -> dict:
	return {
		"label": _("Engineer", context="onyx_support"),
		"fieldname": "engineer_name",
		"fieldtype": "Data",
		"width": width,
	}


def period_and_offices(scope) -> list[dict]:
	"""The last two cards of a report's summary: its period and the offices it counts."""
	return [
		{"label": _("Period", context="onyx_support"), "value": period_label(scope), "datatype": "Data"},
		{"label": _("Offices"), "value": scope.office_label, "datatype": "Data"},
	]
