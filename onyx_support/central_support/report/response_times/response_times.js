// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.query_reports["Response Times"] = {
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
			fieldname: "group_by",
			label: __("Group By", null, "onyx_support"),
			fieldtype: "Select",
			options: [
				{ value: "Support Office", label: __("Support Office") },
				{ value: "Engineer", label: __("Engineer", null, "onyx_support") },
				{ value: "Priority", label: __("Priority", null, "onyx_support") },
			],
			default: "Support Office",
		},
	],
};
