"""Writes checked against the stored document: the guarded fields of domain/guards.py.

Runs for every DocType as a `before_validate` doc event (before the controller's own steps
compute routing, deadlines and history), so REST, `frappe.client.*`, the desk form and any
future door are held to the same rule. The app's own actions mark the document with `by_rule`.
"""

import frappe
from frappe import _
from frappe.utils import cint, cstr, flt, get_datetime, getdate

from onyx_support.domain.guards import GUARDED_FIELDS, Guard, refused_changes
from onyx_support.roles import SUPPORT_ADMIN

ADMIN_ROLES = {SUPPORT_ADMIN, "System Manager"}


class ProtectedFieldChanged(frappe.PermissionError):
	pass


def by_rule(doc):
	"""Mark a document as written by one of the app's own rules (an action, a job)."""
	doc.flags.via_rule = True
	return doc


def check_guarded_fields(doc, method=None) -> None:
	guards = GUARDED_FIELDS.get(doc.doctype)
	if not guards or doc.flags.via_rule or doc.flags.ignore_permissions:
		return
	if frappe.session.user == "Administrator":
		return
	before = None
	if not doc.is_new():
		before = doc.get_doc_before_save() or frappe.get_doc(doc.doctype, doc.name)
	allowed = {Guard.ADMIN} if ADMIN_ROLES.intersection(frappe.get_roles()) else set()
	if doc.meta.get_workflow():
		allowed.add(Guard.WORKFLOW)  # Frappe's validate_workflow judges the transition
	refused = refused_changes(
		guards,
		_snapshot(before, guards) if before else None,
		_snapshot(doc, guards),
		allowed,
		_defaults(doc.meta, guards),
	)
	if refused:
		labels = ", ".join(_(doc.meta.get_label(field)) for field in refused)
		frappe.throw(
			_("{0} can only be changed by the support rules' own actions: {1}.").format(
				_(doc.doctype), labels
			),
			ProtectedFieldChanged,
			title=_("Not allowed", context="onyx_support"),
		)


def _snapshot(doc, guards) -> dict:
	"""The guarded values, normalised so that a value read back from the database equals the
	one a form sends (strings, numbers and empties alike)."""
	values = {}
	for field in guards:
		df = doc.meta.get_field(field)
		value = doc.get(field)
		if df and df.fieldtype in frappe.model.table_fields:
			value = tuple(sorted(_row_key(row) for row in value or []))
		elif df and value not in (None, ""):
			value = _normalise(df.fieldtype, value)
		values[field] = value or None
	return values


def _defaults(meta, guards) -> dict:
	"""The DocType's own defaults of the guarded fields, normalised like the values."""
	defaults = {}
	for field in guards:
		df = meta.get_field(field)
		if df and df.default not in (None, "") and df.fieldtype not in frappe.model.table_fields:
			defaults[field] = _normalise(df.fieldtype, df.default) or None
	return defaults


def _row_key(row) -> tuple:
	return tuple(
		cstr(row.get(df.fieldname))
		for df in row.meta.fields
		if df.fieldtype not in frappe.model.no_value_fields
	)


def _normalise(fieldtype: str, value):
	if fieldtype == "Datetime":
		return get_datetime(value).replace(microsecond=0)
	if fieldtype == "Date":
		return getdate(value)
	if fieldtype in ("Int", "Check"):
		return cint(value)
	if fieldtype in ("Float", "Currency", "Percent", "Rating"):
		return flt(value)
	return cstr(value)
