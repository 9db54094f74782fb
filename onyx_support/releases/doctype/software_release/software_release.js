// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.ui.form.on("Software Release", {
	setup(frm) {
		for (const field of ["requires_release", "supersedes"]) {
			frm.set_query(field, () => ({ filters: { system: frm.doc.system, docstatus: 1 } }));
		}
	},

	refresh(frm) {
		// each note in its own direction, whatever the desk's language
		for (const [field, dir] of [["notes_en", "ltr"], ["notes_fr", "ltr"], ["notes_ar", "rtl"], ["known_issues", "auto"]]) {
			const wrapper = frm.fields_dict[field]?.$wrapper.attr("dir", dir);
			wrapper?.find(".control-value, .like-disabled-input, .ql-editor").css("text-align", "start");
		}
		if (frm.doc.docstatus === 1) {
			// the release's adoption per office (the Release Adoption report's counts)
			frappe
				.call({
					method: "onyx_support.releases.report.release_adoption.release_adoption.get_release_counts",
					args: { release: frm.doc.name },
					type: "GET",
				})
				.then(({ message }) => message.html && frm.dashboard.add_section(message.html, __("Adoption")));
		}
		if (frm.doc.docstatus === 1 && frm.doc.status === "Published" && frm.perm[0].submit) {
			frm.add_custom_button(__("Withdraw"), () =>
				frappe.prompt(
					[{ fieldname: "reason", fieldtype: "Small Text", label: __("Why Withdrawn"), reqd: 1 }],
					(values) =>
						frappe
							.xcall("onyx_support.api.releases.withdraw", { release: frm.doc.name, ...values })
							.then(() => frm.reload_doc()),
					__("Withdraw the Release"),
					__("Withdraw")
				)
			);
		}
	},
});
