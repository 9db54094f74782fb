// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.ui.form.on("Knowledge Article", {
	setup(frm) {
		frm.set_query("translation_of", () => ({ filters: { name: ["!=", frm.doc.name || ""] } }));
	},

	refresh(frm) {
		// The writing rule (office staff: their own drafts) decides, not only the role's DocPerm.
		if (!frm.is_new() && frm.doc.__onload && frm.doc.__onload.can_edit === false && !frm.__read_only_shown) {
			frm.__read_only_shown = true; // refresh_fields below must not loop through here
			frm.disable_save();
			frm.set_read_only();
			frm.refresh_fields();
			frm.__read_only_shown = false;
		}
		// the public page: Frappe's own "See on Website" link (a WebsiteGenerator, published publicly)
		if (frm.doc.source_request) {
			frm.add_custom_button(__("Source Request"), () => frappe.set_route("Form", "Support Request", frm.doc.source_request));
		}
		frm.dashboard.clear_headline();
		const counts = [];
		if (frm.doc.helped_count) counts.push(__("Solved {0} requests", [frm.doc.helped_count]));
		if (frm.doc.deflected_count) counts.push(__("Avoided {0} portal requests", [frm.doc.deflected_count]));
		if (counts.length) frm.dashboard.set_headline(counts.join(" · "));
	},
});
