# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

"""How clients use support: per client (and under it, per installation) the requests per
user-month, the shares of usage errors, guidance and system errors, repeat subjects, the channel
it sticks to and its share, the hours it asks in (the office's clock), its average rating; and the
clients ranked by usage-driven load (usage errors and guidance per user-month) with those above
the threshold of Onyx Support Settings flagged as needing training.

Read from the rollup within `report_scope(filters)` (services/analytics/behaviour.py); a client
with too few requests in the period is listed but not ranked.
"""

import frappe
from frappe import _
from frappe.utils import escape_html

from onyx_support.central_support.report.common import column
from onyx_support.domain.analytics import CHANNEL
from onyx_support.services.analytics.behaviour import client_behaviour, thresholds
from onyx_support.services.analytics.figures import PALETTE, period_label, value_label
from onyx_support.services.analytics.scope import report_scope

CHART_CLIENTS = 8


def execute(filters=None):
	filters = frappe._dict(filters or {})
	scope = report_scope(filters)
	settings = thresholds()
	clients = client_behaviour(scope, settings)
	if filters.get("training_only"):
		clients = [client for client in clients if client["needs_training"]]
	names = _names(clients)
	return (
		get_columns(),
		get_data(clients, names),
		None,
		get_chart(clients, settings, names["customers"]),
		get_summary(clients, scope, settings),
	)


def get_columns() -> list[dict]:
	return [
		column(_("Client or Installation"), "row_label", "Data", 260),
		column(_("Training Rank"), "training_rank", "Int", 90),
		column(_("Usage-Driven Load"), "training_load", "Float", 120, precision=2),
		column(_("Needs Training"), "needs_training", "Check", 100),
		column(_("Users"), "users", "Int", 70),
		column(_("Requests"), "requests", "Int", 90),
		column(_("Requests per User-Month"), "per_user_month", "Float", 120, precision=2),
		column(_("Usage Errors (%)"), "usage_share", "Percent", 110),
		column(_("Guidance (%)"), "guidance_share", "Percent", 100),
		column(_("System Errors (%)"), "system_share", "Percent", 110),
		column(_("Repeat Subjects"), "repeat_requests", "Int", 100),
		column(_("Repeats (%)"), "repeat_share", "Percent", 90),
		column(_("Top Channel"), "top_channel", "Data", 120),
		column(_("Top Channel (%)"), "channel_share", "Percent", 110),
		column(_("Peak Hours"), "peak_hours_label", "Data", 170),
		column(_("Average Rating"), "rating", "Float", 100, precision=2),
		column(_("Client"), "customer", "Link", 160, options="Customer"),
		column(_("Installation"), "installation", "Link", 160, options="Client Installation"),
	]


def get_data(clients: list[dict], names: dict) -> list[dict]:
	data = []
	for client in clients:
		customer = client["customer"]
		data.append(
			{
				**{key: value for key, value in client.items() if key != "installations"},
				"row_key": customer,
				"parent_key": None,
				"indent": 0,
				# staff write customer and item names; Frappe's grid prints Data cells as HTML
				"row_label": escape_html(names["customers"].get(customer, customer)),
				"top_channel": value_label(CHANNEL, client["top_channel"]) if client["top_channel"] else None,
			}
		)
		for installation in client["installations"]:
			data.append(
				{
					**installation,
					"row_key": f"{customer}::{installation['installation']}",
					"parent_key": customer,
					"indent": 1,
					"customer": customer,
					"row_label": escape_html(
						names["installations"].get(installation["installation"], installation["installation"])
					),
				}
			)
	return data


def _names(clients: list[dict]) -> dict:
	customers = [client["customer"] for client in clients]
	installations = [i["installation"] for client in clients for i in client["installations"]]
	return {
		"customers": dict(
			frappe.get_all(
				"Customer",
				filters={"name": ("in", customers or [""])},
				fields=["name", "customer_name"],
				as_list=True,
			)
		),
		"installations": {
			name: f"{system_name or system} ({version or '?'})"
			for name, system, system_name, version in frappe.db.sql(
				"""select i.name, i.system, item.item_name, i.version from `tabClient Installation` i
				left join `tabItem` item on item.name = i.system where i.name in %s""",
				(tuple(installations) or ("",),),
			)
		},
	}


def get_chart(clients: list[dict], settings, names: dict) -> dict | None:
	ranked = [client for client in clients if client["training_rank"]][:CHART_CLIENTS]
	if not ranked:
		return None
	return {
		"data": {
			"labels": [escape_html(names.get(client["customer"], client["customer"])) for client in ranked],
			"datasets": [
				{
					"name": _("Usage-driven requests per user-month"),
					"chartType": "bar",
					"values": [client["training_load"] for client in ranked],
				},
				{
					"name": _("Training threshold"),
					"chartType": "line",
					"values": [settings.training_threshold] * len(ranked),
				},
			],
		},
		"type": "axis-mixed",
		"colors": [PALETTE[0], PALETTE[3]],
	}


def get_summary(clients: list[dict], scope, settings) -> list[dict]:
	return [
		{"label": _("Clients"), "value": len(clients), "datatype": "Int"},
		{
			"label": _("Clients Needing Training"),
			"value": sum(1 for client in clients if client["needs_training"]),
			"datatype": "Int",
			"indicator": "Red",
		},
		{"label": _("Training Threshold"), "value": settings.training_threshold, "datatype": "Float"},
		{"label": _("Period"), "value": period_label(scope), "datatype": "Data"},
		{"label": _("Offices"), "value": scope.office_label, "datatype": "Data"},
	]
