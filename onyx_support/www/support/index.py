import frappe
from frappe import _

from onyx_support.services.portal import installations, list_requests, prepare_page


def get_context(context):
	customers = prepare_page(context, _("Support", context="onyx_support"), "home")
	context.open_requests = list_requests("open", limit=20, customers=customers)
	context.installations = installations(customers)
	context.just_sent = frappe.form_dict.get("sent")
	return context
