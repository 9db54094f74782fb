// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

const CHARGE_COLORS = { Pending: "orange", Invoiced: "green", Statement: "blue", Waived: "gray" };

frappe.ui.form.on("Support Charge", {
	refresh(frm) {
		const color = CHARGE_COLORS[frm.doc.status];
		if (color) frm.page.set_indicator(__(frm.doc.status, null, "Support Charge"), color);
	},
});
