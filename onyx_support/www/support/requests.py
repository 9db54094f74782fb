import frappe
from frappe import _

from onyx_support.services.portal import STATUS_FILTERS, list_requests, prepare_page


def get_context(context):
	customers = prepare_page(context, _("My requests"), "list")
	status = frappe.form_dict.get("status") or "open"
	context.status_filter = status if status in STATUS_FILTERS else "open"
	context.search = (frappe.form_dict.get("q") or "").strip()[:100]
	context.requests = list_requests(context.status_filter, context.search or None, customers=customers)
	return context
