frappe.listview_settings["Software Release"] = {
	add_fields: ["status"],
	// Frappe shows a submitted document as "Submitted": a withdrawn release must read as withdrawn
	get_indicator(doc) {
		const colors = { Draft: "gray", Published: "green", Withdrawn: "red" };
		return [__(doc.status, null, "Software Release"), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
