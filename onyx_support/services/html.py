"""Stored user text made safe to render: rich text cleaned, plain text stripped of markup.

Frappe sanitizes every text field on save with `frappe.utils.sanitize_html`, but that returns
a value unchanged when it parses as JSON (`"<img src=x onerror=alert(1)>"` with its quotes is a
JSON string) or has no tag, and values written with `db_set` are not sanitized at all. Frappe's
Jinja does not autoescape, and the desk's timeline renders a Communication's content, subject
and sender name as HTML. So the app cleans what it stores itself:

- `clean_html`: rich text (Text Editor fields, messages). Frappe's sanitizer on every value,
  then a narrower allowlist: what a support conversation needs (paragraphs, lists, tables,
  links, images, code), no forms, no `<style>` / `<link>` / `<meta>`, no SVG or MathML (no
  mutation-XSS through foreign content), no `data-*` attributes (Bootstrap and Frappe act on
  them), no classes but the text editor's own `ql-*`, a few harmless inline styles.
- `plain_text`: subjects and names that the desk prints as HTML: nothing that could open a tag
  survives, and nothing is escaped (the portal escapes them again).
- `safe_url`: a link target that cannot run script; `json_for_script`: JSON that cannot end the
  <script> element it is written into.
- `clean_rich_text(doc)` / `clean_plain_text(doc)`: every rich / plain text field of an app
  document (children included), for the controllers' `validate`; `clean_app_document` does
  both for the app's DocTypes only (a "*" doc event).
- `sanitize_communication(doc)`: the `validate` hook of Communication, for messages on the
  app's documents (portal replies, e-mail, the desk's composer).
"""

import json
import logging
import re

import bleach
import frappe
from bleach.css_sanitizer import CSSSanitizer
from bleach.html5lib_shim import Filter
from frappe import _
from frappe.utils.html_utils import sanitize_html

from onyx_support.domain.access import ACCESS, PARENT_OF

RICH_TEXT_FIELDTYPES = ("Text Editor", "HTML Editor")
PLAIN_TEXT_FIELDTYPES = ("Data", "Small Text", "Text", "Long Text")

RICH_TEXT_TAGS = frozenset(
	{
		"a",
		"abbr",
		"b",
		"blockquote",
		"br",
		"caption",
		"cite",
		"code",
		"col",
		"colgroup",
		"dd",
		"del",
		"div",
		"dl",
		"dt",
		"em",
		"figcaption",
		"figure",
		"h1",
		"h2",
		"h3",
		"h4",
		"h5",
		"h6",
		"hr",
		"i",
		"img",
		"ins",
		"kbd",
		"li",
		"mark",
		"ol",
		"p",
		"pre",
		"q",
		"s",
		"samp",
		"small",
		"span",
		"strike",
		"strong",
		"sub",
		"sup",
		"table",
		"tbody",
		"td",
		"tfoot",
		"th",
		"thead",
		"tr",
		"u",
		"ul",
	}
)
# Removed together with their content (an e-mail's <style> block is not text to show).
DROPPED_WITH_CONTENT = frozenset({"style", "title"})
RICH_TEXT_PROTOCOLS = frozenset({"http", "https", "mailto", "cid"})
RICH_TEXT_STYLES = (
	"color",
	"background-color",
	"text-align",
	"font-weight",
	"font-style",
	"font-size",
	"text-decoration",
	"vertical-align",
	"border",
	"border-collapse",
	"padding",
	"width",
)
COMMON_ATTRIBUTES = frozenset({"title", "style", "dir", "lang"})
TAG_ATTRIBUTES = {
	"a": {"href", "target", "rel"},
	"img": {"src", "alt", "width", "height"},
	"td": {"colspan", "rowspan", "align", "valign"},
	"th": {"colspan", "rowspan", "align", "valign", "scope"},
	"ol": {"start", "type"},
	"col": {"span"},
	"colgroup": {"span"},
}
IMAGE_PATH_PREFIXES = ("/files/", "/private/files/")
TAG_LIKE = re.compile(r"<[A-Za-z/!?][^>]*(?:>|$)")
SAFE_URL_SCHEMES = frozenset({"http", "https", "mailto"})
APP_DOCTYPES = frozenset(ACCESS) | frozenset(PARENT_OF)

# bleach's CSS sanitizer parses with cssutils, which logs every property it cannot parse (a mail's
# `box-shadow: … #0000001a`) as an ERROR line; the property is dropped either way.
logging.getLogger("CSSUTILS").setLevel(logging.CRITICAL)


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
	if name == "class":  # the text editor's own classes only: app/Bootstrap classes can overlay the page
		return all(token.startswith("ql-") for token in value.split())
	if tag == "img" and name == "src":
		return _image_source_allowed(value)
	return name in COMMON_ATTRIBUTES or name in TAG_ATTRIBUTES.get(tag, ())


def _image_source_allowed(value: str) -> bool:
	"""An image loads by itself, with the viewer's cookies: only files of this site (uploads,
	a mail's inline images), `cid:` parts, or another site's address. `<img src="x">` or
	`src="/api/method/logout"` would have every engineer who opens the request send a GET of
	the writer's choosing to this site."""
	compact = _compact_url(value)
	if compact.startswith("cid:"):
		return True
	if compact.startswith(IMAGE_PATH_PREFIXES):
		return ".." not in compact and "%2e" not in compact
	if compact.startswith(("http://", "https://")):
		host = compact.split("//", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
		return host.rsplit("@", 1)[-1].split(":", 1)[0] not in _own_hosts()
	return False


def _own_hosts() -> set[str]:
	from urllib.parse import urlsplit

	hosts = {getattr(frappe.local, "site", None) or ""}
	try:
		hosts.add(urlsplit(frappe.utils.get_url()).hostname or "")
	except Exception:
		pass  # no site (a script without one): the site's own names are all we can know
	if getattr(frappe.local, "request", None):
		hosts.add((frappe.local.request.host or "").split(":", 1)[0])
	return {host.lower() for host in hosts if host}


def _compact_url(value) -> str:
	# Browsers ignore tabs, newlines and control characters inside a URL's scheme
	# ("java<TAB>script:") and read a backslash as a slash.
	url = value if isinstance(value, str) else str(value or "")
	return re.sub(r"[\x00-\x20\x7f]+", "", url).lower().replace("\\", "/")


class _DropWithContent(Filter):
	"""Drops the elements of DROPPED_WITH_CONTENT and everything inside them."""

	def __iter__(self):
		depth = 0
		for token in super().__iter__():
			if token.get("name") in DROPPED_WITH_CONTENT and token["type"] in ("StartTag", "EndTag"):
				depth += 1 if token["type"] == "StartTag" else -1 if depth else 0
				continue
			if not depth:
				yield token


def clean_html(value) -> str:
	"""Rich text safe to render as HTML, whatever it looks like (JSON, no tag, a fragment)."""
	if value is None:
		return ""
	text = value if isinstance(value, str) else str(value)
	if not text:
		return ""
	# always_sanitize: also JSON-looking strings and text without a tag (Frappe skips both).
	text = sanitize_html(text, always_sanitize=True)
	# A Cleaner is not thread-safe: one per call.
	cleaner = bleach.Cleaner(
		tags=RICH_TEXT_TAGS | DROPPED_WITH_CONTENT,
		attributes=_allowed_attribute,
		protocols=RICH_TEXT_PROTOCOLS,
		css_sanitizer=CSSSanitizer(allowed_css_properties=RICH_TEXT_STYLES),
		strip=True,
		strip_comments=True,
		filters=[_DropWithContent],
	)
	return cleaner.clean(text)


def plain_text(value) -> str:
	"""Text with no markup in it, safe where it is printed as HTML and unchanged where it is
	escaped. Whatever would open a tag for a browser (`<` followed by a letter, `/`, `!` or `?`,
	HTML's tag-open rule) is removed up to its `>` or the end; a `<` followed by anything else
	("version < 15") cannot open a tag and stays. Entities are left as typed: printed as HTML
	they show as text."""
	if value is None:
		return ""
	text = value if isinstance(value, str) else str(value)
	while True:  # removing one tag may join two halves into another: "<<b>img …>"
		stripped = TAG_LIKE.sub("", text)
		if stripped == text:
			return text
		text = stripped


def safe_url(value) -> str:
	"""The URL if a link may point there (a path on this site, http(s) or mailto); "" otherwise
	(`javascript:`, `data:`, `vbscript:`, protocol-relative `//host` …). Escape it as well when
	it goes into an attribute."""
	url = (value if isinstance(value, str) else str(value or "")).strip()
	compact = _compact_url(url)  # a backslash reads as a slash: two of them and a host are "//host"
	if not compact:
		return ""
	if compact.startswith("/"):
		return "" if compact.startswith("//") else url
	scheme, colon, _rest = compact.partition(":")
	if not colon or "/" in scheme or "?" in scheme or "#" in scheme:
		return url  # relative: no scheme before the first path, query or fragment
	return url if scheme in SAFE_URL_SCHEMES else ""


def json_for_script(value) -> str:
	"""JSON to put inside a <script> element: `<`, `>` and `&` escaped as \\u sequences, so that a
	string holding `</script>` or `<!--` cannot end the element (Frappe's `json` filter does not)."""
	return (
		json.dumps(value, default=str, ensure_ascii=False, sort_keys=True)
		.replace("<", "\\u003c")
		.replace(">", "\\u003e")
		.replace("&", "\\u0026")
		.replace("\u2028", "\\u2028")
		.replace("\u2029", "\\u2029")
	)


def app_doctypes() -> frozenset[str]:
	"""The DocTypes of this app, child tables included: the access table's (a meta-test keeps it
	complete), so the "*" validate event costs no query or cache call for anyone else's DocTypes."""
	return APP_DOCTYPES


def clean_rich_text(doc, method=None) -> None:
	"""Clean every Text Editor / HTML Editor field of the document and of its child rows with
	`clean_html`. Call it from the app's controllers' `validate`."""
	for row, df in _fields_of(doc, RICH_TEXT_FIELDTYPES):
		if value := row.get(df.fieldname):
			row.set(df.fieldname, clean_html(value))


def clean_plain_text(doc, method=None) -> None:
	"""Remove markup from every plain text field (Data, Small Text, Text, Long Text) of the
	document and of its child rows with `plain_text`. Call it from the controllers' `validate`
	where the values are shown outside the app's escaped templates (desk lists, mail)."""
	for row, df in _fields_of(doc, PLAIN_TEXT_FIELDTYPES):
		value = row.get(df.fieldname)
		if value and isinstance(value, str):
			row.set(df.fieldname, plain_text(value))


def clean_app_document(doc, method=None) -> None:
	"""Both of the above, for documents of the app's DocTypes only: usable as a "*" `validate`
	doc event."""
	if doc.doctype in app_doctypes():
		clean_rich_text(doc)
		clean_plain_text(doc)


def _fields_of(doc, fieldtypes):
	for row in [doc, *doc.get_all_children()]:
		for df in row.meta.get("fields", {"fieldtype": ("in", fieldtypes)}):
			if not df.get("ignore_xss_filter"):
				yield row, df


def sanitize_communication(doc, method=None) -> None:
	"""`validate` hook of Communication: messages on the app's documents are shown as HTML on the
	portal and in the desk's timeline (content, subject and sender name alike)."""
	if not doc.reference_doctype or doc.reference_doctype not in app_doctypes():
		return
	if doc.content:
		doc.content = clean_html(doc.content)
	if doc.subject:
		doc.subject = plain_text(doc.subject).strip() or _("(no subject)", context="onyx_support")
	if doc.sender_full_name:
		doc.sender_full_name = plain_text(doc.sender_full_name)
