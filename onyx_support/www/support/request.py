import frappe
from frappe import _

from onyx_support.services.portal import (
	local_time_label,
	may_reopen,
	own_request,
	prepare_page,
	public_history,
	request_attachments,
)


def get_context(context):
	prepare_page(context, _("Support request"), "detail")
	doc = own_request(frappe.form_dict.get("name"))
	context.doc = doc
	context.title = "{0} · {1}".format(doc.name, doc.subject)
	context.parents = [
		{"route": "/support", "title": _("Support")},
		{"route": "/support/requests", "title": _("My requests")},
	]
	context.history = public_history(doc)
	context.attachments = request_attachments(doc)
	context.opened = local_time_label(doc.opened_on or doc.creation, doc.office)
	context.proposed_when = local_time_label(doc.proposed_schedule, doc.office)
	context.may_decide = doc.status == "Awaiting Client Approval"
	context.may_confirm = doc.status == "Resolved"
	context.may_reopen = may_reopen(doc)
	context.may_rate = doc.status in ("Resolved", "Closed")
	context.stars = round((doc.feedback_rating or 0) * 5)
	return context
