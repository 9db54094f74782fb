"""Who is a client's contact, proven only by records a client cannot write.

Membership is ERPNext's own: a website user is a portal user of a Customer (the Customer's
"Portal Users" table, `tabPortal User`), which only staff who may edit the Customer or serve it
can fill. A Contact's `user` field, a ToDo or a mail's From are written by whoever sends them, so
they never prove membership on their own. E-mail addresses are trusted when they belong to such
a portal user, or to a Contact created by a desk user.
"""

import frappe
from frappe.permissions import is_system_user

from onyx_support.permissions.staff import is_office_staff, offices_of, parents_listing, sees_whole_network


def customers_of_portal_user(user: str) -> list[str]:
	"""Customers whose Portal Users table lists the user (ERPNext's membership)."""
	if not user or user == "Guest":
		return []
	return parents_listing("Portal User", "Customer", user)


def is_portal_user_of(user: str, customer: str | None) -> bool:
	return bool(customer) and customer in customers_of_portal_user(user)


def contact_of_user(user: str, customer: str) -> str | None:
	"""The user's Contact among the customer's contacts (for names and approvals, not for proof)."""
	contact = frappe.qb.DocType("Contact")
	link = frappe.qb.DocType("Dynamic Link")
	rows = (
		frappe.qb.from_(contact)
		.join(link)
		.on((link.parent == contact.name) & (link.parenttype == "Contact"))
		.select(contact.name)
		.where((contact.user == user) & (link.link_doctype == "Customer") & (link.link_name == customer))
		.limit(1)
		.run(pluck=True)
	)
	return rows[0] if rows else None


def may_grant_portal_access(customer: str, user: str | None = None) -> bool:
	"""Staff of the office serving the customer, central support, administrators, or anyone
	ERPNext lets edit the Customer. Never a website user, never the client itself."""
	user = user or frappe.session.user
	if not is_system_user(user):
		return False
	if sees_whole_network(user):
		return True
	if is_office_staff(user):
		offices = offices_of(user)
		return bool(
			offices
			and frappe.db.exists(
				"Client Installation", {"customer": customer, "serving_office": ("in", offices)}
			)
		)
	return bool(frappe.has_permission("Customer", "write", customer, user=user))


def add_portal_user(customer: str, user: str) -> bool:
	"""List the user among the customer's portal users; True when it was added now.

	Written as a row of its own: saving the whole Customer would run ERPNext's customer
	validations (credit limits, accounts) that support staff have no business with."""
	if frappe.db.exists("Portal User", {"parenttype": "Customer", "parent": customer, "user": user}):
		return False
	idx = (
		frappe.db.count(
			"Portal User", {"parenttype": "Customer", "parent": customer, "parentfield": "portal_users"}
		)
		+ 1
	)
	frappe.get_doc(
		{
			"doctype": "Portal User",
			"parenttype": "Customer",
			"parentfield": "portal_users",
			"parent": customer,
			"idx": idx,
			"user": user,
		}
	).db_insert()
	return True


def trusted_contacts_query_condition(contact_alias: str = "`tabContact`") -> str:
	"""SQL: the Contact was created by a desk user (a client cannot have written it)."""
	return (
		f"exists (select 1 from `tabUser` creator where creator.name = {contact_alias}.owner "
		"and creator.user_type = 'System User')"
	)


def known_addresses(customer: str | None, extra_contacts: tuple[str, ...] = ()) -> set[str]:
	"""The e-mail addresses that speak for the customer: its portal users' and those of the
	Contacts staff created for it (plus the named contacts, e.g. the request's own)."""
	if not customer:
		return set()
	addresses = set(
		frappe.db.sql_list(
			"""select lower(u.email) from `tabPortal User` p join `tabUser` u on u.name = p.user
			where p.parenttype = 'Customer' and p.parent = %s and u.enabled = 1""",
			customer,
		)
	)
	addresses.update(
		frappe.db.sql_list(
			f"""select lower(ce.email_id) from `tabContact Email` ce
			join `tabContact` on `tabContact`.name = ce.parent
			join `tabDynamic Link` dl on dl.parent = `tabContact`.name and dl.parenttype = 'Contact'
			where dl.link_doctype = 'Customer' and dl.link_name = %s
			and ({trusted_contacts_query_condition()})""",
			customer,
		)
	)
	if extra_contacts:
		addresses.update(
			frappe.get_all(
				"Contact Email",
				filters={"parent": ("in", list(extra_contacts)), "parenttype": "Contact"},
				pluck="email_id",
			)
		)
	return {address.lower() for address in addresses if address}


def trusted_sender(address: str | None) -> tuple[str, str | None] | None:
	"""(customer, contact) for a mail's sender when the address is known for exactly one
	customer; None when it is unknown (or ambiguous): such mail goes to central, flagged."""
	if not address:
		return None
	address = address.strip().lower()
	user = frappe.db.get_value("User", {"email": address, "enabled": 1}, "name")
	customers = set(customers_of_portal_user(user)) if user else set()
	contacts = frappe.db.sql(
		f"""select `tabContact`.name, dl.link_name from `tabContact Email` ce
		join `tabContact` on `tabContact`.name = ce.parent
		join `tabDynamic Link` dl on dl.parent = `tabContact`.name and dl.parenttype = 'Contact'
		where ce.email_id = %s and dl.link_doctype = 'Customer'
		and ({trusted_contacts_query_condition()})""",
		address,
	)
	customers.update(customer for _contact, customer in contacts)
	if len(customers) != 1:
		return None
	(customer,) = customers
	contact = next((name for name, linked in contacts if linked == customer), None)
	if not contact and user:
		contact = contact_of_user(user, customer)
	return customer, contact


def is_trusted_contact_of(contact: str | None, customer: str | None) -> bool:
	"""The Contact belongs to the customer and speaks for it: staff created it, or its user is
	one of the customer's portal users."""
	if not contact or not customer:
		return False
	linked = frappe.db.exists(
		"Dynamic Link",
		{"parenttype": "Contact", "parent": contact, "link_doctype": "Customer", "link_name": customer},
	)
	if not linked:
		return False
	owner, user = frappe.db.get_value("Contact", contact, ["owner", "user"])
	return is_system_user(owner) or bool(user and is_portal_user_of(user, customer))
