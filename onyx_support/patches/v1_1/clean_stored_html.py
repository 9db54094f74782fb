import frappe
from frappe import _

from onyx_support.services.html import RICH_TEXT_FIELDTYPES, app_doctypes, clean_html, plain_text


def execute():
	"""Clean what was stored before the app cleaned user text itself: rich text of the app's
	DocTypes (a JSON-looking description ran script in the desk's text editor and on the portal)
	and messages on the app's documents (the desk's timeline prints content, subject and sender
	name as HTML). Values written directly, without the controllers."""
	doctypes = app_doctypes()
	for doctype in doctypes:
		meta = frappe.get_meta(doctype)
		if meta.issingle:
			continue
		fields = [df.fieldname for df in meta.fields if df.fieldtype in RICH_TEXT_FIELDTYPES]
		if fields:
			_clean(doctype, {field: clean_html for field in fields})
	_clean(
		"Communication",
		{"content": clean_html, "subject": _subject, "sender_full_name": plain_text},
		filters={"reference_doctype": ("in", sorted(doctypes))},
	)


def _clean(doctype: str, cleaners: dict, filters=None) -> None:
	for row in frappe.get_all(doctype, filters=filters, fields=["name", *cleaners], order_by=None):
		changed = {}
		for field, clean in cleaners.items():
			value = row.get(field)
			if value and (cleaned := clean(value)) != value:
				changed[field] = cleaned
		if changed:
			frappe.db.set_value(doctype, row.name, changed, update_modified=False)


def _subject(value: str) -> str:
	"""As the Communication hook does: a subject is required, and one made only of markup is empty."""
	text = plain_text(value)
	return text if text.strip() else _("(no subject)", context="onyx_support")
