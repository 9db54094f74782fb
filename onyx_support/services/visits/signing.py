"""Signatures: the client's (on the engineer's screen or in the portal), or its refusal, and the
engineer's. Each is taken only while the report awaits it, stamps the content's SHA-256, and the
report moves to Signed once both are there. An edit afterwards voids them (the controller
compares the hash on every save)."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from onyx_support.domain.errors import VisitError
from onyx_support.domain.text import without_controls
from onyx_support.domain.visits import VisitState, check_may_sign, check_signature_image
from onyx_support.permissions.guards import by_rule
from onyx_support.services.visits.content import report_hash
from onyx_support.services.visits.errors import throw_visit_error


class ReasonRequired(frappe.ValidationError):
	pass


CLIENT_FIELDS = (
	"client_signer_name",
	"client_signer_role",
	"client_signature",
	"client_signed_on",
	"client_signed_via",
	"client_signer_contact",
	"client_refused",
	"client_refusal_reason",
)
ENGINEER_FIELDS = ("engineer_signed_by", "engineer_signature", "engineer_signed_on")


def client_has_answered(doc) -> bool:
	return bool(doc.client_signed_on or doc.client_refused)


def _check(doc, signature: str | None = None, party: str = "client") -> None:
	try:
		signed = client_has_answered(doc) if party == "client" else bool(doc.engineer_signed_on)
		check_may_sign(doc.status, signed)
		if signature is not None:
			check_signature_image(signature)
	except VisitError as error:
		throw_visit_error(error)


def _one_line(value: str | None, label: str) -> str:
	value = without_controls((value or "").strip())
	if not value:
		frappe.throw(_("{0} is required.").format(label), frappe.MandatoryError)
	return value[:140]


def _stamp_and_save(doc, as_client: bool = False) -> None:
	doc.content_hash = report_hash(doc)
	by_rule(doc)
	if as_client:
		# the portal checked the report is the caller's customer's (services/portal/visits.py)
		doc.flags.ignore_permissions = True
	doc.save()
	if doc.engineer_signed_on and client_has_answered(doc) and doc.client_signed_on:
		doc.reload()
		doc.status = VisitState.SIGNED.value
		by_rule(doc)
		doc.flags.ignore_permissions = as_client
		doc.save()


def sign_for_client(doc, signer_name, signer_role, signature, via: str, contact: str | None = None) -> None:
	_check(doc, signature, "client")
	doc.client_signer_name = _one_line(signer_name, _("The signer's name"))
	doc.client_signer_role = without_controls((signer_role or "").strip())[:140]
	doc.client_signature = signature
	doc.client_signed_on = now_datetime()
	doc.client_signed_via = via
	doc.client_signer_contact = contact
	doc.client_refused = 0
	doc.client_refusal_reason = None
	_stamp_and_save(doc, as_client=via == "Portal")


def record_refusal(doc, reason: str | None, via: str, contact: str | None = None, signer_name=None) -> None:
	_check(doc, None, "client")
	reason = without_controls((reason or "").strip(), multiline=True)
	if not reason:
		frappe.throw(_("Give the reason the client refuses to sign."), ReasonRequired)
	doc.client_refused = 1
	doc.client_refusal_reason = reason[:2000]
	doc.client_signer_name = without_controls((signer_name or "").strip())[:140] or None
	doc.client_signed_via = via
	doc.client_signer_contact = contact
	doc.client_signed_on = None
	doc.client_signature = None
	_stamp_and_save(doc, as_client=via == "Portal")


def sign_as_engineer(doc, signature) -> None:
	_check(doc, signature, "engineer")
	if frappe.session.user not in {row.engineer for row in doc.engineers}:
		frappe.throw(_("Only an engineer of the visit signs its report."), frappe.PermissionError)
	doc.engineer_signed_by = frappe.session.user
	doc.engineer_signature = signature
	doc.engineer_signed_on = now_datetime()
	_stamp_and_save(doc)


def void_signatures_if_changed(doc) -> bool:
	"""Called on every save: a report whose content no longer matches what was signed loses its
	signatures and goes back to signature. True when it did."""
	if not doc.content_hash or doc.content_hash == report_hash(doc):
		doc.signature_valid = (
			1 if doc.content_hash and doc.engineer_signed_on and client_has_answered(doc) else 0
		)
		return False
	for field in CLIENT_FIELDS + ENGINEER_FIELDS:
		doc.set(field, 0 if field == "client_refused" else None)
	doc.content_hash = None
	doc.signature_valid = 0
	if doc.status == VisitState.SIGNED.value:
		doc.status = VisitState.AWAITING_SIGNATURE.value
	frappe.msgprint(
		_("The report changed after it was signed: the signatures were removed and it must be signed again."),
		indicator="orange",
		alert=True,
	)
	return True
