"""Knowledge demo: the articles of demo/knowledge_data.py written by their authors, sent to review
and published (or archived) by central support through the Knowledge Article Flow, as the people
would do it; a PDF brochure on one of them; a few deflections counted for the portal's clients.

Idempotent like the rest of the demo: an article is found again by its title and language and only
moved on towards the state its data asks for, never back; the brochure is attached once; the
deflections are counted only on articles that have none yet."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import escape_html

from onyx_support.demo.data import demo_user_email
from onyx_support.demo.knowledge_data import ARTICLES, BROCHURE_KEY, DEFLECTIONS, REVIEWER
from onyx_support.demo.visits import acting_as
from onyx_support.services.knowledge.counters import count_deflection

ARTICLE = "Knowledge Article"
ORDER = ("Draft", "In Review", "Published", "Archived")
# state -> (action that leaves it, who takes it: the author or the reviewer)
NEXT = {
	"Draft": ("Submit for Review", "author"),
	"In Review": ("Publish", "reviewer"),
	"Published": ("Archive", "reviewer"),
}
FIELDS = (
	"title",
	"language",
	"audience",
	"office",
	"system",
	"version_from",
	"version_to",
	"summary",
	"content",
)


def make_knowledge():
	names: dict[str, str] = {}
	for spec in ARTICLES:
		names[spec["key"]] = make_article(spec, names)
	count_demo_deflections(names)


def make_article(spec: dict, names: dict[str, str]) -> str:
	author = demo_user_email(spec["author"])
	name = frappe.db.get_value(ARTICLE, {"title": spec["title"], "language": spec["language"]})
	if not name:
		with acting_as(author):
			doc = frappe.get_doc(
				{
					"doctype": ARTICLE,
					**{field: spec.get(field) for field in FIELDS},
					"translation_of": names.get(spec.get("translation_of")),
					"reasons": [{"reason": reason} for reason in spec.get("reasons", [])],
				}
			).insert()
			name = doc.name
			if spec["key"] == BROCHURE_KEY:
				attach_brochure(doc)
	walk(name, spec["state"], author, demo_user_email(REVIEWER))
	return name


def walk(name: str, target: str, author: str, reviewer: str) -> None:
	"""Take the workflow's actions, as their people, until the article reaches `target`."""
	status = frappe.db.get_value(ARTICLE, name, "status") or "Draft"
	while ORDER.index(status) < ORDER.index(target):
		action, actor = NEXT[status]
		with acting_as(author if actor == "author" else reviewer):
			apply_workflow(frappe.get_doc(ARTICLE, name), action)
		status = frappe.db.get_value(ARTICLE, name, "status")


def attach_brochure(doc) -> None:
	"""A one-page PDF brochure, printed by the app's Chromium (services/pdf.py), as a private file
	of the article: only readers of the article download it (onyx_support.api.portal.article_brochure)."""
	if doc.brochure:
		return
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "month-end-closing-checklist.pdf",
			"attached_to_doctype": ARTICLE,
			"attached_to_name": doc.name,
			"attached_to_field": "brochure",
			"is_private": 1,
			"content": brochure_pdf(doc.title),
		}
	).insert(ignore_permissions=True)
	doc.reload()
	doc.brochure = file.file_url
	doc.save()


def brochure_pdf(title: str) -> bytes:
	from onyx_support.services.pdf import ChromiumFailed, ChromiumMissing, chromium_pdf

	html = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
		body {{ font-family: sans-serif; margin: 2cm; }} h1 {{ font-size: 20pt; }} li {{ margin: 0.4em 0; }}
	</style></head><body>
		<h1>{escape_html(title)}</h1>
		<p>OnyxPro ERP 15.x — a checklist for the accountant before the month-end closing.</p>
		<ol>
			<li>Every stock move of the month is posted, none dated after the closing date.</li>
			<li>Purchase receipts are matched with their invoices.</li>
			<li>The stock valuation report balances with the stock account.</li>
			<li>A backup was taken the same day.</li>
		</ol>
		<p>OnyxPro Central Support · central.support@onyxpro.example</p>
	</body></html>"""
	try:
		return chromium_pdf(html)
	except (ChromiumMissing, ChromiumFailed):
		return MINIMAL_PDF


def count_demo_deflections(names: dict[str, str]) -> None:
	fresh = {
		key for key, _user in DEFLECTIONS if not frappe.db.get_value(ARTICLE, names[key], "deflected_count")
	}
	for key, user in DEFLECTIONS:
		if key in fresh and frappe.db.exists("User", user):
			count_deflection(names[key], user)


# A valid one-page PDF ("Month-end closing checklist"), for a site without Chromium.
MINIMAL_PDF = (
	b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
	b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
	b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
	b"4 0 obj<</Length 58>>stream\nBT /F1 18 Tf 72 760 Td (Month-end closing checklist) Tj ET\n"
	b"endstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
	b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
