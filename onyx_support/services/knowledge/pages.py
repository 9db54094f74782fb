"""The public page of a knowledge article (/kb/<slug>) and the index of them (/kb).

The Knowledge Article is a WebsiteGenerator whose `is_published_field` is `published_publicly`
(status Published and audience Public) and which guests may view: Frappe finds a page for a route
only among articles with that flag (website/page_renderers/document_page.py), and its sitemap.xml
lists exactly those (www/sitemap.py, get_public_pages_from_doctypes). Anything else is "not
found", for guests and for logged-in users alike: the page is the same for every reader, so it is
read as a guest reads it (article_condition("Guest")), and so are the translations it links.

The page is an indexable page in the article's own language: <html lang> is the article's
language and the page's words follow it, the article is laid out right-to-left in Arabic, the
head carries a meta description, a canonical link and hreflang links to its public translations
(x-default: the original), and nothing asks robots not to index it."""

import frappe
from frappe import _
from frappe.utils import cint, get_url
from frappe.website.page_renderers.document_page import DocumentPage
from frappe.website.page_renderers.not_found_page import NotFoundPage
from frappe.website.page_renderers.template_page import TemplatePage

from onyx_support.domain.knowledge import LANGUAGES
from onyx_support.services.knowledge.search import MAX_LIMIT, search_articles
from onyx_support.services.portal.help import (
	article_view,
	language_name,
	readable_article,
	safe_title,
	search_for_reader,
	text_direction,
)

GUEST = "Guest"
ARTICLE = "Knowledge Article"
KB = "kb"
KB_ROUTE = "/kb"
DESCRIPTION_LENGTH = 160
INDEX_PAGE_SIZE = 20
FRAPPES_KB = ("Help Category", "Help Article")


class KnowledgePage(DocumentPage):
	"""Frappe's `page_renderer` hook for /kb and /kb/<slug>.

	Frappe itself claims these addresses for its Help Article: its hooks map `/kb/<category>` to
	the Help Article list, and the Knowledge Article's own route `kb` maps `/kb` to Frappe's
	generic web list, before any document is looked for (path_resolver.resolve_from_map). Either
	way a guest would get an empty list with HTTP 200 where an article's page or a 404 is due. So
	this renderer, asked before Frappe's own, reads the requested path as it was (frappe.local.path)
	and answers for the app: `kb` is the index (www/kb.html); `kb/<slug>` is the article whose
	route it is if a guest may read it (article_condition: Published and Public), rendered as
	Frappe renders any WebsiteGenerator page; any other `kb/...` is not found (a Help Category or
	Help Article of that route, should a site have one, is left to Frappe)."""

	def can_render(self):
		path = (getattr(frappe.local, "path", None) or self.path or "").strip("/ ")
		self.index = None
		self.docname = None
		if path == KB:
			self.index = TemplatePage(KB, self.http_status_code)
			return self.index.can_render()
		if not path.startswith(KB + "/"):
			return False
		name = frappe.db.get_value(ARTICLE, {"route": path}, "name")
		public = readable_article(name, GUEST, ("name", "published_publicly")) if name else None
		if public and cint(public.published_publicly):
			self.path, self.doctype, self.docname = path, ARTICLE, public.name
			return True
		if any(frappe.db.exists(doctype, {"route": path}) for doctype in FRAPPES_KB):
			return False  # Frappe's own Help Category or Help Article page
		self.path = path
		return True

	def render(self):
		if self.index:
			return self.index.render()
		if not self.docname:
			return NotFoundPage(self.path).render()
		return super().render()


def public_page_context(doc, context):
	"""get_context of the Knowledge Article's web page (its controller calls this)."""
	article = readable_article(doc.name, GUEST)
	if not article or not cint(article.published_publicly):
		# Frappe's route cache may still name an article unpublished a moment ago
		raise frappe.PageDoesNotExistError(_("This article is not available."))
	_speak_the_articles_language(context, article.language)
	view = article_view(article, GUEST)
	for row in view.translations:
		row.url = "/" + row.route if row.route and cint(row.published_publicly) else ""
	view.translations = [row for row in view.translations if row.url]
	context.article = view
	context.no_cache = 1
	context.show_sidebar = False
	# Frappe's breadcrumbs and <title> print the title as is: escaped here (Markup)
	context.title = safe_title(article.title)
	context.description = _description(article)
	context.canonical = get_url("/" + article.route)
	context.alternates = _alternates(article, view.translations)
	context.parents = [{"route": KB_ROUTE, "title": _("Knowledge base")}]
	context.metatags = {"og:url": context.canonical, "og:locale": article.language}
	# Frappe's meta tags read the document's fields from the context: the author is a staff
	# user's e-mail address, not for the public; the date is enough of published_on
	context.author = None
	context.published_on = str(article.published_on)[:10] if article.published_on else None
	return context


def _speak_the_articles_language(context, language: str | None):
	"""The page in the article's language: <html lang>, the page's own words and direction."""
	language = language if language in LANGUAGES else "en"
	frappe.local.lang = language
	if isinstance(context.get("boot"), dict):
		context.boot["lang"] = language
	context.lang = language
	context.dir = text_direction(language)
	context.rtl = context.dir == "rtl"


def _description(article) -> str:
	text = " ".join((article.summary or frappe.utils.strip_html(article.content or "")).split())
	if len(text) > DESCRIPTION_LENGTH:
		text = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
	return text


def _alternates(article, translations) -> list[dict]:
	"""hreflang links: this page and each public translation; x-default the group's original when
	it is public, else this page."""
	links = [{"hreflang": article.language, "href": get_url("/" + article.route), "name": article.name}]
	links += [{"hreflang": row.language, "href": get_url(row.url), "name": row.name} for row in translations]
	original = article.translation_of or article.name
	default = next((link for link in links if link["name"] == original), links[0])
	links.sort(key=lambda link: LANGUAGES.index(link["hreflang"]) if link["hreflang"] in LANGUAGES else 9)
	return [*links, {"hreflang": "x-default", "href": default["href"], "name": default["name"]}]


PUBLIC_LIST_FIELDS = ("name", "title", "summary", "route", "language")


def public_list(doctype=None, txt=None, filters=None, limit_start=0, limit_page_length=20, **kwargs):
	"""The `get_list` of Frappe's web list (frappe.www.list.get_list_data) for Knowledge Article:
	the articles a guest reads, whoever asks, with their public fields only (Frappe's own would read
	every column of the table, staff e-mail addresses included, under ignore_permissions); its
	filters are not the caller's to choose."""
	start = max(cint(limit_start), 0)
	length = max(1, min(cint(limit_page_length) or 20, MAX_LIMIT))
	rows = search_articles(txt if isinstance(txt, str) else "", user=GUEST, limit=MAX_LIMIT)
	return [frappe._dict({f: row[f] for f in PUBLIC_LIST_FIELDS}) for row in rows[start : start + length]]


def kb_index(text=None, language=None, page=None) -> frappe._dict:
	"""What /kb lists: the public articles (as a guest reads them, whoever asks), in the visitor's
	language first, one per translation group unless a language is chosen; a search and pages."""
	result = frappe._dict(
		text=(text or "").strip() if isinstance(text, str) else "",
		language=language if language in LANGUAGES else "",
		page=max(1, min(cint(page) or 1, 100 // INDEX_PAGE_SIZE)),
		languages=[(code, language_name(code)) for code in LANGUAGES],
		rows=[],
		has_previous=False,
		has_next=False,
		error=None,
	)
	try:
		rows = search_for_reader(result.text, user=GUEST, language=result.language)
	except frappe.ValidationError as error:
		frappe.clear_messages()
		result.error = frappe.utils.strip_html(str(error)) or _("This search cannot be answered.")
		return result
	start = (result.page - 1) * INDEX_PAGE_SIZE
	for row in rows[start : start + INDEX_PAGE_SIZE]:
		row = frappe._dict(row)
		row.url = "/" + row.route
		row.dir = text_direction(row.language)
		row.language_name = language_name(row.language)
		result.rows.append(row)
	result.has_previous = result.page > 1
	result.has_next = len(rows) > start + INDEX_PAGE_SIZE
	return result
