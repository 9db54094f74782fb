"""Who reads and who writes what in the support network, defined once.

`ACCESS` (domain/access.py) names every DocType of the app, child tables included, with the rule
that scopes it.
Frappe calls `query_conditions` (lists, counts through get_list, reportview, search, child rows
with `parent=`) and `has_permission` (documents, REST, getdoc, comments, files, print) for every
DocType through the "*" hooks; both answer only for the DocTypes named here, so a new DocType
gets its rule by being listed (a meta-test fails when one is missing).

Clients (Support Client) hold no DocPerm on any DocType of the app: the portal's own API is
their only door, and it reads through `portal_customers`.

Knowledge articles (AUDIENCE scope) are read by their audience, not by an office:
`article_condition(user)` is the one SQL condition for every reader (staff, portal clients,
guests), built from domain/knowledge.py's `read_rule`, which `may_access` applies to one document.
"""

import frappe
from frappe import _

from onyx_support.domain import knowledge
from onyx_support.domain.access import ACCESS, AUDIENCE, OFFICE, PARENT_OF
from onyx_support.permissions.clients import customers_of_portal_user
from onyx_support.permissions.staff import is_office_staff, offices_of, sees_whole_network, visible_offices
from onyx_support.roles import DIRECTORATE_MEMBER, OFFICE_SCOPED_ROLES


def is_app_doctype(doctype: str | None) -> bool:
	return doctype in ACCESS or doctype in PARENT_OF


def _in_condition(column: str, offices: list[str]) -> str:
	if not offices:
		return "1=0"
	return "{0} in ({1})".format(column, ", ".join(frappe.db.escape(office) for office in offices))


def _office_condition(doctype: str, user: str) -> str:
	rule = ACCESS[doctype]
	if rule.scope == AUDIENCE:
		return _audience_condition(doctype, user)
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


# --- knowledge articles: read by their audience ---------------------------------------------------

ARTICLE = "Knowledge Article"
# Desk users of the app who are not network-wide read as office staff (a directorate member: of no
# office); anyone else reads as a portal client (its customers' systems) or a guest.
STAFF_READER_ROLES = OFFICE_SCOPED_ROLES | {DIRECTORATE_MEMBER}


def article_reader(user: str | None = None) -> knowledge.Reader:
	"""Who the user is to the articles' audience rule (domain/knowledge.py)."""
	user = user or frappe.session.user
	if not user or user == "Guest":
		return knowledge.Reader(knowledge.ReaderKind.GUEST)
	if sees_whole_network(user):
		return knowledge.Reader(knowledge.ReaderKind.NETWORK, user)
	if STAFF_READER_ROLES.intersection(frappe.get_roles(user)):
		return knowledge.Reader(knowledge.ReaderKind.STAFF, user, offices=frozenset(offices_of(user)))
	customers = customers_of_portal_user(user)
	if not customers:
		return knowledge.Reader(knowledge.ReaderKind.GUEST, user)
	systems = frappe.get_all(
		"Client Installation",
		filters={"customer": ("in", customers)},
		pluck="system",
		distinct=True,
		order_by=None,
	)
	return knowledge.Reader(knowledge.ReaderKind.CLIENT, user, systems=frozenset(filter(None, systems)))


def _values(values) -> str:
	return ", ".join(frappe.db.escape(value) for value in sorted(values))


def rule_condition(rule: knowledge.ReadRule, table: str = f"`tab{ARTICLE}`") -> str:
	"""`read_rule` as SQL on the article table (the same clauses as knowledge.rule_admits)."""
	if rule.everything:
		return "1=1"

	def column(name: str) -> str:
		return f"{table}.`{name}`"

	audience = column("audience")
	admitted = []
	if rule.audiences:
		admitted.append(f"{audience} in ({_values(a.value for a in rule.audiences)})")
	if rule.offices:
		admitted.append(
			f"({audience} = {frappe.db.escape(knowledge.Audience.OFFICE.value)} "
			f"and {column('office')} in ({_values(rule.offices)}))"
		)
	clients = frappe.db.escape(knowledge.Audience.SYSTEM_CLIENTS.value)
	if rule.systems is None:
		admitted.append(f"{audience} = {clients}")
	elif rule.systems:
		admitted.append(f"({audience} = {clients} and {column('system')} in ({_values(rule.systems)}))")
	condition = "1=0"
	if admitted:
		published = frappe.db.escape(knowledge.ArticleState.PUBLISHED.value)
		condition = f"({column('status')} = {published} and ({' or '.join(admitted)}))"
	if rule.own_user:
		own = frappe.db.escape(rule.own_user)
		condition = f"({column('author')} = {own} or {column('reviewer')} = {own} or {condition})"
	return condition


def article_condition(user: str | None = None, table: str = f"`tab{ARTICLE}`") -> str:
	"""SQL condition on `tabKnowledge Article` (or the alias `table` names): the articles the user
	may read, for ANY user (central support "1=1"; office staff, portal clients and guests by the
	audience rule)."""
	return rule_condition(knowledge.read_rule(article_reader(user)), table)


def _audience_condition(doctype: str, user: str) -> str:
	condition = article_condition(user)
	return "" if condition == "1=1" else condition


def article_facts(values) -> knowledge.Article:
	return knowledge.Article(
		audience=values.get("audience"),
		status=values.get("status"),
		office=values.get("office"),
		system=values.get("system"),
		author=values.get("author"),
		reviewer=values.get("reviewer"),
	)


ARTICLE_FIELDS = ("audience", "status", "office", "system", "author", "reviewer")


def stored_article(name: str) -> knowledge.Article | None:
	values = frappe.db.get_value(ARTICLE, name, ARTICLE_FIELDS, as_dict=True)
	return article_facts(values) if values else None


def may_access_article(doc, ptype: str | None, user: str) -> bool:
	"""Read by the audience rule; a write (or a new article) by the writing rule, judged on the
	stored article and on the values it brings."""
	reader = article_reader(user)
	if doc.is_new():
		return knowledge.may_write(reader, None, article_facts(doc))
	if ptype is not None and ptype not in READ_RIGHTS:
		return knowledge.may_write(reader, stored_article(doc.name), article_facts(doc))
	return knowledge.may_read(reader, article_facts(doc))


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
	if rule.scope == AUDIENCE:
		return may_access_article(doc, ptype, user)
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
	if rule and rule.scope == AUDIENCE:
		stored = stored_article(name)
		return bool(stored) and knowledge.may_read(article_reader(user), stored)
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


def _referring_rows_condition(table: str, doctype_column: str, name_column: str, user: str | None) -> str:
	"""Rows of a Frappe DocType that point at one of the app's documents are listed only with a
	document the user may see: their names, states and URLs say enough."""
	user = user or frappe.session.user
	offices = visible_offices(user)
	if offices is None:
		return ""
	scoped = [doctype for doctype, rule in ACCESS.items() if rule.scope in (OFFICE, AUDIENCE)]
	column = f"`tab{table}`.`{doctype_column}`"
	allowed = [f"ifnull({column}, '') not in ({', '.join(frappe.db.escape(d) for d in scoped)})"]
	for doctype in scoped:
		condition = _office_condition(doctype, user) or "1=1"
		allowed.append(
			f"({column} = {frappe.db.escape(doctype)} and `tab{table}`.`{name_column}` in "
			f"(select `tab{doctype}`.`name` from `tab{doctype}` where {condition}))"
		)
	return "(" + " or ".join(allowed) + ")"


def file_query(user: str | None = None) -> str:
	"""Frappe lists a File to anyone who may read its DocType: an attachment of the app's documents
	only with a document the user may see."""
	return _referring_rows_condition("File", "attached_to_doctype", "attached_to_name", user)


def workflow_action_query(user: str | None = None) -> str:
	"""Frappe lists a Workflow Action to every holder of a role of the next step, in every office:
	an action on the app's documents only with a document the user may see."""
	return _referring_rows_condition("Workflow Action", "reference_doctype", "reference_name", user)


def workflow_action_has_permission(doc, ptype=None, user=None) -> bool | None:
	"""A Workflow Action on one of the app's documents opens only with that document."""
	if doc.get("reference_doctype") not in ACCESS or not doc.get("reference_name"):
		return None
	return may_read_stored(doc.reference_doctype, doc.reference_name, user or frappe.session.user)


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
