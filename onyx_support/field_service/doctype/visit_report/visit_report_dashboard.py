from frappe import _


def get_data():
	return {
		"fieldname": "origin_visit",
		"transactions": [{"label": _("Follow-up", context="onyx_support"), "items": ["Support Request"]}],
	}
