// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.ui.form.on("Support Office", {
	setup(frm) {
		frm.set_query("parent_office", () => ({ filters: { office_kind: "Central" } }));
	},
	onload(frm) {
		frappe.xcall("frappe.core.doctype.user.user.get_timezones").then((r) => {
			frm.set_df_property("time_zone", "options", r.timezones);
		});
	},
	refresh(frm) {
		if (!frm.is_new() && frm.doc.is_public) {
			frm.add_web_link("/presence", __("See public page"));
		}
	},
});
