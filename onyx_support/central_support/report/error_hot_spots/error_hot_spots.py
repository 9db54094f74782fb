# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

"""Where the systems break: each system, and under it each version, ranked by the system errors
reported per installation running it, against the network's rate (all system errors over all
installations of the scope). A version above the network rate times the factor of Onyx Support
Settings, with enough errors, is a hot spot.

Errors come from the rollup (the request's system and version at the time), installations from
the active installations of the scope's offices now (services/analytics/behaviour.py).
"""

import frappe
from frappe import _
from frappe.utils import escape_html

from onyx_support.central_support.report.common import column
from onyx_support.services.analytics.behaviour import error_hot_spots, thresholds
from onyx_support.services.analytics.figures import PALETTE, period_label
from onyx_support.services.analytics.scope import report_scope

CHART_VERSIONS = 6


def execute(filters=None):
	filters = frappe._dict(filters or {})
	scope = report_scope(filters)
	settings = thresholds()
	systems = error_hot_spots(scope, settings)
	names = _system_names(systems)
	return (
		get_columns(),
		get_data(systems, names),
		None,
		get_chart(systems),
		get_summary(systems, scope, settings),
	)


def get_columns() -> list[dict]:
	return [
		column(_("System or Version"), "row_label", "Data", 240),
		column(_("Rank"), "rank", "Int", 70),
		column(_("Installations"), "installations", "Int", 100),
		column(_("System Errors"), "system_errors", "Int", 110),
		column(_("Errors per Installation"), "rate", "Float", 140, precision=2),
		column(_("Times the Network Rate"), "ratio", "Float", 140, precision=2),
		column(_("Hot Spot"), "is_hot_spot", "Check", 90),
		column(_("Requests"), "requests", "Int", 90),
		column(_("System Errors (%)"), "system_share", "Percent", 120),
		column(_("System"), "system", "Link", 150, options="Item"),
		column(_("Version"), "version", "Data", 90),
	]


def _system_names(systems: list[dict]) -> dict:
	return dict(
		frappe.get_all(
			"Item",
			filters={"name": ("in", [s["system"] for s in systems] or [""])},
			fields=["name", "item_name"],
			as_list=True,
		)
	)


def get_data(systems: list[dict], names: dict) -> list[dict]:
	data = []
	for system in systems:
		data.append(
			{
				**{key: value for key, value in system.items() if key != "versions"},
				"row_key": system["system"],
				"parent_key": None,
				"indent": 0,
				# staff write item names and versions; Frappe's grid prints Data cells as HTML
				"row_label": escape_html(names.get(system["system"], system["system"])),
			}
		)
		for version in system["versions"]:
			shown = escape_html(version["version"]) if version["version"] else version["version"]
			data.append(
				{
					**version,
					"version": shown,
					"row_key": f"{version['system']}::{shown}",
					"parent_key": system["system"],
					"indent": 1,
					"row_label": _("Version {0}").format(shown or "?"),
				}
			)
	return data


def get_chart(systems: list[dict]) -> dict | None:
	versions = sorted(
		(version for system in systems for version in system["versions"] if version["system_errors"]),
		key=lambda version: (version["rank"], version["system"]),
	)[:CHART_VERSIONS]
	if not versions:
		return None
	return {
		"data": {
			# the system's code is shorter than its name: labels stay readable under the bars
			"labels": [escape_html(f"{v['system']} {v['version']}") for v in versions],
			"datasets": [
				{"name": _("System errors per installation"), "values": [v["rate"] for v in versions]}
			],
		},
		"type": "bar",
		"colors": [PALETTE[3]],
	}


def get_summary(systems: list[dict], scope, settings) -> list[dict]:
	versions = [version for system in systems for version in system["versions"]]
	errors = sum(system["system_errors"] for system in systems)
	installations = sum(system["installations"] for system in systems)
	return [
		{"label": _("System Errors"), "value": errors, "datatype": "Int"},
		{
			"label": _("Network Rate"),
			"value": round(errors / installations, 2) if installations else 0,
			"datatype": "Float",
		},
		{
			"label": _("Hot Spots"),
			"value": sum(1 for version in versions if version["is_hot_spot"]),
			"datatype": "Int",
			"indicator": "Red",
		},
		{"label": _("Hot Spot Factor"), "value": settings.hot_spot_factor, "datatype": "Float"},
		{"label": _("Period"), "value": period_label(scope), "datatype": "Data"},
		{"label": _("Offices"), "value": scope.office_label, "datatype": "Data"},
	]
