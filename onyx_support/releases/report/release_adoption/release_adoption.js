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
		{
			fieldname: "office",
			label: __("Support Office"),
			fieldtype: "Link",
			options: "Support Office",
		},
		{
			fieldname: "region",
			label: __("Region"),
			fieldtype: "Link",
			options: "Territory",
		},
		{
			fieldname: "group_by",
			label: __("Group By", null, "onyx_support"),
			fieldtype: "Select",
			options: [
				{ value: "Office", label: __("Support Office") },
				{ value: "Region", label: __("Region") },
			],
			default: "Office",
		},
	],
};
