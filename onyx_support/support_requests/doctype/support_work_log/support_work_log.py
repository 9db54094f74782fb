# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe

from onyx_support.permissions.rows import ChildRowOfParent
from onyx_support.services.analytics.figures import WORK_LOG_INDEX


class SupportWorkLog(ChildRowOfParent):
	pass


def on_doctype_update():
	# The hours an engineer logged since a date (Engineer Load, the workspace): a range of the
	# engineer's own rows, not every work log of the period.
	frappe.db.add_index("Support Work Log", list(WORK_LOG_INDEX))
