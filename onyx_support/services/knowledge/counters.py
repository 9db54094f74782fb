"""How often an article did its job: requests it solved ("this helped", services/knowledge/
requests.py) and portal requests it avoided (deflection, counted here).

Counters move by an atomic `count = count + 1` on the row, never by saving the document: two
readers at once count two, and the article's `modified` (and an editor's open form) is untouched.
"""

import frappe
from frappe.utils import nowdate

from onyx_support.permissions.visibility import article_condition

ARTICLE = "Knowledge Article"
DAY = 24 * 60 * 60


def _readable(article: str, user: str) -> bool:
	return bool(
		frappe.db.sql(
			f"""select 1 from `tabKnowledge Article`
			where `name` = %(article)s and `status` = 'Published' and ({article_condition(user)})""",
			{"article": article},
		)
	)


def count_deflection(article: str, user: str) -> bool:
	"""The reader read this article instead of filing a request: counted once per user, article and
	day (a guest: per address), and only for a published article the user may read. True when
	counted now."""
	if not article or not _readable(article, user):
		return False
	who = user
	if user == "Guest":
		who = f"Guest:{getattr(frappe.local, 'request_ip', None) or '-'}"
	key = frappe.cache.make_key(f"onyx_kb_deflection:{nowdate()}:{article}:{who}")
	if not frappe.cache.set(key, 1, nx=True, ex=DAY):
		return False  # already counted today
	increment(article, "deflected_count")
	return True


def increment(article: str, field: str, by: int = 1) -> None:
	"""`field = field + by` on the article's row, in one statement (never below zero)."""
	if field not in ("helped_count", "deflected_count"):
		raise ValueError(field)
	frappe.db.sql(
		f"""update `tabKnowledge Article` set `{field}` = greatest(ifnull(`{field}`, 0) + %(by)s, 0)
		where `name` = %(article)s""",
		{"by": int(by), "article": article},
	)
	frappe.clear_document_cache(ARTICLE, article)
