"""Full-text search of knowledge articles, for every reader (desk, portal, guests).

MariaDB's own FULLTEXT index on (title, search_text), asked in NATURAL LANGUAGE MODE with the
reader's words as a bound parameter: ranked by relevance, no operator of the boolean mode to
escape, and an SQL or HTML fragment is only ever a string of words. The columns' collation
(utf8mb4_unicode_ci) makes French accent-insensitive; Arabic is normalised on both sides
(domain/knowledge.search_words). Who reads what is `article_condition(user)`, the same condition
as the desk's lists, so a search never shows more than the reader's lists do.
"""

import frappe
from frappe.utils import cint

from onyx_support.domain import knowledge as rules
from onyx_support.permissions.visibility import article_condition
from onyx_support.services.knowledge.articles import check_query

TABLE = "tabKnowledge Article"
INDEX = "knowledge_article_fulltext"
COLUMNS = ("title", "search_text")
MAX_LIMIT = 100
FIELDS = ("name", "title", "summary", "route", "language", "translation_of", "audience", "system")


def readable_articles(names, user: str | None = None, fields=("name",), published_only: bool = True) -> list:
	"""The articles among `names` the user may read (article_condition), in one query: published
	ones only, unless `published_only` is False (an author's or reviewer's own draft)."""
	names = [name for name in names if isinstance(name, str) and name]
	if not names:
		return []
	columns = ", ".join(f"`{field}`" for field in fields)
	published = "`status` = 'Published' and " if published_only else ""
	return frappe.db.sql(
		f"""select {columns} from `{TABLE}`
		where `name` in %(names)s and {published}({article_condition(user)})""",
		{"names": tuple(names)},
		as_dict=True,
	)


def ensure_fulltext_index() -> bool:
	"""Create the FULLTEXT index when the table has none of that name; True when created."""
	if not frappe.db.table_exists("Knowledge Article"):
		return False
	exists = frappe.db.sql(f"show index from `{TABLE}` where Key_name = %s", INDEX)
	if exists:
		return False
	frappe.db.sql_ddl(
		f"alter table `{TABLE}` add fulltext index `{INDEX}` ({', '.join(f'`{c}`' for c in COLUMNS)})"
	)
	return True


def reader_language(user: str | None = None) -> str:
	"""The reader's language among the articles' (en for any other)."""
	if user and user != frappe.session.user and user != "Guest":
		lang = frappe.db.get_value("User", user, "language")
	else:
		lang = getattr(frappe.local, "lang", None)
	lang = (lang or frappe.db.get_default("lang") or "en").split("-")[0].lower()
	return lang if lang in rules.LANGUAGES else "en"


def search_articles(
	text: str,
	*,
	user: str | None = None,
	system: str | None = None,
	reason: str | None = None,
	language: str | None = None,
	limit: int = 20,
) -> list[dict]:
	"""Published articles the user may read that match the words of `text`, best first, those in
	the reader's language before the others. Blank text: the most recently published ones.

	Filters: `system` (its articles and those of no particular system), `reason` (articles that
	help with that request reason), `language` (articles written in it). Keys of each result:
	name, title, summary, route, language, translation_of, audience, system, score."""
	query, values = search_query(
		text, user=user, system=system, reason=reason, language=language, limit=limit
	)
	rows = frappe.db.sql(query, values, as_dict=True)
	for row in rows:
		row["score"] = float(row["score"] or 0)
	return rows


def search_query(
	text: str,
	*,
	user: str | None = None,
	system: str | None = None,
	reason: str | None = None,
	language: str | None = None,
	limit: int = 20,
) -> tuple[str, dict]:
	"""The SQL of `search_articles` and its bound values (the benchmark EXPLAINs it)."""
	text = check_query(text)
	user = user or frappe.session.user
	limit = max(1, min(cint(limit) or 20, MAX_LIMIT))
	words = rules.search_words(text)
	values = {"words": words, "reader_language": reader_language(user), "limit": limit}
	where = [article_condition(user, table="ka"), "ka.`status` = 'Published'"]
	if system:
		where.append("(ka.`system` = %(system)s or ifnull(ka.`system`, '') = '')")
		values["system"] = system
	if reason:
		where.append(
			"exists (select 1 from `tabKnowledge Article Reason` kr where kr.`parent` = ka.`name` "
			"and kr.`parenttype` = 'Knowledge Article' and kr.`reason` = %(reason)s)"
		)
		values["reason"] = reason
	if language:
		where.append("ka.`language` = %(language)s")
		values["language"] = language
	columns = ", ".join(f"ka.`{field}`" for field in FIELDS)
	match = "match(ka.`title`, ka.`search_text`) against (%(words)s in natural language mode)"
	if words.strip():
		where.append(match)
		score, order = match, "score desc, ka.`published_on` desc"
	else:
		score, order = "0", "ka.`published_on` desc"
	query = f"""select {columns}, {score} as score
		from `{TABLE}` ka
		where {" and ".join(f"({clause})" for clause in where)}
		order by (ka.`language` = %(reader_language)s) desc, {order}, ka.`name`
		limit %(limit)s"""
	return query, values
