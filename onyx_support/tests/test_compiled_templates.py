"""Pages' Jinja templates compiled once per worker (services/compiled_templates.py): a second
request's environment reuses the code, an edited template is compiled again, and only pages get it."""

from types import SimpleNamespace
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from jinja2 import DictLoader, Environment

from onyx_support.services import compiled_templates
from onyx_support.services.compiled_templates import CompiledTemplates


class TestCompiledTemplates(FrappeTestCase):
	def render(self, cache, source: str) -> tuple[str, int]:
		"""A fresh environment, as Frappe makes one per request: (output, templates it compiled)."""
		environment = Environment(loader=DictLoader({"page.html": source}), bytecode_cache=cache)
		with patch.object(environment, "compile", wraps=environment.compile) as compiled:
			output = environment.get_template("page.html").render(name="Aisha")
		return output, compiled.call_count

	def test_a_second_environment_reuses_the_code_and_an_edit_is_compiled_again(self):
		cache = CompiledTemplates()
		self.assertEqual(self.render(cache, "Hello {{ name }}"), ("Hello Aisha", 1))
		self.assertEqual(self.render(cache, "Hello {{ name }}"), ("Hello Aisha", 0))
		self.assertEqual(self.render(cache, "Goodbye {{ name }}"), ("Goodbye Aisha", 1))
		self.assertEqual(self.render(cache, "Goodbye {{ name }}"), ("Goodbye Aisha", 0))

	def test_pages_get_the_cache_and_the_api_does_not(self):
		saved_request, saved_jenv = (
			getattr(frappe.local, "request", None),
			getattr(frappe.local, "jenv", None),
		)
		try:
			for path, cached in (
				("/support/requests", True),
				("/presence", True),
				("/api/method/ping", False),
			):
				frappe.local.jenv = None
				frappe.local.request = SimpleNamespace(path=path)
				compiled_templates.use_compiled_templates()
				environment = getattr(frappe.local, "jenv", None)
				self.assertEqual(
					environment is not None and environment.bytecode_cache is compiled_templates.COMPILED,
					cached,
					path,
				)
			with patch.dict(frappe.local.conf, {"onyx_compiled_templates": 0}):
				frappe.local.jenv = None
				frappe.local.request = SimpleNamespace(path="/support")
				compiled_templates.use_compiled_templates()
				self.assertIsNone(getattr(frappe.local, "jenv", None))
		finally:
			frappe.local.request, frappe.local.jenv = saved_request, saved_jenv

	def test_a_pages_own_source_is_compiled_once(self):
		"""TemplatePage renders a page's source from a string: render_page_source compiles it once
		per worker (by its checksum), and the output is Frappe's."""
		from frappe.utils.jinja import render_template

		saved_request, saved_jenv = (
			getattr(frappe.local, "request", None),
			getattr(frappe.local, "jenv", None),
		)
		source = "{% for n in names %}<b>{{ n|e }}</b>{% endfor %} " + frappe.generate_hash()
		context = {"names": ["Aisha", "<script>"]}
		try:
			compiles = []
			for _request in range(2):
				frappe.local.jenv = None
				frappe.local.request = SimpleNamespace(path="/support")
				compiled_templates.use_compiled_templates()
				environment = frappe.local.jenv
				with patch.object(environment, "compile", wraps=environment.compile) as compiled:
					output = compiled_templates.render_page_source(source, context)
				compiles.append(compiled.call_count)
				self.assertEqual(output, render_template(source, context))
				self.assertIn("<b>&lt;script&gt;</b>", output)
			self.assertEqual(compiles, [1, 0])
			frappe.local.jenv = None
			with self.assertRaises(frappe.ValidationError):
				compiled_templates.use_compiled_templates()
				compiled_templates.render_page_source("{{ ''.__class__ }}", {})
		finally:
			frappe.local.request, frappe.local.jenv = saved_request, saved_jenv
