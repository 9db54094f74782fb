// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.query_reports["Support Satisfaction"] = {
	filters: [
		...onyx_support.report_filters.period_and_office(),
		onyx_support.report_filters.group_by(
			[
				{ value: "Support Office", label: __("Support Office") },
				{ value: "Engineer", label: __("Engineer", null, "onyx_support") },
			],
			"Support Office"
		),
		onyx_support.report_filters.view(
			[
				{ value: "Ratings", label: __("Ratings", null, "onyx_support") },
				{ value: "Ratings and Comments", label: __("Ratings and Comments") },
			],
			"Ratings"
		),
	],
};
