"""The Support Charge ledger: one row per billable work-log row or visit (filled in by the billing
helper; the controllers call these).

A charge is the rules' own record: created, updated and deleted here (by rule, permissions
ignored), billed by a Billing Run (services/warranty/billing.py). Each charge bills one source
once: its `source_key` ("Support Work Log:<row>", "Visit Report:<visit>") is a unique column.
Only Pending charges follow their source; Invoiced, Statement and Waived ones are history.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint, flt, getdate

from onyx_support.domain.coverage import CoverageState
from onyx_support.permissions.guards import by_rule
from onyx_support.services.warranty.coverage import office_day

PENDING = "Pending"
INVOICED = "Invoiced"
STATEMENT = "Statement"
WAIVED = "Waived"

WORK_LOG_KEY = "Support Work Log:"
VISIT_KEY = "Visit Report:"


class NegativeRate(frappe.ValidationError):
	pass


def work_log_key(row_name: str) -> str:
	return f"{WORK_LOG_KEY}{row_name}"


def visit_key(visit_name: str) -> str:
	return f"{VISIT_KEY}{visit_name}"


def is_visit_fee(charge) -> bool:
	return (charge.get("source_key") or "").startswith(VISIT_KEY)


# --- the office's terms ----------------------------------------------------------------------------


def office_terms(office: str) -> frappe._dict:
	"""What an office charges, in which currency and for which company (None: a distributor)."""
	terms = frappe.get_cached_value(
		"Support Office",
		office,
		["company", "currency", "hourly_rate", "visit_fee"],
		as_dict=True,
	)
	terms = frappe._dict(terms or {})
	terms.currency = (
		terms.currency
		or (terms.company and frappe.get_cached_value("Company", terms.company, "default_currency"))
		or frappe.db.get_default("currency")
	)
	return terms


def check_not_negative(office: str, label: str, value) -> None:
	if flt(value) < 0:
		frappe.throw(
			_("The {0} of support office {1} is negative ({2}): set zero or a positive amount.").format(
				_(label), frappe.bold(office), value
			),
			NegativeRate,
			title=_("Invalid rate"),
		)


def office_date(value, office: str | None) -> str | None:
	"""The office's local date of a stored (system time) instant: what the coverage counts by."""
	return str(office_day(office, value)) if value else None


def money(value: float, currency: str | None) -> float:
	from frappe.model.meta import get_field_precision

	precision = get_field_precision(frappe.get_meta("Support Charge").get_field("amount"), currency=currency)
	return flt(value, precision or 2)


# --- work logged on a request ----------------------------------------------------------------------


def _billable(row) -> bool:
	return row.get("coverage_state") == CoverageState.BILLABLE.value and cint(row.get("billable"))


def sync_request_charges(request) -> None:
	"""After a Support Request is saved: a Pending charge for each billable work-log row."""
	if not request.office:
		return
	rows = {work_log_key(row.name): row for row in request.get("work_log") or [] if row.name}
	existing = {
		charge.source_key: charge
		for charge in frappe.get_all(
			"Support Charge",
			filters={"support_request": request.name, "source_key": ("like", f"{WORK_LOG_KEY}%")},
			fields=["name", "source_key", "status", "hours", "rate", "amount", "charge_date"],
		)
	}
	billable = {key: row for key, row in rows.items() if _billable(row)}

	# a row no longer billable (or removed): its charge goes, unless it was billed already
	for key, charge in existing.items():
		if key not in billable and charge.status == PENDING:
			frappe.delete_doc("Support Charge", charge.name, ignore_permissions=True, force=True)

	if not billable:
		return
	terms = office_terms(request.office)
	check_not_negative(request.office, "Hourly Rate", terms.hourly_rate)
	for key, row in billable.items():
		charge = existing.get(key)
		if charge and charge.status != PENDING:
			continue
		hours = flt(cint(row.duration_minutes) / 60, 2)
		if charge:
			_follow_row(charge, row, hours, terms, request.office)
		elif flt(terms.hourly_rate) > 0:
			rate = flt(terms.hourly_rate)
			_insert_charge(
				{
					"source_key": key,
					"charge_date": office_date(row.started_at, request.office),
					"customer": request.customer,
					"office": request.office,
					"company": terms.company,
					"support_request": request.name,
					"visit_report": row.get("visit_report"),
					"installation": request.installation,
					"description": _work_description(request, row),
					"hours": hours,
					"rate": rate,
					"amount": money(hours * rate, terms.currency),
					"currency": terms.currency,
				}
			)


def _follow_row(charge, row, hours: float, terms, office: str) -> None:
	"""A Pending charge follows an edited row (duration, date) at the rate it was priced at."""
	amount = money(hours * flt(charge.rate), terms.currency)
	charge_date = office_date(row.started_at, office)
	if (
		flt(charge.hours) == hours
		and flt(charge.amount) == amount
		and str(charge.charge_date or "") == str(charge_date or "")
	):
		return
	doc = by_rule(frappe.get_doc("Support Charge", charge.name))
	doc.update({"hours": hours, "amount": amount, "charge_date": charge_date})
	doc.save(ignore_permissions=True)


def _work_description(request, row) -> str:
	engineer = frappe.get_cached_value("User", row.engineer, "full_name") if row.engineer else None
	return _("Support request {0}: {1} ({2} min, {3})").format(
		request.name,
		request.subject or "",
		cint(row.duration_minutes),
		engineer or row.engineer or "",
	)


# --- a shared visit --------------------------------------------------------------------------------


def sync_visit_charge(visit) -> None:
	"""After a Visit Report is shared: a Pending charge for the visit fee when it is billable."""
	key = visit_key(visit.name)
	existing = frappe.db.get_value("Support Charge", {"source_key": key}, ["name", "status"], as_dict=True)
	terms = office_terms(visit.office) if visit.office else frappe._dict()
	billable = visit.get("coverage_state") == CoverageState.BILLABLE.value and flt(terms.visit_fee) != 0
	if not billable:
		if existing and existing.status == PENDING:
			frappe.delete_doc("Support Charge", existing.name, ignore_permissions=True, force=True)
		return
	check_not_negative(visit.office, "Visit Fee", terms.visit_fee)
	if existing:
		return
	installations = [row.installation for row in visit.get("installations") or [] if row.installation]
	requests = [row.support_request for row in visit.get("requests") or [] if row.support_request]
	fee = flt(terms.visit_fee)
	_insert_charge(
		{
			"source_key": key,
			"charge_date": office_date(visit.arrival or visit.planned_start, visit.office),
			"customer": visit.customer,
			"office": visit.office,
			"company": terms.company,
			"support_request": requests[0] if len(requests) == 1 else None,
			"visit_report": visit.name,
			"installation": installations[0] if installations else None,
			"description": _("Visit {0} ({1} min on site)").format(visit.name, cint(visit.on_site_minutes)),
			"hours": flt(cint(visit.on_site_minutes) / 60, 2),
			"rate": fee,
			"amount": money(fee, terms.currency),
			"currency": terms.currency,
		}
	)


def _insert_charge(values: dict) -> str | None:
	"""Insert a charge once: a concurrent save that inserted the same source first wins, and this
	one inserts nothing (the unique source key refuses it)."""
	doc = by_rule(frappe.get_doc({"doctype": "Support Charge", "status": PENDING, **values}))
	savepoint = "onyx_support_charge"
	frappe.db.savepoint(savepoint)
	try:
		doc.insert(ignore_permissions=True)
	except (frappe.DuplicateEntryError, frappe.UniqueValidationError):
		frappe.db.rollback(save_point=savepoint)
		frappe.clear_last_message()
		return None
	return doc.name


# --- a back-dated agreement ------------------------------------------------------------------------


def waive_covered_charges(agreement) -> None:
	"""After an agreement is submitted: Pending charges of its installations within its period are
	Waived (a back-dated renewal); Invoiced ones are never touched."""
	installations = sorted(
		{row.installation for row in agreement.get("installations") or [] if row.installation}
	)
	if not installations or not agreement.start_date:
		return
	charge = DocType("Support Charge")
	condition = (
		(charge.status == PENDING)
		& (charge.customer == agreement.customer)
		& (charge.installation.isin(installations))
		& (charge.charge_date >= getdate(agreement.start_date))
	)
	if agreement.get("end_date"):
		condition &= charge.charge_date <= getdate(agreement.end_date)
	(
		frappe.qb.update(charge)
		.set(charge.status, WAIVED)
		.set(charge.waived_reason, _("Covered by warranty agreement {0}.").format(agreement.name))
		.set(charge.modified, frappe.utils.now())
		.set(charge.modified_by, frappe.session.user)
		.where(condition)
	).run()
