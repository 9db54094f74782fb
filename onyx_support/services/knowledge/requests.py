"""Knowledge articles at work on a support request: the articles the form suggests, one sent to the
client in a reply, a draft written from a resolved request (the client's data left out), and the
article that solved the request ("this helped").

Each action checks the caller against the request and the article before any effect; the whitelisted
methods are in api/knowledge.py.
"""

import frappe
from frappe import _
from frappe.utils import escape_html, get_url, strip_html
from frappe.utils.password import get_decrypted_password

from onyx_support.domain import knowledge as rules
from onyx_support.domain.request_flow import is_solved
from onyx_support.domain.scrubbing import ClientData, scrub_html, scrub_text
from onyx_support.domain.versions import parse_or_none
from onyx_support.permissions.guards import by_rule
from onyx_support.services.knowledge.counters import increment
from onyx_support.services.knowledge.search import readable_articles, reader_language, search_articles
from onyx_support.services.mail import queue_mail

ARTICLE = "Knowledge Article"
REQUEST = "Support Request"
SUGGESTIONS = 5
SUMMARY_LENGTH = 280


class ArticleNotShareable(frappe.ValidationError):
	pass


class ArticleNotForOffice(frappe.ValidationError):
	pass


class ArticleNotPublished(frappe.ValidationError):
	pass


class NoClientAddress(frappe.ValidationError):
	pass


class RequestNotResolved(frappe.ValidationError):
	pass


def request_for(name: str, ptype: str = "read"):
	request = frappe.get_doc(REQUEST, name)
	request.check_permission(ptype)
	return request


def readable_article(name: str, user: str | None = None) -> dict:
	"""The article's values when the user may read it, in any state (the callers judge the state);
	a PermissionError otherwise (the same for one that does not exist)."""
	rows = readable_articles(
		[name],
		user or frappe.session.user,
		("name", "title", "summary", "route", "status", "audience", "office", "system"),
		published_only=False,
	)
	if not rows:
		frappe.throw(_("You may not read article {0}.").format(frappe.bold(name)), frappe.PermissionError)
	return rows[0]


# --- suggestions -------------------------------------------------------------------------------


def suggest(name: str, limit: int = SUGGESTIONS) -> list[dict]:
	"""Published articles the engineer may read for the request: its system and reason and the
	words of its subject first, then its system and subject, then the latest of its system and
	reason. Each says whether it may go to the client (public) and whether it solved the request."""
	request = request_for(name)
	words = (request.subject or "")[: rules.SEARCH_LIMIT]
	found: dict[str, dict] = {}
	for text, reason in ((words, request.reason), (words, None), ("", request.reason)):
		if len(found) >= limit:
			break
		for row in search_articles(text, system=request.system, reason=reason, limit=limit):
			found.setdefault(row["name"], row)
	suggestions = list(found.values())[:limit]
	for row in suggestions:
		row["shareable"] = row["audience"] == rules.Audience.PUBLIC.value
		row["helped"] = row["name"] == request.get("helpful_article")
	return suggestions


# --- sent to the client in a reply -------------------------------------------------------------


def client_address(request) -> str | None:
	if request.raised_by:
		return request.raised_by.strip()
	if request.contact:
		return frappe.db.get_value("Contact", request.contact, "email_id")
	return None


def share(name: str, article: str) -> str:
	"""The engineer sends one public article to the client as a reply on the request: a
	Communication like the desk's composer makes, its mail queued. Returns the Communication."""
	request = request_for(name, "write")
	values = readable_article(article)
	if not rules.published_publicly(values.status, values.audience):
		frappe.throw(
			_("Only a published article of audience Public can be sent to a client."), ArticleNotShareable
		)
	address = client_address(request)
	if not address:
		frappe.throw(
			_("This request names no client e-mail address to send the article to."), NoClientAddress
		)
	link = get_url("/" + values.route)
	subject = f"{request.subject} (#{request.name})"  # Frappe threads the client's reply by it
	message = "".join(
		(
			"<p>{0}</p>".format(escape_html(_("This article answers your request:"))),
			'<p><a href="{0}">{1}</a></p>'.format(escape_html(link), escape_html(values.title)),
			"<p>{0}</p>".format(escape_html(values.summary)) if values.summary else "",
			'<p><a href="{0}">{0}</a></p>'.format(escape_html(link)),
		)
	)
	from frappe.core.doctype.communication.email import _make

	communication = _make(
		doctype=REQUEST,
		name=request.name,
		content=message,
		subject=subject,
		recipients=address,
		communication_medium="Email",
		sent_or_received="Sent",
		send_email=False,
		communication_type="Communication",
	)["name"]
	queue_mail(
		[address],
		subject,
		message,
		reference_doctype=REQUEST,
		reference_name=request.name,
		communication=communication,
	)
	request.add_comment(
		"Info", _("Article {0} sent to the client.").format(frappe.bold(escape_html(values.title)))
	)
	return communication


# --- a draft written from a resolved request ---------------------------------------------------


def client_data(request) -> ClientData:
	"""What support knows of the request's client: the customer, its contacts and portal users,
	its installations and their remote access."""
	customer = request.customer
	names = [customer, request.customer_name or frappe.db.get_value("Customer", customer, "customer_name")]
	contacts, emails, phones = [], [request.raised_by], []
	linked = frappe.get_all(
		"Dynamic Link",
		filters={"parenttype": "Contact", "link_doctype": "Customer", "link_name": customer},
		pluck="parent",
	)
	if request.contact:
		linked.append(request.contact)
	for contact in frappe.get_all(
		"Contact",
		filters={"name": ("in", linked or [""])},
		fields=["name", "first_name", "last_name", "email_id", "phone", "mobile_no"],
	):
		contacts.append(" ".join(filter(None, (contact.first_name, contact.last_name))))
		emails.append(contact.email_id)
		phones.extend((contact.phone, contact.mobile_no))
	emails += frappe.get_all("Contact Email", filters={"parent": ("in", linked or [""])}, pluck="email_id")
	phones += frappe.get_all("Contact Phone", filters={"parent": ("in", linked or [""])}, pluck="phone")
	users = frappe.get_all(
		"Portal User", filters={"parenttype": "Customer", "parent": customer}, pluck="user"
	)
	for user in frappe.get_all(
		"User", filters={"name": ("in", users or [""])}, fields=["full_name", "email", "mobile_no", "phone"]
	):
		contacts.append(user.full_name)
		emails.append(user.email)
		phones.extend((user.mobile_no, user.phone))
	installations, remote_ids, secrets = [], [], []
	for installation in frappe.get_all(
		"Client Installation",
		filters={"customer": customer},
		fields=["name", "installation_title", "remote_access_id"],
	):
		installations += [installation.name, installation.installation_title]
		remote_ids.append(installation.remote_access_id)
		secret = get_decrypted_password(
			"Client Installation", installation.name, "remote_access_password", raise_exception=False
		)
		secrets.append(secret)
	return ClientData(
		customer=_present(names),
		contacts=_present(contacts),
		installations=_present(installations),
		remote_ids=_present(remote_ids),
		emails=_present(emails),
		phones=_present(phones),
		secrets=_present(secrets),
	)


def _present(values) -> tuple[str, ...]:
	return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def placeholders() -> dict[str, str]:
	return {
		"client": _("[client]"),
		"contact": _("[contact]"),
		"email": _("[e-mail]"),
		"phone": _("[phone]"),
		"installation": _("[installation]"),
		"remote": _("[remote access ID]"),
		"link": _("[link]"),
		"secret": _("[secret]"),
	}


def draft_from(name: str) -> str:
	"""A Draft article written from a resolved request in one action: its title, system, version,
	reason, description and resolution, with the client's data left out, the request named as its
	source. A second call returns the draft already written from it."""
	request = request_for(name)
	frappe.has_permission(ARTICLE, "create", throw=True)
	if not is_solved(request.status):
		frappe.throw(
			_("Only a resolved request can become an article (this one is {0}).").format(
				_(request.status, context=REQUEST)
			),
			RequestNotResolved,
		)
	existing = frappe.db.get_value(ARTICLE, {"source_request": request.name, "author": frappe.session.user})
	if existing:
		return existing
	client, labels = client_data(request), placeholders()
	description = scrub_html(request.description, client, labels)
	resolution = scrub_html(request.resolution_summary, client, labels)
	summary = strip_html(resolution).strip()
	version = request.system_version if parse_or_none(request.system_version) and request.system else None
	article = frappe.get_doc(
		{
			"doctype": ARTICLE,
			"title": scrub_text(request.subject, client, labels)[:140]
			or _("Article from {0}").format(request.name),
			"audience": rules.Audience.ENGINEERS.value,
			"language": rules.guess_language(
				f"{request.subject} {request.description or ''} {request.resolution_summary or ''}",
				default=reader_language(),
			),
			"system": request.system,
			"version_from": version,
			"reasons": [{"reason": request.reason}] if request.reason else [],
			"summary": summary[:SUMMARY_LENGTH],
			"content": "".join(
				(
					"<h3>{0}</h3>".format(escape_html(_("Problem", context="onyx_support"))),
					description,
					"<h3>{0}</h3>".format(escape_html(_("Solution", context="onyx_support"))),
					resolution,
				)
			),
			"source_request": request.name,
		}
	)
	by_rule(article).insert()  # the caller's create right and the writing rule are checked
	return article.name


# --- "this helped" ----------------------------------------------------------------------------


def mark_helpful(name: str, article: str) -> bool:
	"""The article solved the request: counted once per request. Naming another article moves the
	count to it. True when a count moved."""
	request = request_for(name, "write")
	values = readable_article(article)
	if values.status != rules.ArticleState.PUBLISHED.value:
		frappe.throw(
			_("Only a published article can be marked as having solved a request."), ArticleNotPublished
		)
	facts = rules.Article(values.audience, values.status, values.office, values.system)
	if not rules.office_engineers_read(facts, request.office):
		frappe.throw(
			_(
				"The engineers of office {0} cannot open article {1}: choose one written for them, the network's engineers or the public."
			).format(frappe.bold(request.office), frappe.bold(escape_html(values.title))),
			ArticleNotForOffice,
		)
	current = frappe.db.get_value(REQUEST, request.name, "helpful_article", for_update=True)
	if current == article:
		return False
	frappe.db.set_value(REQUEST, request.name, "helpful_article", article, update_modified=False)
	if current:
		increment(current, "helped_count", -1)
	increment(article, "helped_count")
	request.add_comment(
		"Info",
		_("Article {0} solved this request.").format(frappe.bold(escape_html(values.title))),
	)
	return True
