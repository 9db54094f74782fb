"""Whitelisted actions on warranty agreements for staff. Each checks permission before any effect."""

import frappe

from onyx_support.arguments import checked_arguments
from onyx_support.services.warranty import agreements


@frappe.whitelist(methods=["POST"])
@checked_arguments
def renew(agreement: str) -> str:
	"""The next annual agreement (a draft to complete and submit) after this one."""
	previous = frappe.get_doc("Warranty Agreement", agreement)
	previous.check_permission("read")
	if not frappe.has_permission("Warranty Agreement", "create"):
		raise frappe.PermissionError
	return agreements.renewal_for(previous).name
