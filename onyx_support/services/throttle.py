"""Per-user throttling for portal actions.

Frappe's `rate_limit` counts per IP address or per a form field the caller sends; clients of one
company often share an IP, and a form field is the caller's to change. This counts per logged-in
user, in Frappe's cache, with the same error class so the portal shows the same polite message.
"""

from functools import wraps

import frappe
from frappe import _


def throttle(limit: int, seconds: int):
	def decorator(fn):
		@wraps(fn)
		def wrapper(*args, **kwargs):
			if frappe.request:  # only web calls; the desk and tests call the functions directly too
				key = frappe.cache.make_key(
					f"onyx_throttle:{fn.__module__}.{fn.__name__}:{frappe.session.user}"
				)
				count = frappe.cache.incrby(key, 1)
				if count == 1:
					frappe.cache.expire(key, seconds)
				# a site may set its own limits: site config "onyx_throttle_limits": {"reply": 60}
				allowed = (frappe.conf.get("onyx_throttle_limits") or {}).get(fn.__name__, limit)
				if count > allowed:
					frappe.throw(
						_("You have sent many requests in a short time. Please wait a little and try again."),
						frappe.RateLimitExceededError,
						title=_("Please wait"),
					)
			return fn(*args, **kwargs)

		return wrapper

	return decorator
