"""Map domain errors to translated messages and one Frappe exception class per business rule."""

import frappe
from frappe import _

from onyx_support.domain import errors as domain


class InvalidTimeZone(frappe.ValidationError):
	pass


class InvalidWorkingWindow(frappe.ValidationError):
	pass


class OverlappingWorkingWindows(frappe.ValidationError):
	pass


class OfficeWithoutTerritory(frappe.ValidationError):
	pass


class DuplicateTerritoryClaim(frappe.ValidationError):
	pass


class OfficeKindMismatch(frappe.ValidationError):
	pass


class NoWorkingTime(frappe.ValidationError):
	pass


class InvalidWorkLog(frappe.ValidationError):
	pass


class ResolutionRequired(frappe.ValidationError):
	pass


class InvalidRating(frappe.ValidationError):
	pass


_WORK_LOG_PROBLEMS = {
	"not_positive": lambda: _("the duration must be more than zero minutes"),
	"too_long": lambda: _("the duration must not exceed 24 hours; log a longer job as several rows"),
	"in_future": lambda: _("the work cannot start in the future"),
}

_LINK_PROBLEMS = {
	"company_required": lambda: _("A subsidiary office must name the Company it is."),
	"company_not_allowed": lambda: _("A distributor office is a Sales Partner, not a Company."),
	"sales_partner_required": lambda: _("A distributor office must name its Sales Partner."),
	"sales_partner_not_allowed": lambda: _("Only a distributor office links to a Sales Partner."),
	"central_has_no_parent": lambda: _("The central office reports to no other office."),
	"parent_required": lambda: _("Every subsidiary and distributor office reports to a central office."),
	"parent_must_be_central": lambda: _("An office can only report to a central office."),
}


def _window_label(window) -> str:
	from onyx_support.domain.business_calendar import WEEKDAYS

	day = WEEKDAYS[window.weekday] if window.weekday in range(7) else str(window.weekday)
	return "{0} {1}-{2}".format(_(day), window.start.strftime("%H:%M"), window.end.strftime("%H:%M"))


def throw_domain_error(error: domain.DomainError):
	"""Raise the translated Frappe error for a domain error; unknown ones propagate unchanged."""
	if isinstance(error, domain.InvalidTimeZoneError):
		frappe.throw(_("Unknown time zone: {0}").format(frappe.bold(error.timezone)), InvalidTimeZone)
	if isinstance(error, domain.InvalidWorkingWindowError):
		frappe.throw(
			_("Working window {0} must end after it starts.").format(_window_label(error.window)),
			InvalidWorkingWindow,
		)
	if isinstance(error, domain.OverlappingWorkingWindowsError):
		frappe.throw(
			_("Working windows {0} and {1} overlap.").format(
				_window_label(error.first), _window_label(error.second)
			),
			OverlappingWorkingWindows,
		)
	if isinstance(error, domain.NoTerritoryError):
		frappe.throw(
			_("A subsidiary or distributor office must serve at least one territory."), OfficeWithoutTerritory
		)
	if isinstance(error, domain.DuplicateTerritoryClaimError):
		if error.system:
			message = _("Territory {0} is already served for system {1} by office {2}.").format(
				frappe.bold(error.territory), frappe.bold(error.system), frappe.bold(error.other_office)
			)
		else:
			message = _("Territory {0} is already served by office {1}.").format(
				frappe.bold(error.territory), frappe.bold(error.other_office)
			)
		frappe.throw(message, DuplicateTerritoryClaim)
	if isinstance(error, domain.OfficeKindLinkError):
		frappe.throw(_LINK_PROBLEMS[error.problem](), OfficeKindMismatch)
	if isinstance(error, domain.InvalidWorkLogError):
		frappe.throw(
			_("Work log row {0}: {1}.").format(error.row, _WORK_LOG_PROBLEMS[error.problem]()), InvalidWorkLog
		)
	if isinstance(error, domain.ResolutionRequiredError):
		frappe.throw(
			_("Write a resolution summary before resolving or closing the request."), ResolutionRequired
		)
	if isinstance(error, domain.InvalidRatingError):
		frappe.throw(_("A rating is between one and five stars."), InvalidRating)
	if isinstance(error, domain.NoWorkingTimeError):
		frappe.throw(_("The office calendar has no working time."), NoWorkingTime)
	raise error
