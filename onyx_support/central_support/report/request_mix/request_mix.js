// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.query_reports["Request Mix"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.month_start(), -11),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
		{
			fieldname: "office",
			label: __("Support Office"),
			fieldtype: "Link",
			options: "Support Office",
		},
		{
			fieldname: "dimension",
			label: __("Group By", null, "onyx_support"),
			fieldtype: "Select",
			options: [
				{ value: "Reason", label: __("Reason", null, "onyx_support") },
				{ value: "Origin of the Error", label: __("Origin of the Error") },
				{ value: "Channel", label: __("Channel", null, "onyx_support") },
				{ value: "System", label: __("System", null, "onyx_support") },
				{ value: "Support Office", label: __("Support Office") },
				{ value: "Region", label: __("Region") },
			],
			default: "Reason",
		},
	],
};
