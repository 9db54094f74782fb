"""Records the app seeds once and then leaves to the administrator: the default SLA policy, the
Notifications of the request flow and the Kanban board. Unlike fixtures they are never
overwritten; one the administrator deleted is not created again."""

import frappe

SEEDED_KEY = "onyx_support_seeded"

DEFAULT_SLA_POLICY = {
	"doctype": "Support SLA Policy",
	"policy_name": "Standard",
	"is_default": 1,
	"warning_minutes": 60,
	"targets": [
		{"priority": "Urgent", "first_response_minutes": 30, "resolution_minutes": 240},
		{"priority": "High", "first_response_minutes": 60, "resolution_minutes": 480},
		{"priority": "Medium", "first_response_minutes": 240, "resolution_minutes": 1440},
		{"priority": "Low", "first_response_minutes": 480, "resolution_minutes": 2400},
		{
			"priority": "Low",
			"reason": "Update Delivery",
			"first_response_minutes": 960,
			"resolution_minutes": 4800,
		},
	],
}

_REQUEST_SUMMARY = """
<p><b>{{ doc.subject }}</b></p>
<p>{{ _("Client") }}: {{ doc.customer_name or doc.raised_by or "" }}<br>
{{ _("Reason") }}: {{ _(doc.reason) }} · {{ _("Priority") }}: {{ _(doc.priority) }} · {{ _("Office") }}: {{ doc.office }}<br>
{% if doc.resolution_due %}{{ _("Resolution due") }}: {{ frappe.utils.format_datetime(doc.resolution_due) }}{% endif %}</p>
<p><a href="{{ frappe.utils.get_url_to_form(doc.doctype, doc.name) }}">{{ _("Open the request") }}</a></p>
"""


def _notification(name, subject, event, recipients, message, value_changed=None, condition=None):
	doc = {
		"doctype": "Notification",
		"name": name,
		"subject": subject,
		"document_type": "Support Request",
		"event": event,
		"channel": "Email",
		"enabled": 1,
		"is_standard": 0,
		"module": "Support Requests",
		"send_system_notification": 0,
		"message_type": "HTML",
		"message": message,
		"recipients": recipients,
	}
	if value_changed:
		doc["value_changed"] = value_changed
	if condition:
		doc["condition"] = condition
	return doc


NOTIFICATIONS = [
	_notification(
		"Support Request: New for the Office",
		'{{ _("New support request {0}").format(doc.name) }}',
		"New",
		[{"receiver_by_document_field": "office_email"}],
		_REQUEST_SUMMARY,
	),
	_notification(
		"Support Request: Approval Requested",
		'{{ _("Your approval is requested for {0}").format(doc.name) }}',
		"Value Change",
		[{"receiver_by_document_field": "raised_by"}],
		"""<p>{{ _("Before we start, please approve what will be done:") }}</p>
<p>{{ doc.proposed_action }}</p>
{% if doc.proposed_schedule %}<p>{{ _("When") }}: {{ frappe.utils.format_datetime(doc.proposed_schedule) }}</p>{% endif %}
<p><a href="{{ frappe.utils.get_url() }}/support/requests/{{ doc.name }}">{{ _("Approve or decline") }}</a></p>""",
		value_changed="status",
		condition='doc.status == "Awaiting Client Approval"',
	),
	_notification(
		"Support Request: Escalated to Central",
		'{{ _("Escalated to central support: {0}").format(doc.name) }}',
		"Value Change",
		[{"receiver_by_role": "Central Support Engineer"}, {"receiver_by_document_field": "office_email"}],
		"""<p>{{ _("Escalation reason") }}: {{ _(doc.escalation_reason) }}</p><p>{{ doc.escalation_note or "" }}</p>"""
		+ _REQUEST_SUMMARY,
		value_changed="status",
		condition='doc.status == "Escalated to Central"',
	),
	_notification(
		"Support Request: Breach Warning",
		'{{ _("At risk of missing its deadline: {0}").format(doc.name) }}',
		"Value Change",
		[{"receiver_by_document_field": "assigned_engineer"}, {"receiver_by_document_field": "office_email"}],
		_REQUEST_SUMMARY,
		value_changed="sla_status",
		condition='doc.sla_status == "At Risk"',
	),
	_notification(
		"Support Request: Resolved",
		'{{ _("Your support request {0} is resolved").format(doc.name) }}',
		"Value Change",
		[{"receiver_by_document_field": "raised_by"}],
		"""<p>{{ doc.resolution_summary or "" }}</p>
<p><a href="{{ frappe.utils.get_url() }}/support/requests/{{ doc.name }}">{{ _("Tell us how we did") }}</a></p>""",
		value_changed="status",
		condition='doc.status == "Resolved"',
	),
]

KANBAN_BOARD = {
	"doctype": "Kanban Board",
	"kanban_board_name": "Support Requests by Status",
	"reference_doctype": "Support Request",
	"field_name": "status",
	"private": 0,
	"show_labels": 1,
	"columns": [
		{"column_name": state, "status": "Active", "indicator": colour}
		for state, colour in (
			("New", "Blue"),
			("Triaged", "Cyan"),
			("Awaiting Client Approval", "Orange"),
			("Approved", "Green"),
			("In Progress", "Blue"),
			("Waiting on Client", "Orange"),
			("Escalated to Central", "Red"),
			("Resolved", "Green"),
		)
	],
}


def _key(doc: dict) -> tuple[str, str]:
	name = doc.get("name") or doc.get("policy_name") or doc.get("kanban_board_name")
	return doc["doctype"], name


def seed_once() -> None:
	seeded = {tuple(item) for item in frappe.parse_json(frappe.db.get_default(SEEDED_KEY) or "[]")}
	before = set(seeded)
	for record in [DEFAULT_SLA_POLICY, *NOTIFICATIONS, KANBAN_BOARD]:
		key = _key(record)
		if key in seeded:
			continue
		if not frappe.db.exists(*key):
			doc = frappe.get_doc(frappe._dict(record).copy())
			doc.insert(ignore_permissions=True)
		seeded.add(key)
	if seeded != before:
		frappe.db.set_default(SEEDED_KEY, frappe.as_json(sorted(seeded)))
