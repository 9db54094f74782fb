// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.query_reports["Client Behaviour"] = {
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
			fieldname: "training_only",
			label: __("Only Clients Needing Training"),
			fieldtype: "Check",
		},
	],
	tree: true,
	name_field: "row_key",
	parent_field: "parent_key",
	initial_depth: 0,
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "training_load" && data && data.needs_training) {
			value = `<span class="text-danger bold">${value}</span>`;
		}
		return value;
	},
};
