// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.query_reports["Release Adoption"] = {
	filters: [
		{
			fieldname: "system",
			label: __("System"),
			fieldtype: "Link",
			options: "Item",
			reqd: 1,
		},
		onyx_support.report_filters.office(),
		onyx_support.report_filters.region(),
		onyx_support.report_filters.office_or_region(),
	],
};
