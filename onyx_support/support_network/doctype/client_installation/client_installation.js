// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

frappe.ui.form.on("Client Installation", {
	setup(frm) {
		frappe.db.get_single_value("Onyx Support Settings", "system_item_group").then((group) => {
			if (group) frm.set_query("system", () => ({ filters: { item_group: group } }));
		});
	},
});
