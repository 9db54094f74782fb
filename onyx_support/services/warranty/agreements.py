"""Warranty agreements in a site: the computed period and status, the checks against the stored
agreements of the same installations, the first free year made when an installation is
registered, and renewals (with a draft Sales Invoice for a subsidiary)."""

import frappe
from frappe import _
from frappe.utils import getdate

from onyx_support.domain.coverage import (
	Agreement,
	AgreementKind,
	next_renewal,
	overlapping,
	period_end,
	renewal_status,
)
from onyx_support.domain.errors import DomainError
from onyx_support.permissions.guards import by_rule
from onyx_support.services.warranty.coverage import agreements_of, anchor_of, office_day


class OverlappingAgreement(frappe.ValidationError):
	pass


class InstallationOfAnotherCustomer(frappe.ValidationError):
	pass


class AgreementNotRenewable(frappe.ValidationError):
	pass


def months_of(doc) -> int:
	if doc.agreement_kind == AgreementKind.FIRST_YEAR.value:
		return frappe.get_cached_value("Support Office", doc.selling_office, "free_support_months") or 0
	if doc.agreement_kind == AgreementKind.GOODWILL.value and doc.goodwill_months:
		return doc.goodwill_months
	return 12


def set_end_date(doc) -> None:
	months = months_of(doc)
	if doc.start_date and months:
		doc.end_date = period_end(getdate(doc.start_date), months)


def check_installations(doc) -> None:
	names = [row.installation for row in doc.installations]
	if len(names) != len(set(names)):
		frappe.throw(_("An installation is listed twice."))
	owners = dict(
		frappe.get_all(
			"Client Installation",
			filters={"name": ("in", names or [""])},
			fields=["name", "customer"],
			as_list=True,
		)
	)
	for name in names:
		if owners.get(name) != doc.customer:
			frappe.throw(
				_("Installation {0} belongs to another client.").format(frappe.bold(name)),
				InstallationOfAnotherCustomer,
			)


def check_no_overlap(doc) -> None:
	"""A new agreement may not share a day with another one of the same installation."""
	names = [row.installation for row in doc.installations]
	mine = Agreement(doc.name or "new", getdate(doc.start_date), getdate(doc.end_date), doc.agreement_kind)
	for installation, agreements in agreements_of(names).items():
		others = [a for a in agreements if a.name not in (doc.name, doc.amended_from)]
		clash = overlapping([*others, mine])
		if clash:
			other = clash[0] if clash[1] == mine.name else clash[1]
			frappe.throw(
				_("Installation {0} is already covered by agreement {1} in that period.").format(
					frappe.bold(installation), frappe.bold(other)
				),
				OverlappingAgreement,
			)


def status_of(doc, today=None) -> str:
	if doc.docstatus == 0:
		return "Draft"
	grace_days = frappe.get_cached_value("Support Office", doc.selling_office, "grace_days") or 0
	today = today or office_day(doc.selling_office)
	return renewal_status(
		getdate(doc.start_date), getdate(doc.end_date), grace_days, today, cancelled=doc.docstatus == 2
	).value


def ensure_first_year(installation) -> str | None:
	"""The first free year of a newly registered installation, as a submitted agreement of its
	serving office (once its anchor date is known)."""
	anchor = anchor_of(installation.as_dict())
	if not anchor or not installation.serving_office:
		return None
	if not frappe.get_cached_value("Support Office", installation.serving_office, "free_support_months"):
		return None  # the office gives no free period
	exists = frappe.db.sql(
		"""select agreement.name from `tabWarranty Agreement` agreement
		join `tabWarranty Agreement Installation` covered on covered.parent = agreement.name
		where covered.installation = %s and agreement.agreement_kind = 'First Year'
			and agreement.docstatus < 2 limit 1""",
		installation.name,
	)
	if exists:
		return None
	agreement = frappe.new_doc("Warranty Agreement")
	agreement.update(
		{
			"customer": installation.customer,
			"agreement_kind": AgreementKind.FIRST_YEAR.value,
			"selling_office": installation.serving_office,
			"start_date": anchor,
			"price": 0,
			"currency": frappe.get_cached_value("Support Office", installation.serving_office, "currency"),
			"installations": [{"installation": installation.name}],
		}
	)
	by_rule(agreement)
	agreement.flags.ignore_permissions = True
	agreement.insert()
	agreement.submit()
	return agreement.name


def renewal_for(previous) -> "frappe.model.document.Document":
	"""The next annual agreement after `previous` (draft), and for a subsidiary with a Company, a
	draft Sales Invoice for the renewal item at the office's price list."""
	if previous.docstatus != 1:
		frappe.throw(_("Only a submitted, not cancelled agreement can be renewed."), AgreementNotRenewable)
	office = frappe.get_cached_doc("Support Office", previous.selling_office)
	names = [row.installation for row in previous.installations]
	installation = frappe.db.get_value(
		"Client Installation",
		names[0],
		["name", "coverage_anchor", "go_live_date", "purchase_date"],
		as_dict=True,
	)
	known = agreements_of(names).get(names[0], [])
	anchor = anchor_of(installation)
	try:
		start, _end = next_renewal(
			known,
			anchor or getdate(previous.start_date),
			# no go-live date recorded: only the agreements count, not a free period from a guess
			(office.free_support_months or 0) if anchor else 0,
			office.grace_days or 0,
			office_day(office.name),
		)
	except DomainError as error:
		frappe.throw(str(error))
	renewal = frappe.new_doc("Warranty Agreement")
	renewal.update(
		{
			"customer": previous.customer,
			"agreement_kind": AgreementKind.ANNUAL_RENEWAL.value,
			"renewal_of": previous.name,
			"selling_office": previous.selling_office,
			"start_date": start,
			"currency": office.currency,
			"renewal_item": office.renewal_item,
			"installations": [{"installation": name} for name in names],
		}
	)
	renewal.price = renewal_price(office, renewal.renewal_item)
	by_rule(renewal)
	renewal.insert()
	if office.company and renewal.renewal_item:
		renewal.db_set("sales_invoice", draft_renewal_invoice(office, renewal), update_modified=False)
	return renewal


def renewal_price(office, item: str | None) -> float:
	if not item or not office.price_list:
		return 0
	return (
		frappe.db.get_value(
			"Item Price",
			{"item_code": item, "price_list": office.price_list, "selling": 1},
			"price_list_rate",
		)
		or 0
	)


def draft_renewal_invoice(office, renewal) -> str:
	invoice = frappe.new_doc("Sales Invoice")
	invoice.update(
		{
			"company": office.company,
			"customer": renewal.customer,
			"currency": renewal.currency
			or frappe.get_cached_value("Company", office.company, "default_currency"),
			"selling_price_list": office.price_list,
			"set_posting_time": 1,
			# whole minutes: the form drops seconds and would open the draft as changed
			"posting_time": frappe.utils.now_datetime().strftime("%H:%M:00"),
			"posting_date": frappe.utils.nowdate(),
			"due_date": renewal.start_date,
			"items": [
				{
					"item_code": renewal.renewal_item,
					"qty": 1,
					"rate": renewal.price,
					"description": _("Warranty agreement {0} from {1} to {2}").format(
						renewal.name, renewal.start_date, renewal.end_date
					),
				}
			],
		}
	)
	invoice.set_missing_values()
	invoice.insert()
	return invoice.name
