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
	// the state's colour (a called-off visit greyed out); `status` is read with the events
	fields: ["name", "planned_start", "planned_end", "customer_name", "status"],
	get_css_class(event) {
		return {
			Planned: "blue",
			Rescheduled: "orange",
			"On Site": "purple",
			"Awaiting Signature": "yellow",
			Signed: "green",
			Shared: "green",
			Cancelled: "gray",
		}[event.status];
	},
	filters: [
		{ fieldtype: "Link", fieldname: "office", options: "Support Office", label: __("Support Office") },
		{ fieldtype: "Link", fieldname: "lead_engineer", options: "User", label: __("Lead Engineer") },
	],
	get_events_method: "frappe.desk.calendar.get_events",
};
