"""Every whitelisted method of the app, called over HTTP with no arguments and with wrong-typed
ones, answers a 4xx, never a 500 (the methods are read from domain/access.py's table)."""

import inspect
import json

import frappe
from frappe.tests.utils import FrappeTestCase

from onyx_support.domain.access import CLIENT_DOOR, WHITELISTED
from onyx_support.tests.network_fixture import CLIENT_A, ENGINEER_A, build_request_world
from onyx_support.tests.utils import api_keys_for, rest_get, rest_post

WRONG_TYPES = ({"a": 1}, ["x"], 3.5)


class TestApiArguments(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		build_request_world()
		cls.tokens = {CLIENT_A: api_keys_for(CLIENT_A), ENGINEER_A: api_keys_for(ENGINEER_A)}
		frappe.db.commit()  # nosemgrep: REST calls run on their own connection

	def call(self, method, user, data):
		path = f"/api/method/{method}"
		if frappe.allowed_http_methods_for_whitelisted_func.get(frappe.get_attr(method)) == ["GET"]:
			return rest_get(path, self.tokens[user], data)
		return rest_post(path, self.tokens[user], data)

	def parameters(self, method, required_only=False):
		fn = frappe.get_attr(method)
		return [
			name
			for name, parameter in inspect.signature(fn).parameters.items()
			if parameter.kind not in (parameter.VAR_KEYWORD, parameter.VAR_POSITIONAL)
			and (not required_only or parameter.default is parameter.empty)
		]

	def test_no_arguments_is_a_clear_4xx(self):
		checked = 0
		for method, door in WHITELISTED.items():
			user = CLIENT_A if door == CLIENT_DOOR else ENGINEER_A
			response = self.call(method, user, {})
			frappe.db.rollback()
			if not self.parameters(method, required_only=True):
				self.assertLess(response.status_code, 500, method)
				continue
			self.assertTrue(400 <= response.status_code < 500, f"{method}: {response.status_code}")
			self.assertIn("Missing value for", response.get_data(as_text=True), method)
			checked += 1
		self.assertGreater(checked, 8)

	def test_wrong_types_are_a_4xx(self):
		for method, door in WHITELISTED.items():
			user = CLIENT_A if door == CLIENT_DOOR else ENGINEER_A
			for wrong in WRONG_TYPES:
				data = {name: json.dumps(wrong) for name in self.parameters(method)}
				response = self.call(method, user, data)
				frappe.db.rollback()
				self.assertLess(
					response.status_code,
					500,
					f"{method} with {wrong!r}: {response.get_data(as_text=True)[:300]}",
				)
