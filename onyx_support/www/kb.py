"""/kb: the public knowledge articles (Published, audience Public), as a guest reads them whoever
asks, the visitor's language first, with a search, a language filter and pages. Each links to its
indexable page /kb/<slug> (services/knowledge/pages.py)."""

import frappe
from frappe import _

from onyx_support.services.knowledge.pages import kb_index

sitemap = 1  # listed in Frappe's sitemap.xml, beside the articles' own pages
no_cache = 1


def get_context(context):
	context.show_sidebar = False
	context.title = _("Knowledge base")
	context.description = _("Answers from OnyxPro support: guides and fixes for the OnyxPro systems.")
	context.rtl = frappe.utils.jinja_globals.is_rtl()
	form = frappe.form_dict
	context.kb = kb_index(form.get("q"), form.get("language"), form.get("page"))
	context.previous_link = _link(context.kb, context.kb.page - 1)
	context.next_link = _link(context.kb, context.kb.page + 1)
	return context


def _link(kb, page: int) -> str:
	query = {
		key: value
		for key, value in (("q", kb.text), ("language", kb.language), ("page", page if page > 1 else None))
		if value
	}
	return "/kb" + ("?" + frappe.utils.urlencode(query) if query else "")
