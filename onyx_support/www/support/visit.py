import frappe
from frappe import _
from markupsafe import escape

from onyx_support.services.portal import prepare_page
from onyx_support.services.portal.visits import own_visit, visit_view


def get_context(context):
	prepare_page(context, _("Visit report"), "visit")
	doc = own_visit(frappe.form_dict.get("name"))
	context.visit = visit_view(doc)
	# Escaped here: Frappe's breadcrumbs print the title as is (Markup is not escaped twice by |e).
	context.title = escape("{0} · {1}".format(_("Visit report"), doc.name))
	context.parents = [
		{"route": "/support", "title": _("Support", context="onyx_support")},
		{"route": "/support/visits", "title": _("My visits")},
	]
	context.signer_name = frappe.utils.get_fullname(frappe.session.user)
	context.pdf_url = "/api/method/onyx_support.api.portal.visit_pdf?" + frappe.utils.urlencode(
		{"name": doc.name}
	)
	return context
