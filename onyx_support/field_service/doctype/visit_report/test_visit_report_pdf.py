"""The Visit Report PDF the client receives, printed by Chromium in English, French and Arabic:
read back with pdftotext. Skipped when Chromium or poppler-utils are not installed."""

import base64
import os
import shutil
import subprocess
import tempfile

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.translate import clear_cache

from onyx_support.services.pdf import chromium_path, document_pdf
from onyx_support.services.visits import signing
from onyx_support.services.visits.distribution import VISIT_PRINT_FORMAT
from onyx_support.tests.network_fixture import ENGINEER_A, OFFICE_A, build_network
from onyx_support.tests.utils import make_request
from onyx_support.tests.visit_fixture import png_signature, visit_awaiting_signature

FINDING = "Posting queue stalls nightly"
INJECTED = "<script>alert(1)</script>"
INTERNAL = "Do not tell the client: discount pending"
SIGNER = "Nadia Haddad"
REFUSAL = "The printer still jams"
# pdftotext wraps right-to-left runs in bidi embedding marks
BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def pdf_text(content: bytes) -> str:
	with tempfile.TemporaryDirectory() as workdir:
		path = os.path.join(workdir, "report.pdf")
		with open(path, "wb") as file:
			file.write(content)
		text = subprocess.run(
			["pdftotext", "-layout", path, "-"], capture_output=True, check=True, timeout=60
		).stdout.decode()
	return " ".join(text.translate(BIDI_MARKS).split())


def missing_tools() -> list[str]:
	return [tool for tool in (chromium_path(), "pdftotext") if not shutil.which(tool)]


def attach_photo(report: str, png_data_url: str) -> str:
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "server-rack.png",
			"attached_to_doctype": "Visit Report",
			"attached_to_name": report,
			"is_private": 1,
			"content": base64.b64decode(png_data_url.split(",", 1)[1]),
		}
	)
	file.flags.ignore_permissions = True
	file.insert()
	return file.file_url


def make_report(network: dict, refused: bool = False):
	"""A visit done, written, and signed by the engineer and the client (or refused)."""
	customer = network["customers"][OFFICE_A]
	installation = network["installations"][OFFICE_A]
	request = make_request(customer, subject="Month-end posting is slow").name
	# where the office asks for it, a visit needs the client's approval of on-site work
	frappe.db.set_value(
		"Support Request", request, {"approval_status": "Approved", "proposed_means": "On-site"}
	)
	doc = visit_awaiting_signature(
		customer,
		ENGINEER_A,
		requests=[request],
		installations=[
			{"installation": installation, "rating": 0.8, "findings": FINDING},
			{"installation": installation, "rating": 0.4, "findings": "Backups verified"},
		],
		actions=[{"action": "Rebuilt the posting index", "installation": installation, "solved": 1}],
		recommendations=[
			{"recommendation": "Add memory to the database server", "priority": "High", "actor": "Client"}
		],
		suggestions=[{"category": "Usability", "suggestion": "A shortcut to repost a journal"}],
		internal_notes=INTERNAL,
	)
	previous = frappe.session.user
	frappe.set_user(ENGINEER_A)
	try:
		doc.reload()
		doc.append("photos", {"photo": attach_photo(doc.name, png_signature(160, 90)), "caption": "Rack"})
		doc.save()
		signing.sign_as_engineer(frappe.get_doc("Visit Report", doc.name), png_signature())
		doc = frappe.get_doc("Visit Report", doc.name)
		if refused:
			signing.record_refusal(doc, REFUSAL, "On Site", signer_name=SIGNER)
		else:
			signing.sign_for_client(doc, SIGNER, "IT Manager", png_signature(), "On Site")
	finally:
		frappe.set_user(previous)
	# A value written around the controller (db_set, an import) is printed as text, not markup.
	row = frappe.get_doc("Visit Report", doc.name).installations[1]
	frappe.db.set_value(row.doctype, row.name, "findings", INJECTED, update_modified=False)
	return frappe.get_doc("Visit Report", doc.name)


class TestVisitReportPdf(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.missing = missing_tools()
		if cls.missing:
			return
		clear_cache()  # merged translations are cached per language
		cls.network = build_network()
		cls.report = make_report(cls.network)
		cls.customer_name = frappe.db.get_value("Customer", cls.report.customer, "customer_name")

	def setUp(self):
		if self.missing:
			self.skipTest(f"not installed: {', '.join(self.missing)} (Debian: chromium, poppler-utils)")

	def pdf(self, language: str, report: str | None = None) -> str:
		content = document_pdf("Visit Report", report or self.report.name, VISIT_PRINT_FORMAT, language)
		self.assertTrue(content.startswith(b"%PDF-"))
		if keep := os.environ.get("ONYX_PDF_KEEP"):  # a folder: look at the pages
			with open(os.path.join(keep, f"visit-report-{language}.pdf"), "wb") as file:
				file.write(content)
		return pdf_text(content)

	def test_the_report_is_signed_for_real(self):
		self.assertEqual(self.report.status, "Signed")
		self.assertTrue(self.report.content_hash)

	def test_english(self):
		text = self.pdf("en")
		for expected in (
			self.customer_name,
			self.report.name,
			FINDING,
			"Visit Report",
			"Installations Reviewed",
			"Rebuilt the posting index",
			"Add memory to the database server",
			"A shortcut to repost a journal",
			SIGNER,
			"IT Manager",
			self.report.content_hash,
		):
			self.assertIn(expected, text)

	def test_french_labels(self):
		text = self.pdf("fr")
		for expected in (self.customer_name, FINDING, "Rapport de visite", "Constats", "Signatures"):
			self.assertIn(expected, text)

	def test_arabic_labels(self):
		text = self.pdf("ar")
		# (pdftotext reads the lam-alef ligature back as alef-lam: labels without one)
		for expected in (self.customer_name, FINDING, "تقرير الزيارة", "العمل المنجز", "التوقيعات"):
			self.assertIn(expected, text)

	def test_internal_notes_and_recipients_stay_out(self):
		html = frappe.get_print("Visit Report", self.report.name, VISIT_PRINT_FORMAT)
		self.assertNotIn(INTERNAL, html)
		for language in ("en", "ar"):
			self.assertNotIn(INTERNAL, self.pdf(language))

	def test_markup_in_a_value_is_printed_as_text(self):
		html = frappe.get_print("Visit Report", self.report.name, VISIT_PRINT_FORMAT)
		self.assertNotIn(INJECTED, html)
		self.assertIn(frappe.utils.escape_html(INJECTED), html)
		self.assertIn(INJECTED, self.pdf("en"))

	def test_photos_and_signatures_are_inlined(self):
		html = frappe.get_print("Visit Report", self.report.name, VISIT_PRINT_FORMAT)
		self.assertEqual(html.count('src="data:image/png;base64,'), 3)  # a photo, two signatures
		self.assertNotIn("/private/files/", html.split('class="vr"', 1)[1])

	def test_a_refusal_is_printed_with_its_reason(self):
		refused = make_report(self.network, refused=True)
		text = self.pdf("en", refused.name)
		self.assertIn("The client refused to sign.", text)
		self.assertIn(REFUSAL, text)
		self.assertIn("رفض العميل التوقيع.", self.pdf("ar", refused.name))

	def test_the_request_around_is_neither_read_nor_changed(self):
		lang, form_dict = frappe.local.lang, frappe._dict(pdf_generator="wkhtmltopdf", format="Standard")
		frappe.local.form_dict = form_dict
		try:
			self.assertIn("تقرير الزيارة", self.pdf("ar"))  # printed by Chromium, in its format
			self.assertEqual(frappe.local.lang, lang)
			self.assertIs(frappe.local.form_dict, form_dict)
			self.assertEqual(form_dict, {"pdf_generator": "wkhtmltopdf", "format": "Standard"})
		finally:
			frappe.local.form_dict = frappe._dict()
