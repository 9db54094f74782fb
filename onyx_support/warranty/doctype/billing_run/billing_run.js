// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.ui.form.on("Billing Run", {
	setup(frm) {
		frm.set_query("office", () => ({ filters: { is_active: 1 } }));
	},

	refresh(frm) {
		if (frm.doc.docstatus !== 1) return;
		const invoices = (frm.doc.invoices || []).map((row) => row.sales_invoice).filter(Boolean);
		if (invoices.length) {
			frm.add_custom_button(__("Sales Invoices"), () =>
				frappe.set_route("List", "Sales Invoice", { name: ["in", invoices] })
			);
		}
		if (frm.doc.billing_mode === "Statement") {
			frm.add_custom_button(__("Print Statement"), () =>
				frappe.set_route("print", frm.doctype, frm.doc.name, { format: "Support Statement" })
			);
		}
		frm.add_custom_button(__("Charges", null, "onyx_support"), () =>
			frappe.set_route("List", "Support Charge", { billing_run: frm.doc.name })
		);
	},
});
