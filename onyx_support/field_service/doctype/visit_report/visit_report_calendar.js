// Frappe's calendar view: its events come through frappe.desk.calendar.get_events, i.e.
// frappe.get_list, so the same permission rules as every list apply (permissions/visibility.py).
frappe.views.calendar["Visit Report"] = {
	field_map: {
		start: "planned_start",
		end: "planned_end",
		id: "name",
		title: "customer_name",
		status: "status",
	},
	style_map: {
		Planned: "info",
		Rescheduled: "warning",
		"On Site": "warning",
		"Awaiting Signature": "warning",
		Signed: "success",
		Shared: "success",
		Cancelled: "danger",
	},
	filters: [
		{ fieldtype: "Link", fieldname: "office", options: "Support Office", label: __("Support Office") },
		{ fieldtype: "Link", fieldname: "lead_engineer", options: "User", label: __("Lead Engineer") },
	],
	get_events_method: "frappe.desk.calendar.get_events",
};
