"""/support/help: the knowledge articles the reader may read (a client: Public ones and those of
the systems it runs; a guest: Public ones), its own systems first, in its language first, with a
search, filters by system and reason, and pages. services/portal/help.py reads them through
search_articles (article_condition); nothing here decides who reads what."""

import frappe
from frappe import _

from onyx_support.services.portal.help import help_page, page_link, prepare_help_page


def get_context(context):
	customers = prepare_help_page(context, _("Help articles"))
	form = frappe.form_dict
	context.help = help_page(
		form.get("q"), form.get("system"), form.get("reason"), form.get("page"), customers=customers
	)
	context.previous_link = page_link(context.help, context.help.page - 1)
	context.next_link = page_link(context.help, context.help.page + 1)
	return context
