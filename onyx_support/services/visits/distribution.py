"""Sharing a report: the follow-up requests its recommendations ask for, the recipients its
distribution rules name (recorded on the report; permissions/visibility.py lets them read it),
and, after commit, the signed PDF kept with its hash, a queued mail with it and a Notification
Log entry for each recipient."""

import hashlib

import frappe
from frappe import _
from frappe.utils import now_datetime

from onyx_support.domain.visits import DistributionRule, Network, Target, VisitFacts, recipients, stars
from onyx_support.permissions.guards import by_rule
from onyx_support.services.mail import queue_mail

VISIT_PRINT_FORMAT = "Visit Report"


def visit_facts(doc) -> VisitFacts:
	systems = {row.system for row in doc.installations if row.system}
	requests = [row.support_request for row in doc.requests]
	systems |= set(frappe.get_all("Support Request", filters={"name": ("in", requests)}, pluck="system")) - {
		None
	}
	territories = set()
	territory = frappe.db.get_value("Customer", doc.customer, "territory")
	if territory:
		lft, rgt = frappe.db.get_value("Territory", territory, ["lft", "rgt"])
		territories |= set(
			frappe.get_all("Territory", filters={"lft": ("<=", lft), "rgt": (">=", rgt)}, pluck="name")
		)
	ratings = [stars(row.rating) for row in doc.installations if row.rating]
	return VisitFacts(
		office=doc.office,
		visit_kind=doc.visit_kind,
		systems=frozenset(systems),
		territories=frozenset(territories),
		lowest_rating=min(ratings) if ratings else None,
	)


def distribution_rules() -> list[DistributionRule]:
	rules = frappe.get_all(
		"Visit Distribution Rule",
		filters={"enabled": 1},
		fields=[
			"name",
			"system",
			"office",
			"territory",
			"visit_kind",
			"rating_at_or_below",
			"include_office_managers",
			"include_office_engineers",
		],
		order_by="name asc",
	)
	targets: dict[str, list[Target]] = {}
	for row in frappe.get_all(
		"Visit Distribution Target",
		filters={"parenttype": "Visit Distribution Rule"},
		fields=["parent", "directorate", "include_subdirectorates"],
		order_by="idx asc",
	):
		targets.setdefault(row.parent, []).append(Target(row.directorate, bool(row.include_subdirectorates)))
	return [
		DistributionRule(
			name=rule.name,
			system=rule.system,
			office=rule.office,
			territory=rule.territory,
			visit_kind=rule.visit_kind,
			rating_at_or_below=rule.rating_at_or_below or None,
			targets=tuple(targets.get(rule.name, ())),
			office_managers=bool(rule.include_office_managers),
			office_engineers=bool(rule.include_office_engineers),
		)
		for rule in rules
	]


def network_of(office: str) -> Network:
	directorates = frappe.get_all(
		"Support Directorate", fields=["name", "parent_support_directorate", "is_active"]
	)
	members: dict[str, list[str]] = {}
	for row in frappe.get_all(
		"Support Directorate Member",
		filters={"parenttype": "Support Directorate"},
		fields=["parent", "user"],
		order_by="idx asc",
	):
		members.setdefault(row.parent, []).append(row.user)
	staff = frappe.get_all(
		"Support Office Engineer",
		filters={"parent": office, "parenttype": "Support Office"},
		fields=["user", "office_role"],
		order_by="idx asc",
	)
	users = {user for group in members.values() for user in group} | {row.user for row in staff}
	disabled = frappe.get_all("User", filters={"name": ("in", users or [""]), "enabled": 0}, pluck="name")
	return Network(
		parent_of={d.name: d.parent_support_directorate for d in directorates},
		members=members,
		office_managers=[row.user for row in staff if row.office_role == "Manager"],
		office_engineers=[row.user for row in staff if row.office_role in ("Engineer", "Implementer")],
		disabled_users=frozenset(disabled),
		inactive_directorates=frozenset(d.name for d in directorates if not d.is_active),
	)


def record_recipients(doc) -> None:
	"""Before submit: who receives the report, on the report itself."""
	chosen = recipients(distribution_rules(), visit_facts(doc), network_of(doc.office))
	names = dict(
		frappe.get_all(
			"User",
			filters={"name": ("in", [r.user for r in chosen] or [""])},
			fields=["name", "full_name"],
			as_list=True,
		)
	)
	doc.set("recipients", [])
	for recipient in chosen:
		# the name as it was when the report was shared (no fetch: the row is the rules' own)
		doc.append(
			"recipients",
			{
				"user": recipient.user,
				"full_name": names.get(recipient.user),
				"directorate": recipient.directorate,
				"reason": recipient.reason,
			},
		)
	doc.distributed_on = now_datetime()


def open_follow_ups(doc) -> None:
	"""A recommendation marked for follow-up becomes a request of the same customer, linked back."""
	installation = doc.installations[0].installation if doc.installations else None
	for row in doc.recommendations:
		if not row.follow_up or row.follow_up_request:
			continue
		request = frappe.new_doc("Support Request")
		request.update(
			{
				"subject": _("Follow-up of visit {0}: {1}").format(doc.name, row.recommendation)[:140],
				"customer": doc.customer,
				"contact": doc.contact,
				"installation": installation,
				"reason": "Guidance",
				"priority": row.priority,
				"channel": "Desk",
				"description": frappe.utils.escape_html(row.recommendation),
				"origin_visit": doc.name,
			}
		)
		by_rule(request)
		request.insert()
		row.db_set("follow_up_request", request.name, update_modified=False)


def show_on_customer_timeline(doc) -> None:
	"""The shared report on the customer's timeline: an Info comment linking to it."""
	link = frappe.utils.get_link_to_form(doc.doctype, doc.name)
	frappe.get_doc(
		{
			"doctype": "Comment",
			"comment_type": "Info",
			"reference_doctype": "Customer",
			"reference_name": doc.customer,
			"content": _("Visit report {0} shared: {1} visit on {2}, with {3} recipients.").format(
				link,
				frappe.utils.escape_html(_(doc.visit_kind, context="Visit Report")),
				frappe.utils.escape_html(doc.planned_local or ""),
				len(doc.recipients),
			),
		}
	).insert(ignore_permissions=True)


def enqueue_distribution(doc) -> None:
	frappe.enqueue(
		"onyx_support.services.visits.distribution.distribute",
		queue="short",
		enqueue_after_commit=True,
		report=doc.name,
	)


def keep_signed_pdf(doc) -> "frappe.model.document.Document":
	"""The shared report as a private PDF attached to it, with its SHA-256."""
	from onyx_support.services.pdf import document_pdf

	content = document_pdf(doc.doctype, doc.name, VISIT_PRINT_FORMAT, doc.language or "en")
	digest = hashlib.sha256(content).hexdigest()
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{doc.name}.pdf",
			"attached_to_doctype": doc.doctype,
			"attached_to_name": doc.name,
			"attached_to_field": "signed_pdf",
			"is_private": 1,
			"content": content,
		}
	)
	file.flags.ignore_permissions = True
	file.insert()
	doc.db_set({"signed_pdf": file.file_url, "signed_pdf_sha256": digest}, update_modified=False)
	return file


def distribute(report: str) -> None:
	"""After commit (a queued job): the PDF, then a mail and a notification per recipient."""
	doc = frappe.get_doc("Visit Report", report)
	if doc.docstatus != 1:
		return
	file = (
		keep_signed_pdf(doc) if not doc.signed_pdf else frappe.get_doc("File", {"file_url": doc.signed_pdf})
	)
	pending = [row for row in doc.recipients if not row.notified_on]
	if not pending:
		return
	emails = dict(
		frappe.get_all(
			"User",
			filters={"name": ("in", [row.user for row in pending])},
			fields=["name", "email"],
			as_list=True,
		)
	)
	subject = _("Visit report {0}: {1}").format(doc.name, doc.customer_name or doc.customer)
	message = frappe.render_template(
		"onyx_support/templates/emails/visit_shared.html",
		{"doc": doc, "url": frappe.utils.get_url_to_form(doc.doctype, doc.name)},
	)
	for row in pending:
		if emails.get(row.user):
			queue_mail(
				recipients=[emails[row.user]],
				subject=subject,
				message=message,
				reference_doctype=doc.doctype,
				reference_name=doc.name,
				attachments=[{"fid": file.name}],
			)
		log = frappe.new_doc("Notification Log")
		log.update(
			{
				"for_user": row.user,
				"type": "Alert",
				"document_type": doc.doctype,
				"document_name": doc.name,
				"subject": subject,
				"from_user": doc.modified_by,
			}
		)
		log.flags.ignore_permissions = True
		log.insert()
		frappe.db.set_value(
			"Visit Report Recipient", row.name, "notified_on", now_datetime(), update_modified=False
		)


def mark_read(doc, user: str) -> bool:
	for row in doc.recipients:
		if row.user == user and not row.read_on:
			frappe.db.set_value(
				"Visit Report Recipient", row.name, "read_on", now_datetime(), update_modified=False
			)
			return True
	return False
