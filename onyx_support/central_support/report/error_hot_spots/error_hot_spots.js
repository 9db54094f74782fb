// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.query_reports["Error Hot Spots"] = {
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
	],
	tree: true,
	name_field: "row_key",
	parent_field: "parent_key",
	initial_depth: 1,
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "rate" && data && data.is_hot_spot) {
			value = `<span class="text-danger bold">${value}</span>`;
		}
		return value;
	},
};
