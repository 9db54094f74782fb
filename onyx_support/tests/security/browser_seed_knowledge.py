"""Stored-script payloads in knowledge articles, for browser_tests/test_knowledge_xss.py: a public
article and one for the clients of a system the browser client runs, each with the payloads of
browser_seed.BROWSER_PAYLOADS in its title, summary and content. The article is written and
published through the app (the workflow), then the payloads are written again past the editor
(as an import or db_set would), so the pages meet them raw, not as the editor cleaned them.
Called by tests/browser_setup.prepare."""

import io

import frappe
from frappe.model.workflow import apply_workflow

from onyx_support.permissions.guards import by_rule
from onyx_support.tests.network_fixture import ADMIN_USER, CENTRAL_USER
from onyx_support.tests.security.browser_seed import BROWSER_PAYLOADS, RUN

ARTICLE = "Knowledge Article"
IMAGE_ALT = "the closing wizard"  # the browser finds the article's private image by it


def _png() -> bytes:
	"""A 4x4 PNG, saved private as Frappe's editor saves an article's images."""
	from PIL import Image

	buffer = io.BytesIO()
	Image.new("RGB", (4, 4), (0, 128, 128)).save(buffer, "PNG")
	return buffer.getvalue()


def seed_knowledge_scripts(customer: str) -> dict:
	word = "kbxss" + frappe.generate_hash(length=6).lower()  # what the browser searches and types
	system = frappe.db.get_value("Client Installation", {"customer": customer, "status": "Active"}, "system")
	articles = {
		"public": _article(word, "Public", None),
		"clients": _article(word, "System Clients", system),
	}
	return {
		"knowledge": {
			"word": word,
			"articles": articles,
			"route": frappe.db.get_value(ARTICLE, articles["public"], "route"),
			"image_alt": IMAGE_ALT,
		}
	}


def _article(word: str, audience: str, system: str | None) -> str:
	text = " ".join(BROWSER_PAYLOADS)
	doc = frappe.get_doc(
		{
			"doctype": ARTICLE,
			"title": f"{word} {audience} closing wizard",
			"audience": audience,
			"system": system,
			"language": "en",
			"summary": f"{word} {text}",
			"content": f"<p>{word}</p>{text}",
			"author": ADMIN_USER,
			"reasons": [{"reason": "Error"}],
		}
	)
	by_rule(doc).insert(ignore_permissions=True)
	try:
		frappe.set_user(ADMIN_USER)
		apply_workflow(frappe.get_doc(ARTICLE, doc.name), "Submit for Review")
		frappe.set_user(CENTRAL_USER)
		apply_workflow(frappe.get_doc(ARTICLE, doc.name), "Publish")
	finally:
		frappe.set_user("Administrator")
	image = (
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{word}-wizard.png",
				"attached_to_doctype": ARTICLE,
				"attached_to_name": doc.name,
				"is_private": 1,
				"content": _png(),
			}
		)
		.insert(ignore_permissions=True)
		.file_url
	)
	frappe.db.set_value(
		ARTICLE,
		doc.name,
		{
			# a title stays within its column (140): the two payloads that open an element
			"title": f"{word} <img src=x onerror={RUN}> <script>{RUN}</script>"[:140],
			"summary": f"{word} {text}",
			"content": f'<p>{word}</p>{text}<p><img src="{image}" alt="{IMAGE_ALT}"></p>',
		},
		update_modified=False,
	)
	return doc.name
