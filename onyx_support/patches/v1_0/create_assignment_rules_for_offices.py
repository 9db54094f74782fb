import frappe

from onyx_support.services.assignment import sync_office_rules


def execute():
	"""Offices saved before requests were assigned get their Assignment Rules."""
	for name in frappe.get_all("Support Office", pluck="name"):
		sync_office_rules(frappe.get_doc("Support Office", name))
