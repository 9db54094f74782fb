"""Sites that had the Knowledge Article table before its FULLTEXT index get it (idempotent)."""

from onyx_support.services.knowledge.search import ensure_fulltext_index


def execute():
	ensure_fulltext_index()
