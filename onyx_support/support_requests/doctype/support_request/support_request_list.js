const STATUS_COLORS = {
	New: "blue", Triaged: "cyan", "Awaiting Client Approval": "orange", Approved: "green", "In Progress": "purple",
	"Waiting on Client": "orange", "Escalated to Central": "red", Resolved: "green", Closed: "gray", Cancelled: "gray",
};

frappe.listview_settings["Support Request"] = {
	add_fields: ["status", "sla_status", "resolution_due", "office", "assigned_engineer"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		return [__(doc.status, null, "Support Request"), STATUS_COLORS[doc.status] || "gray", "status,=," + doc.status];
	},
	formatters: {
		// Frappe's list pill translates a Select value without its DocType (`__(value)`): same
		// pill and click-to-filter, with the app's word for it.
		priority(value) {
			if (!value) return "";
			return `<span class="filterable indicator-pill ${frappe.utils.guess_colour(value)} ellipsis" data-filter="priority,=,${frappe.utils.escape_html(value)}">
				<span class="ellipsis">${__(value, null, "Support Request")}</span></span>`;
		},
		sla_status(value) {
			const colors = { "On Track": "green", "At Risk": "orange", Breached: "red", Met: "green", Paused: "gray" };
			return value ? `<span class="indicator-pill ${colors[value] || "gray"}">${__(value, null, "Support Request")}</span>` : "";
		},
		coverage_state(value) {
			const colors = { "Free First Year": "green", "Under Agreement": "green", Grace: "orange", Billable: "red" };
			return value ? `<span class="indicator-pill ${colors[value] || "gray"}">${__(value, null, "Support Request")}</span>` : "";
		},
	},
	onload(listview) {
		// is_open: one indexed value instead of seven states, so the queue's index also sorts it
		const open = ["=", 1];
		const queue = (label, filters) =>
			listview.page.add_inner_button(label, () => {
				listview.filter_area.clear(false).then(() => listview.filter_area.add(filters));
			}, __("Queues", null, "onyx_support"));
		queue(__("My Requests"), [["Support Request", "assigned_engineer", "=", frappe.session.user], ["Support Request", "is_open", ...open]]);
		queue(__("At Risk or Breached"), [["Support Request", "sla_status", "in", ["At Risk", "Breached"]], ["Support Request", "is_open", ...open]]);
		queue(__("Escalated to Central"), [["Support Request", "status", "=", "Escalated to Central"]]);
		queue(__("Awaiting Client"), [["Support Request", "status", "in", ["Awaiting Client Approval", "Waiting on Client"]]]);
		frappe.xcall("onyx_support.api.queues.my_offices").then((offices) => {
			if (offices && offices.length) {
				queue(__("My Office"), [["Support Request", "office", "in", offices], ["Support Request", "is_open", ...open]]);
			}
		});
		listview.page.add_inner_button(__("Log a Phone Call"), () => log_phone_call(listview));
	},
};

function log_phone_call(listview) {
	const d = new frappe.ui.Dialog({
		title: __("Log a phone call"),
		fields: [
			{ fieldname: "customer", fieldtype: "Link", options: "Customer", label: __("Customer", null, "Support Request"), reqd: 1 },
			{
				fieldname: "installation", fieldtype: "Link", options: "Client Installation", label: __("Installation"),
				get_query: () => ({ filters: { customer: d.get_value("customer") || "" } }),
			},
			{ fieldname: "subject", fieldtype: "Data", label: __("Subject", null, "Support Request"), reqd: 1 },
			{ fieldname: "reason", fieldtype: "Select", label: __("Reason", null, "Support Request"), context: "Support Request", options: ["Feature Adaptation", "Guidance", "Error", "Update Delivery"], default: "Guidance" },
			{ fieldname: "priority", fieldtype: "Select", label: __("Priority", null, "Support Request"), context: "Support Request", options: ["Low", "Medium", "High", "Urgent"], default: "Medium" },
			{ fieldname: "duration_minutes", fieldtype: "Int", label: __("Call Duration (Minutes)") },
			{ fieldname: "description", fieldtype: "Small Text", label: __("Notes", null, "onyx_support") },
		],
		primary_action_label: __("Create Request"),
		primary_action(values) {
			frappe.xcall("onyx_support.api.requests.log_phone_call", values).then((name) => {
				d.hide();
				frappe.set_route("Form", "Support Request", name);
			});
		},
	});
	d.show();
}
