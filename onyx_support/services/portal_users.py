"""Client users follow ERPNext's portal model: a website user linked to a Contact of a Customer.
The administrator invites the contact from its form ("Invite as User"); once the user exists and
the contact belongs to a customer, the user gets the Support Client role."""

import frappe

from onyx_support.roles import SUPPORT_CLIENT


def grant_client_role(contact, method=None) -> None:
	if not contact.user or not any(link.link_doctype == "Customer" for link in contact.links):
		return
	if SUPPORT_CLIENT in frappe.get_roles(contact.user):
		return
	user = frappe.get_doc("User", contact.user)
	user.flags.ignore_permissions = True
	user.add_roles(SUPPORT_CLIENT)
