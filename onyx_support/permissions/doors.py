"""Frappe's generic doors that check less than the app's rules need (Frappe 15.75):

- `frappe.client.get_count` counts with no permission check: with `like` filters it spells out
  values one character at a time;
- `frappe.desk.search.get_link_title` returns any record's title to anyone;
- `frappe.desk.search.search_link` / `search_widget` with `ignore_user_permissions=1` drop every
  permission query for a caller with DocType-level read, listing other offices' records;
- a ToDo can be created by anyone on any document, allocated to anyone;
- a File record may point at another user's private `file_url`, and then download it.

These methods are overridden (hooks: override_whitelisted_methods) for the app's DocTypes and
for portal users, and pass through unchanged otherwise; ToDo and File are checked on save.
"""

import frappe
from frappe import _
from frappe.permissions import is_system_user
from frappe.utils import get_safe_filters
from frappe.utils.caching import request_cache

from onyx_support.arguments import checked_arguments
from onyx_support.permissions.visibility import is_app_doctype, may_read_stored


class AssigneeOutsideOffice(frappe.ValidationError):
	pass


class FileNotYours(frappe.PermissionError):
	pass


def _guarded(doctype: str) -> bool:
	"""The app's DocTypes, for everyone; any DocType for portal users and guests."""
	return is_app_doctype(doctype) or not is_system_user()


@frappe.whitelist()
@checked_arguments
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""frappe.client.get_count, counted through the permission-applying list query."""
	from frappe.client import get_count as frappe_get_count

	if not _guarded(doctype):
		return frappe_get_count(doctype, filters=filters, debug=debug, cache=cache)
	rows = frappe.get_list(
		doctype,
		filters=get_safe_filters(filters),
		fields=["count(*) as total"],
		order_by=None,
		limit_page_length=0,
	)
	return rows[0].total if rows else 0


@frappe.whitelist()
@checked_arguments
def get_link_title(doctype: str, docname: str):
	"""frappe.desk.search.get_link_title, for a record the caller may see (select or read)."""
	from frappe.desk.search import get_link_title as frappe_get_link_title

	if _guarded(doctype):
		try:
			doc = frappe.get_doc(doctype, docname)
		except frappe.DoesNotExistError:
			frappe.clear_last_message()
			raise frappe.PermissionError(_("Not permitted", context="onyx_support")) from None
		if not (doc.has_permission("select") or doc.has_permission("read")):
			raise frappe.PermissionError(_("Not permitted", context="onyx_support"))
	return frappe_get_link_title(doctype, docname)


def _search_narrowed(doctype: str, reference_doctype: str | None) -> bool:
	return is_app_doctype(doctype) or is_app_doctype(reference_doctype) or doctype == "Customer"


def _narrowed(arguments: dict) -> dict:
	"""The search's own arguments, with `ignore_user_permissions` off where the app's rule holds."""
	arguments = dict(arguments)
	if _search_narrowed(arguments["doctype"], arguments.get("reference_doctype")):
		arguments["ignore_user_permissions"] = False
	return arguments


@frappe.whitelist()
@checked_arguments
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	"""frappe.desk.search.search_link, keeping the office rule for the app's DocTypes (and the
	clients they serve) whatever `ignore_user_permissions` says."""
	arguments = _narrowed(locals())  # before anything else is named here
	from frappe.desk.search import search_link as frappe_search_link

	return frappe_search_link(**arguments)


@frappe.whitelist()
@checked_arguments
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | dict | list | None = None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	"""frappe.desk.search.search_widget, with the same rule as search_link."""
	arguments = _narrowed(locals())  # before anything else is named here
	from frappe.desk.search import search_widget as frappe_search_widget

	return frappe_search_widget(**arguments)


def check_todo(todo, method=None) -> None:
	"""ToDo validate: a to-do on one of the app's documents is written only by someone who may
	write that document (Frappe's assign_to checks before it inserts with ignore_permissions),
	and is allocated only to someone the document's rule lets read it."""
	if not is_app_doctype(todo.reference_type) or not todo.reference_name:
		return
	if not (
		todo.is_new() or todo.has_value_changed("allocated_to") or todo.has_value_changed("reference_name")
	):
		return
	if not todo.flags.ignore_permissions and frappe.session.user != "Administrator":
		frappe.get_doc(todo.reference_type, todo.reference_name).check_permission("write")
	if (
		todo.allocated_to
		and todo.allocated_to != "Administrator"
		and not may_read_stored(todo.reference_type, todo.reference_name, todo.allocated_to)
	):
		frappe.throw(
			_("{0} cannot be assigned {1}: the document is outside the offices they work in.").format(
				frappe.bold(todo.allocated_to), frappe.bold(todo.reference_name)
			),
			AssigneeOutsideOffice,
		)


def check_file_copy(file, method=None) -> None:
	"""File before_insert: a record pointing at a private file of the app's documents is allowed
	only to someone who may read that file already (Frappe 15.75 lets anyone create one and then
	download the file through it). Bytes the caller uploads itself are not a copy."""
	if file.flags.ignore_permissions or frappe.session.user == "Administrator":
		return
	if frappe.request and getattr(frappe.request, "files", None):
		return  # an upload: the caller has the bytes (Frappe may reuse an identical file's URL)
	_assert_may_point_at(file.file_url)


def check_attached_files(doc, method=None) -> None:
	"""validate of every document: an Attach field (of the document or its rows) newly naming a
	private file of the app's documents needs a writer who may read that file already. Frappe
	creates the File record for whatever URL the field holds, with permissions off
	(attach_files_to_document, on_update), and that record then downloads the file."""
	if frappe.session.user == "Administrator" or not _has_attach_fields(doc.doctype):
		return
	before = doc.get_doc_before_save()
	for url in _attached_urls(doc) - (_attached_urls(before) if before else set()):
		_assert_may_point_at(url)


ATTACH_TYPES = ("Attach", "Attach Image")


@request_cache
def _has_attach_fields(doctype: str) -> bool:
	"""Has the DocType, or one of its child tables, an Attach field? (Once per request: the hook
	runs on every save of every DocType.)"""
	meta = frappe.get_meta(doctype)
	return any(df.fieldtype in ATTACH_TYPES for df in meta.fields) or any(
		_has_attach_fields(table.options) for table in meta.get_table_fields()
	)


def _attached_urls(doc) -> set[str]:
	urls = set()
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.get("fields", {"fieldtype": ("in", ATTACH_TYPES)}):
			if row.get(df.fieldname):
				urls.add(row.get(df.fieldname))
	return urls


def _assert_may_point_at(file_url: str | None) -> None:
	if not file_url or not file_url.startswith("/private/"):
		return
	records = frappe.get_all(
		"File",
		filters={"file_url": file_url},
		fields=["name", "attached_to_doctype", "attached_to_name"],
		limit=50,
	)
	ours = _app_files(records)
	if not ours or any(frappe.get_doc("File", name).has_permission("read") for name in ours):
		return
	frappe.throw(_("You cannot attach a private file you may not read."), FileNotYours)


def _app_files(records) -> list[str]:
	"""The File records attached to the app's documents, or to mail on them (one query)."""
	mails = [
		r.attached_to_name for r in records if r.attached_to_doctype == "Communication" and r.attached_to_name
	]
	mail_on = dict(
		frappe.get_all(
			"Communication",
			filters={"name": ("in", mails)},
			fields=["name", "reference_doctype"],
			as_list=True,
		)
		if mails
		else []
	)
	return [
		r.name
		for r in records
		if is_app_doctype(r.attached_to_doctype)
		or (r.attached_to_doctype == "Communication" and is_app_doctype(mail_on.get(r.attached_to_name)))
	]
