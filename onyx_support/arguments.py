"""Whitelisted methods answer a missing argument with a clear, translated 4xx.

Frappe calls a whitelisted function with the request's form fields; a missing required one makes
Python raise TypeError, which Frappe answers with HTTP 500 and a traceback. Mistyped arguments are
already refused by Frappe's own type validation (417) from the annotations.
"""

import inspect
from functools import wraps

import frappe
from frappe import _


class MissingArgument(frappe.ValidationError):
	pass


def checked_arguments(fn):
	signature = inspect.signature(fn)

	@wraps(fn)
	def wrapper(*args, **kwargs):
		try:
			bound = signature.bind_partial(*args, **kwargs)
		except TypeError:
			frappe.throw(_("Unexpected arguments."), MissingArgument)
		missing = [
			name
			for name, parameter in signature.parameters.items()
			if parameter.default is inspect.Parameter.empty
			and parameter.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
			and name not in bound.arguments
		]
		if missing:
			frappe.throw(
				_("Missing value for: {0}.").format(", ".join(missing)),
				MissingArgument,
				title=_("Missing value", context="onyx_support"),
			)
		return fn(*args, **kwargs)

	return wrapper
