from frappe import _

from onyx_support.services.portal import prepare_page
from onyx_support.services.portal.visits import list_visits


def get_context(context):
	prepare_page(context, _("My visits"), "visits")
	context.visits = list_visits()
	context.to_sign = sum(1 for row in context.visits if row.to_sign)
	return context
