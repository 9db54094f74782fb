"""The support network: which office serves a client, and what makes an office well formed.

Offices claim territories of ERPNext's Territory tree, optionally for one system only. A client
is served by the office claiming the nearest territory up its tree, a system-specific claim
beating a general one on the same territory. Nobody claiming anything up to the root means the
country has no local support specialist: central support serves it (customer's text, central
support, point 2).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from onyx_support.domain.errors import (
	DuplicateTerritoryClaimError,
	NoTerritoryError,
	OfficeKindLinkError,
)


class OfficeKind(str, Enum):
	CENTRAL = "Central"
	SUBSIDIARY = "Subsidiary"
	DISTRIBUTOR = "Distributor"


@dataclass(frozen=True)
class TerritoryClaim:
	office: str
	territory: str
	system: str | None = None  # None: every system


class RoutingBasis(str, Enum):
	SYSTEM_CLAIM = "System claim"
	TERRITORY_CLAIM = "Territory claim"
	NO_LOCAL_OFFICE = "No local office"


@dataclass(frozen=True)
class RoutingDecision:
	office: str
	basis: RoutingBasis
	matched_territory: str | None = None


def route(
	territory_path: Sequence[str],
	system: str | None,
	claims: Iterable[TerritoryClaim],
	central_office: str,
) -> RoutingDecision:
	"""Pick the serving office.

	territory_path: the client's territory first, then each parent up to the root.
	"""
	by_territory: dict[str, list[TerritoryClaim]] = {}
	for claim in claims:
		by_territory.setdefault(claim.territory, []).append(claim)

	for territory in territory_path:
		candidates = by_territory.get(territory, ())
		if system:
			for claim in candidates:
				if claim.system == system:
					return RoutingDecision(claim.office, RoutingBasis.SYSTEM_CLAIM, territory)
		for claim in candidates:
			if not claim.system:
				return RoutingDecision(claim.office, RoutingBasis.TERRITORY_CLAIM, territory)
	return RoutingDecision(central_office, RoutingBasis.NO_LOCAL_OFFICE)


def parse_known_systems(text: str | None) -> frozenset[str]:
	"""An engineer's systems, one item code per line; empty means every system."""
	return frozenset(line.strip() for line in (text or "").splitlines() if line.strip())


def check_claims(
	office: str, kind: OfficeKind, own: Sequence[TerritoryClaim], others: Iterable[TerritoryClaim]
):
	"""Raise when a non-central office claims nothing, or a claim is already another office's.

	The same (territory, system) claimed twice by one office is harmless and not an error here;
	the caller de-duplicates its rows.
	"""
	if kind != OfficeKind.CENTRAL and not own:
		raise NoTerritoryError(office)
	taken = {(c.territory, c.system or None): c.office for c in others if c.office != office}
	for claim in own:
		holder = taken.get((claim.territory, claim.system or None))
		if holder:
			raise DuplicateTerritoryClaimError(claim.territory, claim.system, holder)


def check_office_links(
	kind: OfficeKind,
	company: str | None,
	sales_partner: str | None,
	parent_office: str | None,
	parent_kind: OfficeKind | None,
) -> None:
	"""A subsidiary is an ERPNext Company, a distributor a Sales Partner; every office but central
	reports to a central office."""
	if kind == OfficeKind.SUBSIDIARY:
		if not company:
			raise OfficeKindLinkError(kind, "company_required")
		if sales_partner:
			raise OfficeKindLinkError(kind, "sales_partner_not_allowed")
	elif kind == OfficeKind.DISTRIBUTOR:
		if not sales_partner:
			raise OfficeKindLinkError(kind, "sales_partner_required")
		if company:
			raise OfficeKindLinkError(kind, "company_not_allowed")
	elif kind == OfficeKind.CENTRAL:
		if sales_partner:
			raise OfficeKindLinkError(kind, "sales_partner_not_allowed")
		if parent_office:
			raise OfficeKindLinkError(kind, "central_has_no_parent")
		return
	if not parent_office:
		raise OfficeKindLinkError(kind, "parent_required")
	if parent_kind != OfficeKind.CENTRAL:
		raise OfficeKindLinkError(kind, "parent_must_be_central")


def least_loaded(users: list[str], open_counts: dict[str, int]) -> str:
	"""Load balancing's pick: the engineer with the fewest open requests, the first listed on a tie."""
	return min(enumerate(users), key=lambda listed: (open_counts.get(listed[1], 0), listed[0]))[1]
