# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt
"""Knowledge articles in a site: the audience matrix (central support, an engineer of office A and
of office B, a client of system X and of another system, a guest) over the desk, REST and search,
every cell written out; the workflow with its reviewer; full-text search in English, French and
Arabic and its bad input; and the work from a request: suggestions, sending one to the client, a
draft without the client's data, "this helped".

The articles are committed (MariaDB's FULLTEXT index sees committed rows only, and REST runs on
its own connection) and removed at the end."""

import json

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from onyx_support.permissions.guards import ProtectedFieldChanged, by_rule
from onyx_support.permissions.visibility import article_condition
from onyx_support.services.knowledge.articles import ArticleRuleBroken, ReviewerIsAuthor, SearchTooLong
from onyx_support.services.knowledge.requests import (
	ArticleNotPublished,
	ArticleNotShareable,
	RequestNotResolved,
)
from onyx_support.services.knowledge.search import search_articles
from onyx_support.tests.network_fixture import (
	ADMIN_USER,
	CENTRAL_USER,
	CLIENT_A,
	CLIENT_B,
	ENGINEER_A,
	ENGINEER_B,
	OFFICE_A,
	OFFICE_B,
	SECRET,
	build_request_world,
)
from onyx_support.tests.utils import (
	api_keys_for,
	make_installation,
	make_request,
	make_system,
	remove_marked_articles,
	rest_get,
	web_get,
)

GUEST = "Guest"
SYSTEM_X = "_Test KB System X"
REMOTE_ID = "555 666 777"
ARTICLE = "Knowledge Article"

# What each reader reads of the set-up's articles, written out (desk lists, REST, has_permission).
READS = {
	CENTRAL_USER: {"central", "engineers", "office A", "office B", "clients X", "public", "draft"},
	ENGINEER_A: {"engineers", "office A", "clients X", "public"},
	ENGINEER_B: {"engineers", "office B", "clients X", "public"},
	CLIENT_A: set(),  # no DocPerm: the portal is a client's door
	CLIENT_B: set(),
	GUEST: set(),
}
# What each reader finds by searching (published articles only; clients and guests too).
FINDS = {
	CENTRAL_USER: {"central", "engineers", "office A", "office B", "clients X", "public"},
	ENGINEER_A: {"engineers", "office A", "clients X", "public"},
	ENGINEER_B: {"engineers", "office B", "clients X", "public"},
	CLIENT_A: {"clients X", "public"},  # client A's customer runs system X
	CLIENT_B: {"public"},  # client B's runs another system
	GUEST: {"public"},
}
STAFF = (CENTRAL_USER, ENGINEER_A, ENGINEER_B)


class KnowledgeWorld(FrappeTestCase):
	"""The network, a system X only client A's customer runs, and an article of each audience."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.mark = "kbmark" + frappe.generate_hash(length=6).lower()
		cls.world = build_request_world()
		make_system(SYSTEM_X)
		cls.customer_a = cls.world["customers"][OFFICE_A]
		cls.installation_x = make_installation(
			cls.customer_a,
			SYSTEM_X,
			"15.2",
			remote_access_id=REMOTE_ID,
			remote_access_password=SECRET,
		).name
		cls.articles = {
			"central": cls.make_article("Central Support", "central"),
			"engineers": cls.make_article("Network Engineers", "engineers", reason="Guidance"),
			"office A": cls.make_article("Office", "office A", office=OFFICE_A),
			"office B": cls.make_article("Office", "office B", office=OFFICE_B),
			"clients X": cls.make_article("System Clients", "clients X", system=SYSTEM_X),
			"public": cls.make_article("Public", "public"),
			"draft": cls.make_article("Public", "draft", publish=False),
		}
		cls.names = {name: key for key, name in cls.articles.items()}
		frappe.db.commit()  # nosemgrep: FULLTEXT sees committed rows; REST runs on its own connection

	@classmethod
	def make_article(cls, audience, key, office=None, system=None, reason="Error", publish=True, **values):
		doc = frappe.get_doc(
			{
				"doctype": ARTICLE,
				"title": values.pop("title", f"{cls.mark} {key} posting journal"),
				"audience": audience,
				"office": office,
				"system": system,
				"language": values.pop("language", "en"),
				"summary": values.pop("summary", f"How to post the journal ({key})"),
				"content": values.pop("content", "<p>Check the fiscal period, then post again.</p>"),
				"author": ADMIN_USER,
				"reasons": [{"reason": reason}],
				**values,
			}
		)
		by_rule(doc).insert(ignore_permissions=True)
		if publish:
			cls.publish(doc.name)
		return doc.name

	@staticmethod
	def publish(name):
		"""Through the workflow: the author sends it to review, central support publishes it."""
		author = frappe.db.get_value(ARTICLE, name, "author")
		try:
			frappe.set_user(author)
			apply_workflow(frappe.get_doc(ARTICLE, name), "Submit for Review")
			frappe.set_user(CENTRAL_USER)
			apply_workflow(frappe.get_doc(ARTICLE, name), "Publish")
		finally:
			frappe.set_user("Administrator")

	@classmethod
	def tearDownClass(cls):
		remove_marked_articles(cls.mark)
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	def keys(self, names) -> set[str]:
		"""The set-up's articles among the names (others on the site are not this test's)."""
		return {self.names[name] for name in names if name in self.names}


class TestAudienceMatrix(KnowledgeWorld):
	def test_desk_lists(self):
		for user, expected in READS.items():
			with self.subTest(user=user):
				frappe.set_user(user)
				if user in STAFF:
					names = frappe.get_list(ARTICLE, filters={"name": ("in", list(self.names))}, pluck="name")
					self.assertEqual(self.keys(names), expected)
				else:
					with self.assertRaises(frappe.PermissionError):
						frappe.get_list(ARTICLE, filters={"name": ("in", list(self.names))}, pluck="name")

	def test_has_permission_of_each_article(self):
		for user, expected in READS.items():
			for key, name in self.articles.items():
				with self.subTest(user=user, article=key):
					allowed = frappe.has_permission(ARTICLE, "read", doc=name, user=user)
					self.assertEqual(bool(allowed), key in expected)

	def test_reason_rows_follow_their_article(self):
		frappe.set_user(ENGINEER_B)
		rows = frappe.get_list(
			"Knowledge Article Reason",
			filters={"parent": ("in", list(self.names))},
			fields=["parent"],
			parent_doctype=ARTICLE,
		)
		self.assertEqual(self.keys(row.parent for row in rows), READS[ENGINEER_B])

	def test_rest_list_and_read(self):
		for user in READS:
			token = api_keys_for(user) if user != GUEST else None
			if token:
				frappe.db.commit()  # nosemgrep: the token is read on the HTTP connection
			with self.subTest(user=user, door="GET /api/resource list"):
				params = {
					"filters": json.dumps([["name", "in", list(self.names)]]),
					"limit_page_length": "100",
				}
				path = "/api/resource/Knowledge Article"
				reply = rest_get(path, token, params) if token else web_get(path, params)
				if READS[user]:
					self.assertEqual(reply.status_code, 200)
					self.assertEqual(self.keys(row["name"] for row in reply.json["data"]), READS[user])
				else:
					self.assertEqual(reply.status_code, 403)
			for key, name in self.articles.items():
				with self.subTest(user=user, door="GET /api/resource/<name>", article=key):
					path = f"/api/resource/Knowledge Article/{name}"
					reply = rest_get(path, token) if token else web_get(path)
					if key in READS[user]:
						self.assertEqual(reply.status_code, 200)
						self.assertEqual(reply.json["data"]["title"], f"{self.mark} {key} posting journal")
					else:
						self.assertEqual(reply.status_code, 403, reply.get_data(as_text=True)[:200])
						self.assertNotIn(self.mark, reply.get_data(as_text=True))

	def test_search_articles(self):
		for user, expected in FINDS.items():
			with self.subTest(user=user):
				found = search_articles(self.mark, user=user, limit=100)
				self.assertEqual(self.keys(row["name"] for row in found), expected)

	def test_search_link(self):
		from onyx_support.permissions.doors import search_link

		for user, expected in READS.items():
			with self.subTest(user=user):
				frappe.set_user(user)
				if user in STAFF:
					found = search_link(ARTICLE, self.mark, page_length=100, ignore_user_permissions=True)
					self.assertEqual(self.keys(row["value"] for row in found), expected)
				else:
					with self.assertRaises(frappe.PermissionError):
						search_link(ARTICLE, self.mark, page_length=100)

	def test_link_titles(self):
		from onyx_support.permissions.doors import get_link_title

		for user in STAFF:
			for key, name in self.articles.items():
				with self.subTest(user=user, article=key):
					frappe.set_user(user)
					if key in READS[user]:
						self.assertEqual(get_link_title(ARTICLE, name), f"{self.mark} {key} posting journal")
					else:
						with self.assertRaises(frappe.PermissionError):
							get_link_title(ARTICLE, name)

	def test_the_condition_for_each_reader(self):
		"""article_condition (the portal's) reads as search does, plus drafts for central support."""
		for user, expected in FINDS.items():
			with self.subTest(user=user):
				names = frappe.db.sql_list(
					f"select name from `tabKnowledge Article` where name in %(names)s and {article_condition(user)}",
					{"names": list(self.names)},
				)
				self.assertEqual(self.keys(names), expected | ({"draft"} if user == CENTRAL_USER else set()))

	def test_deflection_counted_once_per_reader_and_day(self):
		from onyx_support.services.knowledge.counters import count_deflection

		public, clients_x = self.articles["public"], self.articles["clients X"]
		frappe.cache.delete_keys("onyx_kb_deflection")  # article names of rolled-back classes come back
		self.assertTrue(count_deflection(public, CLIENT_A))
		self.assertFalse(count_deflection(public, CLIENT_A))  # the same reader, the same day
		self.assertTrue(count_deflection(public, CLIENT_B))
		self.assertTrue(count_deflection(clients_x, CLIENT_A))
		for article, user in (
			(clients_x, CLIENT_B),
			(self.articles["draft"], CLIENT_A),
			("nothing", CLIENT_A),
		):
			with self.subTest(article=article, user=user):  # not theirs to read: not counted
				self.assertFalse(count_deflection(article, user))
		self.assertEqual(frappe.db.get_value(ARTICLE, public, "deflected_count"), 2)
		self.assertEqual(frappe.db.get_value(ARTICLE, clients_x, "deflected_count"), 1)
		self.assertEqual(frappe.db.get_value(ARTICLE, self.articles["draft"], "deflected_count"), 0)


class TestWritingAndWorkflow(KnowledgeWorld):
	def test_author_submits_central_reviews_and_publishes(self):
		frappe.set_user(ENGINEER_A)
		doc = frappe.get_doc(
			{"doctype": ARTICLE, "title": f"{self.mark} new", "audience": "Office", "office": OFFICE_A}
		).insert()
		self.assertEqual((doc.status, doc.author, doc.route), ("Draft", ENGINEER_A, f"kb/{self.mark}-new"))
		self.assertFalse(frappe.has_permission(ARTICLE, "read", doc=doc.name, user=ENGINEER_B))
		doc = apply_workflow(doc, "Submit for Review")
		self.assertEqual(doc.status, "In Review")
		doc.summary = "still editable in review"
		doc.save()
		with self.assertRaises(frappe.ValidationError):  # not a reviewer
			apply_workflow(frappe.get_doc(ARTICLE, doc.name), "Publish")
		frappe.set_user(CENTRAL_USER)
		doc = apply_workflow(frappe.get_doc(ARTICLE, doc.name), "Publish")
		self.assertEqual((doc.status, doc.reviewer), ("Published", CENTRAL_USER))
		self.assertTrue(doc.published_on)
		self.assertEqual(doc.published_publicly, 0)  # an office's article has no public page
		frappe.set_user(ENGINEER_A)
		doc = frappe.get_doc(ARTICLE, doc.name)
		doc.summary = "after publication"
		with self.assertRaises(frappe.PermissionError):  # published: central support's now
			doc.save()

	def test_only_the_author_sends_to_review(self):
		frappe.set_user(ENGINEER_A)
		doc = frappe.get_doc(
			{"doctype": ARTICLE, "title": f"{self.mark} mine", "audience": "Public"}
		).insert()
		frappe.set_user(CENTRAL_USER)
		with self.assertRaises(frappe.ValidationError):
			apply_workflow(frappe.get_doc(ARTICLE, doc.name), "Submit for Review")

	def test_the_author_does_not_review_its_own_article(self):
		frappe.set_user(CENTRAL_USER)
		doc = frappe.get_doc({"doctype": ARTICLE, "title": f"{self.mark} own", "audience": "Public"}).insert()
		doc = apply_workflow(doc, "Submit for Review")
		doc.status = "Published"  # as a REST PUT would
		with self.assertRaises(ReviewerIsAuthor):
			doc.save()

	def test_public_articles_get_their_page(self):
		doc = frappe.get_doc(ARTICLE, self.articles["public"])
		self.assertEqual(doc.published_publicly, 1)
		self.assertEqual(doc.route, f"kb/{self.mark}-public-posting-journal")

	def test_office_staff_write_only_for_audiences_they_read(self):
		frappe.set_user(ENGINEER_A)
		for audience, office in (("Central Support", None), ("Office", OFFICE_B)):
			with self.subTest(audience=audience, office=office), self.assertRaises(frappe.PermissionError):
				frappe.get_doc(
					{"doctype": ARTICLE, "title": f"{self.mark} x", "audience": audience, "office": office}
				).insert()
		doc = frappe.get_doc({"doctype": ARTICLE, "title": f"{self.mark} y", "audience": "Public"}).insert()
		doc.audience = "Central Support"
		with self.assertRaises(frappe.PermissionError):
			doc.save()

	def test_a_translation_names_only_an_article_its_writer_reads(self):
		frappe.set_user(ENGINEER_A)
		for key in ("central", "office B"):
			with self.subTest(original=key), self.assertRaises(frappe.PermissionError):
				frappe.get_doc(
					{
						"doctype": ARTICLE,
						"title": f"{self.mark} t",
						"audience": "Public",
						"language": "fr",
						"translation_of": self.articles[key],
					}
				).insert()
		doc = frappe.get_doc(
			{
				"doctype": ARTICLE,
				"title": f"{self.mark} t",
				"audience": "Public",
				"language": "fr",
				"translation_of": self.articles["engineers"],
			}
		).insert()
		self.assertEqual(doc.translation_of, self.articles["engineers"])

	def test_the_brochure_is_a_private_pdf_its_writer_may_read(self):
		central = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{self.mark}-central.pdf",
				"attached_to_doctype": ARTICLE,
				"attached_to_name": self.articles["central"],
				"attached_to_field": "brochure",
				"is_private": 1,
				"content": b"%PDF-1.4\n%%EOF\n",
			}
		).insert(ignore_permissions=True)
		frappe.set_user(ENGINEER_A)
		values = {"doctype": ARTICLE, "title": f"{self.mark} b", "audience": "Public"}
		with self.assertRaises(ArticleRuleBroken):  # a public file's address is open to anyone
			frappe.get_doc({**values, "brochure": "/files/guide.pdf"}).insert()
		# Frappe would attach a File of that address to the draft: its author could then download it
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc({**values, "brochure": central.file_url}).insert()
		self.assertEqual(frappe.db.count("File", {"file_url": central.file_url}), 1)
		own = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{self.mark}-own.pdf",
				"is_private": 1,
				"content": b"%PDF-1.4\n% own\n%%EOF\n",
			}
		).insert()
		doc = frappe.get_doc({**values, "brochure": own.file_url}).insert()
		self.assertEqual(doc.brochure, own.file_url)

	def test_counters_and_author_are_guarded(self):
		frappe.set_user(ENGINEER_A)
		doc = frappe.get_doc({"doctype": ARTICLE, "title": f"{self.mark} z", "audience": "Public"}).insert()
		for field, value in (("helped_count", 5), ("deflected_count", 5), ("author", ENGINEER_B)):
			with self.subTest(field=field):
				doc = frappe.get_doc(ARTICLE, doc.name)
				doc.set(field, value)
				with self.assertRaises(ProtectedFieldChanged):
					doc.save()
		doc = frappe.get_doc(ARTICLE, doc.name)
		doc.status = "Published"  # no transition of the workflow leads there from Draft
		with self.assertRaises(frappe.ValidationError):
			doc.save()

	def test_office_rules(self):
		frappe.set_user(CENTRAL_USER)
		for values in (
			{"audience": "Office"},
			{"audience": "System Clients"},
			{"audience": "Public", "system": SYSTEM_X, "version_from": "15.10", "version_to": "15.9"},
		):
			with self.subTest(values=values), self.assertRaises(frappe.ValidationError):
				frappe.get_doc({"doctype": ARTICLE, "title": f"{self.mark} bad", **values}).insert()


class TestSearch(KnowledgeWorld):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		word = cls.mark
		cls.languages = {
			"en": cls.make_article(
				"Public",
				"en",
				title=f"{word} Quarantined turbine ledger",
				content="<p>The turbine posting is refused.</p>",
			),
			"fr": cls.make_article(
				"Public",
				"fr",
				language="fr",
				title=f"{word} L'éphéméride réconciliée échoue",
				content="<p>L'écriture ésotérique est refusée : vérifiez la période.</p>",
			),
			"ar": cls.make_article(
				"Public",
				"ar",
				language="ar",
				title=f"{word} تعذر إقفال المخطوطة",
				content="<p>يرفض النظام ترحيل القيد الزعفراني في نهاية الشهر.</p>",
			),
		}
		cls.names.update({name: key for key, name in cls.languages.items()})
		frappe.db.commit()  # nosemgrep: FULLTEXT sees committed rows

	def found(self, text, **filters):
		return [
			self.names[row["name"]] for row in search_articles(text, **filters) if row["name"] in self.names
		]

	def test_words_in_three_languages(self):
		"""Words no other article of the site holds: found whatever else the site has."""
		self.assertEqual(self.found("quarantined turbine", user=GUEST), ["en"])
		self.assertEqual(self.found("ephemeride reconciliee", user=GUEST), ["fr"])  # no accents typed
		self.assertEqual(self.found("ésotérique", user=GUEST), ["fr"])
		self.assertEqual(self.found("مخطوطة", user=GUEST), ["ar"])  # without the article "ال"
		self.assertEqual(self.found("المخطوطة", user=GUEST), ["ar"])
		self.assertEqual(self.found("الزعفراني", user=GUEST), ["ar"])

	def test_ranked_by_score(self):
		rows = search_articles(f"{self.mark} refused", user=GUEST, language="en")
		scores = [row["score"] for row in rows]
		self.assertEqual(scores, sorted(scores, reverse=True))
		self.assertGreater(scores[0], scores[1])  # both words before one of them
		self.assertEqual(self.found(f"{self.mark} refused", user=GUEST)[0], "en")

	def test_the_readers_language_first(self):
		frappe.db.set_value("User", ENGINEER_B, "language", "ar")
		try:
			found = self.found(self.mark, user=ENGINEER_B)
			self.assertEqual(found[0], "ar")
			frappe.db.set_value("User", ENGINEER_B, "language", "fr")
			self.assertEqual(self.found(self.mark, user=ENGINEER_B)[0], "fr")
		finally:
			frappe.db.set_value("User", ENGINEER_B, "language", None)

	def test_filters(self):
		self.assertEqual(self.found(self.mark, user=GUEST, language="fr"), ["fr"])
		by_system = set(self.found(self.mark, user=CLIENT_A, system=SYSTEM_X))
		self.assertEqual(by_system, {"clients X", "public", "en", "fr", "ar"})  # X's and general ones
		self.assertEqual(set(self.found(self.mark, user=CENTRAL_USER, reason="Guidance")), {"engineers"})

	def test_bad_input(self):
		for text in (
			"'; DROP TABLE `tabKnowledge Article`; --",
			'" OR 1=1 --',
			"<script>alert(1)</script>",
			"<img src=x onerror=alert(1)>",
			"+month -closing* @3 ~x (y)",
			"%_\\",
		):
			with self.subTest(text=text):
				rows = search_articles(text, user=GUEST)
				self.assertIsInstance(rows, list)
				self.assertFalse(
					{row["name"] for row in rows} & {self.articles["draft"], self.articles["central"]}
				)
		self.assertTrue(frappe.db.table_exists(ARTICLE))
		with self.assertRaises(SearchTooLong) as raised:
			search_articles("x" * 201, user=GUEST)
		self.assertIn("200", str(raised.exception))
		with self.assertRaises(SearchTooLong):
			search_articles("x" * 10_000, user=GUEST)

	def test_blank_text_lists_recent_published_articles(self):
		"""The set-up's articles are the site's latest: they come first, drafts never."""
		for language, latest in (("en", {"clients X", "public", "en"}), ("fr", {"fr"}), ("ar", {"ar"})):
			with self.subTest(language=language):
				rows = search_articles("   ", user=CLIENT_A, system=SYSTEM_X, language=language, limit=50)
				keys = [self.names.get(row["name"]) for row in rows]
				self.assertEqual(set(keys[: len(latest)]), latest)
				self.assertNotIn("draft", keys)
				dates = [frappe.db.get_value(ARTICLE, row["name"], "published_on") for row in rows]
				self.assertEqual(dates, sorted(dates, reverse=True))
				for row in rows:
					self.assertIn(row["audience"], ("Public", "System Clients"))
					self.assertIn(row["system"], (None, "", SYSTEM_X))


class TestFromARequest(KnowledgeWorld):
	def make_request(self, **values):
		return make_request(
			self.customer_a,
			installation=self.installation_x,
			contact=self.world["contacts"][CLIENT_A],
			raised_by=CLIENT_A,
			**values,
		)

	def test_suggestions_for_a_request(self):
		from onyx_support.api.knowledge import suggest_for_request

		request = self.make_request(subject=f"{self.mark} is it", reason="Error")
		frappe.set_user(ENGINEER_A)
		suggestions = suggest_for_request(request.name)
		keys = [self.names.get(row["name"]) for row in suggestions]
		# system X or none, reason Error and the subject's words first; then the subject's words
		self.assertEqual(set(keys[:3]), {"office A", "clients X", "public"})
		self.assertEqual(keys[3], "engineers")
		self.assertEqual(
			{self.names[row["name"]]: row["shareable"] for row in suggestions if row["name"] in self.names},
			{"office A": False, "clients X": False, "public": True, "engineers": False},
		)
		frappe.set_user(ENGINEER_B)  # not B's request
		with self.assertRaises(frappe.PermissionError):
			suggest_for_request(request.name)

	def test_a_resolved_request_becomes_a_draft_without_the_clients_data(self):
		from onyx_support.api.knowledge import draft_article

		request = self.make_request(
			subject=f"{self.mark} _Test Aden Trading cannot post for Aisha",
			description=(
				"<p>Aisha (client-a@onyx-test.example, +967 1 234 567) of _Test Aden Trading says the "
				f"journal fails on {self.installation_x}. TeamViewer {REMOTE_ID}, password: {SECRET}. "
				"Backup: ftp://admin:Adm1n@files.aden.example/db.zip</p>"
			),
		)
		frappe.set_user(ENGINEER_A)
		with self.assertRaises(RequestNotResolved):
			draft_article(request.name)
		frappe.set_user("Administrator")
		# office A asks for the client's approval before work starts: the client approved
		apply_workflow(frappe.get_doc("Support Request", request.name), "Triage")
		frappe.db.set_value("Support Request", request.name, "status", "Approved", update_modified=False)
		request = frappe.get_doc("Support Request", request.name)
		apply_workflow(request, "Start Work")
		request = frappe.get_doc("Support Request", request.name)
		request.resolution_summary = (
			"<p>Reopened the period for aisha at _Test Aden Trading; call 00967-777-123-456.</p>"
		)
		request.save()
		apply_workflow(request, "Resolve")
		frappe.set_user(ENGINEER_A)
		name = draft_article(request.name)
		self.assertEqual(draft_article(request.name), name)  # one draft per request and author
		article = frappe.get_doc(ARTICLE, name)
		self.assertEqual(
			(article.status, article.author, article.source_request, article.system, article.version_from),
			("Draft", ENGINEER_A, request.name, SYSTEM_X, "15.2"),
		)
		self.assertEqual([row.reason for row in article.reasons], ["Error"])
		self.assertEqual((article.audience, article.language), ("Network Engineers", "en"))
		text = " ".join((article.title, article.summary or "", article.content or "")).lower()
		for secret in (
			"_test aden trading",
			"aisha",
			"client-a@onyx-test.example",
			"234 567",
			"777-123-456",
			self.installation_x.lower(),
			REMOTE_ID,
			SECRET.lower(),
			"adm1n",
			"files.aden.example",
		):
			self.assertNotIn(secret, text)
		self.assertIn("[client]", article.title)
		self.assertIn("reopened the period", text)
		self.assertIn("journal fails", text)

	def test_sending_an_article_to_the_client(self):
		from onyx_support.api.knowledge import send_to_client

		request = self.make_request(subject=f"{self.mark} how do I post")

		def sent():
			# a request's name can come back after a rolled-back test class, with mail Frappe committed
			return set(
				frappe.get_all(
					"Communication",
					filters={
						"reference_doctype": "Support Request",
						"reference_name": request.name,
						"sent_or_received": "Sent",
					},
					pluck="name",
				)
			)

		before = sent()
		frappe.set_user(ENGINEER_A)
		for key in ("office A", "clients X", "draft", "engineers"):
			with self.subTest(article=key):
				with self.assertRaises((ArticleNotShareable, frappe.PermissionError)):
					send_to_client(request.name, self.articles[key])
		self.assertEqual(sent(), before)
		communication = frappe.get_doc("Communication", send_to_client(request.name, self.articles["public"]))
		self.assertEqual(
			(communication.reference_doctype, communication.reference_name, communication.sent_or_received),
			("Support Request", request.name, "Sent"),
		)
		self.assertIn(CLIENT_A, communication.recipients)
		self.assertIn(f"/kb/{self.mark}-public-posting-journal", communication.content)
		queued = frappe.get_all("Email Queue", filters={"communication": communication.name}, pluck="name")
		self.assertEqual(len(queued), 1)

	def test_this_helped_counts_once_per_request(self):
		from onyx_support.api.knowledge import mark_helpful

		public, engineers = self.articles["public"], self.articles["engineers"]
		first, second = self.make_request(subject="one"), self.make_request(subject="two")
		frappe.set_user(ENGINEER_A)
		self.assertTrue(mark_helpful(first.name, public))
		self.assertFalse(mark_helpful(first.name, public))  # once per request
		self.assertTrue(mark_helpful(second.name, public))
		self.assertEqual(frappe.db.get_value(ARTICLE, public, "helped_count"), 2)
		self.assertTrue(mark_helpful(first.name, engineers))  # the count moves with the request
		self.assertEqual(frappe.db.get_value(ARTICLE, public, "helped_count"), 1)
		self.assertEqual(frappe.db.get_value(ARTICLE, engineers, "helped_count"), 1)
		self.assertEqual(frappe.db.get_value("Support Request", first.name, "helpful_article"), engineers)
		with self.assertRaises(frappe.PermissionError):  # an article engineer A may not read
			mark_helpful(second.name, self.articles["office B"])
		frappe.set_user(ENGINEER_B)
		with self.assertRaises(frappe.PermissionError):  # a request engineer B may not read
			mark_helpful(first.name, public)

	def test_central_names_only_an_article_the_offices_engineers_open(self):
		"""Central support reads every article, but the answer it names on an office's request is
		shown to that office's engineers: central support's own articles and another office's are
		refused, with nothing counted."""
		from onyx_support.api.knowledge import mark_helpful
		from onyx_support.services.knowledge.requests import ArticleNotForOffice

		request = self.make_request(subject="four")
		frappe.set_user(CENTRAL_USER)
		for key in ("central", "office B"):
			with self.subTest(article=key), self.assertRaises(ArticleNotForOffice):
				mark_helpful(request.name, self.articles[key])
			self.assertEqual(frappe.db.get_value(ARTICLE, self.articles[key], "helped_count"), 0)
		self.assertFalse(frappe.db.get_value("Support Request", request.name, "helpful_article"))
		for key in ("office A", "engineers", "clients X"):
			self.assertTrue(mark_helpful(request.name, self.articles[key]), key)

	def test_only_a_published_article_solves_a_request(self):
		"""An engineer's own draft (which he reads) gains no count: counters move by the rules'
		actions on published articles only."""
		from onyx_support.api.knowledge import mark_helpful

		request = self.make_request(subject="three")
		frappe.set_user(ENGINEER_A)
		draft = frappe.get_doc(
			{"doctype": ARTICLE, "title": f"{self.mark} mine", "audience": "Public"}
		).insert()
		with self.assertRaises(ArticleNotPublished):
			mark_helpful(request.name, draft.name)
		self.assertEqual(frappe.db.get_value(ARTICLE, draft.name, "helped_count"), 0)
		self.assertFalse(frappe.db.get_value("Support Request", request.name, "helpful_article"))
