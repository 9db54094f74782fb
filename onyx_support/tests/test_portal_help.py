"""Knowledge articles on the portal and the public web, through real HTTP: the portal cells of the
audience matrix — a client of system X (client A: its customer runs X), a client of another system
(client B) and a guest — for /support/help, the article page /support/help/<name>, the
suggestions of the new-request form (onyx_support.api.portal.suggest_articles), the brochure
download and the public pages /kb/<slug>, /kb and sitemap.xml; every cell written out. Then the
deflection ("This solved my problem", once per client, article and day), bad input (SQL, HTML,
empty, 10,000 characters) and stored markup printed as text.

Articles are committed (MariaDB's FULLTEXT index sees committed rows only; HTTP runs on its own
connection) and removed at the end. Their titles carry a word of this run (`mark`), which the
searches ask for, so the site's other articles (the demo's) stay out of every cell."""

import base64
import re
from urllib.parse import parse_qsl

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils.html_utils import sanitize_html

from onyx_support.api.portal import article_solved, suggest_articles
from onyx_support.permissions.guards import by_rule
from onyx_support.services.html import clean_html
from onyx_support.services.knowledge.articles import SearchTooLong
from onyx_support.services.portal.help import InvalidHelpFilter
from onyx_support.tests.network_fixture import (
	ADMIN_USER,
	CENTRAL_USER,
	CLIENT_A,
	CLIENT_B,
	OFFICE_A,
	OFFICE_B,
	build_request_world,
)
from onyx_support.tests.utils import (
	api_keys_for,
	make_installation,
	make_system,
	remove_marked_articles,
	rest_get,
	rest_post,
	web_get,
)

ARTICLE = "Knowledge Article"
PORTAL = "/api/method/onyx_support.api.portal."
GUEST = "Guest"
SYSTEM_X = "_Test KB Portal System X"
PDF = b"%PDF-1.4\n% a brochure\n%%EOF\n"
# A JSON string: Frappe's sanitize_html returns it unchanged (services/html.py)
JSON_PAYLOAD = '"<img src=x onerror=alert(2)>"'
READERS = (CLIENT_A, CLIENT_B, GUEST)

# The articles of the set-up: key -> (audience, system, language, translation of, state, reason)
ARTICLES = {
	"public": ("Public", None, "en", None, "Published", "Guidance"),
	"public fr": ("Public", None, "fr", "public", "Published", "Guidance"),
	"public ar": ("Public", None, "ar", "public", "Published", "Guidance"),
	"clients X": ("System Clients", SYSTEM_X, "en", None, "Published", "Error"),
	"clients X ar": ("System Clients", SYSTEM_X, "ar", "clients X", "Published", "Error"),
	"engineers": ("Network Engineers", None, "en", None, "Published", "Error"),
	"office A": ("Office", None, "en", None, "Published", "Error"),
	"central": ("Central Support", None, "en", None, "Published", "Error"),
	"draft": ("Public", None, "en", None, "Draft", "Error"),
	"archived": ("Public", None, "en", None, "Archived", "Error"),
}

# /support/help?q=<mark>: one article per translation group, the reader's language (en) first
HELP_LIST = {
	CLIENT_A: {"public", "clients X"},
	CLIENT_B: {"public"},
	GUEST: {"public"},
}
# /support/help/<name>: 200 for these; any other article: 404 (a guest is sent to log in)
HELP_PAGE = {
	CLIENT_A: {"public", "public fr", "public ar", "clients X", "clients X ar"},
	CLIENT_B: {"public", "public fr", "public ar"},
	GUEST: {"public", "public fr", "public ar"},
}
# the translations an article page links to, per reader
TRANSLATIONS = {
	(CLIENT_A, "public"): {"public fr", "public ar"},
	(CLIENT_A, "clients X"): {"clients X ar"},
	(CLIENT_A, "clients X ar"): {"clients X"},
	(CLIENT_B, "public"): {"public fr", "public ar"},
	(CLIENT_B, "public ar"): {"public", "public fr"},
	(GUEST, "public fr"): {"public", "public ar"},
}
# suggest_articles(subject=<mark>): clients only
SUGGESTIONS = {
	CLIENT_A: {"public", "clients X"},
	CLIENT_B: {"public"},
}
# the brochures (on "public" and "clients X"): 200 with the PDF for these readers, else 404
BROCHURES = {
	CLIENT_A: {"public", "clients X"},
	CLIENT_B: {"public"},
	GUEST: {"public"},
}
# /kb/<route>: the same for everyone (logged in or not): Published and Public only
PUBLIC_PAGES = {"public", "public fr", "public ar"}


class HelpWorld(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		frappe.cache.delete_keys("onyx_throttle")
		# a rolled-back test class hands its article names (KA-#####) on; its day's counts must not follow
		frappe.cache.delete_keys("onyx_kb_deflection")
		cls.mark = "kbportal" + frappe.generate_hash(length=6).lower()
		cls.world = build_request_world()
		make_system(SYSTEM_X)
		cls.customer_a = cls.world["customers"][OFFICE_A]
		cls.installation_x = make_installation(cls.customer_a, SYSTEM_X, "15.2").name
		cls.installation_a = cls.world["installations"][OFFICE_A]  # customer A's ERP
		cls.installation_b = cls.world["installations"][OFFICE_B]  # customer B's
		cls.articles = {}
		for key, (audience, system, language, original, state, reason) in ARTICLES.items():
			cls.articles[key] = cls.make_article(
				key, audience, system, language, cls.articles.get(original), state, reason
			)
		cls.names = {name: key for key, name in cls.articles.items()}
		cls.routes = dict(
			frappe.get_all(
				ARTICLE, filters={"name": ("in", list(cls.names))}, fields=["name", "route"], as_list=True
			)
		)
		for key in ("public", "clients X"):
			cls.attach_brochure(cls.articles[key])
		cls.tokens = {user: api_keys_for(user) for user in (CLIENT_A, CLIENT_B)}
		frappe.db.commit()  # nosemgrep: FULLTEXT sees committed rows; HTTP runs on its own connection

	@classmethod
	def make_article(cls, key, audience, system, language, original, state, reason, **values):
		doc = frappe.get_doc(
			{
				"doctype": ARTICLE,
				"title": f"{cls.mark} {key} closing wizard",
				"audience": audience,
				"office": OFFICE_A if audience == "Office" else None,
				"system": system,
				"language": language,
				"translation_of": original,
				"summary": f"Summary of {key}",
				"content": f"<p>Content of <strong>{key}</strong>: run the closing wizard again.</p>",
				"author": ADMIN_USER,
				"reasons": [{"reason": reason}],
				**values,
			}
		)
		by_rule(doc).insert(ignore_permissions=True)
		steps = {"Draft": [], "Published": ["Submit for Review", "Publish"]}
		steps["Archived"] = [*steps["Published"], "Archive"]
		try:
			for action in steps[state]:
				frappe.set_user(ADMIN_USER if action == "Submit for Review" else CENTRAL_USER)
				apply_workflow(frappe.get_doc(ARTICLE, doc.name), action)
		finally:
			frappe.set_user("Administrator")
		return doc.name

	@classmethod
	def attach_brochure(cls, name):
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{cls.mark}-brochure.pdf",
				"attached_to_doctype": ARTICLE,
				"attached_to_name": name,
				"attached_to_field": "brochure",
				"is_private": 1,
				"content": PDF,
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value(ARTICLE, name, "brochure", file.file_url)

	@classmethod
	def tearDownClass(cls):
		remove_marked_articles(cls.mark)
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.cache.delete_keys("onyx_throttle")

	def get(self, user, path, params=None):
		if user == GUEST:
			return web_get(path, params)
		return rest_get(path, self.tokens[user], params)

	def post(self, user, method, data):
		if user == GUEST:
			return _guest_post(PORTAL + method, data)
		return rest_post(PORTAL + method, self.tokens[user], data)

	def listed(self, html: str) -> set[str]:
		"""The set-up's articles a list page shows (its rows' data-article)."""
		return {
			key
			for key, name in self.articles.items()
			if f'class="onyx-help-item" data-article="{name}"' in html
		}

	def assert_not_shown(self, key: str, html: str):
		self.assertNotIn(f"{self.mark} {key} closing wizard", html)
		self.assertNotIn(f"Summary of {key}", html)


def _guest_post(path, data):
	from threading import Thread
	from unittest.mock import patch

	from onyx_support.tests.utils import get_test_client

	site = frappe.local.site
	result = {}

	def call():
		with patch("frappe.app.get_site_name", return_value=site):
			result["response"] = get_test_client().post(path, data=data)

	thread = Thread(target=call)
	thread.start()
	thread.join()
	return result["response"]


class TestHelpPages(HelpWorld):
	def test_help_list_for_each_reader(self):
		for user, expected in HELP_LIST.items():
			with self.subTest(user=user):
				reply = self.get(user, "/support/help", {"q": self.mark})
				self.assertEqual(reply.status_code, 200)
				self.assertEqual(self.listed(reply.get_data(as_text=True)), expected)

	def test_help_list_filters(self):
		cases = (
			(CLIENT_A, {"system": SYSTEM_X}, {"public", "clients X"}),  # its articles and those of no system
			(CLIENT_A, {"system": "_Test OnyxPro ERP"}, {"public"}),
			(CLIENT_A, {"reason": "Error"}, {"clients X"}),
			(CLIENT_A, {"reason": "Guidance"}, {"public"}),
			(CLIENT_A, {"system": SYSTEM_X, "reason": "Error"}, {"clients X"}),
		)
		for user, filters, expected in cases:
			with self.subTest(user=user, filters=filters):
				html = self.get(user, "/support/help", {"q": self.mark, **filters}).get_data(as_text=True)
				self.assertEqual(self.listed(html), expected)
		# a system the client does not run: said so, nothing listed
		html = self.get(CLIENT_B, "/support/help", {"q": self.mark, "system": SYSTEM_X}).get_data(
			as_text=True
		)
		self.assertIn("Choose one of your systems.", html)
		self.assertEqual(self.listed(html), set())
		html = self.get(CLIENT_A, "/support/help", {"q": self.mark, "reason": "Nope"}).get_data(as_text=True)
		self.assertIn("Choose a valid Reason.", html)
		self.assertEqual(self.listed(html), set())

	def test_help_list_in_the_readers_language_first(self):
		frappe.set_user(CLIENT_A)
		from onyx_support.services.portal.help import help_page

		frappe.local.lang = "ar"
		try:
			rows = help_page(self.mark).rows
		finally:
			frappe.local.lang = "en"
		keys = [self.names[row.name] for row in rows if row.name in self.names]
		# the Arabic translation stands for its group; each group once
		self.assertEqual(sorted(keys), ["clients X ar", "public ar"])
		public = next(row for row in rows if self.names.get(row.name) == "public ar")
		self.assertEqual({code for code, _label in public.also_in}, {"en", "fr"})

	def test_paging(self):
		frappe.set_user(CLIENT_A)
		from onyx_support.services.portal import help as portal_help

		previous = portal_help.PAGE_SIZE
		portal_help.PAGE_SIZE = 1
		try:
			first, second, third = (portal_help.help_page(self.mark, page=page) for page in (1, 2, 3))
		finally:
			portal_help.PAGE_SIZE = previous
		self.assertEqual((len(first.rows), first.has_previous, first.has_next), (1, False, True))
		self.assertEqual((len(second.rows), second.has_previous, second.has_next), (1, True, False))
		self.assertEqual(
			{self.names[first.rows[0].name], self.names[second.rows[0].name]}, HELP_LIST[CLIENT_A]
		)
		self.assertEqual(third.rows, [])
		self.assertIn("page=2", portal_help.page_link(first, 2))

	def test_article_page_for_each_reader(self):
		for user, readable in HELP_PAGE.items():
			for key, name in self.articles.items():
				with self.subTest(user=user, article=key):
					reply = self.get(user, f"/support/help/{name}")
					html = reply.get_data(as_text=True)
					if key in readable:
						self.assertEqual(reply.status_code, 200)
						self.assertIn(f"{self.mark} {key} closing wizard", html)
						self.assertIn(f"<strong>{key}</strong>", html)  # the content, as HTML
						self.assertIn(f"Summary of {key}", html)
						self.assertIn('class="onyx-article"', html)
					elif user == GUEST:
						self.assertIn(reply.status_code, (301, 302, 303, 307))
						self.assertIn("/login", reply.headers.get("Location", ""))
					else:
						self.assertEqual(reply.status_code, 404)
					if key not in readable:
						self.assert_not_shown(key, html)
		for user in READERS:
			with self.subTest(user=user, article="none"):
				reply = self.get(user, "/support/help/KA-NOPE-404")
				self.assertIn(reply.status_code, (404,) if user != GUEST else (301, 302, 303, 307))

	def test_article_page_links_its_readable_translations(self):
		for (user, key), expected in TRANSLATIONS.items():
			with self.subTest(user=user, article=key):
				html = self.get(user, f"/support/help/{self.articles[key]}").get_data(as_text=True)
				translations = html.split('class="onyx-article-translations"', 1)[-1] if expected else ""
				linked = {
					k for k, name in self.articles.items() if f'href="/support/help/{name}"' in translations
				}
				self.assertEqual(linked, expected)

	def test_article_page_shows_versions_reasons_and_brochure(self):
		frappe.db.set_value(
			ARTICLE, self.articles["clients X"], {"version_from": "15.0", "version_to": "15.9"}
		)
		frappe.db.commit()  # nosemgrep: read over HTTP
		html = self.get(CLIENT_A, f"/support/help/{self.articles['clients X']}").get_data(as_text=True)
		self.assertIn(f"{SYSTEM_X}, versions 15.0 to 15.9", html)
		self.assertIn('class="onyx-article-reasons">Error<', html)
		self.assertIn(
			f"/api/method/onyx_support.api.portal.article_brochure?name={self.articles['clients X']}", html
		)
		html = self.get(CLIENT_A, f"/support/help/{self.articles['clients X ar']}").get_data(as_text=True)
		self.assertIn('lang="ar" dir="rtl"', html)
		self.assertNotIn("article_brochure", html)  # no brochure on the translation

	def test_brochure_download_for_each_reader(self):
		for user, readable in BROCHURES.items():
			for key in ("public", "clients X", "engineers", "draft"):
				with self.subTest(user=user, article=key):
					reply = self.get(user, PORTAL + "article_brochure", {"name": self.articles[key]})
					if key in readable:
						self.assertEqual(reply.status_code, 200)
						self.assertEqual(reply.data, PDF)
					else:
						self.assertEqual(reply.status_code, 404)
						self.assertNotEqual(reply.data, PDF)


class TestSuggestions(HelpWorld):
	def suggested(self, user, **data):
		reply = self.post(user, "suggest_articles", {"subject": self.mark, **data})
		return reply

	def test_suggestions_for_each_reader(self):
		for user, expected in SUGGESTIONS.items():
			with self.subTest(user=user):
				reply = self.suggested(user)
				self.assertEqual(reply.status_code, 200)
				rows = reply.json["message"]
				self.assertLessEqual(len(rows), 5)
				self.assertEqual(
					{self.names[row["name"]] for row in rows if row["name"] in self.names}, expected
				)
				for row in rows:
					self.assertEqual(row["url"], f"/support/help/{row['name']}")
		reply = self.suggested(GUEST)
		self.assertEqual(reply.status_code, 403)
		self.assertNotIn(self.mark, reply.get_data(as_text=True))

	def test_suggestions_follow_the_installation_and_reason(self):
		frappe.set_user(CLIENT_A)
		# (arguments, what is suggested; in this order when the reason ranks them)
		cases = (
			({"installation": self.installation_x}, {"clients X", "public"}),
			({"installation": self.installation_a}, {"public"}),  # its ERP: X's articles are not for it
			({"installation": self.installation_x, "reason": "Error"}, ["clients X", "public"]),
			({"installation": self.installation_x, "reason": "Guidance"}, ["public", "clients X"]),
		)
		for data, expected in cases:
			with self.subTest(**data):
				rows = suggest_articles(self.mark, **data)
				keys = [self.names[row["name"]] for row in rows if row["name"] in self.names]
				self.assertEqual(set(keys) if isinstance(expected, set) else keys, expected)
		with self.assertRaises(InvalidHelpFilter):  # another customer's installation
			suggest_articles(self.mark, installation=self.installation_b)
		with self.assertRaises(InvalidHelpFilter):
			suggest_articles(self.mark, reason="Nope")

	def test_at_most_five(self):
		extra = [
			self.make_article(f"extra {i}", "Public", None, "en", None, "Published", "Guidance")
			for i in range(5)
		]
		frappe.db.commit()  # nosemgrep: FULLTEXT sees committed rows
		try:
			frappe.set_user(CLIENT_A)
			self.assertEqual(len(suggest_articles(self.mark)), 5)
		finally:
			frappe.set_user("Administrator")
			for name in extra:
				frappe.delete_doc(ARTICLE, name, force=True, ignore_permissions=True)
			frappe.db.commit()  # nosemgrep: undo the extra articles

	def test_bad_input(self):
		frappe.set_user(CLIENT_A)
		self.assertEqual(suggest_articles(""), [])
		self.assertEqual(suggest_articles("ab"), [])
		self.assertEqual(suggest_articles("   "), [])
		for text in (
			"' OR 1=1 -- ",
			"x'; DROP TABLE `tabKnowledge Article`; --",
			"<script>alert(1)</script>",
		):
			with self.subTest(text=text):
				rows = suggest_articles(text)
				self.assertEqual([row for row in rows if row["name"] in self.names], [])
		self.assertTrue(frappe.db.table_exists(ARTICLE))
		with self.assertRaises(SearchTooLong):
			suggest_articles("x" * 10_000)
		frappe.set_user("Administrator")
		reply = self.post(CLIENT_A, "suggest_articles", {"subject": "x" * 10_000})
		self.assertEqual(reply.status_code, 417)
		self.assertIn("A search is at most 200 characters long", reply.get_data(as_text=True))
		reply = self.post(CLIENT_A, "suggest_articles", {})
		self.assertEqual(reply.status_code, 417)
		self.assertIn("Missing value for: subject", reply.get_data(as_text=True))


class TestDeflection(HelpWorld):
	def count(self, key):
		return frappe.db.get_value(ARTICLE, self.articles[key], "deflected_count")

	def test_counted_once_per_client_article_and_day(self):
		frappe.set_user(CLIENT_A)
		self.assertEqual(article_solved(self.articles["clients X"]), {"counted": True})
		self.assertEqual(article_solved(self.articles["clients X"]), {"counted": False})
		self.assertEqual(self.count("clients X"), 1)
		self.assertEqual(article_solved(self.articles["public"]), {"counted": True})
		frappe.set_user(CLIENT_B)
		self.assertEqual(article_solved(self.articles["public"]), {"counted": True})
		self.assertEqual(self.count("public"), 2)
		# what the client may not read: not found, nothing counted
		for key in ("clients X", "engineers", "office A", "central", "draft", "archived"):
			with self.subTest(article=key), self.assertRaises(frappe.DoesNotExistError):
				article_solved(self.articles[key])
		self.assertEqual(self.count("clients X"), 1)
		self.assertEqual(self.count("engineers"), 0)
		frappe.set_user("Administrator")
		frappe.db.commit()  # nosemgrep: read over HTTP
		# shown on the article
		html = self.get(CLIENT_A, f"/support/help/{self.articles['public']}").get_data(as_text=True)
		self.assertIn("2 readers solved their problem with this article without sending a request.", html)
		html = self.get(CLIENT_A, f"/support/help/{self.articles['clients X']}").get_data(as_text=True)
		self.assertIn("One reader solved their problem with this article without sending a request.", html)
		html = self.get(CLIENT_A, f"/support/help/{self.articles['clients X ar']}").get_data(as_text=True)
		self.assertNotIn('class="onyx-article-deflected', html)  # none counted on the translation
		# over HTTP: a guest cannot say it; the portal's throttle applies
		self.assertEqual(
			self.post(GUEST, "article_solved", {"article": self.articles["public"]}).status_code, 403
		)
		self.assertEqual(self.count("public"), 2)

	def test_the_form_offers_it_and_the_article_page_from_the_form(self):
		html = self.get(CLIENT_A, "/support/new").get_data(as_text=True)
		self.assertIn('id="onyx-suggestions"', html)
		self.assertIn('data-method="onyx_support.api.portal.suggest_articles"', html)
		self.assertIn("/assets/onyx_support/js/support_help.js", html)
		html = self.get(CLIENT_A, f"/support/help/{self.articles['public']}", {"from": "new"}).get_data(
			as_text=True
		)
		self.assertIn('id="onyx-article-solved"', html)
		html = self.get(CLIENT_A, f"/support/help/{self.articles['public']}").get_data(as_text=True)
		self.assertNotIn('id="onyx-article-solved"', html)


class TestPublicPages(HelpWorld):
	def test_kb_pages_for_each_reader(self):
		for user in READERS:
			for key, name in self.articles.items():
				with self.subTest(user=user, article=key):
					reply = self.get(user, "/" + self.routes[name])
					html = reply.get_data(as_text=True)
					if key in PUBLIC_PAGES:
						self.assertEqual(reply.status_code, 200)
						self.assertIn(f"{self.mark} {key} closing wizard", html)
					else:
						self.assertEqual(reply.status_code, 404)
						self.assert_not_shown(key, html)
		# a guessed route
		self.assertEqual(web_get(f"/kb/{self.mark}-no-such-article").status_code, 404)

	def test_kb_page_is_an_indexable_page_in_its_language(self):
		route = self.routes[self.articles["public"]]
		html = web_get("/" + route).get_data(as_text=True)
		head = html.split("</head>", 1)[0]

		def link(rel, path, hreflang=None):
			"""The link in the head, its address ending with the path (the host is the request's)."""
			lang = f' hreflang="{hreflang}"' if hreflang else ""
			return re.search(f'<link rel="{rel}"{lang} href="https?://[^/"]+/{re.escape(path)}">', head)

		self.assertIn('<html lang="en">', html)
		self.assertTrue(link("canonical", route), "canonical link")
		for key, lang in (("public", "en"), ("public fr", "fr"), ("public ar", "ar")):
			self.assertTrue(link("alternate", self.routes[self.articles[key]], lang), lang)
		self.assertTrue(link("alternate", route, "x-default"), "x-default: the original")
		self.assertEqual(head.count('rel="alternate"'), 4)
		self.assertIn('<meta name="description" content="Summary of public">', head)
		self.assertNotIn("noindex", html)
		self.assertNotIn(ADMIN_USER, html)  # the author's address stays private
		html = web_get("/" + self.routes[self.articles["public ar"]]).get_data(as_text=True)
		self.assertIn('<html lang="ar">', html)
		self.assertIn('class="onyx-kb onyx-help" lang="ar" dir="rtl"', html)
		self.assertIn('<article class="onyx-article" lang="ar" dir="rtl"', html)

	def test_kb_index(self):
		html = web_get("/kb", {"q": self.mark}).get_data(as_text=True)
		self.assertEqual(self.listed(html), {"public"})  # one per translation group
		html = web_get("/kb", {"q": self.mark, "language": "fr"}).get_data(as_text=True)
		self.assertEqual(self.listed(html), {"public fr"})
		html = web_get("/kb", {"q": "x" * 10_000}).get_data(as_text=True)
		self.assertIn("A search is at most 200 characters long", html)

	def test_sitemap_lists_the_public_pages_only(self):
		from urllib.parse import quote

		xml = web_get("/sitemap.xml").get_data(as_text=True)
		for key, name in self.articles.items():
			with self.subTest(article=key):
				self.assertEqual(f"/{quote(self.routes[name])}</loc>" in xml, key in PUBLIC_PAGES)
		self.assertIn("/kb</loc>", xml)  # the index page

	def test_frappes_web_list_shows_what_the_kb_index_shows(self):
		"""frappe.www.list.get_list_data is open to guests for a DocType with pages and would list
		every column of the public articles (the author's and reviewer's e-mail addresses, the
		source request): it lists the public articles' public fields only."""
		from frappe.www.list import get_list_data

		for user in (GUEST, CLIENT_A):
			with self.subTest(user=user):
				frappe.set_user(user)
				rows = get_list_data(ARTICLE, txt=self.mark, limit=100)
				self.assertEqual(
					{self.names[r["name"]] for r in rows if r["name"] in self.names}, PUBLIC_PAGES
				)
				for row in rows:
					self.assertLessEqual(set(row), {"name", "title", "summary", "route", "language"})
		frappe.set_user("Administrator")

	def test_unpublished_page_is_gone(self):
		"""Archiving the public article takes its page and its sitemap entry away at once (Frappe's
		route cache is cleared on save, and the page checks again)."""
		name = self.make_article("gone", "Public", None, "en", None, "Published", "Guidance")
		frappe.db.commit()  # nosemgrep: read over HTTP
		route = frappe.db.get_value(ARTICLE, name, "route")
		self.assertEqual(web_get("/" + route).status_code, 200)
		frappe.set_user(CENTRAL_USER)
		apply_workflow(frappe.get_doc(ARTICLE, name), "Archive")
		frappe.set_user("Administrator")
		frappe.db.commit()  # nosemgrep: read over HTTP
		self.assertEqual(web_get("/" + route).status_code, 404)
		self.assertNotIn(route, web_get("/sitemap.xml").get_data(as_text=True))


class TestBadInputAndStoredMarkup(HelpWorld):
	def test_search_box_bad_input(self):
		for user in (CLIENT_A, GUEST):
			for text in ("' OR 1=1 -- ", "<script>alert(1)</script>", "", "   "):
				with self.subTest(user=user, text=text):
					reply = self.get(user, "/support/help", {"q": text})
					self.assertEqual(reply.status_code, 200)
					html = reply.get_data(as_text=True)
					self.assertNotIn("<script>alert(1)</script>", html)
					self.assertNotIn('class="onyx-help-error', html)
			with self.subTest(user=user, text="10,000 characters"):
				reply = self.get(user, "/support/help", {"q": "x" * 10_000})
				html = reply.get_data(as_text=True)
				self.assertEqual(reply.status_code, 200)
				self.assertIn("A search is at most 200 characters long (this one has 10000).", html)
				self.assertNotIn('class="onyx-help-item"', html)
		html = self.get(CLIENT_A, "/support/help", {"q": "<script>alert(1)</script>"}).get_data(as_text=True)
		self.assertIn('value="&lt;script&gt;alert(1)&lt;/script&gt;"', html)

	def test_sanitize_html_passes_json_strings_so_pages_clean_again(self):
		# Frappe's sanitizer leaves a JSON-looking string alone...
		self.assertEqual(sanitize_html(JSON_PAYLOAD), JSON_PAYLOAD)
		# ...the app's does not
		self.assertNotIn("onerror", clean_html(JSON_PAYLOAD))

	def test_stored_markup_is_printed_as_text(self):
		"""Markup written past the editor (db_set, an import) in a public article's title, summary
		and content: the portal page and the public page print the title and summary as text and
		the content cleaned."""
		name = self.articles["public"]
		title = f"{self.mark} <img src=x onerror=alert(1)> public"
		frappe.db.set_value(
			ARTICLE,
			name,
			{"title": title, "summary": '<script>alert("s")</script> summary', "content": JSON_PAYLOAD},
			update_modified=False,
		)
		frappe.db.commit()  # nosemgrep: read over HTTP
		try:
			pages = {
				"portal": self.get(CLIENT_A, f"/support/help/{name}"),
				"list": self.get(CLIENT_A, "/support/help", {"q": self.mark}),
				"kb": web_get("/" + self.routes[name]),
				"kb index": web_get("/kb", {"q": self.mark}),
			}
			for where, reply in pages.items():
				with self.subTest(page=where):
					html = reply.get_data(as_text=True)
					self.assertEqual(reply.status_code, 200)
					self.assertNotIn("<img src=x onerror", html)
					self.assertNotIn('<script>alert("s")</script>', html)
					self.assertIn("&lt;img src=x onerror=alert(1)&gt;", html)
					if where in ("portal", "kb"):
						self.assertNotIn("onerror=alert(2)", html)
						self.assertIn("&lt;script&gt;alert(&#34;s&#34;)&lt;/script&gt; summary", html)
			frappe.set_user(CLIENT_A)
			(row,) = [row for row in suggest_articles(self.mark) if row["name"] == name]
			self.assertEqual(row["title"], title)  # as text: the form's script sets it with textContent
		finally:
			frappe.set_user("Administrator")


# a 1x1 PNG: Frappe's editor saves an article's pasted or uploaded images as private Files
PNG = base64.b64decode(
	"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def image_bytes(key: str) -> bytes:
	return PNG + key.encode()  # after IEND: still the same picture


class TestArticleImages(HelpWorld):
	"""An article's private images reach whoever reads the article (a guest on /kb, a client on the
	portal) through article_image, and nothing else does."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.images = {
			key: cls.attach_image(cls.articles[key], key) for key in ("public", "clients X", "draft")
		}
		frappe.db.set_value(
			ARTICLE,
			cls.articles["public"],
			"content",
			f'<p>Open the wizard:</p><p><img src="{cls.images["public"]}" alt="the wizard"></p>',
		)
		frappe.db.commit()  # nosemgrep: HTTP runs on its own connection

	@classmethod
	def attach_image(cls, name, key) -> str:
		# bytes of its own: Frappe gives a File with the same content the first one's file_url
		return (
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"{cls.mark}-{frappe.generate_hash(length=6)}.png",
					"attached_to_doctype": ARTICLE,
					"attached_to_name": name,
					"is_private": 1,
					"content": image_bytes(key),
				}
			)
			.insert(ignore_permissions=True)
			.file_url
		)

	def image(self, user, key, image_of=None):
		image = self.images[image_of or key].rsplit("/", 1)[1]
		return self.get(user, PORTAL + "article_image", {"article": self.articles[key], "image": image})

	def test_the_public_page_shows_its_image_to_a_guest(self):
		html = web_get("/" + self.routes[self.articles["public"]]).get_data(as_text=True)
		self.assertNotIn("/private/files/", html)
		found = re.search(r'<img src="(/api/method/onyx_support\.api\.portal\.article_image\?[^"]+)"', html)
		self.assertTrue(found, "the article's image goes through article_image")
		path, query = found[1].replace("&amp;", "&").split("?", 1)
		reply = web_get(path, dict(parse_qsl(query)))
		self.assertEqual((reply.status_code, reply.data), (200, image_bytes("public")))
		self.assertTrue(reply.headers["Content-Disposition"].startswith("inline"))

	def test_each_reader_gets_the_images_of_the_articles_it_reads(self):
		readable = {CLIENT_A: {"public", "clients X"}, CLIENT_B: {"public"}, GUEST: {"public"}}
		for user, keys in readable.items():
			for key in self.images:
				with self.subTest(user=user, article=key):
					reply = self.image(user, key)
					self.assertEqual(reply.status_code, 200 if key in keys else 404)
					self.assertEqual(reply.data == image_bytes(key), key in keys)

	def test_only_the_articles_own_images(self):
		# another article's image, named under a public article, and the article's PDF brochure
		self.assertEqual(self.image(GUEST, "public", image_of="draft").status_code, 404)
		brochure = frappe.db.get_value(ARTICLE, self.articles["public"], "brochure").rsplit("/", 1)[1]
		reply = self.get(
			GUEST, PORTAL + "article_image", {"article": self.articles["public"], "image": brochure}
		)
		self.assertEqual(reply.status_code, 404)
		self.assertNotEqual(reply.data, PDF)
