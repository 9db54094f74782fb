from frappe import _


def get_data():
	# Visits list the requests they serve in a child table (Visit Report Request.support_request).
	return {
		"fieldname": "support_request",
		"non_standard_fieldnames": {"Visit Report": "support_request"},
		"transactions": [{"label": _("On Site", context="onyx_support"), "items": ["Visit Report"]}],
	}
