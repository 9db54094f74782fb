"""Mail the app sends itself, always queued (never sent inside the request)."""

import frappe
from frappe import _


def queue_mail(recipients: list[str], subject: str, message: str, **kwargs) -> bool:
	"""Queue a mail; on a site with no outgoing e-mail account, say so and go on (the action that
	sends it must not fail because the site cannot mail yet)."""
	try:
		frappe.sendmail(recipients=recipients, subject=subject, message=message, now=False, **kwargs)
	except frappe.OutgoingEmailError:
		frappe.msgprint(
			_("No outgoing e-mail account is set up: {0} could not be told by mail.").format(
				", ".join(recipients)
			),
			indicator="orange",
			alert=True,
		)
		return False
	return True
