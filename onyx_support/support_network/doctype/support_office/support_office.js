// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

// Frappe's grid cells translate a Select value without its DocType (formatters.js `Select`):
// give the child rows the app's words, as their selects already have.
const CONTEXT_SELECTS = {
	"Support Office Working Hours": "weekday",
	"Support Office Channel": "channel",
	"Support Office Engineer": "office_role",
};

frappe.ui.form.on("Support Office", {
	setup(frm) {
		frm.set_query("parent_office", () => ({ filters: { office_kind: "Central" } }));
		for (const [doctype, fieldname] of Object.entries(CONTEXT_SELECTS)) {
			const df = frappe.meta.docfield_map[doctype]?.[fieldname];
			if (df) df.formatter = (value) => __(value, null, doctype);
		}
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
