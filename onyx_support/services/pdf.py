"""PDFs printed by headless Chromium: Debian's wkhtmltopdf clips Arabic.

- `pdf_generator`: Frappe's `pdf_generator` hook (frappe.utils.print_utils.get_print), for the
  print formats whose PDF Generator is "chrome" (the option is added by
  onyx_support.install.ensure_pdf_generator_option).
- `document_pdf`: a document printed in a given language, whatever the request around it.
- `chromium_pdf`: HTML to PDF bytes. The page is opened from a private temporary directory; the
  site's /assets/ and public /files/ URLs are pointed at their files, a Content Security Policy
  runs no script and fetches nothing from the network, and a dead proxy catches any other request.
  The app's print formats are self-contained (inline CSS, images as data URLs).
"""

import io
import os
import re
import subprocess
import tempfile

import frappe
from frappe import _

DEFAULT_CHROMIUM = "/usr/bin/chromium"
TIMEOUT_SECONDS = 60
GENERATOR = "chrome"

# No script, no network: styles and images come inline or from the site's own files.
CONTENT_SECURITY_POLICY = (
	"default-src 'none'; style-src 'unsafe-inline' file:; img-src data: file:; font-src data: file:"
)
LOCAL_URL = re.compile(r"""(?P<attr>\b(?:src|href)\s*=\s*["'])/(?P<kind>assets|files)/""", re.IGNORECASE)
HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)


class ChromiumMissing(frappe.ValidationError):
	pass


class ChromiumFailed(frappe.ValidationError):
	pass


def chromium_path() -> str:
	return os.environ.get("ONYX_CHROMIUM") or DEFAULT_CHROMIUM


def pdf_generator(print_format=None, html=None, options=None, output=None, pdf_generator=None):
	"""Frappe's hook: None unless the print asks for Chromium. Like frappe.utils.pdf.get_pdf, the
	pages are appended to `output` (a PdfWriter) when one is given, and a password encrypts."""
	if pdf_generator != GENERATOR:
		return None
	content = chromium_pdf(html or "")
	password = (options or {}).get("password")
	if output is None and not password:
		return content

	from pypdf import PdfReader, PdfWriter

	reader = PdfReader(io.BytesIO(content))
	if output is not None:
		output.append_pages_from_reader(reader)
		return output
	writer = PdfWriter()
	writer.append_pages_from_reader(reader)
	writer.encrypt(password)
	stream = io.BytesIO()
	writer.write(stream)
	return stream.getvalue()


def document_pdf(doctype: str, name: str, print_format: str, language: str | None) -> bytes:
	"""The document printed as a PDF by Chromium in `language`. The request's form_dict (which
	frappe.get_print reads and leaves its PDF generator in) and language are put back after."""
	local = frappe.local
	saved = local.form_dict, local.lang, local.jenv
	local.form_dict = frappe._dict()
	try:
		if language and language != local.lang:
			local.lang, local.jenv = language, None  # as frappe.translate.print_language does
		return frappe.get_print(doctype, name, print_format, as_pdf=True, pdf_generator=GENERATOR)
	finally:
		local.form_dict, local.lang, local.jenv = saved


def chromium_pdf(html: str) -> bytes:
	chromium = chromium_path()
	if not (os.path.isfile(chromium) and os.access(chromium, os.X_OK)):
		frappe.throw(
			_(
				"PDFs are printed with Chromium, which is not installed on the server ({0}). Install the Debian package {1}."
			).format(chromium, "chromium"),
			ChromiumMissing,
			title=_("Chromium missing"),
		)
	with tempfile.TemporaryDirectory(prefix="onyx-pdf-") as workdir:
		page = os.path.join(workdir, "page.html")
		out = os.path.join(workdir, "page.pdf")
		with open(page, "w", encoding="utf-8") as file:
			file.write(prepare_html(html))
		command = [
			chromium,
			"--headless",
			"--no-sandbox",  # needed as root; the page runs no script and reaches no network
			"--disable-gpu",
			"--disable-extensions",
			"--no-first-run",
			"--hide-scrollbars",
			"--no-pdf-header-footer",
			f"--user-data-dir={os.path.join(workdir, 'profile')}",
			"--proxy-server=http://127.0.0.1:9",  # any request that gets past the policy fails
			"--proxy-bypass-list=<-loopback>",
			f"--print-to-pdf={out}",
			"file://" + page,
		]
		try:
			result = subprocess.run(
				command, capture_output=True, timeout=TIMEOUT_SECONDS, cwd=workdir, check=False
			)
		except (OSError, subprocess.TimeoutExpired) as error:
			_failed(str(error))
		if not os.path.isfile(out) or not os.path.getsize(out):
			_failed(result.stderr.decode(errors="replace")[-2000:])
		with open(out, "rb") as file:
			return file.read()


def _failed(detail: str):
	frappe.log_error(title="Chromium could not print a PDF", message=detail)
	frappe.throw(
		_(
			"Chromium could not print the PDF. Check that the Debian package {0} is installed and works on the server."
		).format("chromium"),
		ChromiumFailed,
		title=_("PDF not printed"),
	)


def prepare_html(html: str) -> str:
	"""The page as Chromium opens it from a temporary file: the policy first in <head>, the site's
	asset and public file URLs pointed at the files themselves."""
	assets = os.path.abspath(os.path.join(frappe.local.sites_path, "assets"))
	files = os.path.abspath(frappe.get_site_path("public", "files"))

	def local_file(match: re.Match) -> str:
		folder = assets if match["kind"].lower() == "assets" else files
		return f"{match['attr']}file://{folder}/"

	html = LOCAL_URL.sub(local_file, html)
	policy = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
	if HEAD.search(html):
		return HEAD.sub(lambda match: match.group(0) + policy, html, count=1)
	return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{policy}</head><body>{html}</body></html>"
