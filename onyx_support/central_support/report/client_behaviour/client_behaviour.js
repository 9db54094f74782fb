// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.query_reports["Client Behaviour"] = {
	filters: [
		...onyx_support.report_filters.period_and_office(),
		{
			fieldname: "training_only",
			label: __("Only Clients Needing Training"),
			fieldtype: "Check",
		},
	],
	tree: true,
	name_field: "row_key",
	parent_field: "parent_key",
	initial_depth: 0,
	formatter: onyx_support.report_filters.highlight("training_load", "needs_training"),
};
