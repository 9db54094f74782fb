"""The Knowledge Article's own rules, between its controller and domain/knowledge.py: the checks
with their translated errors, its address, its search text and whether the user may edit it."""

import html

import frappe
from frappe import _

from onyx_support.domain import knowledge as rules
from onyx_support.permissions.visibility import article_facts, article_reader, may_read_stored, stored_article


class ArticleRuleBroken(frappe.ValidationError):
	pass


class ReviewerIsAuthor(frappe.ValidationError):
	pass


class SearchTooLong(frappe.ValidationError):
	pass


_MESSAGES = {
	"office_required": lambda v: _("Name the office whose staff read this article."),
	"system_required": lambda v: _("Name the system whose clients read this article."),
	"unknown_language": lambda v: _("The language must be English (en), French (fr) or Arabic (ar)."),
	"versions_without_system": lambda v: _("Versions are those of a system: name the system first."),
	"invalid_version": lambda v: _("{0} is not a version of the system (e.g. 15.2 or 15.10.1).").format(
		frappe.bold(v)
	),
	"versions_reversed": lambda v: _("The first version must not come after the last one ({0}).").format(v),
	"own_review": lambda v: _("An article is reviewed by someone other than its author."),
	"query_too_long": lambda v: _("A search is at most {0} characters long (this one has {1}).").format(
		rules.SEARCH_LIMIT, v
	),
}

_EXCEPTIONS = {"own_review": ReviewerIsAuthor, "query_too_long": SearchTooLong}


def throw_knowledge_error(error: rules.KnowledgeError):
	message = _MESSAGES.get(error.problem)
	if not message:
		raise error
	frappe.throw(
		message(error.value),
		_EXCEPTIONS.get(error.problem, ArticleRuleBroken),
		title=_("Knowledge Article"),
	)


def check_article(doc) -> None:
	try:
		rules.check_article(
			doc.audience, doc.office, doc.system, doc.version_from, doc.version_to, doc.language
		)
	except rules.KnowledgeError as error:
		throw_knowledge_error(error)


def check_review(doc) -> None:
	try:
		rules.check_review(doc.author, doc.reviewer)
	except rules.KnowledgeError as error:
		throw_knowledge_error(error)


def check_query(text: str | None) -> str:
	try:
		return rules.check_query(text)
	except rules.KnowledgeError as error:
		throw_knowledge_error(error)


def check_source_request(doc) -> None:
	"""An article names only a request its author may read (the app's action checks it too)."""
	if doc.flags.via_rule or frappe.session.user == "Administrator":
		return
	if not frappe.db.exists("Support Request", doc.source_request) or not may_read_stored(
		"Support Request", doc.source_request, frappe.session.user
	):
		frappe.throw(
			_("You may not read request {0}.").format(frappe.bold(doc.source_request)),
			frappe.PermissionError,
		)


def check_translation_of(doc) -> None:
	"""An article is the translation only of an article its writer may read (the link is checked
	for existence by Frappe, not for its audience)."""
	if not doc.translation_of or not (doc.is_new() or doc.has_value_changed("translation_of")):
		return
	if doc.flags.via_rule or frappe.session.user == "Administrator":
		return
	if not may_read_stored(doc.doctype, doc.translation_of, frappe.session.user):
		frappe.throw(
			_("You may not read article {0}.").format(frappe.bold(doc.translation_of)),
			frappe.PermissionError,
		)


PRIVATE_FILES = "/private/files/"


def check_brochure(doc) -> None:
	"""The brochure is a PDF kept as a private file (the portal's checked download serves it; a
	public file's address opens to anyone), and one its writer may read: on save Frappe attaches
	to the article a File of whatever address the Attach field names, which its author could then
	download."""
	if not doc.brochure or not (doc.is_new() or doc.has_value_changed("brochure")):
		return
	if not doc.brochure.startswith(PRIVATE_FILES) or not doc.brochure.lower().endswith(".pdf"):
		frappe.throw(
			_("The brochure must be a PDF attached as a private file."),
			ArticleRuleBroken,
			title=_("Knowledge Article"),
		)
	if doc.flags.via_rule or frappe.session.user == "Administrator":
		return
	files = frappe.get_all("File", filters={"file_url": doc.brochure}, pluck="name", limit=50)
	if not any(frappe.get_doc("File", name).has_permission("read") for name in files):
		frappe.throw(_("You cannot attach a private file you may not read."), frappe.PermissionError)


def route_for(doc) -> str:
	"""`kb/<slug>` from the title, given once (an address already given stays)."""
	prefix = f"{doc.meta.route}/"
	if doc.route and doc.route.startswith(prefix) and not doc.is_new():
		return doc.route
	base = rules.slug(doc.title, fallback=frappe.scrub(doc.name or "article").replace("_", "-"))
	taken = frappe.get_all(
		doc.doctype,
		filters={"route": ("like", f"{prefix}{base}%"), "name": ("!=", doc.name or "")},
		pluck="route",
	)
	return prefix + rules.unique_slug(base, (route.removeprefix(prefix) for route in taken))


def search_text_of(doc) -> str:
	return rules.search_text(doc.title, html.unescape(doc.summary or ""), html.unescape(doc.content or ""))


def may_edit(doc, user: str | None = None) -> bool:
	"""May the user save this stored article (its DocPerm and the writing rule)?"""
	user = user or frappe.session.user
	if not frappe.has_permission(doc.doctype, "write", user=user):
		return False
	if user == "Administrator":
		return True
	stored = stored_article(doc.name) if not doc.is_new() else None
	return rules.may_write(article_reader(user), stored, article_facts(doc))
