// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.query_reports["Response Times"] = {
	filters: [
		...onyx_support.report_filters.period_and_office(),
		onyx_support.report_filters.office_engineer_or_priority(),
	],
};
