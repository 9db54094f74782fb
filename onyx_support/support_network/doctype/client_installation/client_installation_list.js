frappe.listview_settings["Client Installation"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colors = { Active: "green", Suspended: "orange", Retired: "gray" };
		return [__(doc.status, null, "Client Installation"), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
