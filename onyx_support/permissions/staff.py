"""Who works where: the one criterion every access rule of the app is built on.

`visible_offices(user)` is None for the whole network (central support, support administrators,
system managers), otherwise the offices whose engineer table lists the user.
"""

import frappe

from onyx_support.roles import NETWORK_WIDE_ROLES, OFFICE_SCOPED_ROLES, SUPPORT_CLIENT


def sees_whole_network(user: str) -> bool:
	if user == "Administrator":
		return True
	return bool(NETWORK_WIDE_ROLES.intersection(frappe.get_roles(user)))


def parents_listing(table: str, parenttype: str, user: str) -> list[str]:
	"""The `parenttype` documents whose child `table` lists the user, once each, in one indexed
	query. Plain SQL and no DISTINCT (MariaDB builds a temporary table for it, which cost more than
	the query): it runs inside every permission check, list and portal page of the app."""
	return list(
		dict.fromkeys(
			frappe.db.sql_list(
				f"select parent from `tab{table}` where user = %s and parenttype = %s", (user, parenttype)
			)
		)
	)


def offices_of(user: str) -> list[str]:
	"""Offices whose engineer table lists the user."""
	return parents_listing("Support Office Engineer", "Support Office", user)


def visible_offices(user: str | None = None) -> list[str] | None:
	user = user or frappe.session.user
	if sees_whole_network(user):
		return None
	return offices_of(user)


def is_office_staff(user: str | None = None) -> bool:
	return bool(OFFICE_SCOPED_ROLES.intersection(frappe.get_roles(user or frappe.session.user)))


def is_staff(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return sees_whole_network(user) or is_office_staff(user)


def is_client(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return SUPPORT_CLIENT in frappe.get_roles(user) and not is_staff(user)


def may_open_desk_app() -> bool:
	"""`add_to_apps_screen`'s has_permission: the Support app is listed for staff only."""
	return is_staff()
