"""Sites that had the requests before the analyses get the indexes the reports and the Support
Overview workspace read on (figures.REQUEST_INDEXES, WORK_LOG_INDEX); idempotent."""

import frappe

from onyx_support.services.analytics.figures import REQUEST_INDEXES, WORK_LOG_INDEX


def execute():
	for columns in REQUEST_INDEXES:
		frappe.db.add_index("Support Request", list(columns))
	frappe.db.add_index("Support Work Log", list(WORK_LOG_INDEX))
