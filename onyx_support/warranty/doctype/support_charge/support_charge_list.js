frappe.listview_settings["Support Charge"] = {
	add_fields: ["status"],
	// Frappe's pill translates a Select value without its DocType: the ledger's own words instead
	get_indicator(doc) {
		const colors = { Pending: "orange", Invoiced: "green", Statement: "blue", Waived: "gray" };
		return [__(doc.status, null, "Support Charge"), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
