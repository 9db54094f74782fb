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


def link_invited_user(user, method=None) -> None:
	"""User hook: a website user invited from a client's Contact ("Invite as User") is linked to
	that Contact and becomes a Support Client, so the invitation e-mail is all the client needs."""
	if user.user_type != "Website User" or not user.email:
		return
	contact_name = frappe.db.get_value("Contact Email", {"email_id": user.email}, "parent")
	if not contact_name:
		return
	contact = frappe.get_doc("Contact", contact_name)
	if not any(link.link_doctype == "Customer" for link in contact.links):
		return
	if not contact.user:
		contact.db_set("user", user.name, update_modified=False)
	if SUPPORT_CLIENT not in {row.role for row in user.roles}:
		# Inside the user's own insert: write the role row directly rather than save the user again.
		user.append("roles", {"role": SUPPORT_CLIENT}).db_insert()
		frappe.clear_cache(user=user.name)
