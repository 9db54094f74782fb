# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

"""What the analyses' Script Reports share beyond their figures (services/analytics/figures.py):
the bounded lists of newest requests (SLA Compliance's breaches, Support Satisfaction's comments)
with their link columns, engineers' names and "at most N" note, and the summary's period and
offices."""

from frappe import _
from frappe.utils import escape_html

from onyx_support.services.analytics.figures import LIST_LIMIT, period_label, user_names

# what people wrote, shown in the lists: Frappe's report grid prints a Data cell as HTML
WRITTEN_TEXT = ("subject", "customer_name", "feedback_comment")  # names: user_names escapes them


def shown_request_rows(rows: list) -> list:
	"""The request rows of a list as the grid shows them: the assigned engineer's full name
	(`engineer_name`) added, and every written text escaped (a client's comment or subject may
	hold markup, whatever door stored it)."""
	names = user_names(row.assigned_engineer for row in rows)
	for row in rows:
		row.engineer_name = names.get(row.assigned_engineer, row.assigned_engineer)
		for field in WRITTEN_TEXT:
			if row.get(field):
				row[field] = escape_html(row[field])
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
