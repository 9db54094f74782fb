// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.ui.form.on("Support Request Rollup", {
	refresh(frm) {
		frm.disable_save();
	},
});
