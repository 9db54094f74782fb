"""The client's visit reports on the support portal: the list, the one ownership check, and what
the client may see of a report.

As for requests (services/portal/__init__.py), clients hold no DocPerm on Visit Report: every read here is
filtered by the caller's customers and names its fields. What staff wrote for each other (internal
notes), who received the report and the distribution never appear."""

import frappe
from frappe import _
from frappe.utils import cint

from onyx_support.domain.visits import VisitState, stars
from onyx_support.services.html import clean_html, plain_text
from onyx_support.services.portal import local_time_label, require_client

LIST_FIELDS = [
	"name",
	"status",
	"visit_kind",
	"customer_name",
	"office",
	"planned_start",
	"planned_local",
	"client_signed_on",
	"client_refused",
]
# A printable report: the visit is over and its content is set (PDF served by api/portal.py).
PRINTABLE_STATES = (
	VisitState.AWAITING_SIGNATURE.value,
	VisitState.SIGNED.value,
	VisitState.SHARED.value,
)


def own_visit(name: str):
	"""The report if it is of one of the caller's customers; otherwise 'not found', the same answer
	as for a name that does not exist, so nothing is revealed."""
	customers = require_client()
	customer = frappe.db.get_value("Visit Report", name, "customer") if isinstance(name, str) else None
	if not customer or customer not in customers:
		raise frappe.DoesNotExistError(_("Visit report {0} not found.").format(name))
	return frappe.get_doc("Visit Report", name)


def awaits_client(status: str, signed_on, refused) -> bool:
	return status == VisitState.AWAITING_SIGNATURE.value and not (signed_on or cint(refused))


def list_visits(limit: int = 100) -> list:
	"""The caller's customers' visit reports, latest plan first, with their engineers' names (two
	queries)."""
	rows = frappe.get_all(
		"Visit Report",
		filters={"customer": ("in", require_client()), "docstatus": ("<", 2)},
		fields=LIST_FIELDS,
		order_by="planned_start desc",
		limit_page_length=limit,
	)
	engineers: dict[str, list[str]] = {}
	for row in frappe.get_all(
		"Visit Report Engineer",
		filters={"parenttype": "Visit Report", "parent": ("in", [r.name for r in rows] or [""])},
		fields=["parent", "engineer", "full_name"],
		order_by="idx asc",
	):
		engineers.setdefault(row.parent, []).append(row.full_name or _engineer_name(row.engineer))
	for row in rows:
		row.engineers = engineers.get(row.name, [])
		row.to_sign = awaits_client(row.status, row.client_signed_on, row.client_refused)
	return rows


def _engineer_name(user: str | None) -> str:
	return frappe.utils.get_fullname(user) if user else ""


def _stars(rating) -> int:
	"""A Rating field holds 0..1; the portal shows 0..5 stars."""
	return max(0, min(5, stars(rating) or 0))


def visit_view(doc) -> dict:
	"""Exactly what the client may see of the report, as plain values (no internal notes, no
	recipients, no distribution; of the signed content's hash only a short fingerprint)."""
	office = doc.office
	may_sign = awaits_client(doc.status, doc.client_signed_on, doc.client_refused)
	return frappe._dict(
		name=doc.name,
		status=doc.status,
		visit_kind=doc.visit_kind,
		customer_name=doc.customer_name or doc.customer,
		office=office,
		planned_local=doc.planned_local,
		address=plain_text(doc.address_display),
		arrival=local_time_label(doc.arrival, office),
		departure=local_time_label(doc.departure, office),
		on_site_minutes=cint(doc.on_site_minutes),
		engineers=[
			frappe._dict(
				name=row.full_name or _engineer_name(row.engineer),
				arrival=local_time_label(row.arrival, office),
				departure=local_time_label(row.departure, office),
			)
			for row in doc.engineers
		],
		requests=[frappe._dict(name=row.support_request, subject=row.subject) for row in doc.requests],
		reviews=[
			frappe._dict(
				system=row.system,
				version=row.version,
				stars=_stars(row.rating),
				findings=row.findings,
			)
			for row in doc.installations
		],
		actions=[
			frappe._dict(action=row.action, support_request=row.support_request, solved=cint(row.solved))
			for row in doc.actions
		],
		recommendations=[
			frappe._dict(
				recommendation=row.recommendation,
				priority=row.priority,
				actor=row.actor,
				follow_up=cint(row.follow_up),
			)
			for row in doc.recommendations
		],
		suggestions=[
			frappe._dict(category=row.category, suggestion=row.suggestion) for row in doc.suggestions
		],
		summary_html=clean_html(doc.summary),
		client_signer_name=doc.client_signer_name,
		client_signer_role=doc.client_signer_role,
		client_signed_on=local_time_label(doc.client_signed_on, office),
		client_signed_via=doc.client_signed_via,
		client_refused=cint(doc.client_refused),
		client_refusal_reason=doc.client_refusal_reason,
		engineer_signer=_engineer_name(doc.engineer_signed_by) if doc.engineer_signed_on else "",
		engineer_signed_on=local_time_label(doc.engineer_signed_on, office),
		fingerprint=(doc.content_hash or "")[:12],
		may_sign=may_sign,
		has_pdf=bool(doc.signed_pdf) or doc.status in PRINTABLE_STATES,
	)
