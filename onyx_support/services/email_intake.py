"""E-mail intake through Frappe's Email Account (`append_to` = Support Request).

Frappe creates the request from a new mail (sender and subject) and threads replies onto it as
Communications. This hook completes a new request from its first mail, and lets a client's reply
restart a request that was waiting on the client. Mail from addresses support does not know
for the client is held (domain/audience.py).
"""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow

from onyx_support.domain.audience import is_known_sender
from onyx_support.domain.request_flow import State
from onyx_support.permissions.clients import known_addresses
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
			{"channel": "E-mail", "description": clean_html(communication.content or "")},
			update_modified=False,
		)
		return
	known = known_addresses(request.customer, (request.contact,) if request.contact else ())
	if not is_known_sender(communication.sender, known):
		# Anyone can put "(#SR-…)" in a subject: such mail stays on the request for an engineer
		# to read, never reaches the client's portal and does not move the request.
		if communication.flags.in_insert:
			request.add_comment(
				"Info",
				_("Mail from {0} is held for an engineer: the address is not known for this client.").format(
					frappe.bold(communication.sender)
				),
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
