// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.query_reports["Error Hot Spots"] = {
	filters: onyx_support.report_filters.period_and_office(),
	tree: true,
	name_field: "row_key",
	parent_field: "parent_key",
	initial_depth: 1,
	formatter: onyx_support.report_filters.highlight("rate", "is_hot_spot"),
};
