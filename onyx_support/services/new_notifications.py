"""Frappe's "New" Notifications of a support request (the office's "new request" mail, and any an
administrator adds), sent by a background job after the intake commits.

Inline, Frappe evaluated them inside the intake: the Notification loaded from the database (no
cache), the request reloaded "for the latest values" (an inserted document no longer counts as
new), then the mail rendered and its HTML's CSS inlined to be queued. That was 4 of the insert's
queries and, for an office with an address, most of its time; and an error in an administrator's
template refused the client's request. The office reads its mail from Frappe's Email Queue, which
is sent by the scheduler anyway, so building it a moment later changes nothing it sees.

The request's `after_insert` runs before Frappe's notifications: it marks the "New" ones as
executed (Frappe skips them) and queues one job, after the commit (a rolled-back intake mails
nobody). The job evaluates them through Frappe's own `evaluate_alert` (condition, recipients,
mail, errors logged) on the committed request. In tests the job runs at once, as Frappe runs its
own queued work there.

On every later save, the "Value Change" Notifications (approval requested, escalated, breach
warning, resolved) are evaluated by the request's `on_change`, before Frappe's, through the same
`evaluate_alert` but with each Notification from Frappe's document cache: Frappe read each of them
from the database on every save of every request (8 queries a save, the SLA sweep's included).
"""

import frappe


def enabled_notifications(doctype: str) -> list:
	"""Frappe's own list (Document.run_notifications): same cache key, same query."""
	return frappe.cache.hget(
		"notifications",
		doctype,
		lambda: frappe.get_all(
			"Notification",
			fields=["name", "event", "method"],
			filters={"enabled": 1, "document_type": doctype},
		),
	)


def muted() -> bool:
	return bool(
		(frappe.flags.in_import and frappe.flags.mute_emails)
		or frappe.flags.in_patch
		or frappe.flags.in_install
	)


def _listed(doc) -> list:
	if doc.flags.notifications is None:
		doc.flags.notifications = enabled_notifications(doc.doctype)
	if doc.flags.notifications_executed is None:
		doc.flags.notifications_executed = []
	return doc.flags.notifications


def queue_new_notifications(doc) -> None:
	if muted():
		return
	names = [
		alert.name
		for alert in _listed(doc)
		if alert.event == "New" and alert.name not in doc.flags.notifications_executed
	]
	if not names:
		return
	doc.flags.notifications_executed.extend(names)  # Frappe's own run skips them
	frappe.enqueue(
		"onyx_support.services.new_notifications.send_new_notifications",
		queue="short",
		doctype=doc.doctype,
		name=doc.name,
		notifications=names,
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
	)


def send_new_notifications(doctype: str, name: str, notifications: list[str]) -> None:
	from frappe.email.doctype.notification.notification import evaluate_alert

	if not frappe.db.exists(doctype, name):
		return
	doc = frappe.get_doc(doctype, name)
	for notification in notifications:
		if not frappe.db.exists("Notification", {"name": notification, "enabled": 1}):
			continue
		doc.set("__islocal", True)  # just read: Frappe would read it again before sending
		try:
			evaluate_alert(doc, frappe.get_cached_doc("Notification", notification), "New")
		finally:
			doc.set("__islocal", False)


def run_value_change_notifications(doc) -> None:
	"""Frappe's evaluation of the "Value Change" Notifications on a save (not on an insert), each
	Notification from the document cache; Frappe's own run then skips them as executed."""
	if muted() or doc.flags.in_insert or doc.flags.in_delete:
		return
	from frappe.email.doctype.notification.notification import evaluate_alert

	for alert in _listed(doc):
		if alert.event != "Value Change" or alert.name in doc.flags.notifications_executed:
			continue
		evaluate_alert(doc, frappe.get_cached_doc("Notification", alert.name), "Value Change")
		doc.flags.notifications_executed.append(alert.name)
