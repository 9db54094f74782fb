"""Knowledge articles without a site: who reads and writes which article, the article's own rules,
the words it is found by, its address, and the Workflow fixture and DocType following the domain."""

import json
from pathlib import Path

import pytest

from onyx_support.domain.knowledge import (
	EDITABLE_STATES,
	LANGUAGES,
	REASONS,
	SEARCH_LIMIT,
	Article,
	ArticleState,
	Audience,
	KnowledgeError,
	Reader,
	ReaderKind,
	ReadRule,
	check_article,
	check_query,
	check_review,
	guess_language,
	is_review,
	may_read,
	may_write,
	office_engineers_read,
	published_publicly,
	read_rule,
	search_text,
	search_words,
	slug,
	unique_slug,
	workflow_rows,
)

APP = Path(__file__).resolve().parents[1] / "onyx_support"

CENTRAL = Reader(ReaderKind.NETWORK, "central@x")
ENGINEER_A = Reader(ReaderKind.STAFF, "eng-a@x", offices=frozenset({"Office A"}))
ENGINEER_B = Reader(ReaderKind.STAFF, "eng-b@x", offices=frozenset({"Office B"}))
DIRECTORATE = Reader(ReaderKind.STAFF, "reader@x")  # desk staff of no office
CLIENT_X = Reader(ReaderKind.CLIENT, "client-x@x", systems=frozenset({"System X"}))
CLIENT_Y = Reader(ReaderKind.CLIENT, "client-y@x", systems=frozenset({"System Y"}))
GUEST = Reader(ReaderKind.GUEST)
READERS = {
	"central": CENTRAL,
	"engineer A": ENGINEER_A,
	"engineer B": ENGINEER_B,
	"directorate": DIRECTORATE,
	"client X": CLIENT_X,
	"client Y": CLIENT_Y,
	"guest": GUEST,
}


def published(audience: Audience, office=None, system=None, author="central@x"):
	return Article(audience.value, "Published", office, system, author, "reviewer@x")


ARTICLES = {
	"central": published(Audience.CENTRAL),
	"engineers": published(Audience.ENGINEERS),
	"office A": published(Audience.OFFICE, office="Office A"),
	"clients X": published(Audience.SYSTEM_CLIENTS, system="System X"),
	"public": published(Audience.PUBLIC),
	"draft public": Article("Public", "Draft", author="central@x"),
	"archived public": Article("Public", "Archived", author="central@x"),
	"draft of engineer A": Article("Office", "Draft", "Office A", None, "eng-a@x"),
	"central draft by engineer B": Article("Central Support", "In Review", None, None, "eng-b@x"),
}

# The audience matrix, every cell written out: reader -> articles it reads.
READS = {
	"central": set(ARTICLES),
	"engineer A": {"engineers", "office A", "clients X", "public", "draft of engineer A"},
	"engineer B": {"engineers", "clients X", "public", "central draft by engineer B"},
	"directorate": {"engineers", "clients X", "public"},
	"client X": {"clients X", "public"},
	"client Y": {"public"},
	"guest": {"public"},
}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("article", ARTICLES)
def test_the_audience_matrix(reader, article):
	assert may_read(READERS[reader], ARTICLES[article]) is (article in READS[reader])


def test_a_reviewer_reads_what_it_reviews_in_any_state():
	reviewing = Article("Central Support", "In Review", author="someone@x", reviewer="eng-b@x")
	assert may_read(ENGINEER_B, reviewing)
	assert not may_read(ENGINEER_A, reviewing)


@pytest.mark.parametrize(
	"audience, office, status, opened",
	[
		("Central Support", None, "Published", False),
		("Office", "Office B", "Published", False),
		("Office", "Office A", "Published", True),
		("Network Engineers", None, "Published", True),
		("System Clients", None, "Published", True),
		("Public", None, "Published", True),
		("Public", None, "Draft", False),
		("Office", None, "Published", False),
	],
)
def test_the_answer_to_a_request_is_one_its_offices_engineers_open(audience, office, status, opened):
	article = Article(audience, status, office, "ERP")
	assert office_engineers_read(article, "Office A") is opened
	assert not office_engineers_read(Article("Office", "Published", "Office A"), None)


def test_an_office_article_without_office_reaches_no_office():
	assert not may_read(ENGINEER_A, Article("Office", "Published", None))


def test_read_rules_by_kind():
	assert read_rule(CENTRAL) == ReadRule(everything=True)
	staff = read_rule(ENGINEER_A)
	assert staff.own_user == "eng-a@x"
	assert staff.audiences == {Audience.ENGINEERS, Audience.PUBLIC}
	assert staff.offices == {"Office A"}
	assert staff.systems is None  # clients' articles of every system
	assert read_rule(CLIENT_X) == ReadRule(
		audiences=frozenset({Audience.PUBLIC}), systems=frozenset({"System X"})
	)
	assert read_rule(GUEST) == ReadRule(audiences=frozenset({Audience.PUBLIC}))


# --- writing -------------------------------------------------------------------------------------


def test_central_support_writes_everything():
	for article in ARTICLES.values():
		assert may_write(CENTRAL, article, article)
	assert may_write(CENTRAL, None, Article("Central Support", "Draft"))


@pytest.mark.parametrize(
	"audience, office, allowed",
	[
		("Network Engineers", None, True),
		("Public", None, True),
		("System Clients", None, True),
		("Office", "Office A", True),
		("Office", "Office B", False),  # another office's article
		("Central Support", None, False),  # an audience the engineer may not read
	],
)
def test_office_staff_create_for_an_audience_they_read(audience, office, allowed):
	assert may_write(ENGINEER_A, None, Article(audience, "Draft", office)) is allowed


@pytest.mark.parametrize("status", [s.value for s in ArticleState])
def test_office_staff_edit_their_own_articles_while_draft_or_in_review(status):
	own = Article("Network Engineers", status, author="eng-a@x")
	assert may_write(ENGINEER_A, own, own) is (status in EDITABLE_STATES)
	assert not may_write(ENGINEER_B, own, own)  # not theirs


def test_office_staff_cannot_move_their_article_to_an_audience_they_cannot_read():
	own = Article("Network Engineers", "Draft", author="eng-a@x")
	assert not may_write(ENGINEER_A, own, Article("Central Support", "Draft", author="eng-a@x"))
	assert not may_write(ENGINEER_A, own, Article("Office", "Draft", "Office B", author="eng-a@x"))
	assert may_write(ENGINEER_A, own, Article("Office", "Draft", "Office A", author="eng-a@x"))


def test_clients_and_guests_write_nothing():
	for reader in (CLIENT_X, GUEST):
		assert not may_write(reader, None, Article("Public", "Draft"))
		assert not may_write(reader, ARTICLES["public"], ARTICLES["public"])


# --- the article's rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
	"values, problem",
	[
		(("Office", None, None, None, None, "en"), "office_required"),
		(("System Clients", None, None, None, None, "en"), "system_required"),
		(("Public", None, None, None, None, "de"), "unknown_language"),
		(("Public", None, None, "15.2", None, "en"), "versions_without_system"),
		(("Public", None, "ERP", "v15", None, "en"), "invalid_version"),
		(("Public", None, "ERP", "15.10", "15.9", "en"), "versions_reversed"),
	],
)
def test_article_rules(values, problem):
	with pytest.raises(KnowledgeError) as raised:
		check_article(*values)
	assert raised.value.problem == problem


def test_a_valid_article_passes():
	check_article("Office", "Office A", "ERP", "15.9", "15.10", "ar")
	check_article("Public", None, None, None, None, "fr")
	check_article("System Clients", None, "ERP", "15.2", None, "en")


def test_a_review_is_someone_elses():
	with pytest.raises(KnowledgeError) as raised:
		check_review("a@x", "a@x")
	assert raised.value.problem == "own_review"
	check_review("a@x", "b@x")
	assert is_review("In Review", "Published") and is_review("In Review", "Draft")
	assert not is_review("Draft", "In Review") and not is_review("In Review", "In Review")


def test_published_publicly_only_when_published_and_public():
	assert published_publicly("Published", "Public")
	assert not published_publicly("Draft", "Public")
	assert not published_publicly("Published", "System Clients")
	assert not published_publicly("Archived", "Public")


# --- words, queries and addresses ----------------------------------------------------------------


def test_search_text_is_plain_words_of_title_summary_and_content():
	text = search_text(
		"Month-end <b>closing</b>", "Post the journal", "<p>Use the <i>closing</i> wizard.</p>"
	)
	assert "<" not in text and ">" not in text
	assert text.split() == [
		"Month",
		"end",
		"closing",
		"Post",
		"the",
		"journal",
		"Use",
		"the",
		"closing",
		"wizard",
	]


def test_arabic_words_are_normalised_and_found_without_the_article():
	assert search_words("الفاتورة") == "الفاتوره فاتوره"
	assert search_words("فاتورة") == "فاتوره"
	assert search_words("بالفاتورةِ") == "بالفاتوره فاتوره"  # vowel mark and prefix
	assert search_words("إقفال أرصدة") == "اقفال ارصده"
	assert search_words("للموظفين") == "للموظفين موظفين"


def test_french_words_keep_their_accents_for_the_collation():
	assert search_words("Clôture de l'exercice") == "Clôture de l exercice"


def test_sql_and_html_are_only_words():
	assert search_words("'; DROP TABLE `tabUser`; --") == "DROP TABLE tabUser"
	assert search_words('<script>alert("x")</script>') == "script alert x script"
	assert search_words("") == ""


def test_queries_are_trimmed_and_limited():
	assert check_query("  facture  ") == "facture"
	assert check_query(None) == ""
	assert check_query("x" * SEARCH_LIMIT) == "x" * SEARCH_LIMIT
	with pytest.raises(KnowledgeError) as raised:
		check_query("x" * (SEARCH_LIMIT + 1))
	assert raised.value.problem == "query_too_long"
	assert raised.value.value == "201"


def test_slugs():
	assert slug("Clôture de l'exercice — pas à pas") == "cloture-de-l-exercice-pas-a-pas"
	assert slug("Month-end closing: 3 steps!") == "month-end-closing-3-steps"
	assert slug("إقفال الفاتورة") == "إقفال-الفاتورة"
	assert slug("¿?!", fallback="ka-00001") == "ka-00001"
	assert len(slug("word " * 100)) <= 100


def test_the_language_of_a_request():
	assert guess_language("Month-end closing fails on the stock valuation step") == "en"
	assert guess_language("<p>La clôture mensuelle échoue à l'étape de valorisation</p>") == "fr"
	assert guess_language("Le terminal ne imprime plus les tickets de caisse") == "fr"
	assert guess_language("توقف إقفال نهاية الشهر عند خطوة تقييم المخزون في OnyxPro ERP") == "ar"
	assert guess_language("", default="fr") == "fr"
	assert guess_language("15.10 / 2026", default="de") == "en"


def test_unique_slugs():
	assert unique_slug("closing", []) == "closing"
	assert unique_slug("closing", ["closing", "closing-2"]) == "closing-3"


# --- the fixture and the DocTypes follow this module ---------------------------------------------


def doctype(name: str) -> dict:
	folder = name.lower().replace(" ", "_")
	return json.loads((APP / "central_support" / "doctype" / folder / f"{folder}.json").read_text())


def test_knowledge_workflow_fixture_matches_the_domain_table():
	from onyx_support.domain.knowledge import TRANSITIONS, WORKFLOW_NAME

	fixture = json.loads((APP / "fixtures" / "workflow.json").read_text())
	(workflow,) = [doc for doc in fixture if doc["name"] == WORKFLOW_NAME]
	assert workflow["document_type"] == "Knowledge Article"
	assert workflow["workflow_state_field"] == "status"
	assert [(s["state"], int(s["doc_status"])) for s in workflow["states"]] == [
		(state.value, 0) for state in ArticleState
	]
	shipped = sorted(
		(t["state"], t["action"], t["next_state"], t["allowed"], t.get("condition"))
		for t in workflow["transitions"]
	)
	assert shipped == sorted(workflow_rows())
	self_approval = {(t["action"], bool(t["allow_self_approval"])) for t in workflow["transitions"]}
	assert self_approval == {(t.action, t.self_approval) for t in TRANSITIONS}


def test_the_doctype_follows_the_domain():
	article = doctype("Knowledge Article")
	fields = {f["fieldname"]: f for f in article["fields"]}
	assert fields["status"]["options"].split("\n") == [s.value for s in ArticleState]
	assert fields["audience"]["options"].split("\n") == [a.value for a in Audience]
	assert fields["language"]["options"].split("\n") == list(LANGUAGES)
	assert article["is_published_field"] == "published_publicly"
	assert article["route"] == "kb"
	reason = doctype("Knowledge Article Reason")
	assert reason["fields"][0]["options"].split("\n") == list(REASONS)


def test_reasons_are_the_support_requests():
	request = json.loads(
		(APP / "support_requests" / "doctype" / "support_request" / "support_request.json").read_text()
	)
	(reason,) = [f for f in request["fields"] if f["fieldname"] == "reason"]
	assert reason["options"].split("\n") == list(REASONS)


def test_the_contracts_docperms():
	perms = {p["role"]: p for p in doctype("Knowledge Article")["permissions"]}
	for role in ("Central Support Engineer", "Support Administrator"):
		assert all(perms[role][right] for right in ("read", "write", "create", "delete")), role
	for role in ("Support Engineer", "Support Office Manager"):
		assert [perms[role][r] for r in ("read", "write", "create", "delete")] == [1, 1, 1, 0], role
	for role in ("Support Accountant", "Support Directorate Member"):
		assert [perms[role][r] for r in ("read", "write", "create", "delete")] == [1, 0, 0, 0], role
	assert "Support Client" not in perms and "Guest" not in perms
