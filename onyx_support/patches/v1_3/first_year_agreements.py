"""Installations registered before warranty agreements existed get their first free year as an
agreement (new installations get it when they are saved), so their coverage counts it."""

import frappe

from onyx_support.services.warranty.agreements import ensure_first_year


def execute():
	# ensure_first_year skips an installation with no anchor date (go-live or purchase) yet
	for name in frappe.get_all("Client Installation", pluck="name", order_by="creation asc"):
		ensure_first_year(frappe.get_doc("Client Installation", name))
