"""What a report may show: the offices and the months, from its filters and the caller.

Every analysis (Script Reports, number cards, dashboard charts) starts with `report_scope(filters)`:
an office manager or engineer gets their own offices (and may narrow to one of them), central
support the whole network (or the offices it names). A filter naming an office the caller does
not work in is refused the same whether the office exists or not, so nothing is learnt from it.
"""

from dataclasses import dataclass
from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate

from onyx_support.domain.analytics import add_months, month_start, months_between
from onyx_support.permissions.staff import is_staff, visible_offices

DEFAULT_MONTHS = 12
MAX_MONTHS = 60  # five years


class PeriodEndsBeforeStart(frappe.ValidationError):
	pass


class PeriodTooLong(frappe.ValidationError):
	pass


class OfficeNotYours(frappe.PermissionError):
	pass


@dataclass(frozen=True)
class Scope:
	offices: list[str] | None  # None: the whole network
	start: date
	end: date
	office_label: str

	@property
	def first_period(self) -> date:
		return month_start(self.start)

	@property
	def last_period(self) -> date:
		return month_start(self.end)

	@property
	def months(self) -> int:
		return months_between(self.start, self.end)

	@property
	def empty(self) -> bool:
		return self.offices is not None and not self.offices


def _named_offices(filters) -> list[str]:
	named = filters.get("office") or filters.get("offices") or []
	if isinstance(named, str):
		named = named.split(",") if not named.startswith("[") else frappe.parse_json(named)
	return sorted({str(office).strip() for office in named if office and str(office).strip()})


def _period(filters) -> tuple[date, date]:
	try:
		end = getdate(filters.get("to_date")) if filters.get("to_date") else getdate()
		start = (
			getdate(filters.get("from_date"))
			if filters.get("from_date")
			else add_months(month_start(end), 1 - DEFAULT_MONTHS)
		)
	except Exception:
		frappe.throw(_("The report's period is not a valid date."), frappe.ValidationError)
	if end < start:
		frappe.throw(
			_("The report's period ends ({0}) before it starts ({1}).").format(
				frappe.format(end, "Date"), frappe.format(start, "Date")
			),
			PeriodEndsBeforeStart,
		)
	if months_between(start, end) > MAX_MONTHS:
		frappe.throw(
			_("A report covers at most {0} months; choose a shorter period.").format(MAX_MONTHS),
			PeriodTooLong,
		)
	return start, end


def report_scope(filters: dict | None = None) -> Scope:
	"""The caller's offices (narrowed by the office filter) and the period of the filters
	(default: the last 12 months to today)."""
	filters = frappe._dict(filters or {})
	if not is_staff():
		frappe.throw(_("Only support staff read the analyses."), frappe.PermissionError)
	start, end = _period(filters)
	mine = visible_offices()
	named = _named_offices(filters)
	if named:
		unknown = [office for office in named if not frappe.db.exists("Support Office", office)]
		refused = unknown if mine is None else [office for office in named if office not in mine]
		if refused:
			frappe.throw(
				_("You cannot see the figures of office {0}.").format(frappe.bold(refused[0])),
				OfficeNotYours,
			)
		offices = named
	else:
		offices = None if mine is None else sorted(mine)
	return Scope(offices=offices, start=start, end=end, office_label=office_label(offices))


def office_label(offices: list[str] | None) -> str:
	if offices is None:
		return _("All offices")
	if not offices:
		return _("No office")
	return ", ".join(offices)
