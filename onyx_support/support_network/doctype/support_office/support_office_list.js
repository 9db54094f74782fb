frappe.listview_settings["Support Office"] = {
	add_fields: ["office_kind", "is_active"],
	get_indicator(doc) {
		if (!doc.is_active) return [__("Inactive", null, "onyx_support"), "gray", "is_active,=,0"];
		const colors = { Central: "purple", Subsidiary: "blue", Distributor: "green" };
		return [__(doc.office_kind, null, "Support Office"), colors[doc.office_kind] || "gray", "office_kind,=," + doc.office_kind];
	},
};
