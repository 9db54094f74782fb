frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Support SLA Trend"] = {
	method: "onyx_support.api.workspace.sla_trend",
	filters: [],
};
