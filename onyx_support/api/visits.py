"""Whitelisted actions on visit reports for staff. Each checks permission before any effect."""

import frappe

from onyx_support.arguments import checked_arguments
from onyx_support.services.visits import distribution, planning, signing


def _report_for(name: str, ptype: str = "write"):
	doc = frappe.get_doc("Visit Report", name)
	doc.check_permission(ptype)
	return doc


@frappe.whitelist(methods=["POST"])
@checked_arguments
def plan_visit(source_name: str) -> dict:
	"""A new, unsaved visit report for a request (the request form's "Plan a visit")."""
	if not frappe.has_permission("Visit Report", "create"):
		raise frappe.PermissionError
	return planning.new_visit_for(source_name).as_dict()


@frappe.whitelist(methods=["POST"])
@checked_arguments
def sign_on_site(name: str, signer_name: str, signature: str, signer_role: str | None = None) -> str:
	"""The client signs on the engineer's screen."""
	doc = _report_for(name)
	signing.sign_for_client(
		doc, signer_name, signer_role, signature, via="On Site", contact=doc.contact or None
	)
	return doc.status


@frappe.whitelist(methods=["POST"])
@checked_arguments
def record_refusal(name: str, reason: str, signer_name: str | None = None) -> str:
	"""The client refuses to sign, on site; the reason is kept on the report."""
	doc = _report_for(name)
	signing.record_refusal(doc, reason, via="On Site", signer_name=signer_name)
	return doc.status


@frappe.whitelist(methods=["POST"])
@checked_arguments
def sign_as_engineer(name: str, signature: str) -> str:
	doc = _report_for(name)
	signing.sign_as_engineer(doc, signature)
	return doc.status


@frappe.whitelist(methods=["POST"])
@checked_arguments
def mark_read(name: str) -> bool:
	"""A recipient opened the report: its row says when."""
	doc = _report_for(name, "read")
	return distribution.mark_read(doc, frappe.session.user)
