// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.query_reports["Request Mix"] = {
	filters: [
		...onyx_support.report_filters.period_and_office(),
		onyx_support.report_filters.group_by(
			[
				{ value: "Reason", label: __("Reason", null, "onyx_support") },
				{ value: "Origin of the Error", label: __("Origin of the Error") },
				{ value: "Channel", label: __("Channel", null, "onyx_support") },
				{ value: "System", label: __("System", null, "onyx_support") },
				{ value: "Support Office", label: __("Support Office") },
				{ value: "Region", label: __("Region") },
			],
			"Reason",
			"dimension"
		),
	],
};
