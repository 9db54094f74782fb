"""Client users follow ERPNext's portal model: a website user listed among a Customer's Portal
Users. Only staff who serve the customer (or may edit it) put a user there, by saving the
client's Contact with its user, or by inviting the Contact ("Invite as User"). A Contact that a
website user wrote for itself proves nothing (permissions/clients.py)."""

import frappe

from onyx_support.permissions.clients import add_portal_user, may_grant_portal_access
from onyx_support.roles import SUPPORT_CLIENT


def _grant_portal_access(contact, user: str) -> bool:
	"""List the user among the portal users of the Contact's customers that the caller serves;
	True when there was at least one."""
	granted = [
		link.link_name
		for link in contact.links
		if link.link_doctype == "Customer" and link.link_name and may_grant_portal_access(link.link_name)
	]
	for customer in granted:
		add_portal_user(customer, user)
	return bool(granted)


def grant_client_role(contact, method=None) -> None:
	"""Contact hook: staff linking a user to their client's Contact give it portal access."""
	if not contact.user or contact.user == frappe.session.user:
		return
	if _grant_portal_access(contact, contact.user) and SUPPORT_CLIENT not in frappe.get_roles(contact.user):
		user = frappe.get_doc("User", contact.user)
		user.flags.ignore_permissions = True
		user.add_roles(SUPPORT_CLIENT)


def link_invited_user(user, method=None) -> None:
	"""User hook: a website user invited by staff from a client's Contact ("Invite as User") is
	linked to that Contact, listed among the customer's portal users and becomes a Support
	Client, so the invitation e-mail is all the client needs. A user signing up alone is not."""
	if user.user_type != "Website User" or not user.email or frappe.session.user in ("Guest", user.name):
		return
	contact_name = frappe.db.get_value("Contact Email", {"email_id": user.email}, "parent")
	if not contact_name:
		return
	contact = frappe.get_doc("Contact", contact_name)
	if not _grant_portal_access(contact, user.name):
		return
	if not contact.user:
		contact.db_set("user", user.name, update_modified=False)
	if SUPPORT_CLIENT not in {row.role for row in user.roles}:
		# Inside the user's own insert: write the role row directly rather than save the user again.
		user.append("roles", {"role": SUPPORT_CLIENT}).db_insert()
		frappe.clear_cache(user=user.name)
