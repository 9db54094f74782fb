import frappe
from frappe import _
from markupsafe import escape

from onyx_support.services.html import clean_html, safe_url
from onyx_support.services.portal import (
	local_time_label,
	may_reopen,
	own_request,
	prepare_page,
	public_history,
	request_attachments,
)
from onyx_support.services.warranty.coverage import coverage_sentence


def get_context(context):
	prepare_page(context, _("Support request"), "detail")
	doc = own_request(frappe.form_dict.get("name"))
	context.doc = doc
	# Escaped here: Frappe's breadcrumbs print the title as is (Markup is not escaped twice by |e).
	context.title = escape("{0} · {1}".format(doc.name, doc.subject))
	context.parents = [
		{"route": "/support", "title": _("Support", context="onyx_support")},
		{"route": "/support/requests", "title": _("My requests")},
	]
	# Rich text is rendered as HTML: cleaned again at display, so that a value stored before the
	# cleaner existed, or written past it (db_set, data import), cannot run script either.
	context.description_html = clean_html(doc.description)
	context.resolution_html = clean_html(doc.resolution_summary)
	context.history = public_history(doc)
	for message in context.history:
		message.content_html = clean_html(message.content)
		for file in message.attachments:
			file.file_url = safe_url(file.file_url)
	context.attachments = request_attachments(doc)
	for file in context.attachments:
		file.file_url = safe_url(file.file_url)
	context.opened = local_time_label(doc.opened_on or doc.creation, doc.office)
	context.proposed_when = local_time_label(doc.proposed_schedule, doc.office)
	context.may_decide = doc.status == "Awaiting Client Approval"
	context.may_confirm = doc.status == "Resolved"
	context.may_reopen = may_reopen(doc)
	context.may_rate = doc.status in ("Resolved", "Closed")
	# the cover stamped when the request was opened (free, under agreement, grace or billable)
	context.coverage_sentence = coverage_sentence(doc.coverage_state, doc.covered_until, doc.office)
	context.stars = round((doc.feedback_rating or 0) * 5)
	return context
