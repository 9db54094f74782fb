frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["My Support Requests"] = {
	method: "onyx_support.api.workspace.my_requests_trend",
	filters: [],
};
