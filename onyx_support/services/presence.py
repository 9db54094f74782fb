"""The public presence-and-contact page's data.

Guests have no read permission on Support Office, so this reads with frappe.get_all — but only
the fields listed here, of offices marked public and active. Engineer names appear only when the
engineer row is marked public; rates only when the office publishes them.
"""

from datetime import datetime

import frappe
from frappe.utils import fmt_money

from onyx_support.domain.business_calendar import UTC, is_working_instant
from onyx_support.domain.errors import DomainError
from onyx_support.domain.network import route
from onyx_support.domain.presence import group_week, utc_offset_label
from onyx_support.services.calendars import get_office_calendar
from onyx_support.services.routing import active_claims, central_office

PUBLIC_OFFICE_FIELDS = [
	"name",
	"office_name",
	"office_kind",
	"city",
	"country",
	"address",
	"email",
	"phone",
	"website",
	"latitude",
	"longitude",
	"time_zone",
	"free_support_months",
	"fee_policy_summary",
	"fees_public",
	"hourly_rate",
	"visit_fee",
	"currency",
]
KIND_ORDER = {"Central": 0, "Subsidiary": 1, "Distributor": 2}


PUBLIC_OFFICES_KEY = "onyx_support:public_offices"
PUBLIC_OFFICES_SECONDS = 60  # "open now" and the UTC offsets move with the clock


def public_offices() -> list[dict]:
	"""The page's offices, the same for every visitor: kept for a minute, and read again at once
	when an office or a territory was saved or deleted since (the key carries the latest change,
	one query that reads two indexes)."""
	version = frappe.db.sql(
		"""select (select max(modified) from `tabSupport Office`), (select count(*) from `tabSupport Office`),
		(select max(modified) from `tabTerritory`)"""
	)[0]
	key = "{0}:{1}".format(PUBLIC_OFFICES_KEY, "|".join(str(value) for value in version))
	cached = frappe.cache.get_value(key)
	if cached is None:
		cached = read_public_offices()
		frappe.cache.set_value(key, cached, expires_in_sec=PUBLIC_OFFICES_SECONDS)
	return cached


def read_public_offices() -> list[dict]:
	offices = frappe.get_all(
		"Support Office",
		filters={"is_public": 1, "is_active": 1},
		fields=PUBLIC_OFFICE_FIELDS,
		order_by="office_name asc",
	)
	if not offices:
		return []
	names = [office.name for office in offices]
	children = _children_by_office(names)
	instant = datetime.now(tz=UTC)
	for office in offices:
		office.territories = children["territories"].get(office.name, [])
		office.channels = children["channels"].get(office.name, [])
		office.engineers = children["engineers"].get(office.name, [])
		office.channel_contacts = {row.contact for row in office.channels if row.contact}
		if not office.fees_public:
			office.hourly_rate = office.visit_fee = None
		office.hourly_rate_label = _amount(office.hourly_rate, office.currency)
		office.visit_fee_label = _amount(office.visit_fee, office.currency)
		try:
			calendar = get_office_calendar(office.name)
		except DomainError:
			office.hours, office.utc_offset, office.open_now = [], "", None
			continue
		office.hours = group_week(calendar)
		office.utc_offset = utc_offset_label(calendar, instant)
		office.open_now = is_working_instant(calendar, instant)
	offices.sort(key=lambda o: (KIND_ORDER.get(o.office_kind, 9), o.office_name))
	central = central_office()
	for office in offices:
		if office.name == central:
			office.also_serves = countries_without_local_office()
	return offices


def _amount(value, currency) -> str:
	"""Amount and ISO code: several regional currency symbols have no glyph in common fonts."""
	if not value:
		return ""
	return "{0} {1}".format(fmt_money(value, precision=0), currency or "").strip()


def _children_by_office(names: list[str]) -> dict[str, dict[str, list]]:
	"""Public child rows of every office in three queries, not three per office."""
	result = {"territories": {}, "channels": {}, "engineers": {}}
	for row in frappe.get_all(
		"Support Office Territory",
		filters={"parenttype": "Support Office", "parent": ("in", names)},
		fields=["parent", "territory", "system"],
		order_by="idx asc",
	):
		result["territories"].setdefault(row.parent, []).append(row)
	for row in frappe.get_all(
		"Support Office Channel",
		filters={"parenttype": "Support Office", "parent": ("in", names), "offered": 1, "is_public": 1},
		fields=["parent", "channel", "contact"],
		order_by="idx asc",
	):
		result["channels"].setdefault(row.parent, []).append(row)
	for row in frappe.get_all(
		"Support Office Engineer",
		filters={"parenttype": "Support Office", "parent": ("in", names), "show_publicly": 1},
		fields=["parent", "full_name", "office_role"],
		order_by="idx asc",
	):
		result["engineers"].setdefault(row.parent, []).append(row)
	return result


def countries_without_local_office() -> list[str]:
	"""Leaf territories that routing sends to central support (one query for the whole tree)."""
	central = central_office()
	tree = frappe.get_all("Territory", fields=["name", "parent_territory", "lft", "rgt"], order_by=None)
	parent_of = {row.name: row.parent_territory for row in tree}
	claims = active_claims()
	served_by_central = []
	for row in tree:
		if row.rgt != row.lft + 1:
			continue
		path, territory = [], row.name
		while territory and territory not in path:
			path.append(territory)
			territory = parent_of.get(territory)
		if route(path, None, claims, central or "").office == central:
			served_by_central.append(row.name)
	return sorted(served_by_central)
