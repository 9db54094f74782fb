"""Whitelisted actions on releases for staff. Each checks permission before any effect."""

import frappe

from onyx_support.arguments import checked_arguments
from onyx_support.services.releases import delivery, publishing


@frappe.whitelist(methods=["POST"])
@checked_arguments
def withdraw(release: str, reason: str) -> str:
	doc = frappe.get_doc("Software Release", release)
	doc.check_permission("submit")
	publishing.withdraw(doc, reason.strip())
	return doc.status


def _distribution(name: str):
	doc = frappe.get_doc("Release Distribution", name)
	doc.check_permission("write")
	return doc


@frappe.whitelist(methods=["POST"])
@checked_arguments
def acknowledge(distribution: str, target_date: str | None = None) -> str:
	doc = _distribution(distribution)
	delivery.acknowledge(doc, target_date)
	return doc.status


@frappe.whitelist(methods=["POST"])
@checked_arguments
def update_delivery(
	distribution: str,
	row_name: str,
	action: str,
	reason: str | None = None,
	on_date: str | None = None,
	means: str | None = None,
	visit_report: str | None = None,
) -> str:
	doc = _distribution(distribution)
	if visit_report:
		frappe.get_doc("Visit Report", visit_report).check_permission("read")
	delivery.update_delivery(doc, row_name, action, reason, on_date, means, visit_report)
	return doc.status
