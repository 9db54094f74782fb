"""E-mail intake through Frappe's Email Account (`append_to` = Support Request).

Frappe creates the request from a new mail (sender and subject) and threads replies onto it as
Communications. This hook completes a new request from its first mail, and lets a client's reply
restart a request that was waiting on the client.
"""

import frappe
from frappe.model.workflow import apply_workflow

from onyx_support.domain.request_flow import State
from onyx_support.services.html import clean_html


def on_communication(communication, method=None):
	if (
		communication.reference_doctype != "Support Request"
		or communication.communication_medium != "Email"
		or communication.sent_or_received != "Received"
	):
		return
	request = frappe.get_doc("Support Request", communication.reference_name)
	if (
		not request.description
		and request.channel in ("Desk", "E-mail")
		and _first_mail_of(request, communication)
	):
		if not communication.content:
			return  # the content comes with the second save of the communication
		request.db_set(
			{"channel": "E-mail", "description": clean_html(communication.content)},
			update_modified=False,
		)
		return
	if request.status == State.WAITING_ON_CLIENT.value:
		request.flags.ignore_permissions = True
		apply_workflow(request, "Client Replied")


def _first_mail_of(request, communication) -> bool:
	return not frappe.db.exists(
		"Communication",
		{
			"reference_doctype": "Support Request",
			"reference_name": request.name,
			"name": ("!=", communication.name),
			"communication_medium": "Email",
		},
	)
