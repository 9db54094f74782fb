// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

// The filters and formatter the app's Script Reports share, loaded on every desk page
// (hooks app_include_js). Each function builds its filters when a report's JS calls it, so that
// __() finds the boot's translations and the dates are the day's.
frappe.provide("onyx_support.report_filters");

Object.assign(onyx_support.report_filters, {
	// From the first of the month eleven months back to today (the analyses' default period)
	period() {
		return [
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
		];
	},

	office() {
		return {
			fieldname: "office",
			label: __("Support Office"),
			fieldtype: "Link",
			options: "Support Office",
		};
	},

	region() {
		return {
			fieldname: "region",
			label: __("Region"),
			fieldtype: "Link",
			options: "Territory",
		};
	},

	// The analyses' period and office
	period_and_office() {
		return [...this.period(), this.office()];
	},

	// A "Group By" choice; options are [{ value, label }] with the report's own labels
	group_by(options, default_value, fieldname = "group_by") {
		return {
			fieldname: fieldname,
			label: __("Group By", null, "onyx_support"),
			fieldtype: "Select",
			options: options,
			default: default_value,
		};
	},

	// Grouping by office, engineer or priority (SLA Compliance, Response Times: figures.GROUPS)
	office_engineer_or_priority() {
		return this.group_by(
			[
				{ value: "Support Office", label: __("Support Office") },
				{ value: "Engineer", label: __("Engineer", null, "onyx_support") },
				{ value: "Priority", label: __("Priority", null, "onyx_support") },
			],
			"Support Office"
		);
	},

	// A "Show" choice between a report's views; options are [{ value, label }]
	view(options, default_value) {
		return {
			fieldname: "view",
			label: __("Show", null, "onyx_support"),
			fieldtype: "Select",
			options: options,
			default: default_value,
		};
	},

	// The warranty and release reports' grouping by office or region
	office_or_region() {
		return this.group_by(
			[
				{ value: "Office", label: __("Support Office") },
				{ value: "Region", label: __("Region") },
			],
			"Office"
		);
	},

	// A tree report's formatter showing `fieldname` in red on rows whose `flag` is set
	highlight(fieldname, flag) {
		return function (value, row, column, data, default_formatter) {
			value = default_formatter(value, row, column, data);
			if (column.fieldname === fieldname && data && data[flag]) {
				value = `<span class="text-danger bold">${value}</span>`;
			}
			return value;
		};
	},
});
