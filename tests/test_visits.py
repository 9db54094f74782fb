"""The rules of on-site visits, without Frappe: time, the signed content's hash, recipients."""

from datetime import datetime, timedelta

import pytest

from onyx_support.domain.errors import VisitError
from onyx_support.domain.visits import (
	DistributionRule,
	Interval,
	Network,
	Target,
	VisitFacts,
	VisitState,
	check_engineers,
	check_may_sign,
	check_plan,
	check_signature_image,
	content_hash,
	on_site_minutes,
	overlapping_visit,
	recipients,
	rule_matches,
	split_minutes,
	subdirectorates,
)

T0 = datetime(2026, 12, 3, 9, 0)


def problem(call, *args):
	with pytest.raises(VisitError) as raised:
		call(*args)
	return raised.value.problem


# --- time ----------------------------------------------------------------------------------------


def test_minutes_on_site():
	assert on_site_minutes(T0, T0 + timedelta(hours=2, minutes=30, seconds=59)) == 150
	assert on_site_minutes(T0, None) == 0


def test_departure_before_or_at_arrival_is_refused():
	assert problem(on_site_minutes, T0, T0 - timedelta(minutes=1)) == "departure_before_arrival"
	assert problem(on_site_minutes, T0, T0) == "departure_before_arrival"


def test_a_visit_lasts_at_most_a_day():
	assert on_site_minutes(T0, T0 + timedelta(hours=24)) == 24 * 60
	assert problem(on_site_minutes, T0, T0 + timedelta(hours=24, minutes=1)) == "visit_too_long"
	assert problem(check_plan, T0, T0 + timedelta(hours=25)) == "visit_too_long"
	assert problem(check_plan, T0, T0) == "plan_ends_before_start"
	assert problem(check_plan, None, T0) == "plan_incomplete"


def test_time_is_shared_between_requests_not_counted_twice():
	shares = split_minutes(100, ["SR-1", "SR-2", "SR-3"])
	assert shares == [("SR-1", 34), ("SR-2", 33), ("SR-3", 33)]
	assert sum(minutes for _request, minutes in shares) == 100
	assert split_minutes(90, ["SR-1", "SR-1"]) == [("SR-1", 90)]
	assert split_minutes(0, ["SR-1"]) == []


def test_an_engineer_is_in_one_place_at_a_time():
	other = [Interval(T0, T0 + timedelta(hours=2), "VR-9")]
	assert overlapping_visit(T0 + timedelta(hours=1), T0 + timedelta(hours=3), other) == "VR-9"
	# touching is not overlapping
	assert overlapping_visit(T0 + timedelta(hours=2), T0 + timedelta(hours=3), other) is None
	assert overlapping_visit(T0 - timedelta(hours=1), T0, other) is None


def test_engineers_listed_once():
	assert problem(check_engineers, []) == "no_engineer"
	assert problem(check_engineers, ["a@x", "a@x"]) == "engineer_twice"
	check_engineers(["a@x", "b@x"])


# --- the signed content --------------------------------------------------------------------------

FIELDS = {"customer": "Aden Port", "summary": "<p>done</p>", "arrival": T0, "departure": None}
TABLES = {
	"recommendations": [
		{"recommendation": "Back up nightly", "priority": "High"},
		{"recommendation": "Train two users", "priority": "Low"},
	],
	"engineers": [{"engineer": "a@x"}],
}


def test_hash_is_stable_under_row_order():
	reordered = dict(TABLES, recommendations=list(reversed(TABLES["recommendations"])))
	assert content_hash(FIELDS, TABLES) == content_hash(FIELDS, reordered)
	assert content_hash(dict(reversed(list(FIELDS.items()))), TABLES) == content_hash(FIELDS, TABLES)


@pytest.mark.parametrize(
	"change",
	[
		lambda f, t: f.update(summary="<p>done.</p>"),
		lambda f, t: f.update(arrival=T0 + timedelta(seconds=1)),
		lambda f, t: f.update(departure=T0),
		lambda f, t: t["recommendations"][0].update(priority="Urgent"),
		lambda f, t: t["recommendations"].pop(),
		lambda f, t: t["engineers"].append({"engineer": "b@x"}),
	],
)
def test_hash_changes_when_any_signed_value_changes(change):
	import copy

	fields, tables = copy.deepcopy(FIELDS), copy.deepcopy(TABLES)
	change(fields, tables)
	assert content_hash(fields, tables) != content_hash(FIELDS, TABLES)


def test_empty_text_and_nothing_hash_alike():
	assert content_hash(dict(FIELDS, summary=""), TABLES) == content_hash(dict(FIELDS, summary=None), TABLES)


PNG = "data:image/png;base64," + __import__("base64").b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 80).decode()


def test_signature_image():
	check_signature_image(PNG)
	assert problem(check_signature_image, "") == "signature_empty"
	assert problem(check_signature_image, "data:image/png;base64,") == "signature_empty"
	assert problem(check_signature_image, "data:image/png;base64,@@@@") == "signature_empty"
	assert problem(check_signature_image, "data:image/svg+xml;base64,PHN2Zz4=") == "signature_empty"
	too_big = "data:image/png;base64," + "A" * (1024 * 1024 * 4 // 3 + 8)
	assert problem(check_signature_image, too_big) == "signature_too_large"


def test_who_may_sign_when():
	check_may_sign(VisitState.AWAITING_SIGNATURE, False)
	assert problem(check_may_sign, VisitState.AWAITING_SIGNATURE, True) == "already_signed"
	assert problem(check_may_sign, VisitState.SHARED, False) == "already_signed"
	assert problem(check_may_sign, VisitState.CANCELLED, False) == "sign_cancelled"
	assert problem(check_may_sign, VisitState.ON_SITE, False) == "not_ready_to_sign"


# --- recipients ----------------------------------------------------------------------------------

TREE = {
	"Central": None,
	"Quality": "Central",
	"Quality Yemen": "Quality",
	"Network": None,
	"Sanaa": "Network",
}
NETWORK = Network(
	parent_of=TREE,
	members={
		"Central": ["boss@x"],
		"Quality": ["q1@x", "shared@x"],
		"Quality Yemen": ["qy@x", "off@x"],
		"Sanaa": ["shared@x", "s1@x"],
	},
	office_managers=["manager@x"],
	office_engineers=["eng@x", "off@x"],
	disabled_users=frozenset({"off@x"}),
)
VISIT = VisitFacts(
	office="OnyxPro Yemen",
	visit_kind="Corrective",
	systems=frozenset({"Onyx ERP"}),
	territories=frozenset({"Aden", "Yemen", "All Territories"}),
	lowest_rating=2,
)


def test_subdirectorates_walk_the_tree():
	assert subdirectorates("Central", TREE) == ["Central", "Quality", "Quality Yemen"]
	assert subdirectorates("Sanaa", TREE) == ["Sanaa"]
	assert subdirectorates("Loop", {"Loop": "Loop2", "Loop2": "Loop"}) == ["Loop", "Loop2"]


def test_recipients_expand_the_tree_deduplicate_and_drop_disabled_users():
	rules = [
		DistributionRule("Low ratings", rating_at_or_below=2, targets=(Target("Quality", True),)),
		DistributionRule("Yemen", territory="Yemen", targets=(Target("Sanaa", False),), office_managers=True),
	]
	chosen = recipients(rules, VISIT, NETWORK)
	assert [r.user for r in chosen] == ["q1@x", "shared@x", "qy@x", "s1@x", "manager@x"]
	assert chosen[1].reason == "Low ratings" and chosen[1].directorate == "Quality"
	assert chosen[-1].directorate is None


def test_without_subdirectorates_only_the_directorate():
	rules = [DistributionRule("Quality only", targets=(Target("Quality", False),))]
	assert [r.user for r in recipients(rules, VISIT, NETWORK)] == ["q1@x", "shared@x"]


def test_inactive_directorates_and_excluded_users():
	network = Network(TREE, NETWORK.members, inactive_directorates=frozenset({"Quality Yemen"}))
	rules = [DistributionRule("All quality", targets=(Target("Quality", True),))]
	assert [r.user for r in recipients(rules, VISIT, network, exclude=["q1@x"])] == ["shared@x"]


@pytest.mark.parametrize(
	"rule, matches",
	[
		(DistributionRule("any"), True),
		(DistributionRule("system", system="Onyx ERP"), True),
		(DistributionRule("other system", system="Onyx POS"), False),
		(DistributionRule("office", office="OnyxPro Yemen"), True),
		(DistributionRule("other office", office="OnyxPro KSA"), False),
		(DistributionRule("region", territory="Yemen"), True),
		(DistributionRule("other region", territory="Saudi Arabia"), False),
		(DistributionRule("kind", visit_kind="Training"), False),
		(DistributionRule("rating 2", rating_at_or_below=2), True),
		(DistributionRule("rating 1", rating_at_or_below=1), False),
		(DistributionRule("both", system="Onyx ERP", visit_kind="Training"), False),
	],
)
def test_rule_criteria(rule, matches):
	assert rule_matches(rule, VISIT) is matches


def test_a_rating_rule_needs_a_rating():
	unrated = VisitFacts("O", "Corrective", frozenset(), frozenset(), None)
	assert not rule_matches(DistributionRule("low", rating_at_or_below=3), unrated)


# --- the Workflow fixture and the DocType follow this module -------------------------------------


def test_visit_workflow_fixture_matches_the_domain_table():
	import json
	from pathlib import Path

	from onyx_support.domain.visits import DOCSTATUS, WORKFLOW_NAME, workflow_rows

	app = Path(__file__).resolve().parents[1] / "onyx_support"
	fixture = json.loads((app / "fixtures" / "workflow.json").read_text())
	(workflow,) = [doc for doc in fixture if doc["name"] == WORKFLOW_NAME]
	assert workflow["document_type"] == "Visit Report"
	assert [(s["state"], int(s["doc_status"])) for s in workflow["states"]] == [
		(state.value, DOCSTATUS[state]) for state in VisitState
	]
	shipped = sorted(
		(t["state"], t["action"], t["next_state"], t["allowed"], t.get("condition"))
		for t in workflow["transitions"]
	)
	assert shipped == sorted(workflow_rows())
	report = json.loads((app / "field_service/doctype/visit_report/visit_report.json").read_text())
	(status,) = [f for f in report["fields"] if f["fieldname"] == "status"]
	assert status["options"].split("\n") == [state.value for state in VisitState]
