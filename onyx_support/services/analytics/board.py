"""The figures of the Support Overview workspace: its custom number cards and chart sources.

Each reads the rollup or a live count on an index within `report_scope` (the caller's offices,
the whole network for central support), so a card shows an office manager their offices and
never another's. The cards that count on an index with Frappe's own Document Type cards (open
requests, escalations, open defects) need nothing here.
"""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from onyx_support.domain.analytics import ALL, ENGINEER, average_rating
from onyx_support.services.analytics.figures import (
	RATING_MEASURES,
	SLA_MEASURES,
	clocks_compliance,
	compliance_trend,
	empty_measures,
	month_label,
	monthly_trend,
	open_by_engineer,
	open_defects,
	periods,
)
from onyx_support.services.analytics.rollup import series, totals
from onyx_support.services.analytics.scope import report_scope


def this_month_scope():
	today = getdate(nowdate())
	return report_scope({"from_date": today.replace(day=1), "to_date": today})


def total(rows: list[dict]) -> dict:
	summed = empty_measures()
	for row in rows:
		for measure, value in row.items():
			if isinstance(value, int) and measure in summed:
				summed[measure] += value
	return summed


NO_FIGURE = "–"


def card(value, fieldtype: str, report: str | None = None, **route_options) -> dict | str:
	"""What Frappe's custom number card reads: the value, how to format it, where a click goes;
	a dash when there is nothing to show (no rating yet, nothing measured)."""
	if value is None:
		return NO_FIGURE
	result = {"value": value, "fieldtype": fieldtype, "precision": 1}  # the card formats with it
	if report:
		result["route"] = ["query-report", report]
		if route_options:
			result["route_options"] = route_options
	return result


# --- number cards ----------------------------------------------------------------------------------


def breached_this_month() -> dict:
	figures = total(totals(ALL, this_month_scope(), measures=SLA_MEASURES))
	return card(figures["breached"], "Int", "SLA Compliance", view="Breached Requests")


def compliance_this_month() -> dict:
	"""Share of the month's measured clocks (first response and resolution) that were met."""
	figures = total(totals(ALL, this_month_scope(), measures=SLA_MEASURES))
	return card(clocks_compliance(figures), "Percent", "SLA Compliance")


def satisfaction() -> dict:
	"""Average stars over the last 12 months."""
	figures = total(totals(ALL, report_scope({}), measures=RATING_MEASURES))
	return card(average_rating(figures["rating_sum"], figures["rated"]), "Float", "Support Satisfaction")


def my_rating() -> dict:
	"""The caller's average stars as assigned engineer, over the last 12 months."""
	figures = total(totals(ENGINEER, report_scope({}), measures=RATING_MEASURES, value=frappe.session.user))
	return card(
		average_rating(figures["rating_sum"], figures["rated"]),
		"Float",
		"Support Satisfaction",
		group_by="Engineer",
	)


def open_system_defects() -> dict:
	"""Open system errors escalated to central support (the Open Defects report's rule)."""
	return card(open_defects(report_scope({})), "Int", "Open Defects")


# --- chart sources ---------------------------------------------------------------------------------


def sla_trend() -> dict:
	"""First response and resolution met (%), month by month, over the last 12 months."""
	scope = report_scope({})
	trend, months = monthly_trend(scope, SLA_MEASURES)
	return compliance_trend(trend, months)


def my_requests_trend() -> dict:
	"""The caller's requests (as assigned engineer) and how many breached, month by month."""
	scope = report_scope({})
	months = periods(scope)
	trend = {
		row["period"]: row
		for row in series(ENGINEER, scope, measures=("breached",), value=frappe.session.user)
	}
	return {
		"labels": [month_label(period) for period in months],
		"datasets": [
			{"name": _("Requests"), "values": [trend[p]["requests"] if p in trend else 0 for p in months]},
			{"name": _("Breached"), "values": [trend[p]["breached"] if p in trend else 0 for p in months]},
		],
	}


def open_by_office() -> dict:
	"""Requests open now per office, and how many of them are at risk or breached."""
	offices: dict[str, list[int]] = {}
	for row in open_by_engineer(report_scope({})):
		counts = offices.setdefault(row.office or _("Not set"), [0, 0])
		counts[0] += int(row.open_requests or 0)
		counts[1] += int(row.at_risk or 0)
	names = sorted(offices, key=lambda office: (-offices[office][0], office))
	return {
		"labels": names,
		"datasets": [
			{"name": _("Open now"), "values": [offices[name][0] for name in names]},
			{"name": _("At risk or breached"), "values": [offices[name][1] for name in names]},
		],
	}
