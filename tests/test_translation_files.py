"""The app's fr.csv and ar.csv, checked without a site.

Frappe reads a row `source,translation` as the site-wide key `source` and a row
`source,translation,context` as `source:context`. Words that Frappe or ERPNext translate too
("Open", "Status", "Customer") are shipped with a context only, so they cannot override
ERPNext's screens; words they leave untranslated ("Visit Report", "Awaiting Signature") may
also have a bare row, which the desk's context-less lookups find (the bench test
onyx_support/tests/test_translations.py checks both on a site, against upstream's files). Here:
the files' shape, both languages in step, placeholders kept, every context one the app really
asks for, and a bare row saying what one of its contexts says.
"""

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "onyx_support"
LANGS = ("fr", "ar")
APP_CONTEXT = "onyx_support"  # the portal's, the presence page's and the app's code's own words
PLACEHOLDER = re.compile(r"\{\d*\}")
# _("Open", context="onyx_support") in Python and Jinja; __("Open", null, "Support Request") in JS
PY_CALL = re.compile(r"""(?<![\w.])_\(\s*(["'])((?:(?!\1).)+)\1\s*,\s*context\s*=\s*(["'])([^"']+)\3\s*\)""")
JS_CALL = re.compile(r"""(?<![\w.])__\(\s*(["'])((?:(?!\1).)+)\1\s*,\s*null\s*,\s*(["'])([^"']+)\3\s*\)""")


def rows(lang: str) -> list[list[str]]:
	with open(APP / "translations" / f"{lang}.csv", encoding="utf-8", newline="") as f:
		return list(csv.reader(f))


def keys(lang: str) -> Counter:
	return Counter((row[0], row[2] if len(row) == 3 else "") for row in rows(lang))


def app_doctypes() -> dict[str, dict]:
	docs = (json.loads(p.read_text()) for p in APP.glob("*/doctype/*/*.json") if p.stem == p.parent.name)
	return {d["name"]: d for d in docs if d.get("doctype") == "DocType"}


def desk_words(doctype: dict) -> set[str]:
	"""What the desk translates with the DocType as context: field, section and column labels
	(`__(df.label, null, df.parent)`) and Select options (`__(option, null, doctype)`)."""
	words = set()
	for df in doctype.get("fields", []):
		words.add(df.get("label") or "")
		if df.get("fieldtype") == "Select":
			words.update((df.get("options") or "").split("\n"))
	return words - {""}


def source_files() -> list[Path]:
	return sorted(
		p
		for p in APP.rglob("*")
		if p.suffix in (".py", ".js", ".html") and "tests" not in p.parts and not p.name.startswith("test_")
	)


@pytest.mark.parametrize("lang", LANGS)
def test_every_row_has_two_or_three_columns(lang):
	bad = [(n, row) for n, row in enumerate(rows(lang), 1) if len(row) not in (2, 3) or not row[0].strip()]
	assert not bad, f"{lang}.csv: rows Frappe would log as bad translations: {bad}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_key_twice(lang):
	twice = [key for key, count in keys(lang).items() if count > 1]
	assert not twice, f"{lang}.csv: a later row silently wins over an earlier one: {twice}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_row_is_translated(lang):
	empty = [row[0] for row in rows(lang) if len(row) > 1 and not row[1].strip()]
	assert not empty, f"{lang}.csv: empty translations: {empty}"


def test_contextual_rows_exist_in_both_languages():
	contextual = {lang: {key for key in keys(lang) if key[1]} for lang in LANGS}
	assert contextual["fr"] - contextual["ar"] == set(), "in fr.csv, missing from ar.csv"
	assert contextual["ar"] - contextual["fr"] == set(), "in ar.csv, missing from fr.csv"


def test_both_languages_translate_the_same_sources():
	sources = {lang: {source for source, _context in keys(lang)} for lang in LANGS}
	assert sources["fr"] ^ sources["ar"] == set()


@pytest.mark.parametrize("lang", LANGS)
def test_a_bare_row_uses_the_words_of_its_contexts(lang):
	"""`Visit Report,تقرير الزيارة` next to `Visit Report,تقرير الزيارة,Support Charge`: the desk's
	context-less lookup and the app's own say the same thing."""
	bare, contextual = {}, {}
	for row in rows(lang):
		if len(row) == 3 and row[2]:
			contextual.setdefault(row[0], set()).add(row[1].strip())
		else:
			bare[row[0]] = row[1].strip()
	differing = {source: (text, contextual[source]) for source, text in bare.items() if source in contextual}
	differing = {source: pair for source, pair in differing.items() if pair[0] not in pair[1]}
	assert not differing, f"{lang}.csv: a bare row with words none of its contexts use: {differing}"


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_match(lang):
	wrong = [
		(row[0], row[1])
		for row in rows(lang)
		if Counter(PLACEHOLDER.findall(row[0])) != Counter(PLACEHOLDER.findall(row[1]))
	]
	assert not wrong, f"{lang}.csv: placeholders lost or added: {wrong}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_context_is_one_the_app_asks_for(lang):
	"""A DocType context names one of the app's DocTypes that shows the word (otherwise the desk
	never asks for that key); any other context is the app's own."""
	doctypes = app_doctypes()
	wrong = []
	for source, context in keys(lang):
		if not context or context == APP_CONTEXT:
			continue
		if context not in doctypes or source not in desk_words(doctypes[context]):
			wrong.append((source, context))
	assert not wrong, f"{lang}.csv: contexts no screen asks for: {wrong}"


def test_every_literal_contextual_call_has_its_rows():
	"""`_("Open", context="onyx_support")` or `__("Open", null, "Support Office")` in the app's
	code finds a row in both languages (it would fall back to Frappe's word otherwise)."""
	available = {lang: set(keys(lang)) for lang in LANGS}
	missing = []
	calls = 0
	for path in source_files():
		text = path.read_text(encoding="utf-8")
		for pattern in (PY_CALL, JS_CALL):
			for match in pattern.finditer(text):
				calls += 1
				key = (match.group(2), match.group(4))
				for lang in LANGS:
					if key not in available[lang]:
						missing.append((lang, str(path.relative_to(ROOT)), key))
	assert calls, "no contextual call found: the patterns no longer match the code"
	assert not missing, f"contextual calls without a row: {missing}"


def test_the_patterns_see_both_call_styles():
	assert PY_CALL.search("""{{ _('Status', context='onyx_support') | e }}""").group(2, 4) == (
		"Status",
		"onyx_support",
	)
	assert JS_CALL.search("""[__("Inactive", null, "onyx_support"), "gray"]""").group(2, 4) == (
		"Inactive",
		"onyx_support",
	)
