// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

const SIGNING_STATES = ["Awaiting Signature", "Signed"];

frappe.ui.form.on("Visit Report", {
	setup(frm) {
		frm.set_query("site_address", () => ({
			filters: { link_doctype: "Customer", link_name: frm.doc.customer },
		}));
		frm.set_query("contact", () => ({
			filters: { link_doctype: "Customer", link_name: frm.doc.customer },
		}));
	},

	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.docstatus === 0 && SIGNING_STATES.includes(frm.doc.status)) {
			add_signing_buttons(frm);
		}
		if ((frm.doc.recipients || []).some((row) => row.user === frappe.session.user && !row.read_on)) {
			frappe.xcall("onyx_support.api.visits.mark_read", { name: frm.doc.name });
		}
	},
});

function add_signing_buttons(frm) {
	const group = __("Signatures", null, "Visit Report");
	if (!frm.doc.client_signed_on && !frm.doc.client_refused) {
		frm.add_custom_button(
			__("Client Signs on Site"),
			() => {
				const dialog = new frappe.ui.Dialog({
					title: __("Client Signature"),
					fields: [
						{ fieldname: "signer_name", fieldtype: "Data", label: __("Client Signer"), reqd: 1 },
						{ fieldname: "signer_role", fieldtype: "Data", label: __("Signer's Role") },
						{ fieldname: "signature", fieldtype: "Signature", label: __("Client Signature"), reqd: 1 },
					],
					primary_action_label: __("Sign"),
					primary_action(values) {
						frappe
							.xcall("onyx_support.api.visits.sign_on_site", { name: frm.doc.name, ...values })
							.then(() => {
								dialog.hide();
								frm.reload_doc();
							});
					},
				});
				dialog.show();
			},
			group
		);
		frm.add_custom_button(
			__("Client Refuses to Sign"),
			() => {
				frappe.prompt(
					[
						{ fieldname: "signer_name", fieldtype: "Data", label: __("Client Signer") },
						{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason for Refusal"), reqd: 1 },
					],
					(values) =>
						frappe
							.xcall("onyx_support.api.visits.record_refusal", { name: frm.doc.name, ...values })
							.then(() => frm.reload_doc()),
					__("Refusal to Sign"),
					__("Record")
				);
			},
			group
		);
	}
	const is_engineer = (frm.doc.engineers || []).some((row) => row.engineer === frappe.session.user);
	if (!frm.doc.engineer_signed_on && is_engineer) {
		frm.add_custom_button(
			__("Engineer Signs"),
			() => {
				frappe.prompt(
					[{ fieldname: "signature", fieldtype: "Signature", label: __("Engineer Signature"), reqd: 1 }],
					(values) =>
						frappe
							.xcall("onyx_support.api.visits.sign_as_engineer", { name: frm.doc.name, ...values })
							.then(() => frm.reload_doc()),
					__("Engineer Signature"),
					__("Sign")
				);
			},
			group
		);
	}
}
