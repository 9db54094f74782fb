// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.ui.form.on("Warranty Agreement", {
	setup(frm) {
		frm.set_query("installation", "installations", () => ({
			filters: { customer: frm.doc.customer },
		}));
	},

	refresh(frm) {
		if (frm.doc.docstatus === 1 && frm.perm[0].create) {
			frm.add_custom_button(__("Renew"), () =>
				frappe
					.xcall("onyx_support.api.warranty.renew", { agreement: frm.doc.name })
					.then((name) => frappe.set_route("Form", "Warranty Agreement", name))
			);
		}
	},
});
