"""Knowledge articles on the client portal (/support/help, /support/help/<name>), the suggestions
of the new-request form, and what the public pages (/kb, services/knowledge/pages.py) show.

Who reads what is never decided here: lists and suggestions come from
services/knowledge/search.search_articles, and one article is read through
permissions/visibility.article_condition, the rule the desk, REST and search apply too. What this
module adds is the portal's view of it: the client's own systems first (an article of no
particular system is for everyone), one article per translation group (the reader's language
first, as the search ranks it), paging, and the article's pieces made safe to print (content
through services/html.clean_html; every other value is escaped by the templates)."""

import html
import re
from urllib.parse import quote, unquote

import frappe
from frappe import _
from frappe.utils import cint, format_date, strip_html
from markupsafe import Markup, escape

from onyx_support.domain.knowledge import LANGUAGES, REASONS
from onyx_support.permissions.visibility import portal_customers
from onyx_support.services.html import clean_html
from onyx_support.services.knowledge.articles import PRIVATE_FILES
from onyx_support.services.knowledge.search import (
	MAX_LIMIT,
	readable_articles,
	reader_language,
	search_articles,
)

ARTICLE = "Knowledge Article"
PAGE_SIZE = 10
SUGGESTIONS = 5
SHORTEST_SUGGESTION_QUERY = 3  # characters typed before the form asks for suggestions
HELP_ROUTE = "/support/help"
# Each language named in itself: a reader finds its own language whatever the page's.
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "ar": "العربية"}
RIGHT_TO_LEFT = frozenset({"ar"})
VIEW_FIELDS = (
	"name",
	"title",
	"summary",
	"content",
	"language",
	"translation_of",
	"audience",
	"system",
	"version_from",
	"version_to",
	"brochure",
	"route",
	"published_on",
	"published_publicly",
	"deflected_count",
)


class InvalidHelpFilter(frappe.ValidationError):
	pass


# --- the pages' common context ----------------------------------------------------------------------


def prepare_help_page(context, title: str) -> list[str]:
	"""Clients, guests and anyone logged in may open the help pages: what each reads is the
	audience rule's. Returns the caller's customers (none for a guest)."""
	user = frappe.session.user
	customers = portal_customers(user) if user != "Guest" else []
	if user != "Guest":
		# portal-only users never load the desk, which makes the CSRF token (services/portal/__init__.py)
		frappe.sessions.get_csrf_token()
	context.no_cache = 1
	context.show_sidebar = False
	context.title = title
	context.active = "help"
	context.is_client = bool(customers)
	context.is_guest = user == "Guest"
	context.rtl = frappe.utils.jinja_globals.is_rtl()
	context.parents = (
		[{"route": "/support", "title": _("Support", context="onyx_support")}] if customers else []
	)
	return customers


# --- reading ---------------------------------------------------------------------------------------


def readable_article(name, user: str | None = None, fields=VIEW_FIELDS):
	"""The article if it is published and the user may read it; None otherwise (also for a name
	that does not exist, so the two cannot be told apart)."""
	if not isinstance(name, str) or not name or len(name) > 140:
		return None
	rows = readable_articles([name], user, fields)
	return frappe._dict(rows[0]) if rows else None


def text_direction(language: str | None) -> str:
	return "rtl" if language in RIGHT_TO_LEFT else "ltr"


def language_name(language: str | None) -> str:
	return LANGUAGE_NAMES.get(language or "", language or "")


def reason_label(reason: str) -> str:
	labels = {
		"Error": _("Error", context="onyx_support"),
		"Guidance": _("Guidance"),
		"Feature Adaptation": _("Feature Adaptation"),
		"Update Delivery": _("Update Delivery"),
	}
	return labels.get(reason, reason)


def reason_choices() -> list[tuple[str, str]]:
	return [(reason, reason_label(reason)) for reason in REASONS]


def system_names(systems) -> dict[str, str]:
	systems = sorted({s for s in systems if s})
	if not systems:
		return {}
	return dict(
		frappe.get_all(
			"Item",
			filters={"name": ("in", systems)},
			fields=["name", "item_name"],
			as_list=True,
			order_by=None,
		)
	)


def client_systems(customers: list[str]) -> list[str]:
	"""The systems of the customers' active installations."""
	if not customers:
		return []
	return sorted(
		set(
			frappe.get_all(
				"Client Installation",
				filters={"customer": ("in", customers), "status": "Active"},
				pluck="system",
				order_by=None,
			)
		)
		- {None, ""}
	)


def article_url(name: str) -> str:
	return f"{HELP_ROUTE}/{quote(name, safe='')}"


def brochure_url(name: str) -> str:
	return "/api/method/onyx_support.api.portal.article_brochure?" + frappe.utils.urlencode({"name": name})


# --- an article's own images ------------------------------------------------------------------------

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".webp")  # no SVG: it can carry script
PRIVATE_IMAGE = re.compile(r'(<img\b[^>]*?\bsrc=")/private/files/([^"?#]+)"')


def image_url(article: str, image: str) -> str:
	return "/api/method/onyx_support.api.portal.article_image?" + frappe.utils.urlencode(
		{"article": article, "image": image}
	)


def with_readable_images(content_html: str, article: str) -> str:
	"""The article's private images served by article_image, which shows them to whoever reads the
	article: Frappe's editor saves pasted and uploaded images private, and a guest on /kb or a client
	on the portal cannot open /private/files. `content_html` is clean_html's output."""

	def through_article(found) -> str:
		image = unquote(html.unescape(found[2]))
		return f'{found[1]}{escape(image_url(article, image))}"'

	return PRIVATE_IMAGE.sub(through_article, content_html)


def article_image(article, image):
	"""The private image File `image` attached to an article the caller may read (published, by
	article_condition); None otherwise, whatever the reason."""
	if not isinstance(image, str) or not image.lower().endswith(IMAGE_EXTENSIONS) or "/" in image:
		return None
	found = readable_article(article, fields=("name",))
	if not found:
		return None
	file_name = frappe.db.get_value(
		"File",
		{
			"file_url": PRIVATE_FILES + image,
			"is_private": 1,
			"attached_to_doctype": ARTICLE,
			"attached_to_name": found.name,
		},
		"name",
	)
	return frappe.get_doc("File", file_name) if file_name else None


# --- lists -----------------------------------------------------------------------------------------


def _one_per_translation_group(rows: list[dict]) -> list[dict]:
	"""The first of each group of translations (the search ranks the reader's language first);
	the others are named on it as `also_in`."""
	kept: dict[str, dict] = {}
	for row in rows:
		group = row.get("translation_of") or row["name"]
		if group in kept:
			kept[group]["also_in"].append(row["language"])
			continue
		kept[group] = {**row, "also_in": []}
	return list(kept.values())


def _decorate(rows: list[dict], reader_lang: str, link) -> list[frappe._dict]:
	"""Rows with what a page prints beside them: their link, system's name and language. Titles
	and summaries stay as written: the templates escape them (and the suggestions' script sets
	them as text)."""
	names = system_names(row.get("system") for row in rows)
	out = []
	for row in rows:
		row = frappe._dict(row)
		row.url = link(row)
		row.summary = row.summary or ""
		row.system_name = names.get(row.system, row.system or "")
		row.language_name = language_name(row.language)
		row.other_language = row.language != reader_lang
		row.dir = text_direction(row.language)
		row.also_in = [(lang, language_name(lang)) for lang in row.get("also_in") or []]
		out.append(row)
	return out


def search_for_reader(
	text: str | None,
	*,
	user: str | None = None,
	system: str | None = None,
	reason: str | None = None,
	own_systems: list[str] | None = None,
	language: str | None = None,
	limit: int = MAX_LIMIT,
) -> list[dict]:
	"""search_articles for the user, one article per translation group; with `own_systems`, only
	articles of those systems or of none (a client's view of "all my systems")."""
	rows = search_articles(
		text or "",
		user=user,
		system=system or None,
		reason=reason or None,
		language=language or None,
		limit=limit,
	)
	if own_systems is not None and not system:
		allowed = set(own_systems)
		rows = [row for row in rows if not row.get("system") or row.get("system") in allowed]
	return _one_per_translation_group(rows)


def help_page(text=None, system=None, reason=None, page=None, customers=None) -> frappe._dict:
	"""What /support/help shows: the filters the reader may choose and one page of articles;
	`customers`: what prepare_help_page already found."""
	user = frappe.session.user
	if customers is None:
		customers = portal_customers(user) if user != "Guest" else []
	own = client_systems(customers)
	names = system_names(own)
	result = frappe._dict(
		text=(text or "").strip() if isinstance(text, str) else "",
		system=system if isinstance(system, str) else "",
		reason=reason if isinstance(reason, str) else "",
		page=max(1, min(cint(page) or 1, MAX_LIMIT // PAGE_SIZE)),
		systems=[(s, names.get(s, s)) for s in own],
		reasons=reason_choices(),
		rows=[],
		has_previous=False,
		has_next=False,
		error=None,
		is_client=bool(customers),
		reader_language=reader_language(user),
	)
	try:
		if result.system and result.system not in own:
			frappe.throw(_("Choose one of your systems."), InvalidHelpFilter)
		if result.reason and result.reason not in REASONS:
			frappe.throw(
				_("Choose a valid {0}.").format(_("Reason", context="onyx_support")), InvalidHelpFilter
			)
		rows = search_for_reader(
			result.text,
			user=user,
			system=result.system,
			reason=result.reason,
			own_systems=own if customers else None,
		)
	except frappe.ValidationError as error:
		frappe.clear_messages()
		result.error = strip_html(str(error)) or _("This search cannot be answered.")
		return result
	start = (result.page - 1) * PAGE_SIZE
	result.rows = _decorate(
		rows[start : start + PAGE_SIZE], result.reader_language, lambda r: article_url(r.name)
	)
	result.has_previous = result.page > 1
	result.has_next = len(rows) > start + PAGE_SIZE
	return result


def page_link(help_result, page: int) -> str:
	query = {
		key: value
		for key, value in (
			("q", help_result.text),
			("system", help_result.system),
			("reason", help_result.reason),
			("page", page if page > 1 else None),
		)
		if value
	}
	return HELP_ROUTE + ("?" + frappe.utils.urlencode(query) if query else "")


# --- suggestions on the new-request form -------------------------------------------------------------


def suggestions(customers: list[str], subject: str, installation: str | None, reason: str | None) -> list:
	"""Up to five articles the client may read for what it is typing: of the chosen installation's
	system (or of none), those that help with the chosen reason first. The caller has checked the
	client; an installation not of its customers is refused."""
	subject = subject if isinstance(subject, str) else ""
	system = None
	if installation:
		system = frappe.db.get_value(
			"Client Installation", {"name": installation, "customer": ("in", customers)}, "system"
		)
		if not system:
			frappe.throw(_("Choose one of your own installations."), InvalidHelpFilter)
	if reason and reason not in REASONS:
		frappe.throw(_("Choose a valid {0}.").format(_("Reason", context="onyx_support")), InvalidHelpFilter)
	if len(subject.strip()) < SHORTEST_SUGGESTION_QUERY:
		return []  # a blank or short subject suggests nothing (a long one is refused by the search)
	own = None if system else client_systems(customers)
	found: dict[str, dict] = {}
	for by_reason in [reason, None] if reason else [None]:
		for row in search_for_reader(subject, system=system, reason=by_reason, own_systems=own, limit=20):
			found.setdefault(row["name"], row)
	found = [row for row in found.values() if float(row.get("score") or 0) > 0][:SUGGESTIONS]
	reader_lang = reader_language()
	return [
		{
			"name": row.name,
			"title": row.title,
			"summary": row.summary,
			"url": row.url,
			"language": row.language,
			"language_name": row.language_name if row.other_language else "",
			"system_name": row.system_name,
			"dir": row.dir,
		}
		for row in _decorate(found, reader_lang, lambda r: article_url(r.name))
	]


# --- one article -----------------------------------------------------------------------------------


def versions_label(system_name: str, version_from: str | None, version_to: str | None) -> str:
	if version_from and version_to:
		return _("{0}, versions {1} to {2}").format(system_name, version_from, version_to)
	if version_from:
		return _("{0}, version {1} and later").format(system_name, version_from)
	if version_to:
		return _("{0}, up to version {1}").format(system_name, version_to)
	return _("{0}, all versions").format(system_name) if system_name else ""


def article_reasons(name: str) -> list[str]:
	return frappe.get_all(
		"Knowledge Article Reason",
		filters={"parent": name, "parenttype": ARTICLE, "parentfield": "reasons"},
		pluck="reason",
		order_by="idx asc",
	)


def translations_of(article, user: str | None = None) -> list[frappe._dict]:
	"""The other articles of its translation group (the original and the translations of it) the
	user may read, in the order en, fr, ar."""
	group = article.translation_of or article.name
	names = frappe.get_all(
		ARTICLE,
		or_filters={"name": group, "translation_of": group},
		pluck="name",
		order_by=None,
	)
	names = [name for name in names if name != article.name]
	rows = readable_articles(names, user, ("name", "title", "language", "route", "published_publicly"))
	rows.sort(key=lambda row: (LANGUAGES.index(row.language) if row.language in LANGUAGES else 9, row.name))
	return [
		frappe._dict(row, language_name=language_name(row.language), dir=text_direction(row.language))
		for row in rows
	]


def article_view(article, user: str | None = None) -> frappe._dict:
	"""The pieces of an article a page prints: plain text (escaped by the template), the content
	cleaned for display (services/html.clean_html: a value stored past the editor's cleaning, or
	looking like JSON, cannot run script either), labels, its translations the reader may read."""
	names = system_names([article.system])
	system_name = names.get(article.system, article.system or "")
	return frappe._dict(
		name=article.name,
		title=article.title or "",
		summary=article.summary or "",
		content_html=with_readable_images(clean_html(article.content), article.name),
		language=article.language,
		language_name=language_name(article.language),
		dir=text_direction(article.language),
		system_name=system_name,
		versions=versions_label(system_name, article.version_from, article.version_to),
		reasons=[reason_label(reason) for reason in article_reasons(article.name)],
		brochure_url=brochure_url(article.name) if article.brochure else "",
		published_on=format_date(article.published_on) if article.published_on else "",
		deflected_count=cint(article.deflected_count),
		translations=translations_of(article, user),
		public_url=("/" + article.route) if article.published_publicly and article.route else "",
	)


def brochure_file(name: str):
	"""The brochure File of an article the caller may read: the article's own attachment named in
	its brochure field; None when there is none or the article is not readable."""
	article = readable_article(name, fields=("name", "brochure"))
	if not article or not article.brochure:
		return None
	file_name = frappe.db.get_value(
		"File",
		{"file_url": article.brochure, "attached_to_doctype": ARTICLE, "attached_to_name": article.name},
		"name",
	)
	return frappe.get_doc("File", file_name) if file_name else None


def safe_title(value) -> Markup:
	"""A title for Frappe's breadcrumbs, which print it as is (Markup: |e does not escape it twice)."""
	return escape(value or "")
