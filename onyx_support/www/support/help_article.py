"""/support/help/<name>: one knowledge article the reader may read (article_condition), with its
summary, content (cleaned for display), versions, reasons, brochure, translations, and "This
solved my problem" when the client came from the new-request form. Any other name answers 'not
found' (a guest is sent to log in first, as for the portal's other pages)."""

import frappe
from frappe import _

from onyx_support.services.portal.help import (
	HELP_ROUTE,
	article_url,
	article_view,
	prepare_help_page,
	readable_article,
	safe_title,
)


def get_context(context):
	prepare_help_page(context, _("Help articles"))
	name = frappe.form_dict.get("name")
	found = readable_article(name)
	if not found:
		if frappe.session.user == "Guest":
			frappe.local.flags.redirect_location = "/login?redirect-to=" + frappe.utils.quote(
				frappe.request.path if frappe.request else HELP_ROUTE
			)
			raise frappe.Redirect
		raise frappe.DoesNotExistError(_("This article is not available."))
	context.article = article_view(found)
	for row in context.article.translations:
		row.url = article_url(row.name)
	context.title = safe_title(found.title)
	context.parents = [*context.parents, {"route": HELP_ROUTE, "title": _("Help articles")}]
	# "This solved my problem" where the client came to the article from the new-request form
	context.from_new_request = context.is_client and frappe.form_dict.get("from") == "new"
	return context
