// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.query_reports["Open Defects"] = {
	filters: [
		{
			fieldname: "system",
			label: __("System"),
			fieldtype: "Link",
			options: "Item",
		},
		{
			fieldname: "office",
			label: __("Support Office"),
			fieldtype: "Link",
			options: "Support Office",
		},
	],
};
