// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.query_reports["SLA Compliance"] = {
	filters: [
		...onyx_support.report_filters.period_and_office(),
		onyx_support.report_filters.group_by(
			[
				{ value: "Support Office", label: __("Support Office") },
				{ value: "Engineer", label: __("Engineer", null, "onyx_support") },
				{ value: "Priority", label: __("Priority", null, "onyx_support") },
			],
			"Support Office"
		),
		{
			fieldname: "view",
			label: __("Show", null, "onyx_support"),
			fieldtype: "Select",
			options: [
				{ value: "Compliance", label: __("Compliance", null, "onyx_support") },
				{ value: "Breached Requests", label: __("Breached Requests") },
			],
			default: "Compliance",
		},
	],
};
