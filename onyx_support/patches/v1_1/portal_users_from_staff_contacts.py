import frappe

from onyx_support.permissions.clients import add_portal_user, trusted_contacts_query_condition
from onyx_support.roles import SUPPORT_CLIENT


def execute():
	"""Client access used to follow any Contact naming the user. It now follows the Customer's
	Portal Users: carry over the clients whose Contact a desk user created (a Contact a client
	wrote for itself is not carried over; staff can grant it again from the Contact)."""
	rows = frappe.db.sql(
		f"""select distinct `tabContact`.user, dl.link_name
		from `tabContact`
		join `tabDynamic Link` dl on dl.parent = `tabContact`.name and dl.parenttype = 'Contact'
		join `tabHas Role` hr on hr.parent = `tabContact`.user and hr.parenttype = 'User' and hr.role = %s
		where dl.link_doctype = 'Customer' and ifnull(`tabContact`.user, '') != ''
		and `tabContact`.owner != `tabContact`.user
		and ({trusted_contacts_query_condition()})""",
		SUPPORT_CLIENT,
	)
	for user, customer in rows:
		add_portal_user(customer, user)
