"""The app's French and Arabic leave Frappe's and ERPNext's words alone, and still show in its own
screens.

A row `Open,مفتوح` in an app's CSV is the site-wide key "Open": it would replace ERPNext's
Arabic on every ERPNext screen. The app ships such words with a context (`Open,مفتوح,onyx_support`,
`Subsidiary,شركة تابعة,Support Office`) and asks for them with that context. The words are
computed, not listed: every source of our CSV that Frappe's, ERPNext's (or any other installed
app's, HRMS's say) own files translate.

A word upstream does not translate at all ("Visit Report", "Awaiting Signature", "Signatures")
may also have a bare row: it overrides nobody's translation, and the desk asks for many of the
app's words without a context (DocType names in breadcrumbs and list titles, tab and grid labels,
workflow states in the timeline, read-only Select values), so without one they stay English.
"""

import frappe
from frappe.geo.country_info import get_all as all_countries
from frappe.tests.utils import FrappeTestCase
from frappe.translate import (
	clear_cache,
	get_all_translations,
	get_translations_from_apps,
	get_user_translations,
	read_csv_file,
)

from onyx_support.roles import APP_ROLES
from onyx_support.tests.network_fixture import CLIENT_A, build_network, build_request_world
from onyx_support.tests.utils import session_get, web_get

APP = "onyx_support"
LANGS = ("ar", "fr")
ERPNEXT_CONTEXT = "Sales Order"  # how the desk asks for an ERPNext form's label: __(label, null, doctype)
PORTAL_PASSWORD = "Translations-Test-2026"


def our_rows(lang: str) -> list[tuple[str, str, str]]:
	rows = read_csv_file(frappe.get_app_path(APP, "translations", f"{lang}.csv"))
	return [(row[0], row[1].strip(), row[2] if len(row) > 2 else "") for row in rows]


def upstream(lang: str) -> dict[str, str]:
	"""What the site would say without our app: the other apps' files, then the site's own
	Translation records (which rightly override everyone)."""
	translations = dict(
		get_translations_from_apps(lang, [a for a in frappe.get_installed_apps() if a != APP])
	)
	translations.update(get_user_translations(lang))
	return translations


def shared_sources(lang: str) -> set[str]:
	"""Our sources that Frappe or ERPNext translate without context (country names aside: Frappe
	merges its own list of them over everything)."""
	theirs = upstream(lang)
	return {source for source, _t, _c in our_rows(lang) if source in theirs} - set(all_countries())


def contextual(lang: str) -> dict[tuple[str, str], str]:
	return {(source, context): text for source, text, context in our_rows(lang) if context}


def bare_rows(lang: str) -> dict[str, str]:
	return {source: text for source, text, context in our_rows(lang) if not context}


def desk_words_without_context() -> set[str]:
	"""The app's words the desk translates with a bare `__(word)`: DocType names (breadcrumbs,
	list and calendar titles, "Add {0}"), tab labels (tab.js), table labels (grid.js), Select
	values (the Select formatter) and workflow states and actions, and role names."""
	doctypes = frappe.get_all(
		"DocType", filters={"module": ["in", frappe.get_module_list(APP)]}, pluck="name"
	)
	words = set(doctypes)
	for doctype in doctypes:
		for df in frappe.get_meta(doctype).fields:
			if df.fieldtype in ("Tab Break", "Table", "Table MultiSelect"):
				words.add(df.label or "")
			elif df.fieldtype == "Select" and df.fieldname != "naming_series":
				words.update((df.options or "").split("\n"))
	for workflow in frappe.get_all("Workflow", filters={"document_type": ["in", doctypes]}, pluck="name"):
		flow = frappe.get_doc("Workflow", workflow)
		words.update(state.state for state in flow.states)
		words.update(transition.action for transition in flow.transitions)
	words.update(APP_ROLES)
	return {word.strip() for word in words} - {""}


class TestCommonWordsStayUpstreams(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		clear_cache()  # merged translations are cached per language in Redis

	def test_the_check_is_not_vacuous(self):
		for lang in LANGS:
			shared = shared_sources(lang)
			self.assertGreater(len(shared), 20, f"{lang}: too few shared words to prove anything")
			theirs, ours = upstream(lang), {s: t for (s, c), t in contextual(lang).items() if c == APP}
			differing = [s for s in shared if ours.get(s, theirs[s]) != theirs[s]]
			self.assertTrue(differing, f"{lang}: no shared word where ours differs from upstream's")

	def test_no_bare_row_for_a_word_frappe_or_erpnext_translate(self):
		for lang in LANGS:
			shared = shared_sources(lang)
			bare = sorted(s for s, _t, context in our_rows(lang) if not context and s in shared)
			self.assertEqual(bare, [], f"{lang}.csv overrides Frappe's/ERPNext's words site-wide")

	def test_site_wide_words_are_frappe_and_erpnexts(self):
		"""The bare key, the desk's fallback for any DocType's label, is upstream's for every word
		upstream translates; ours only where upstream has none (it overrides nobody there)."""
		for lang in LANGS:
			merged, theirs, ours = get_all_translations(lang), upstream(lang), bare_rows(lang)
			words = shared_sources(lang) | {source for source, _context in contextual(lang)} | set(ours)
			for word in sorted(words - set(all_countries())):
				with self.subTest(lang=lang, word=word):
					if word in theirs:
						self.assertEqual(merged.get(word), theirs[word], "ours overrides upstream's")
					else:
						self.assertEqual(merged.get(word), ours.get(word))
					on_erpnext_form = (
						theirs.get(f"{word}:{ERPNEXT_CONTEXT}") or theirs.get(word) or ours.get(word, word)
					)
					self.assertEqual(frappe._(word, lang, context=ERPNEXT_CONTEXT), on_erpnext_form)

	def test_the_desks_context_less_words_are_translated(self):
		"""Every word of the app the desk asks for without a context is upstream's or ours."""
		words = desk_words_without_context()
		self.assertIn("Visit Report", words)
		self.assertIn("Awaiting Signature", words)
		for lang in LANGS:
			theirs, ours = upstream(lang), bare_rows(lang)
			missing = sorted(word for word in words if word not in theirs and word not in ours)
			self.assertEqual(missing, [], f"{lang}: the desk shows these in English")

	def test_ours_with_our_contexts(self):
		for lang in LANGS:
			for (source, context), text in contextual(lang).items():
				with self.subTest(lang=lang, source=source, context=context):
					self.assertEqual(frappe._(source, lang, context=context), text)


class TestArabicPagesShowOurWords(FrappeTestCase):
	"""Rendered over real HTTP: the templates ask with the context the CSV ships."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		build_network()
		build_request_world()
		frappe.db.commit()  # nosemgrep: pages are rendered on another connection
		clear_cache()

	def ours_and_theirs(self, source: str, context: str) -> tuple[str, str]:
		ours = contextual("ar")[(source, context)]
		theirs = upstream("ar").get(source, source)
		return ours, theirs

	def test_presence_page_office_kinds(self):
		html = web_get("/presence", {"_lang": "ar"}).get_data(as_text=True)
		kinds = frappe.get_meta("Support Office").get_field("office_kind").options.split("\n")
		compared = 0
		for kind in filter(None, kinds):
			if (kind, "Support Office") not in contextual("ar") or f"onyx-kind-{kind.lower()}" not in html:
				continue
			ours, theirs = self.ours_and_theirs(kind, "Support Office")
			span = f'<span class="onyx-kind onyx-kind-{kind.lower()}">{{}}</span>'
			self.assertTrue(span.format(ours) in html, f"{kind}: our {ours!r} is not on the page")
			if ours != theirs:
				compared += 1
				self.assertFalse(span.format(theirs) in html, f"{kind}: Frappe's {theirs!r} is on the page")
		self.assertTrue(compared, "no office kind on the page where our Arabic differs from Frappe's")

	def test_portal_request_list(self):
		from frappe.utils.password import update_password

		update_password(CLIENT_A, PORTAL_PASSWORD)
		frappe.db.set_value("User", CLIENT_A, "language", "ar")
		frappe.db.commit()  # nosemgrep
		frappe.clear_cache(user=CLIENT_A)  # the user's language is cached
		try:
			page = session_get(CLIENT_A, PORTAL_PASSWORD, "/support/requests?status=open")
			html = page.get_data(as_text=True)
		finally:
			frappe.db.set_value("User", CLIENT_A, "language", None)
			frappe.db.commit()  # nosemgrep
			frappe.clear_cache(user=CLIENT_A)
		self.assertEqual(page.status_code, 200)
		for source, closing in (("Open", "</option>"), ("Filter", "</button>")):
			ours, theirs = self.ours_and_theirs(source, APP)
			self.assertNotEqual(ours, theirs, f"{source}: pick a word where our Arabic differs")
			self.assertTrue(f">{ours}{closing}" in html, f"{source}: our {ours!r} is not on the page")
			self.assertFalse(f">{theirs}{closing}" in html, f"{source}: Frappe's {theirs!r} is on the page")
