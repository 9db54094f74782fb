"""What the app's print formats call from Jinja (hooks `jinja`). Frappe's Jinja does not
autoescape: plain values are escaped in the templates with `|e`, rich text goes through
`onyx_rich_text`, and images are inlined as data URLs so the PDF renderer fetches nothing."""

import base64
import mimetypes

import frappe
from frappe.utils import get_datetime

from onyx_support.domain.visits import SIGNATURE_PREFIX
from onyx_support.services.clock import to_utc
from onyx_support.services.html import clean_html
from onyx_support.services.visits.planning import office_zone

INLINE_IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")
MAX_INLINE_BYTES = 10 * 1024 * 1024


def onyx_rich_text(value) -> str:
	"""Stored rich text (a Text Editor field) cleaned again for printing."""
	return clean_html(value)


def onyx_is_image(file_url) -> bool:
	return (mimetypes.guess_type(file_url or "")[0] or "") in INLINE_IMAGE_TYPES


def onyx_inline_image(doc, file_url) -> str:
	"""A data URL of an image attached to `doc` (private ones too: the page is printed on the
	server for someone allowed to print `doc`); "" for anything else: another document's file, a
	file that is not an image, a missing or oversized one."""
	if not (doc and file_url and onyx_is_image(file_url)):
		return ""
	name = frappe.db.get_value(
		"File",
		{
			"file_url": file_url,
			"attached_to_doctype": doc.doctype,
			"attached_to_name": doc.name,
			"is_folder": 0,
		},
	)
	if not name:
		return ""
	file = frappe.get_doc("File", name)
	try:
		if file.file_size and file.file_size > MAX_INLINE_BYTES:
			return ""
		content = file.get_content()
	except (OSError, frappe.DoesNotExistError):
		return ""
	if isinstance(content, str):
		content = content.encode()
	if not content or len(content) > MAX_INLINE_BYTES:
		return ""
	kind = mimetypes.guess_type(file_url)[0]
	return f"data:{kind};base64,{base64.b64encode(content).decode()}"


def onyx_signature_image(value) -> str:
	"""A stored signature (the Signature field's PNG data URL) or "" when it is anything else."""
	value = (value or "").strip()
	return value if value.startswith(SIGNATURE_PREFIX) else ""


def onyx_office_time(value, office) -> str:
	"""A stored time (system time) as the office's local time: the report speaks the time of the
	place the visit happened, as its plan does."""
	if not value:
		return ""
	return to_utc(get_datetime(value)).astimezone(office_zone(office)).strftime("%d-%m-%Y %H:%M")
