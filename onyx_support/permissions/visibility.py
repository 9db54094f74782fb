"""Who reads and who writes what in the support network, defined once.

`ACCESS` (domain/access.py) names every DocType of the app, child tables included, with the rule
that scopes it.
Frappe calls `query_conditions` (lists, counts through get_list, reportview, search, child rows
with `parent=`) and `has_permission` (documents, REST, getdoc, comments, files, print) for every
DocType through the "*" hooks; both answer only for the DocTypes named here, so a new DocType
gets its rule by being listed (a meta-test fails when one is missing).

Clients (Support Client) hold no DocPerm on any DocType of the app: the portal's own API is
their only door, and it reads through `portal_customers`.
"""

import frappe
from frappe import _

from onyx_support.domain.access import ACCESS, OFFICE, PARENT_OF
from onyx_support.permissions.clients import customers_of_portal_user
from onyx_support.permissions.staff import is_office_staff, visible_offices


def is_app_doctype(doctype: str | None) -> bool:
	return doctype in ACCESS or doctype in PARENT_OF


def _in_condition(column: str, offices: list[str]) -> str:
	if not offices:
		return "1=0"
	return "{0} in ({1})".format(column, ", ".join(frappe.db.escape(office) for office in offices))


def _office_condition(doctype: str, user: str) -> str:
	rule = ACCESS[doctype]
	if rule.scope != OFFICE:
		return ""
	offices = visible_offices(user)
	if offices is None:
		return ""
	condition = _in_condition(f"`tab{doctype}`.`{rule.field}`", offices)
	if rule.readers:
		table, field = rule.readers
		condition = (
			f"({condition} or `tab{doctype}`.`name` in (select `tab{table}`.`parent` from `tab{table}` "
			f"where `tab{table}`.`parenttype` = {frappe.db.escape(doctype)} "
			f"and `tab{table}`.`{field}` = {frappe.db.escape(user)}))"
		)
	return condition


def is_named_reader(doctype: str, name: str | None, user: str) -> bool:
	"""Is the user among the readers the document names (e.g. a report's recipients)?"""
	rule = ACCESS.get(doctype)
	if not rule or not rule.readers or not name:
		return False
	table, field = rule.readers
	return bool(frappe.db.exists(table, {"parent": name, "parenttype": doctype, field: user}))


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The "*" permission_query_conditions hook: rows of the app's DocTypes the user may list."""
	if not is_app_doctype(doctype):
		return ""
	user = user or frappe.session.user
	if doctype in ACCESS:
		return _office_condition(doctype, user)
	parent = PARENT_OF[doctype]
	parent_condition = _office_condition(parent, user)
	# Child rows only ever of their own parent DocType, and of parents the user may see.
	condition = f"`tab{doctype}`.`parenttype` = {frappe.db.escape(parent)}"
	if parent_condition:
		condition += f" and `tab{doctype}`.`parent` in (select `tab{parent}`.`name` from `tab{parent}` where {parent_condition})"
	return condition


def office_of(doc) -> str | None:
	rule = ACCESS[doc.doctype]
	return doc.name if rule.field == "name" else doc.get(rule.field)


def stored_office(doc) -> str | None:
	"""The office the stored document belongs to (what a write is checked against)."""
	rule = ACCESS[doc.doctype]
	if rule.field == "name":
		return doc.name
	return frappe.db.get_value(doc.doctype, doc.name, rule.field)


# What reading a document lets one do; anything else is a write, judged by the stored document.
READ_RIGHTS = frozenset({"read", "select", "print", "email", "export", "report"})


def may_access(doc, ptype: str | None, user: str) -> bool:
	"""The rule of one document of the app, for one user: the office, stored and new."""
	if doc.doctype in PARENT_OF:
		if not doc.get("parent") or doc.get("parenttype") != PARENT_OF[doc.doctype]:
			return False
		parent = frappe.get_doc(PARENT_OF[doc.doctype], doc.parent)
		return may_access(parent, ptype, user)
	rule = ACCESS[doc.doctype]
	if rule.scope != OFFICE:
		return True  # DocPerms decide (staff read, administrators write)
	offices = visible_offices(user)
	if offices is None:
		return True
	if doc.is_new():
		# Routed on save, where the office is checked again (see assert_office_is_yours).
		return not office_of(doc) or office_of(doc) in offices
	if ptype is not None and ptype not in READ_RIGHTS:
		# A write is judged by the stored document, not by the values it brings.
		if stored_office(doc) not in offices:
			return False
		return office_of(doc) in offices
	return office_of(doc) in offices or is_named_reader(doc.doctype, doc.name, user)


def may_read_stored(doctype: str, name: str, user: str) -> bool:
	"""May the user read this stored document of the app: its role's DocPerm and its office
	(one indexed value read, not the whole document)."""
	from frappe.permissions import get_role_permissions

	if not get_role_permissions(frappe.get_meta(doctype), user=user).get("read"):
		return False
	rule = ACCESS.get(doctype)
	offices = visible_offices(user) if rule and rule.scope == OFFICE else None
	if offices is None:
		return True
	office = name if rule.field == "name" else frappe.db.get_value(doctype, name, rule.field)
	return office in offices or is_named_reader(doctype, name, user)


def has_permission(doc, ptype=None, user=None) -> bool | None:
	"""The "*" has_permission hook. None for DocTypes that are not the app's: other apps decide."""
	if not is_app_doctype(doc.doctype):
		return None
	return may_access(doc, ptype, user or frappe.session.user)


def assert_office_is_yours(office: str | None) -> None:
	"""Office staff may only create records for the offices they work in."""
	offices = visible_offices()
	if offices is not None and office not in offices:
		frappe.throw(
			_("This client is served by office {0}, which is not yours.").format(frappe.bold(office)),
			frappe.PermissionError,
		)


def file_query(user: str | None = None) -> str:
	"""Frappe lists a File to anyone who may read its DocType: the files of the app's documents
	are listed only with a document the user may see (their names and URLs say enough)."""
	user = user or frappe.session.user
	offices = visible_offices(user)
	if offices is None:
		return ""
	scoped = [doctype for doctype, rule in ACCESS.items() if rule.scope == OFFICE]
	column = "`tabFile`.`attached_to_doctype`"
	allowed = [f"ifnull({column}, '') not in ({', '.join(frappe.db.escape(d) for d in scoped)})"]
	for doctype in scoped:
		condition = _office_condition(doctype, user)
		allowed.append(
			f"({column} = {frappe.db.escape(doctype)} and `tabFile`.`attached_to_name` in "
			f"(select `tab{doctype}`.`name` from `tab{doctype}` where {condition}))"
		)
	return "(" + " or ".join(allowed) + ")"


# --- ERPNext records the app's staff reach ------------------------------------------------------


def customer_query(user: str | None = None) -> str:
	"""Office staff see the clients their offices serve (through an installation); ERPNext's own
	roles keep their usual view for everyone else."""
	offices = visible_offices(user)
	if offices is None or not is_office_staff(user):
		return ""
	if not offices:
		return "1=0"
	return "`tabCustomer`.`name` in (select `customer` from `tabClient Installation` where {0})".format(
		_in_condition("`serving_office`", offices)
	)


def customer_has_permission(doc, ptype=None, user=None) -> bool:
	offices = visible_offices(user)
	if offices is None or not is_office_staff(user):
		return True
	return bool(
		offices
		and frappe.db.exists("Client Installation", {"customer": doc.name, "serving_office": ("in", offices)})
	)


# --- the portal: the client's only door ---------------------------------------------------------


def portal_customers(user: str | None = None) -> list[str]:
	"""The customers whose data the portal shows the user (membership as ERPNext's Portal Users)."""
	return customers_of_portal_user(user or frappe.session.user)
