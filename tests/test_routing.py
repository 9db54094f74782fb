"""Routing a client to the office that serves it, and what makes an office well formed."""

import pytest

from onyx_support.domain.errors import DuplicateTerritoryClaimError, NoTerritoryError, OfficeKindLinkError
from onyx_support.domain.network import (
	OfficeKind,
	RoutingBasis,
	TerritoryClaim,
	check_claims,
	check_office_links,
	route,
)

CENTRAL = "Central Support Sanaa"
# Paths nearest first, as the glue reads them from ERPNext's Territory tree.
ADEN = ["Aden", "Yemen", "Middle East", "All Territories"]
RIYADH = ["Riyadh", "Saudi Arabia", "Middle East", "All Territories"]
CAIRO = ["Egypt", "Africa", "All Territories"]
KHARTOUM = ["Sudan", "Africa", "All Territories"]
MUSCAT = ["Oman", "Middle East", "All Territories"]
NAIROBI = ["Kenya", "Africa", "All Territories"]

CLAIMS = [
	TerritoryClaim("Yemen Subsidiary", "Yemen"),
	TerritoryClaim("Saudi Subsidiary", "Saudi Arabia"),
	TerritoryClaim("Egypt Distributor", "Egypt"),
	TerritoryClaim("Sudan Distributor", "Sudan"),
	TerritoryClaim("Saudi Payroll Partner", "Saudi Arabia", system="OnyxPro Payroll"),
	TerritoryClaim("Egypt Distributor", "Africa", system="OnyxPro ERP"),
]


def test_nearest_claimed_territory_up_the_tree():
	decision = route(ADEN, "OnyxPro ERP", CLAIMS, CENTRAL)
	assert decision.office == "Yemen Subsidiary"
	assert decision.matched_territory == "Yemen"
	assert decision.basis == RoutingBasis.TERRITORY_CLAIM


def test_system_claim_beats_general_claim_on_the_same_territory():
	decision = route(RIYADH, "OnyxPro Payroll", CLAIMS, CENTRAL)
	assert (decision.office, decision.basis) == ("Saudi Payroll Partner", RoutingBasis.SYSTEM_CLAIM)
	assert route(RIYADH, "OnyxPro ERP", CLAIMS, CENTRAL).office == "Saudi Subsidiary"


def test_nearer_general_claim_beats_farther_system_claim():
	assert route(KHARTOUM, "OnyxPro ERP", CLAIMS, CENTRAL).office == "Sudan Distributor"


def test_parent_territory_claim_covers_children_for_its_system():
	assert route(NAIROBI, "OnyxPro ERP", CLAIMS, CENTRAL).office == "Egypt Distributor"
	assert route(NAIROBI, "OnyxPro Payroll", CLAIMS, CENTRAL).office == CENTRAL


def test_country_without_local_office_goes_to_central():
	decision = route(MUSCAT, "OnyxPro ERP", CLAIMS, CENTRAL)
	assert decision == decision.__class__(CENTRAL, RoutingBasis.NO_LOCAL_OFFICE, None)


def test_unknown_territory_goes_to_central():
	assert route([], None, CLAIMS, CENTRAL).office == CENTRAL


def test_second_claim_on_the_same_territory_and_system_is_refused():
	with pytest.raises(DuplicateTerritoryClaimError) as caught:
		check_claims(
			"Another Partner", OfficeKind.DISTRIBUTOR, [TerritoryClaim("Another Partner", "Egypt")], CLAIMS
		)
	assert caught.value.other_office == "Egypt Distributor"


def test_system_specific_claim_does_not_collide_with_a_general_one():
	own = [TerritoryClaim("Egypt Payroll", "Egypt", "OnyxPro Payroll")]
	check_claims("Egypt Payroll", OfficeKind.DISTRIBUTOR, own, CLAIMS)


def test_an_office_does_not_collide_with_itself():
	own = [TerritoryClaim("Yemen Subsidiary", "Yemen")]
	check_claims("Yemen Subsidiary", OfficeKind.SUBSIDIARY, own, CLAIMS)


def test_local_office_without_territory_is_refused_but_central_may_have_none():
	with pytest.raises(NoTerritoryError):
		check_claims("Oman Distributor", OfficeKind.DISTRIBUTOR, [], CLAIMS)
	check_claims(CENTRAL, OfficeKind.CENTRAL, [], CLAIMS)


@pytest.mark.parametrize(
	"kind, company, partner, parent, parent_kind, problem",
	[
		(OfficeKind.SUBSIDIARY, None, None, CENTRAL, OfficeKind.CENTRAL, "company_required"),
		(
			OfficeKind.SUBSIDIARY,
			"Onyx KSA",
			"Partner",
			CENTRAL,
			OfficeKind.CENTRAL,
			"sales_partner_not_allowed",
		),
		(OfficeKind.DISTRIBUTOR, None, None, CENTRAL, OfficeKind.CENTRAL, "sales_partner_required"),
		(OfficeKind.DISTRIBUTOR, "Onyx KSA", "Partner", CENTRAL, OfficeKind.CENTRAL, "company_not_allowed"),
		(OfficeKind.DISTRIBUTOR, None, "Partner", None, None, "parent_required"),
		(
			OfficeKind.DISTRIBUTOR,
			None,
			"Partner",
			"Yemen Subsidiary",
			OfficeKind.SUBSIDIARY,
			"parent_must_be_central",
		),
		(OfficeKind.CENTRAL, "Yemen Soft", None, "Other", OfficeKind.CENTRAL, "central_has_no_parent"),
	],
)
def test_office_links_must_fit_the_kind(kind, company, partner, parent, parent_kind, problem):
	with pytest.raises(OfficeKindLinkError) as caught:
		check_office_links(kind, company, partner, parent, parent_kind)
	assert caught.value.problem == problem


def test_well_formed_offices_pass():
	check_office_links(OfficeKind.CENTRAL, "Yemen Soft", None, None, None)
	check_office_links(OfficeKind.SUBSIDIARY, "Onyx KSA", None, CENTRAL, OfficeKind.CENTRAL)
	check_office_links(OfficeKind.DISTRIBUTOR, None, "Nile Systems", CENTRAL, OfficeKind.CENTRAL)


def test_known_systems_are_one_per_line_and_empty_means_all():
	from onyx_support.domain.network import parse_known_systems

	assert parse_known_systems(" ONYX-ERP \n\nONYX-HR\n") == {"ONYX-ERP", "ONYX-HR"}
	assert parse_known_systems(None) == frozenset()


def test_load_balancing_takes_the_least_loaded_the_first_listed_on_a_tie():
	from onyx_support.domain.network import least_loaded

	users = ["rania", "omar", "huda"]
	assert least_loaded(users, {"rania": 3, "omar": 1, "huda": 1}) == "omar"
	assert least_loaded(users, {"rania": 2, "omar": 2}) == "huda"  # nobody open counts as 0
	assert least_loaded(users, {}) == "rania"
