"""Routing glue: read the network from the database, let the domain decide."""

import frappe

from onyx_support.domain.network import RoutingDecision, TerritoryClaim, route

CLAIMS_CACHE_KEY = "onyx_support:territory_claims"


def active_claims() -> list[TerritoryClaim]:
	"""Every active office's territory claims, in one query, cached until an office or territory changes."""
	cached = frappe.cache.get_value(CLAIMS_CACHE_KEY)
	if cached is not None:
		return cached
	office = frappe.qb.DocType("Support Office")
	row = frappe.qb.DocType("Support Office Territory")
	rows = (
		frappe.qb.from_(row)
		.join(office)
		.on(office.name == row.parent)
		.select(row.parent, row.territory, row.system)
		.where((row.parenttype == "Support Office") & (office.is_active == 1))
		.run()
	)
	claims = [TerritoryClaim(parent, territory, system or None) for parent, territory, system in rows]
	frappe.cache.set_value(CLAIMS_CACHE_KEY, claims)
	return claims


def clear_routing_cache(doc=None, method=None):
	frappe.cache.delete_value(CLAIMS_CACHE_KEY)
	# A rolled-back change must not survive in the cache either.
	frappe.db.after_rollback.add(_drop_claims)


def _drop_claims():
	frappe.cache.delete_value(CLAIMS_CACHE_KEY)


def territory_path(territory: str | None) -> list[str]:
	"""The territory and its ancestors, nearest first (one query on the nested set)."""
	if not territory:
		return []
	bounds = frappe.db.get_value("Territory", territory, ["lft", "rgt"])
	if not bounds:
		return []
	lft, rgt = bounds
	ancestors = frappe.qb.DocType("Territory")
	return (
		frappe.qb.from_(ancestors)
		.select(ancestors.name)
		.where((ancestors.lft <= lft) & (ancestors.rgt >= rgt))
		.orderby(ancestors.lft, order=frappe.qb.desc)
		.run(pluck=True)
	)


def central_office() -> str | None:
	configured = frappe.db.get_single_value("Onyx Support Settings", "central_office")
	if configured:
		return configured
	return frappe.db.get_value(
		"Support Office", {"office_kind": "Central", "is_active": 1}, "name", order_by="creation asc"
	)


def route_territory(territory: str | None, system: str | None) -> RoutingDecision | None:
	central = central_office()
	decision = route(territory_path(territory), system, active_claims(), central or "")
	return decision if decision.office else None


def route_customer(customer: str, system: str | None = None) -> RoutingDecision | None:
	return route_territory(frappe.db.get_value("Customer", customer, "territory"), system)
