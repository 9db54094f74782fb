"""The client portal's actions. Each one: POST only, throttled per user, and checks that the
request (or installation) belongs to the caller's customer before any side effect. Files are
checked before anything is written, so a refused file leaves no request half-created."""

import os

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.rate_limiter import rate_limit
from frappe.utils import cint, strip_html

from onyx_support.api.requests import record_client_decision
from onyx_support.arguments import checked_arguments
from onyx_support.domain.request_flow import State, is_solved
from onyx_support.domain.text import without_controls
from onyx_support.permissions.clients import contact_of_user
from onyx_support.services.html import clean_html
from onyx_support.services.knowledge.counters import count_deflection
from onyx_support.services.portal import (
	STATUS_FILTERS,
	list_requests,
	office_open_now,
	own_request,
	require_client,
	visible_file,
)
from onyx_support.services.portal import help as portal_help
from onyx_support.services.portal.visits import PRINTABLE_STATES, own_visit
from onyx_support.services.requests import already_filed
from onyx_support.services.requests import submission_key as intake_key
from onyx_support.services.throttle import throttle
from onyx_support.services.visits import signing
from onyx_support.support_requests.doctype.support_request.support_request import AlreadyFiled

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 5
ALLOWED_EXTENSIONS = {
	".png",
	".jpg",
	".jpeg",
	".gif",
	".pdf",
	".txt",
	".log",
	".csv",
	".xlsx",
	".docx",
	".zip",
}


class AttachmentRefused(frappe.ValidationError):
	pass


class InvalidPortalInput(frappe.ValidationError):
	pass


def _uploaded_files() -> list:
	"""The uploaded files of this request, checked for count, size and type."""
	files = list(frappe.request.files.getlist("files")) if frappe.request and frappe.request.files else []
	files = [f for f in files if f and f.filename]
	if len(files) > MAX_FILES:
		frappe.throw(_("Attach at most {0} files.").format(MAX_FILES), AttachmentRefused)
	checked = []
	for upload in files:
		extension = os.path.splitext(upload.filename)[1].lower()
		if extension not in ALLOWED_EXTENSIONS:
			frappe.throw(
				_("{0}: this type of file is not accepted.").format(frappe.bold(upload.filename)),
				AttachmentRefused,
			)
		content = upload.stream.read(MAX_FILE_BYTES + 1)
		if len(content) > MAX_FILE_BYTES:
			frappe.throw(
				_("{0} is larger than {1} MB.").format(
					frappe.bold(upload.filename), MAX_FILE_BYTES // (1024 * 1024)
				),
				AttachmentRefused,
			)
		checked.append((upload.filename, content))
	return checked


def _attach(files, doctype: str, name: str) -> None:
	for file_name, content in files:
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"attached_to_doctype": doctype,
				"attached_to_name": name,
				"is_private": 1,
				"content": content,
			}
		).insert(ignore_permissions=True)


def _choice(value, fieldname: str, label: str):
	"""The value must be one of the Support Request field's own options (blank allowed where the
	field allows it)."""
	options = (frappe.get_meta("Support Request").get_field(fieldname).options or "").split("\n")
	if (value or "") not in options:
		frappe.throw(_("Choose a valid {0}.").format(_(label)), InvalidPortalInput)
	return value


@frappe.whitelist(methods=["POST"])
@checked_arguments
@throttle(limit=10, seconds=3600)
def submit_request(
	subject: str,
	description: str,
	reason: str,
	installation: str | None = None,
	priority: str = "Medium",
	preferred_means: str = "",
	error_origin: str | None = None,
	submission_key: str | None = None,
) -> dict:
	"""File the client's request. The form sends a one-time submission key (REST callers an
	Idempotency-Key header): a retry after a lost answer returns the request already filed,
	with no second request, mail or assignment."""
	customers = require_client()
	key = intake_key(submission_key)
	subject = strip_html(subject or "").strip()
	if not subject:
		frappe.throw(_("Write a subject."), InvalidPortalInput)
	_choice(reason, "reason", "Reason")
	_choice(priority, "priority", "Priority")
	_choice(preferred_means, "preferred_means", "Means")
	customer = customers[0]
	if installation:
		owner = frappe.db.get_value("Client Installation", installation, "customer")
		if owner not in customers:
			frappe.throw(_("Choose one of your own installations."), InvalidPortalInput)
		customer = owner
	files = _uploaded_files()
	contact = contact_of_user(frappe.session.user, customer)
	doc = frappe.get_doc(
		{
			"doctype": "Support Request",
			"customer": customer,
			"contact": contact,
			"raised_by": frappe.session.user,
			"installation": installation,
			"subject": subject[:200],
			"description": clean_html(description),
			"reason": reason,
			"error_origin": (error_origin or "Usage") if reason == "Error" else None,
			"priority": priority,
			"preferred_means": preferred_means or None,
			"channel": "Portal",
			"intake_key": key,
		}
	)
	doc.flags.ignore_permissions = True  # clients may not create in the desk; ownership was checked
	frappe.db.savepoint("onyx_intake")
	try:
		doc.insert()
	except (AlreadyFiled, frappe.UniqueValidationError, frappe.DuplicateEntryError):
		# a retry (the request's own check) or the same submission twice at once (the unique
		# key): either way the other one was filed first
		frappe.db.rollback(save_point="onyx_intake")
		frappe.clear_messages()
		filed = already_filed(frappe.session.user, key, latest=True)
		if not filed:
			raise
		return _filed(filed)
	_attach(files, "Support Request", doc.name)
	return _filed(doc.name)


def _filed(name: str) -> dict:
	office = frappe.db.get_value("Support Request", name, "office")
	return {"name": name, "office": office, "office_open": office_open_now(office)}


@frappe.whitelist(methods=["POST"])
@checked_arguments
@throttle(limit=30, seconds=3600)
def reply(name: str, message: str) -> str:
	doc = own_request(name)
	message = clean_html(without_controls(message, multiline=True))
	if not strip_html(message).strip():
		frappe.throw(_("Write a message."), InvalidPortalInput)
	files = _uploaded_files()
	communication = frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": "Communication",
			"communication_medium": "Other",
			"sent_or_received": "Received",
			"subject": _("Re: {0}", context="onyx_support").format(doc.subject),
			"content": message,
			"sender": frappe.session.user,
			"sender_full_name": frappe.utils.get_fullname(frappe.session.user),
			"reference_doctype": "Support Request",
			"reference_name": doc.name,
			"timeline_links": [{"link_doctype": "Customer", "link_name": doc.customer}]
			if doc.customer
			else [],
		}
	).insert(ignore_permissions=True)
	_attach(files, "Communication", communication.name)
	if doc.status == State.WAITING_ON_CLIENT.value:
		doc.flags.ignore_permissions = True
		apply_workflow(doc, "Client Replied")
	return communication.name


@frappe.whitelist(methods=["POST"])
@checked_arguments
@throttle(limit=20, seconds=3600)
def decide(name: str, decision: str, note: str | None = None) -> str:
	own_request(name)
	return record_client_decision(name, decision, note=strip_html(note or "")[:1000] or None)


@frappe.whitelist(methods=["POST"])
@checked_arguments
@throttle(limit=20, seconds=3600)
def confirm_resolution(name: str) -> str:
	doc = own_request(name)
	doc.flags.ignore_permissions = True
	apply_workflow(doc, "Confirm Resolution")
	return frappe.db.get_value("Support Request", name, "status")


@frappe.whitelist(methods=["POST"])
@checked_arguments
@throttle(limit=20, seconds=3600)
def reopen(name: str, message: str | None = None) -> str:
	doc = own_request(name)
	doc.flags.ignore_permissions = True
	apply_workflow(doc, "Reopen")
	if message and strip_html(message).strip():
		reply(name, message)
	return frappe.db.get_value("Support Request", name, "status")


def _send_file(file, inline: bool = False) -> None:
	"""Answer with a File's content: a download, or shown in the page (an image)."""
	frappe.local.response.filename = file.file_name
	frappe.local.response.filecontent = file.get_content()
	frappe.local.response.type = "download"
	if inline:
		frappe.local.response.display_content_as = "inline"


@frappe.whitelist(methods=["POST"])
@checked_arguments
@throttle(limit=20, seconds=3600)
def rate(name: str, stars: int, comment: str | None = None) -> float:
	doc = own_request(name)
	stars = cint(stars)
	if not 1 <= stars <= 5:
		frappe.throw(_("A rating is between one and five stars."), InvalidPortalInput)
	if not is_solved(doc.status):
		frappe.throw(_("You can rate a request once it is resolved."), InvalidPortalInput)
	doc.db_set(
		{
			"feedback_rating": stars / 5,
			"feedback_comment": strip_html(comment or "")[:2000] or None,
		}
	)
	doc.add_comment("Info", _("The client rated the support {0}/5.").format(stars))
	return doc.feedback_rating


@frappe.whitelist(methods=["GET"])
@checked_arguments
@throttle(limit=300, seconds=3600)
def download_file(request: str, file: str) -> None:
	"""A file of the client's own request that the client may see (its own uploads, files of
	mail addressed to it); anything else answers 'not found'."""
	doc = own_request(request)
	found = visible_file(doc, file)
	if not found:
		raise frappe.DoesNotExistError(_("File not found.", context="onyx_support"))
	_send_file(found)


@frappe.whitelist(methods=["POST"])
@checked_arguments
@throttle(limit=20, seconds=3600)
def sign_visit(name: str, signer_name: str, signature: str, signer_role: str | None = None) -> str:
	"""The client signs its visit report on the portal (a PNG drawn on the page)."""
	doc = own_visit(name)
	contact = contact_of_user(frappe.session.user, doc.customer)
	signing.sign_for_client(doc, signer_name, signer_role, signature, via="Portal", contact=contact)
	return doc.status


@frappe.whitelist(methods=["POST"])
@checked_arguments
@throttle(limit=20, seconds=3600)
def refuse_visit(name: str, reason: str) -> str:
	"""The client refuses to sign its visit report; the reason is kept on the report."""
	doc = own_visit(name)
	contact = contact_of_user(frappe.session.user, doc.customer)
	signing.record_refusal(
		doc, reason, via="Portal", contact=contact, signer_name=frappe.utils.get_fullname(frappe.session.user)
	)
	return doc.status


@frappe.whitelist(methods=["GET"])
@checked_arguments
@throttle(limit=100, seconds=3600)
def visit_pdf(name: str) -> None:
	"""The client's visit report as PDF: the signed PDF kept when the report was shared, else the
	report printed now (once the visit is over)."""
	doc = own_visit(name)
	if doc.signed_pdf:
		file_name = frappe.db.get_value("File", {"file_url": doc.signed_pdf}, "name")
		if not file_name:
			raise frappe.DoesNotExistError(_("File not found.", context="onyx_support"))
		content = frappe.get_doc("File", file_name).get_content()
	elif doc.status in PRINTABLE_STATES:
		from onyx_support.services.pdf import document_pdf

		# Frappe's print door checks DocPerms, which clients have none of: ownership was checked
		# above, and the print format shows the client's report (never its internal notes).
		previous = frappe.flags.ignore_print_permissions
		frappe.flags.ignore_print_permissions = True
		try:
			content = document_pdf(
				"Visit Report", doc.name, "Visit Report", doc.language or frappe.local.lang
			)
		finally:
			frappe.flags.ignore_print_permissions = previous
	else:
		raise frappe.DoesNotExistError(_("The report of this visit is not ready yet."))
	frappe.local.response.filename = f"{doc.name}.pdf"
	frappe.local.response.filecontent = content
	frappe.local.response.type = "pdf"


@frappe.whitelist(methods=["POST"])
@checked_arguments
@throttle(limit=20, seconds=3600)
def request_update(installation: str, release: str) -> dict:
	"""The client asks for a published release of its installation's system: an Update Delivery
	request for that installation, unless one is open already (that one is returned)."""
	from onyx_support.domain import versions
	from onyx_support.services.portal import releases as portal_releases

	found, published = portal_releases.own_installation_and_release(installation, release)
	if versions.runs_at_least(found.version, published.version):
		frappe.throw(
			_("Installation {0} already runs {1}.").format(found.name, published.version), InvalidPortalInput
		)
	# one ask at a time per installation: a double click waits here and finds the first one's request
	frappe.db.get_value("Client Installation", found.name, "name", for_update=True)
	asked = portal_releases.open_update_request(found.name)
	if asked:
		return {**_filed(asked), "already_asked": True}
	escape = frappe.utils.escape_html
	filed = submit_request(
		subject=_("Update to {0}").format(published.version),
		description="<p>{0}</p>".format(
			_("Please deliver release {0} of {1} to installation {2}.").format(
				escape(published.version), escape(published.system), escape(found.name)
			)
		),
		reason="Update Delivery",
		installation=found.name,
	)
	return {**filed, "already_asked": False}


@frappe.whitelist(methods=["GET"])
@checked_arguments
def my_requests(status: str = "open", search: str | None = None, limit: int = 20) -> list[dict]:
	"""The client's requests, as /support/requests lists them, for a program or a page's script:
	newest first; `status` open, closed or all; `search` in the subject or number; 1 to 100 rows."""
	customers = require_client()
	if status not in STATUS_FILTERS:
		frappe.throw(
			_("Status must be one of: {0}.").format(", ".join(STATUS_FILTERS)), frappe.ValidationError
		)
	search = without_controls(search or "").strip()[:100] or None
	# the portal list's own columns (requests_statement) and next_deadline, nothing else
	return list_requests(status, search, limit=min(max(cint(limit), 1), 100), customers=customers)


@frappe.whitelist(methods=["POST"])
@checked_arguments
@throttle(limit=600, seconds=3600)
def suggest_articles(subject: str, installation: str | None = None, reason: str | None = None) -> list[dict]:
	"""Up to five articles the client may read for the subject it is typing on the new-request
	form (of the chosen installation's system, those for the chosen reason first), before it files
	anything. Who reads what: search_articles and article_condition (services/portal/help.py)."""
	customers = require_client()
	return portal_help.suggestions(customers, subject, installation, reason)


@frappe.whitelist(methods=["POST"])
@checked_arguments
@throttle(limit=60, seconds=3600)
def article_solved(article: str) -> dict:
	"""The client says "This solved my problem": read the article instead of filing a request (counted
	once per client, article and day; nothing is filed)."""
	require_client()
	if not portal_help.readable_article(article, fields=("name",)):
		raise frappe.DoesNotExistError(_("This article is not available."))
	return {"counted": count_deflection(article, frappe.session.user)}


@frappe.whitelist(methods=["GET"], allow_guest=True)
@checked_arguments
@rate_limit(limit=3000, seconds=3600)
def article_image(article: str, image: str) -> None:
	"""An image in an article the caller may read (a client's by its systems, a guest's of a public
	article), attached to that article; anything else answers 'not found'. Shown inline."""
	found = portal_help.article_image(article, image)
	if not found:
		raise frappe.DoesNotExistError(_("File not found.", context="onyx_support"))
	_send_file(found, inline=True)


@frappe.whitelist(methods=["GET"], allow_guest=True)
@checked_arguments
@rate_limit(limit=300, seconds=3600)
def article_brochure(name: str) -> None:
	"""The brochure (PDF) of an article the caller may read: a client's by its systems, a guest's
	of a public article (article_condition); anything else answers 'not found'. Rate-limited per
	address, as guests share one user."""
	found = portal_help.brochure_file(name)
	if not found:
		raise frappe.DoesNotExistError(_("File not found.", context="onyx_support"))
	_send_file(found)
