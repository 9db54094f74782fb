"""An office's side of a release: acknowledging it, scheduling and delivering it to each
installation (the installation's version and history follow), recording failures and the client's
refusals, and the defect loop: a client whose request the release fixes is told once."""

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import getdate, now_datetime

from onyx_support.permissions.guards import by_rule
from onyx_support.services.mail import queue_mail

ACTIONS = ("Schedule", "Deliver", "Fail", "Decline")
NEEDS_REASON = ("Fail", "Decline")
DONE = ("Delivered", "Declined by the Client", "Superseded")


class DeliveryRuleBroken(frappe.ValidationError):
	pass


def refresh(distribution) -> None:
	rows = distribution.deliveries
	distribution.pending_count = sum(1 for row in rows if row.status in ("Pending", "Scheduled", "Failed"))
	distribution.delivered_count = sum(1 for row in rows if row.status == "Delivered")
	if distribution.status == "Withdrawn":
		return
	if distribution.acknowledged_on:
		distribution.status = "Completed" if rows and not distribution.pending_count else "Acknowledged"
	else:
		distribution.status = "Awaiting Acknowledgement"


def save(distribution) -> None:
	refresh(distribution)
	by_rule(distribution)
	distribution.save()


def acknowledge(distribution, target_date=None) -> None:
	if distribution.acknowledged_on:
		frappe.throw(_("This distribution was already acknowledged."), DeliveryRuleBroken)
	distribution.acknowledged_by = frappe.session.user
	distribution.acknowledged_on = now_datetime()
	distribution.target_date = target_date or distribution.target_date
	save(distribution)


def update_delivery(
	distribution, row_name: str, action: str, reason=None, on_date=None, means=None, visit=None
):
	if action not in ACTIONS:
		frappe.throw(_("Unknown action {0}.").format(frappe.bold(action)), DeliveryRuleBroken)
	release = frappe.db.get_value(
		"Software Release",
		distribution.software_release,
		["name", "system", "version", "status"],
		as_dict=True,
	)
	if release.status != "Published":
		frappe.throw(
			_("Release {0} is {1}: it can no longer be delivered.").format(
				frappe.bold(release.name), _(release.status, context="Software Release")
			),
			DeliveryRuleBroken,
		)
	row = next((row for row in distribution.deliveries if row.name == row_name), None)
	if not row:
		frappe.throw(_("No such installation in this distribution."), frappe.DoesNotExistError)
	if row.status in DONE:
		frappe.throw(
			_("The delivery to {0} is already {1}.").format(
				frappe.bold(row.installation), _(row.status, context="Release Delivery")
			),
			DeliveryRuleBroken,
		)
	if action in NEEDS_REASON and not (reason or "").strip():
		frappe.throw(_("Give the reason."), frappe.MandatoryError)
	if action == "Schedule":
		row.status, row.scheduled_on = "Scheduled", getdate(on_date) if on_date else getdate()
	elif action == "Fail":
		row.status, row.reason = "Failed", reason.strip()
	elif action == "Decline":
		row.status, row.reason = "Declined by the Client", reason.strip()
	else:
		deliver(release, row, means, visit)
	save(distribution)


def deliver(release, row, means=None, visit=None) -> None:
	"""The installation now runs the release: its version (and history) change, an open update
	request for it is linked, and clients whose defect it fixes are told."""
	installation = frappe.get_doc("Client Installation", row.installation)
	if installation.system != release.system:
		frappe.throw(
			_("Installation {0} runs {1}, not {2}.").format(
				frappe.bold(installation.name), installation.system, release.system
			),
			DeliveryRuleBroken,
		)
	installation.version = release.version
	by_rule(installation)
	installation.flags.ignore_permissions = True
	installation.save()
	row.status = "Delivered"
	row.delivered_on = now_datetime()
	row.delivered_by = frappe.session.user
	row.means = means or ("On-site Visit" if visit else "Remote Session")
	row.visit_report = visit
	row.support_request = row.support_request or frappe.db.get_value(
		"Support Request",
		{"installation": installation.name, "reason": "Update Delivery", "is_open": 1},
		"name",
	)
	tell_fixed_defects(release, installation.name)


def tell_fixed_defects(release, installation: str) -> list[str]:
	"""Requests of this installation the release fixes: the client is told once (queued mail;
	the portal shows it from fix_delivered_on)."""
	requests = frappe.get_all(
		"Support Request",
		filters={
			"installation": installation,
			"fixed_in_release": release.name,
			"fix_delivered_on": ("is", "not set"),
		},
		fields=["name", "subject", "raised_by", "contact", "customer"],
	)
	if not requests:
		return []
	told = [request.name for request in requests]
	frappe.db.set_value("Support Request", {"name": ("in", told)}, "fix_delivered_on", now_datetime())
	contacts = [request.contact for request in requests if request.contact and not request.raised_by]
	emails = (
		dict(
			frappe.get_all(
				"Contact", filters={"name": ("in", contacts)}, fields=["name", "email_id"], as_list=True
			)
		)
		if contacts
		else {}
	)
	# in the client's language, with the system's name as the client knows it
	system = frappe.get_cached_value("Item", release.system, "item_name") or release.system
	for request in requests:
		address = request.raised_by or emails.get(request.contact)
		if not address:
			continue
		language = frappe.get_cached_value("Customer", request.customer, "language") or "en"
		with print_language(language):
			subject = _("The fix for your request {0} is installed").format(request.name)
			message = _(
				"Release {0} of {1}, which fixes your request {2} ({3}), is now installed on your system."
				" Please check it and confirm the resolution on the support portal."
			).format(
				frappe.utils.escape_html(release.version),
				frappe.utils.escape_html(system),
				request.name,
				frappe.utils.escape_html(request.subject or ""),
			)
		queue_mail(
			recipients=[address],
			subject=subject,
			message=message,
			reference_doctype="Support Request",
			reference_name=request.name,
		)
	return told
