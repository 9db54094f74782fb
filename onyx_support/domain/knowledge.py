"""Knowledge articles: who reads them, who edits them, their states, and the text they are found by.

Pure Python on plain values. An article has an audience (central support only, the network's
engineers, one office, the clients of a system, the public) and a state (Draft, In Review,
Published, Archived). `read_rule(reader)` says once what a reader may read, in a shape that both
`may_read` (one document) and the SQL condition of permissions/visibility.py (lists, search,
portal) follow, so the two cannot drift apart. The Workflow fixture "Knowledge Article Flow" is
checked against `TRANSITIONS` by a meta-test.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from onyx_support.domain.errors import DomainError
from onyx_support.domain.versions import parse_or_none


class KnowledgeError(DomainError):
	"""A rule of knowledge articles, named by `problem`, with the value its message needs."""

	def __init__(self, problem: str, value: str | None = None):
		super().__init__(problem, value)
		self.problem = problem
		self.value = value


class Audience(str, Enum):
	CENTRAL = "Central Support"
	ENGINEERS = "Network Engineers"
	OFFICE = "Office"
	SYSTEM_CLIENTS = "System Clients"
	PUBLIC = "Public"


class ArticleState(str, Enum):
	DRAFT = "Draft"
	IN_REVIEW = "In Review"
	PUBLISHED = "Published"
	ARCHIVED = "Archived"


LANGUAGES = ("en", "fr", "ar")
# The request reasons an article helps with: Support Request's own (a meta-test keeps them equal).
REASONS = ("Feature Adaptation", "Guidance", "Error", "Update Delivery")

# --- the workflow ------------------------------------------------------------------------------

ENGINEER = "Support Engineer"
MANAGER = "Support Office Manager"
CENTRAL = "Central Support Engineer"
ADMIN = "Support Administrator"
AUTHORS = (ENGINEER, MANAGER, CENTRAL, ADMIN)
REVIEWERS = (CENTRAL, ADMIN)

WORKFLOW_NAME = "Knowledge Article Flow"
# Only the author sends an article to review (Frappe evaluates this on the stored document).
BY_AUTHOR = "doc.author == frappe.session.user"


@dataclass(frozen=True)
class Transition:
	state: ArticleState
	action: str
	next_state: ArticleState
	roles: tuple[str, ...]
	condition: str | None = None
	# Frappe's "self approval": may the document's creator take this step? Publishing is a review
	# by someone else (the controller also refuses a reviewer who is the author, whatever door).
	self_approval: bool = True


TRANSITIONS: tuple[Transition, ...] = (
	Transition(ArticleState.DRAFT, "Submit for Review", ArticleState.IN_REVIEW, AUTHORS, BY_AUTHOR),
	Transition(ArticleState.IN_REVIEW, "Publish", ArticleState.PUBLISHED, REVIEWERS, self_approval=False),
	Transition(ArticleState.IN_REVIEW, "Send Back", ArticleState.DRAFT, REVIEWERS),
	Transition(ArticleState.PUBLISHED, "Archive", ArticleState.ARCHIVED, REVIEWERS),
)

STATE_STYLES = {
	ArticleState.DRAFT: "Warning",
	ArticleState.IN_REVIEW: "Primary",
	ArticleState.PUBLISHED: "Success",
	ArticleState.ARCHIVED: "Inverse",
}


def workflow_rows() -> list[tuple[str, str, str, str, str | None]]:
	"""(state, action, next state, role, condition) rows, one per role, as Frappe stores them."""
	return [
		(t.state.value, t.action, t.next_state.value, role, t.condition)
		for t in TRANSITIONS
		for role in t.roles
	]


def is_review(previous: str | None, state: str | None) -> bool:
	"""A step out of review (published or sent back): the one who takes it is the reviewer."""
	return previous == ArticleState.IN_REVIEW.value and state != previous


def check_review(author: str | None, reviewer: str | None) -> None:
	"""An article is reviewed by someone other than its author."""
	if reviewer and author and reviewer == author:
		raise KnowledgeError("own_review")


def published_publicly(status: str | None, audience: str | None) -> bool:
	"""The article's public web page exists (Frappe's `is_published_field`)."""
	return status == ArticleState.PUBLISHED.value and audience == Audience.PUBLIC.value


# --- who reads ---------------------------------------------------------------------------------


class ReaderKind(str, Enum):
	NETWORK = "network"  # central support, support administrators: everything
	STAFF = "staff"  # desk users of an office (or of none: a directorate member)
	CLIENT = "client"  # a portal user: the systems of its customers' installations
	GUEST = "guest"  # anyone else: public articles only


@dataclass(frozen=True)
class Reader:
	kind: ReaderKind
	user: str | None = None
	offices: frozenset[str] = frozenset()
	systems: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Article:
	audience: str | None
	status: str | None
	office: str | None = None
	system: str | None = None
	author: str | None = None
	reviewer: str | None = None


@dataclass(frozen=True)
class ReadRule:
	"""What a reader may read: everything, or the articles it authors or reviews (any state),
	or published ones of some audiences, of some offices (audience Office) and of some systems
	(audience System Clients; None: any system)."""

	everything: bool = False
	own_user: str | None = None
	audiences: frozenset[Audience] = frozenset()
	offices: frozenset[str] = frozenset()
	systems: frozenset[str] | None = frozenset()


def read_rule(reader: Reader) -> ReadRule:
	if reader.kind is ReaderKind.NETWORK:
		return ReadRule(everything=True)
	if reader.kind is ReaderKind.STAFF:
		return ReadRule(
			own_user=reader.user,
			audiences=frozenset({Audience.ENGINEERS, Audience.PUBLIC}),
			offices=frozenset(reader.offices),
			systems=None,
		)
	if reader.kind is ReaderKind.CLIENT:
		return ReadRule(audiences=frozenset({Audience.PUBLIC}), systems=frozenset(reader.systems))
	return ReadRule(audiences=frozenset({Audience.PUBLIC}))


def rule_admits(rule: ReadRule, article: Article) -> bool:
	if rule.everything:
		return True
	if rule.own_user and rule.own_user in (article.author, article.reviewer):
		return True
	if article.status != ArticleState.PUBLISHED.value:
		return False
	return audience_admitted(rule, article.audience, article.office, article.system)


def audience_admitted(rule: ReadRule, audience: str | None, office: str | None, system: str | None) -> bool:
	"""Would a published article of this audience (office, system) reach the reader?"""
	if rule.everything:
		return True
	if audience in {a.value for a in rule.audiences}:
		return True
	if audience == Audience.OFFICE.value:
		return bool(office) and office in rule.offices
	if audience == Audience.SYSTEM_CLIENTS.value:
		return rule.systems is None or (bool(system) and system in rule.systems)
	return False


def may_read(reader: Reader, article: Article) -> bool:
	return rule_admits(read_rule(reader), article)


def office_engineers_read(article: Article, office: str | None) -> bool:
	"""Do the engineers of `office` read this published article? An article named as the answer to
	one of the office's requests must be one they can open from the request: not central support's
	own, not another office's."""
	# a reader with no user of its own: no author's or reviewer's drafts
	return may_read(Reader(ReaderKind.STAFF, offices=frozenset({office} if office else ())), article)


# --- who writes --------------------------------------------------------------------------------

EDITABLE_STATES = frozenset({ArticleState.DRAFT.value, ArticleState.IN_REVIEW.value})


def may_write(reader: Reader, stored: Article | None, new: Article) -> bool:
	"""Central support writes every article. Office staff create articles and edit their own while
	Draft or In Review, each only for an audience they may read (never central support's, never
	another office's). Clients and guests write none."""
	if reader.kind is ReaderKind.NETWORK:
		return True
	if reader.kind is not ReaderKind.STAFF:
		return False
	rule = read_rule(reader)
	if stored is not None:
		if stored.author != reader.user or stored.status not in EDITABLE_STATES:
			return False
		if not audience_admitted(rule, stored.audience, stored.office, stored.system):
			return False
	if not new.audience:
		return True  # the DocType's mandatory check answers first
	return audience_admitted(rule, new.audience, new.office, new.system)


# --- the article's own rules -------------------------------------------------------------------


def check_article(
	audience: str | None,
	office: str | None,
	system: str | None,
	version_from: str | None,
	version_to: str | None,
	language: str | None,
) -> None:
	if audience == Audience.OFFICE.value and not office:
		raise KnowledgeError("office_required")
	if audience == Audience.SYSTEM_CLIENTS.value and not system:
		raise KnowledgeError("system_required")
	if language and language not in LANGUAGES:
		raise KnowledgeError("unknown_language", value=language)
	if (version_from or version_to) and not system:
		raise KnowledgeError("versions_without_system")
	low, high = parse_or_none(version_from), parse_or_none(version_to)
	for text, parsed in ((version_from, low), (version_to, high)):
		if text and parsed is None:
			raise KnowledgeError("invalid_version", value=text)
	if low and high and high < low:
		raise KnowledgeError("versions_reversed", value=f"{version_from} > {version_to}")


# --- the text an article is found by -----------------------------------------------------------

SEARCH_LIMIT = 200  # characters of a search
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
# Arabic: short vowels and other marks, tatweel; the letter forms people type interchangeably.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans(
	{"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
)
# The definite article and the particles glued to it: "الفاتورة", "بالفاتورة", "للفاتورة".
_ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_WORD = re.compile(r"\w+", re.UNICODE)


def plain(text: str | None) -> str:
	"""Markup removed, whitespace collapsed (entities are the glue's: it unescapes first)."""
	return _SPACE.sub(" ", _TAG.sub(" ", text or "")).strip()


def _arabic_stem(word: str) -> str | None:
	for prefix in _ARABIC_PREFIXES:
		if word.startswith(prefix) and len(word) - len(prefix) >= 2:
			return word[len(prefix) :]
	return None


def search_words(text: str | None) -> str:
	"""The words of a text as the search index holds them, and a query is matched with:
	Arabic letters in one form each and without vowel marks, each word with the definite article
	also without it (so "فاتورة" finds "الفاتورة"). Latin accents stay: the column's collation
	(utf8mb4_unicode_ci) matches "facture" with "facturé"."""
	text = unicodedata.normalize("NFKC", text or "")
	text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
	words = []
	for word in _WORD.findall(text):
		words.append(word)
		stem = _arabic_stem(word)
		if stem:
			words.append(stem)
	return " ".join(words)


def search_text(title: str | None, summary: str | None, content: str | None) -> str:
	"""What the FULLTEXT index reads beside the title: title, summary and content as words."""
	return search_words(" ".join(plain(part) for part in (title, summary, content)))


def check_query(text: str | None) -> str:
	"""A reader's search, trimmed; more than SEARCH_LIMIT characters is refused."""
	text = (text or "").strip()
	if len(text) > SEARCH_LIMIT:
		raise KnowledgeError("query_too_long", value=str(len(text)))
	return text


_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
# words that say a text is French rather than English (accents aside)
_FRENCH_WORDS = frozenset(
	"le la les des du une est sont pas avec pour dans sur que qui ne plus vous nous "
	"au aux ou mais cette ce ces été être fait".split()
)
_FRENCH_ACCENTS = re.compile("[éèêàùâîôûçœë]", re.IGNORECASE)


def guess_language(text: str | None, default: str = "en") -> str:
	"""The language a text is written in, among the articles' (a request says none): Arabic when
	most letters are Arabic, French when its small words or accents are French, else `default`
	(for an empty text) or English."""
	text = plain(text)
	arabic, latin = len(_ARABIC_LETTER.findall(text)), len(_LATIN_LETTER.findall(text))
	if not arabic and not latin:
		return default if default in LANGUAGES else "en"
	if arabic > latin:
		return "ar"
	words = [word.lower() for word in _WORD.findall(text)]
	french = sum(word in _FRENCH_WORDS for word in words) + len(_FRENCH_ACCENTS.findall(text))
	english = sum(word in ("the", "and", "is", "are", "with", "for", "not", "to", "of") for word in words)
	return "fr" if french > english else "en"


def slug(title: str | None, fallback: str = "article") -> str:
	"""The last part of an article's web address: lower-case words joined by hyphens, Latin
	accents dropped, Arabic letters kept (browsers show them as written)."""
	text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFC", (title or "").lower()))
	text = "".join(_latin_base(c) for c in text)
	words = _WORD.findall(text.replace("_", " "))
	value = "-".join(words)[:100].strip("-")
	return value or fallback


def _latin_base(char: str) -> str:
	"""A Latin letter without its accent ("é" -> "e"); any other letter as it is ("إ" stays)."""
	base = unicodedata.normalize("NFKD", char)[0]
	return base if base.isascii() else char


def unique_slug(base: str, taken: Iterable[str]) -> str:
	"""`base`, or `base-2`, `base-3`… the first not taken."""
	taken = set(taken)
	if base not in taken:
		return base
	number = 2
	while f"{base}-{number}" in taken:
		number += 1
	return f"{base}-{number}"
