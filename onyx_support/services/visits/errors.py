"""Translated messages for the rules of on-site visits (domain/visits.py)."""

import frappe
from frappe import _

from onyx_support.domain.errors import VisitError


class VisitRuleBroken(frappe.ValidationError):
	pass


_MESSAGES = {
	"departure_before_arrival": lambda v: _("The departure must come after the arrival."),
	"visit_too_long": lambda v: _("A visit lasts at most 24 hours; plan a longer one as several visits."),
	"plan_incomplete": lambda v: _("Give the planned start and end of the visit."),
	"plan_ends_before_start": lambda v: _("The planned end must come after the planned start."),
	"no_engineer": lambda v: _("Name at least one engineer for the visit."),
	"engineer_twice": lambda v: _("{0} is listed twice among the engineers.").format(
		frappe.bold(v["engineer"])
	),
	"signature_empty": lambda v: _("The signature is empty: draw it before saving."),
	"signature_too_large": lambda v: _("The signature image is larger than 1 MB."),
	"sign_cancelled": lambda v: _("This visit was cancelled: its report cannot be signed."),
	"already_signed": lambda v: _("This report is already signed."),
	"not_ready_to_sign": lambda v: _("The report can be signed once the engineers have left the site."),
}


def throw_visit_error(error: VisitError):
	message = _MESSAGES.get(error.problem)
	if not message:
		raise error
	frappe.throw(message(error.values), VisitRuleBroken, title=_("Visit Report", context="onyx_support"))
