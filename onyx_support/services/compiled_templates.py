"""Web pages' Jinja templates compiled once per process, not once per request.

Frappe 15 builds a new Jinja environment for every request (`frappe.local.jenv`), so every page
compiles every template it uses again: base.html, web.html, the navbar and footer, the icon sprites
and the page's own. On the portal's pages that was about 40 % of the time of a request, for
templates that change only when the code is deployed.

Jinja's own answer is a bytecode cache, which Environment asks before compiling a template its
loader read: keyed by the template's name and file and checked against a checksum of its source, so
an edited template is compiled again. This one keeps the compiled code in the worker's memory, and
the `before_request` hook hands it to the request's environment for the pages (not for /api/ and
file downloads, which render no template). Templates made from strings (Web Templates, mails,
Notifications) do not pass through a loader and are compiled as before. A site can turn it off with
`bench --site SITE set-config -p onyx_compiled_templates 0` (the benchmarks compare both).
"""

import hashlib

import frappe
from frappe import _
from jinja2.bccache import Bucket, BytecodeCache

NO_PAGE_PREFIXES = ("/api/", "/private/", "/files/", "/assets/", "/backups")


class CompiledTemplates(BytecodeCache):
	def __init__(self) -> None:
		self._code: dict[str, tuple[str, object]] = {}

	def load_bytecode(self, bucket: Bucket) -> None:
		found = self._code.get(bucket.key)
		if found and found[0] == bucket.checksum:
			bucket.code = found[1]

	def dump_bytecode(self, bucket: Bucket) -> None:
		self._code[bucket.key] = (bucket.checksum, bucket.code)

	def clear(self) -> None:
		self._code.clear()

	def code_of_source(self, environment, source: str):
		"""The compiled code of a template given as a string, by the checksum of the string."""
		key = "source:" + hashlib.sha256(source.encode()).hexdigest()
		found = self._code.get(key)
		if found is None:
			found = self._code[key] = (key, environment.compile(source))
		return found[1]


COMPILED = CompiledTemplates()


def use_compiled_templates() -> None:
	"""before_request: the request's Jinja environment reuses what this worker compiled before."""
	request = getattr(frappe.local, "request", None)
	if not request or request.path.startswith(NO_PAGE_PREFIXES):
		return
	if not frappe.conf.get("onyx_compiled_templates", 1):
		return
	from frappe.utils.jinja import get_jenv

	get_jenv().bytecode_cache = COMPILED


def render_page_source(source: str, context, safe_render: bool = True) -> str:
	"""Frappe's render_template for a www page's own source, which TemplatePage renders from a
	string (no loader, so no bytecode cache): the code compiled once per worker, by the source's
	checksum, and a new Template made from it in the request's environment as Jinja's from_string
	does. Where the cache is off (site config, or not a page) Frappe renders it as before."""
	from frappe.utils.jinja import get_jenv, render_template

	environment = get_jenv()
	if environment.bytecode_cache is not COMPILED:
		return render_template(source, context, safe_render=safe_render)
	if safe_render and ".__" in source:
		frappe.throw(_("Illegal template"))
	try:
		code = COMPILED.code_of_source(environment, source)
	except Exception:
		return render_template(source, context, safe_render=safe_render)  # Frappe reports the error
	template = environment.template_class.from_code(environment, code, environment.make_globals(None))
	return template.render(context)
