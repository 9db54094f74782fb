frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Open Requests by Office"] = {
	method: "onyx_support.api.workspace.open_by_office",
	filters: [],
};
