"""Who sees what in the support network, defined once.

`visible_offices(user)` is the single criterion: None means the whole network (central support,
support administrators, system managers); otherwise the list of offices the user works in.
Every hook below (list queries, document checks, later the portal) is built on it, so an
engineer of one office or a distributor never sees another office's rows.
"""

import frappe

from onyx_support.roles import NETWORK_WIDE_ROLES, OFFICE_SCOPED_ROLES, SUPPORT_CLIENT


def sees_whole_network(user: str) -> bool:
	if user == "Administrator":
		return True
	return bool(NETWORK_WIDE_ROLES.intersection(frappe.get_roles(user)))


def offices_of(user: str) -> list[str]:
	"""Offices whose engineer table lists the user (one indexed query)."""
	return frappe.get_all(
		"Support Office Engineer",
		filters={"user": user, "parenttype": "Support Office"},
		pluck="parent",
		distinct=True,
		order_by=None,
	)


def visible_offices(user: str | None = None) -> list[str] | None:
	user = user or frappe.session.user
	if sees_whole_network(user):
		return None
	return offices_of(user)


def assert_office_is_yours(office: str | None) -> None:
	"""Office staff may only create records for the offices they work in."""
	from frappe import _

	offices = visible_offices()
	if offices is not None and office not in offices:
		frappe.throw(
			_("This client is served by office {0}, which is not yours.").format(frappe.bold(office)),
			frappe.PermissionError,
		)


def _in_condition(column: str, offices: list[str]) -> str:
	if not offices:
		return "1=0"
	return "{0} in ({1})".format(column, ", ".join(frappe.db.escape(office) for office in offices))


def support_office_query(user: str | None = None) -> str:
	offices = visible_offices(user)
	return "" if offices is None else _in_condition("`tabSupport Office`.`name`", offices)


def client_installation_query(user: str | None = None) -> str:
	offices = visible_offices(user)
	return "" if offices is None else _in_condition("`tabClient Installation`.`serving_office`", offices)


def support_office_has_permission(doc, ptype=None, user=None) -> bool:
	offices = visible_offices(user)
	return offices is None or doc.name in offices


def client_installation_has_permission(doc, ptype=None, user=None) -> bool:
	offices = visible_offices(user)
	if offices is None:
		return True
	# A new installation has no office until routing runs on save; the save is checked again then.
	if doc.is_new() and not doc.serving_office:
		return True
	return doc.serving_office in offices


def customer_query(user: str | None = None) -> str:
	"""Office staff see the clients their offices serve (through an installation); ERPNext's own
	roles keep their usual view for everyone else."""
	offices = visible_offices(user)
	if offices is None or not _is_office_staff(user):
		return ""
	if not offices:
		return "1=0"
	return "`tabCustomer`.`name` in (select `customer` from `tabClient Installation` where {0})".format(
		_in_condition("`serving_office`", offices)
	)


def customer_has_permission(doc, ptype=None, user=None) -> bool:
	offices = visible_offices(user)
	if offices is None or not _is_office_staff(user):
		return True
	return bool(
		offices
		and frappe.db.exists("Client Installation", {"customer": doc.name, "serving_office": ("in", offices)})
	)


def _is_office_staff(user: str | None) -> bool:
	return bool(OFFICE_SCOPED_ROLES.intersection(frappe.get_roles(user or frappe.session.user)))


def customers_of_portal_user(user: str) -> list[str]:
	"""Customers of the Contacts linked to a website user (ERPNext's portal-user model)."""
	contact = frappe.qb.DocType("Contact")
	link = frappe.qb.DocType("Dynamic Link")
	return (
		frappe.qb.from_(contact)
		.join(link)
		.on((link.parent == contact.name) & (link.parenttype == "Contact"))
		.select(link.link_name)
		.distinct()
		.where((contact.user == user) & (link.link_doctype == "Customer"))
		.run(pluck=True)
	)


def _is_client(user: str) -> bool:
	return (
		SUPPORT_CLIENT in frappe.get_roles(user)
		and not sees_whole_network(user)
		and not _is_office_staff(user)
	)


def support_request_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if _is_client(user):
		return _in_condition("`tabSupport Request`.`customer`", customers_of_portal_user(user))
	offices = visible_offices(user)
	return "" if offices is None else _in_condition("`tabSupport Request`.`office`", offices)


def support_request_has_permission(doc, ptype=None, user=None) -> bool:
	user = user or frappe.session.user
	if _is_client(user):
		return ptype in (None, "read", "print") and doc.customer in customers_of_portal_user(user)
	offices = visible_offices(user)
	if offices is None:
		return True
	if doc.is_new() and not doc.office:
		return True  # routed on save, where the office is checked again
	return doc.office in offices
