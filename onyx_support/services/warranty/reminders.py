"""Warranty agreements day by day: each submitted agreement's status on its office's local day, and
the renewal reminders before it ends.

- Status: only the agreements whose status can change today are read (an Upcoming one whose start
  has come, an Active one whose end has passed, a Grace one whose grace has run out, or one whose
  stored status is not a submitted agreement's), never the whole table.
- Reminders: at each offset of the settings ("60, 30, 7" days before the end), one queued mail to
  the client's portal users (else its primary contact) with the office and its managers in copy,
  recorded as a Warranty Reminder row so that an offset is never mailed twice. An agreement that
  already has a renewal (draft or submitted) gets none. When several offsets are due at once (the
  job did not run for a while), only the nearest is mailed and the larger ones are recorded as
  skipped: the client never receives a burst of reminders.
"""

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import add_days, formatdate, get_url, getdate, now_datetime, nowdate
from markupsafe import escape

from onyx_support.services.jobs import each_row, scheduled_job
from onyx_support.services.mail import queue_mail
from onyx_support.services.warranty.agreements import status_of
from onyx_support.services.warranty.coverage import office_day

SKIPPED = "skipped"
SUBMITTED_STATUSES = ("Upcoming", "Active", "Grace", "Expired")


@scheduled_job("refresh_agreements")
def refresh_agreements() -> dict:
	"""Daily: store each agreement's status as of its office's day, then send the reminders due."""
	refreshed, _failed = each_row(
		_("Agreement status"), "Warranty Agreement", agreements_to_refresh(), refresh_status
	)
	offsets = reminder_offsets()
	reminded, _failed = each_row(
		_("Renewal reminder"),
		"Warranty Agreement",
		agreements_to_remind(offsets),
		lambda name: remind(name, offsets),
	)
	return {"refreshed": refreshed, "reminded": reminded}


# --- status ------------------------------------------------------------------------------------


def agreements_to_refresh() -> list[str]:
	"""Submitted agreements whose stored status may be stale today. An office's local day is at
	most one day after the server's, hence the bound of tomorrow; rows found but unchanged are left
	as they are."""
	return frappe.db.sql_list(
		"""select agreement.name from `tabWarranty Agreement` agreement
		left join `tabSupport Office` office on office.name = agreement.selling_office
		where agreement.docstatus = 1 and (
			(agreement.status = 'Upcoming' and agreement.start_date <= %(tomorrow)s)
			or (agreement.status = 'Active' and agreement.end_date < %(tomorrow)s)
			or (agreement.status = 'Grace'
				and date_add(agreement.end_date, interval ifnull(office.grace_days, 0) day) < %(tomorrow)s)
			or ifnull(agreement.status, '') not in %(statuses)s
		)
		order by agreement.end_date""",
		{"tomorrow": add_days(nowdate(), 1), "statuses": SUBMITTED_STATUSES},
	)


def refresh_status(name: str) -> None:
	doc = frappe.db.get_value(
		"Warranty Agreement",
		name,
		["name", "docstatus", "selling_office", "start_date", "end_date", "status", "grace_until"],
		as_dict=True,
	)
	status = status_of(doc)
	grace_days = frappe.get_cached_value("Support Office", doc.selling_office, "grace_days") or 0
	grace_until = add_days(doc.end_date, grace_days) if grace_days else None
	changes = {}
	if status != doc.status:
		changes["status"] = status
	if (getdate(grace_until) if grace_until else None) != (
		getdate(doc.grace_until) if doc.grace_until else None
	):
		changes["grace_until"] = grace_until
	if changes:
		frappe.db.set_value("Warranty Agreement", name, changes, update_modified=False)


# --- reminders ---------------------------------------------------------------------------------


def reminder_offsets() -> list[int]:
	"""The settings' days before the end ("60, 30, 7"), largest first; nonsense is ignored."""
	raw = frappe.db.get_single_value("Onyx Support Settings", "renewal_reminder_days") or ""
	offsets = set()
	for part in raw.replace(";", ",").split(","):
		part = part.strip()
		if part.isdigit():
			offsets.add(int(part))
	return sorted(offsets, reverse=True)


def agreements_to_remind(offsets: list[int]) -> list[str]:
	"""Submitted agreements with no renewal, whose largest offset has come and that are not past
	their grace, and whose nearest offset is not yet recorded (once it is, nothing is left)."""
	if not offsets:
		return []
	return frappe.db.sql_list(
		"""select agreement.name from `tabWarranty Agreement` agreement
		left join `tabSupport Office` office on office.name = agreement.selling_office
		where agreement.docstatus = 1
			and agreement.end_date <= %(latest_end)s
			and date_add(agreement.end_date, interval ifnull(office.grace_days, 0) day) >= %(yesterday)s
			and not exists (select 1 from `tabWarranty Agreement` renewal
				where renewal.renewal_of = agreement.name and renewal.docstatus < 2)
			and not exists (select 1 from `tabWarranty Reminder` reminder
				where reminder.parenttype = 'Warranty Agreement' and reminder.parent = agreement.name
				and reminder.days_before = %(nearest)s)
		order by agreement.end_date""",
		{
			"latest_end": add_days(nowdate(), max(offsets) + 1),
			"yesterday": add_days(nowdate(), -1),
			"nearest": min(offsets),
		},
	)


def due_offsets(end_date, today, offsets: list[int], recorded: set[int]) -> list[int]:
	"""The offsets whose day has come (today >= end - d) and that were neither sent nor skipped."""
	end = getdate(end_date)
	return sorted((d for d in offsets if d not in recorded and today >= add_days(end, -d)), reverse=True)


def remind(name: str, offsets: list[int]) -> None:
	doc = frappe.get_doc("Warranty Agreement", name)
	if doc.docstatus != 1:
		return
	today = office_day(doc.selling_office)
	grace_days = frappe.get_cached_value("Support Office", doc.selling_office, "grace_days") or 0
	if today > add_days(getdate(doc.end_date), grace_days):
		return  # past the grace: the agreement has expired, a reminder would come too late
	due = due_offsets(doc.end_date, today, offsets, {row.days_before for row in doc.reminders})
	if not due:
		return
	nearest = due[-1]
	recipients, cc = reminder_recipients(doc)
	if not recipients and not cc:
		return  # nobody to tell yet: tried again tomorrow
	if not send_reminder(doc, recipients, cc):
		return  # the site cannot mail yet: tried again tomorrow
	now = now_datetime()
	for skipped in due[:-1]:
		record(doc, skipped, now, SKIPPED)
	record(doc, nearest, now, ", ".join([*recipients, *cc]))


def record(doc, days_before: int, when, recipients: str) -> None:
	"""A Warranty Reminder row of a submitted agreement, written as a row of its own (the
	agreement itself is not saved again)."""
	row = doc.append(
		"reminders",
		{"days_before": days_before, "sent_on": when, "recipients": recipients, "docstatus": doc.docstatus},
	)
	row.db_insert()


def reminder_recipients(doc) -> tuple[list[str], list[str]]:
	"""(to, cc): the client's portal users, else the e-mail of its primary contact; in copy the
	office's address and its managers."""
	to = frappe.db.sql_list(
		"""select distinct user.email from `tabPortal User` portal
		join `tabUser` user on user.name = portal.user
		where portal.parenttype = 'Customer' and portal.parent = %s and user.enabled = 1
			and ifnull(user.email, '') != ''
		order by user.email""",
		doc.customer,
	)
	if not to:
		contact, customer_email = frappe.db.get_value(
			"Customer", doc.customer, ["customer_primary_contact", "email_id"]
		) or (None, None)
		email = frappe.db.get_value("Contact", contact, "email_id") if contact else None
		email = email or customer_email
		to = [email] if email else []
	cc = []
	office_email = frappe.get_cached_value("Support Office", doc.selling_office, "email")
	if office_email:
		cc.append(office_email)
	cc.extend(
		frappe.db.sql_list(
			"""select distinct user.email from `tabSupport Office Engineer` engineer
			join `tabUser` user on user.name = engineer.user
			where engineer.parenttype = 'Support Office' and engineer.parent = %s
				and engineer.office_role = 'Manager' and user.enabled = 1 and ifnull(user.email, '') != ''
			order by user.email""",
			doc.selling_office,
		)
	)
	seen = {address.lower() for address in to}
	cc = [address for address in dict.fromkeys(cc) if address.lower() not in seen]
	return to, cc


def send_reminder(doc, recipients: list[str], cc: list[str]) -> bool:
	"""One queued mail in the client's language: the end date and how to renew."""
	language = frappe.get_cached_value("Customer", doc.customer, "language") or frappe.db.get_default("lang")
	office = frappe.get_cached_value(
		"Support Office", doc.selling_office, ["office_name", "email", "phone", "grace_days"], as_dict=True
	)
	with print_language(language or "en"):
		subject, message = reminder_mail(doc, office)
	return queue_mail(
		recipients=recipients or cc,
		cc=cc if recipients else [],
		subject=subject,
		message=message,
		reference_doctype=doc.doctype,
		reference_name=doc.name,
	)


def reminder_mail(doc, office) -> tuple[str, str]:
	end = formatdate(doc.end_date)
	subject = _("Your support agreement {0} ends on {1}").format(doc.name, end)
	reach = ", ".join(filter(None, [office.email, office.phone]))
	lines = [
		_("Dear client,"),
		_("Your support agreement {0} with {1} ends on {2}.").format(
			doc.name, office.office_name or doc.selling_office, end
		),
		_("To keep free support without interruption, renew it with {0} ({1}) before that date.").format(
			office.office_name or doc.selling_office, reach or "-"
		)
		if reach
		else _("To keep free support without interruption, renew it with {0} before that date.").format(
			office.office_name or doc.selling_office
		),
	]
	if office.grace_days:
		lines.append(
			_(
				"A renewal signed within {0} days after the end still starts the day after it: no day is billed."
			).format(office.grace_days)
		)
	lines.append(
		_("Your installations' coverage is shown on the support portal: {0}").format(
			get_url("/support/coverage")
		)
	)
	message = "".join(f"<p>{escape(line)}</p>" for line in lines)
	return subject, message
