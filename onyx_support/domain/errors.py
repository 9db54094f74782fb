"""Domain errors: one class per business rule. They carry values, not messages; the Frappe glue
maps each to a translated message (onyx_support.services.errors)."""


class DomainError(Exception):
	"""Base of every business-rule violation raised by the domain layer."""


class InvalidTimeZoneError(DomainError):
	def __init__(self, timezone):
		super().__init__(timezone)
		self.timezone = timezone


class InvalidWorkingWindowError(DomainError):
	"""A window that ends before it starts, lasts nothing, or names no weekday."""

	def __init__(self, window):
		super().__init__(window)
		self.window = window


class OverlappingWorkingWindowsError(DomainError):
	def __init__(self, first, second):
		super().__init__(first, second)
		self.first = first
		self.second = second


class NaiveInstantError(DomainError):
	"""An instant without a time zone: the calendar only takes aware datetimes."""


class NoWorkingTimeError(DomainError):
	"""The calendar has no working time within the search horizon."""


class NoTerritoryError(DomainError):
	"""An office (other than central) that serves no territory."""


class DuplicateTerritoryClaimError(DomainError):
	"""Two offices claim the same territory for the same system."""

	def __init__(self, territory, system, other_office):
		super().__init__(territory, system, other_office)
		self.territory = territory
		self.system = system
		self.other_office = other_office


class OfficeKindLinkError(DomainError):
	"""The office's link (Company / Sales Partner / parent) does not fit its kind."""

	def __init__(self, kind, problem):
		super().__init__(kind, problem)
		self.kind = kind
		self.problem = problem


class InvalidWorkLogError(DomainError):
	"""A work-log row with a duration that is not positive, longer than a day, or in the future."""

	def __init__(self, row: int, problem: str):
		super().__init__(row, problem)
		self.row = row
		self.problem = problem


class ResolutionRequiredError(DomainError):
	"""Resolving or closing a request needs a resolution summary."""


class InvalidRatingError(DomainError):
	pass


class VisitError(DomainError):
	"""A rule of on-site visits, named by `problem`, with the values its message needs."""

	def __init__(self, problem: str, **values):
		super().__init__(problem, values)
		self.problem = problem
		self.values = values


class InvalidAgreementPeriodError(DomainError):
	"""A support agreement that ends before it starts."""

	def __init__(self, name, start, end):
		super().__init__(name, start, end)
		self.name = name
		self.start = start
		self.end = end


class UnknownAgreementKindError(DomainError):
	"""A support agreement whose kind is not First Year, Annual Renewal or Goodwill."""

	def __init__(self, name, kind):
		super().__init__(name, kind)
		self.name = name
		self.kind = kind


class InvalidCoverageTermsError(DomainError):
	"""An office's free months or grace days below zero."""

	def __init__(self, free_months, grace_days):
		super().__init__(free_months, grace_days)
		self.free_months = free_months
		self.grace_days = grace_days


class InvalidVersionError(DomainError):
	"""A version outside the vendor's grammar (onyx_support.domain.versions), or too large for its
	sort key."""

	def __init__(self, text):
		super().__init__(text)
		self.text = text


class InvalidUpgradePathError(DomainError):
	"""A release whose chain of required releases is broken, named by `problem`: "cycle",
	"unknown_release", "other_system" or "required_not_older"."""

	def __init__(self, problem: str, release: str, required: str):
		super().__init__(problem, release, required)
		self.problem = problem
		self.release = release
		self.required = required
