"""The portal's pages, found without Frappe's per-request route maps.

For every web page Frappe 15 compiles a werkzeug Map of every website route rule (ERPNext's and
ours) to resolve the path, then, before it reaches the www templates, another of every published
Web Form: each about 10 ms, on every request. The portal's paths are few and fixed, so:

- `resolve` (hook `website_path_resolver`) matches them against this app's own www pages and, with
  Frappe's own evaluate_dynamic_routes, its three `website_route_rules`, and hands every other
  path to Frappe's `resolve_path` unchanged;
- `PortalPage` (hook `page_renderer`, asked before Frappe's own renderers) renders those endpoints
  as Frappe's TemplatePage, without first asking the Web Form, static-file and document renderers,
  and with the page's own source compiled once per worker (services/compiled_templates.py).

A Web Form or a web-view DocType given a route under /support would be shadowed by the portal: the
paths are the app's.
"""

import os
from functools import cache

import frappe
from frappe.website.page_renderers.template_page import TemplatePage
from frappe.website.path_resolver import resolve_path
from frappe.website.router import evaluate_dynamic_routes
from werkzeug.routing import Rule
from werkzeug.routing.exceptions import RequestRedirect

from onyx_support.services.compiled_templates import render_page_source

APP = "onyx_support"
# the top folders of www/ whose pages are the portal's (www/kb is KnowledgePage's, services/knowledge)
PORTAL_FOLDERS = ("support", "presence")


@cache
def portal_pages() -> frozenset[str]:
	"""The endpoints of this app's portal pages: "support", "support/requests", "presence"…"""
	www = frappe.get_app_path(APP, "www")
	pages = set()
	for folder, _subfolders, files in os.walk(www):
		for file in files:
			stem, extension = os.path.splitext(file)
			if extension != ".html":
				continue
			page = os.path.relpath(os.path.join(folder, stem), www).replace(os.sep, "/")
			page = page.removesuffix("/index")
			if page.split("/", 1)[0] in PORTAL_FOLDERS:
				pages.add(page)
	return frozenset(pages)


def portal_rules() -> list[dict]:
	"""This app's `website_route_rules` (hooks.py): "/support/requests/<name>" and the like."""
	return frappe.get_hooks("website_route_rules", app_name=APP)


def resolve(path: str) -> str:
	"""The `website_path_resolver` hook: the endpoint of `path` (stripped of slashes)."""
	if path in portal_pages():
		frappe.local.path = path
		return path
	if path.split("/", 1)[0] in PORTAL_FOLDERS:
		# Frappe's own matching (form values, no_cache), on a map of this app's few rules only
		rules = [
			Rule(rule["from_route"], endpoint=rule["to_route"], defaults=rule.get("defaults"))
			for rule in portal_rules()
		]
		if rules and (endpoint := evaluate_dynamic_routes(rules, path)):
			frappe.local.path = path
			return endpoint
	try:
		return resolve_path(path)
	except RequestRedirect as redirect:
		# what Frappe's resolver does with werkzeug's redirect (a rule's trailing slash), which it
		# only catches around its own call
		frappe.flags.redirect_location = redirect.new_url
		raise frappe.Redirect(redirect.code) from redirect


class PortalPage(TemplatePage):
	"""The portal's www pages, rendered as Frappe renders any www page."""

	def can_render(self):
		return self.path in portal_pages() and super().can_render()

	def render_template(self):
		# the page's own source compiled once per worker, as its base templates are
		safe_render = True if self.context.safe_render is None else self.context.safe_render
		return render_page_source(self.source, self.context, safe_render)
