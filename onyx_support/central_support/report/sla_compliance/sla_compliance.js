// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.query_reports["SLA Compliance"] = {
	filters: [
		...onyx_support.report_filters.period_and_office(),
		onyx_support.report_filters.office_engineer_or_priority(),
		onyx_support.report_filters.view(
			[
				{ value: "Compliance", label: __("Compliance", null, "onyx_support") },
				{ value: "Breached Requests", label: __("Breached Requests") },
			],
			"Compliance"
		),
	],
};
