import frappe

from onyx_support.arguments import checked_arguments
from onyx_support.permissions.staff import offices_of


@frappe.whitelist()
@checked_arguments
def my_offices() -> list[str]:
	"""The offices the current user works in (for the 'My Office' queue)."""
	return offices_of(frappe.session.user)
