// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

const OPEN = ["Pending", "Scheduled", "Failed"];

frappe.ui.form.on("Release Distribution", {
	refresh(frm) {
		if (!frm.perm[0].write || frm.doc.status === "Withdrawn") return;
		if (!frm.doc.acknowledged_on) {
			frm.add_custom_button(__("Acknowledge"), () =>
				frappe.prompt(
					[{ fieldname: "target_date", fieldtype: "Date", label: __("Target Date") }],
					(values) => call(frm, "acknowledge", values),
					__("Acknowledge the Release"),
					__("Acknowledge")
				)
			);
		}
		const open = (frm.doc.deliveries || []).filter((row) => OPEN.includes(row.status));
		if (!open.length) return;
		frm.add_custom_button(__("Update a Delivery"), () =>
			frappe.prompt(
				[
					{
						fieldname: "row_name",
						fieldtype: "Select",
						label: __("Installation"),
						reqd: 1,
						// Frappe writes a Select's labels as HTML
						options: open.map((row) => ({
							value: row.name,
							label: frappe.utils.escape_html(`${row.installation} · ${row.customer || ""}`),
						})),
					},
					{
						fieldname: "action",
						fieldtype: "Select",
						label: __("Action", null, "onyx_support"),
						reqd: 1,
						options: [
							{ value: "Schedule", label: __("Schedule", null, "onyx_support") },
							{ value: "Deliver", label: __("Delivered", null, "Release Delivery") },
							{ value: "Fail", label: __("Failed", null, "Release Delivery") },
							{ value: "Decline", label: __("Declined by the Client") },
						],
					},
					{
						fieldname: "visit_report",
						fieldtype: "Link",
						options: "Visit Report",
						label: __("Delivered during Visit"),
						depends_on: "eval:doc.action=='Deliver'",
					},
					{ fieldname: "on_date", fieldtype: "Date", label: __("Scheduled On"), depends_on: "eval:doc.action=='Schedule'" },
					{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason", null, "Release Delivery"), depends_on: "eval:['Fail','Decline'].includes(doc.action)" },
				],
				(values) => call(frm, "update_delivery", values),
				__("Delivery"),
				__("Save")
			)
		);
	},
});

function call(frm, method, values) {
	return frappe
		.xcall(`onyx_support.api.releases.${method}`, { distribution: frm.doc.name, ...values })
		.then(() => frm.reload_doc());
}
