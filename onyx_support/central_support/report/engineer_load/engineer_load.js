// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.query_reports["Engineer Load"] = {
	filters: [
		...onyx_support.report_filters.period_and_office(),
		onyx_support.report_filters.group_by(
			[
				{ value: "Engineer", label: __("Engineer", null, "onyx_support") },
				{ value: "Support Office", label: __("Support Office") },
			],
			"Engineer"
		),
	],
};
