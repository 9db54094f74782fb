"""Billing Runs: an office's Pending charges of a period, billed once.

- A subsidiary (an office with a Company) bills its clients through ERPNext: one draft Sales
  Invoice per client and currency, one line per charge (Sales Invoice Item.support_charge), with
  the company's own accounts, price list and default taxes. The accountant reviews and submits.
- A distributor (no Company) bills its clients itself: the run is a statement of the charges
  (print format "Support Statement").

Everything is checked before anything is written (item, receivable and income accounts of the
company), and the writes run inside a savepoint: a run either bills all its charges or none.
Cancelling or deleting an invoice returns its charges to Pending (`release_charges`, a Sales
Invoice doc event), so a later run bills them again.
"""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import flt, getdate, now, nowdate

from onyx_support.services.warranty.charges import INVOICED, PENDING, STATEMENT, is_visit_fee, money

SALES_INVOICE = "Sales Invoice"
STATEMENT_MODE = "Statement"
CHARGE_FIELDS = (
	"name",
	"customer",
	"customer_name",
	"currency",
	"charge_date",
	"description",
	"hours",
	"rate",
	"amount",
	"source_key",
	"support_request",
	"visit_report",
)
# Links to an invoice that must not stop cancelling it: the run keeps naming its (cancelled) invoice.
LINKS_KEPT_ON_CANCEL = ("Billing Run", "Billing Run Invoice", "Support Charge")


class NothingToBill(frappe.ValidationError):
	pass


class BillingSetupMissing(frappe.ValidationError):
	pass


class InvoiceStillSubmitted(frappe.ValidationError):
	pass


def billing_mode(company: str | None) -> str:
	return SALES_INVOICE if company else STATEMENT_MODE


# --- what a run bills ------------------------------------------------------------------------------


def pending_charges(office: str, from_date, to_date, lock: bool = True) -> list[frappe._dict]:
	"""The office's Pending charges of the period, in one query (locked: two runs at once cannot
	bill the same charge)."""
	charge = DocType("Support Charge")
	query = (
		frappe.qb.from_(charge)
		.select(*(charge[field] for field in CHARGE_FIELDS))
		.where(
			(charge.office == office)
			& (charge.status == PENDING)
			& (charge.charge_date >= getdate(from_date))
			& (charge.charge_date <= getdate(to_date))
		)
		.orderby(charge.customer)
		.orderby(charge.currency)
		.orderby(charge.charge_date)
		.orderby(charge.name)
	)
	if lock:
		query = query.for_update()
	return query.run(as_dict=True)


def group_charges(charges) -> dict[tuple[str, str], list]:
	groups: dict[tuple[str, str], list] = defaultdict(list)
	for charge in charges:
		groups[(charge.customer, charge.currency)].append(charge)
	return dict(groups)


def bill(run) -> None:
	"""Bill the run's charges (called on submit): fills its invoices table and totals."""
	charges = pending_charges(run.office, run.from_date, run.to_date)
	if not charges:
		frappe.throw(
			_("Nothing to bill: support office {0} has no pending charges from {1} to {2}.").format(
				frappe.bold(run.office),
				frappe.format(run.from_date, {"fieldtype": "Date"}),
				frappe.format(run.to_date, {"fieldtype": "Date"}),
			),
			NothingToBill,
			title=_("Nothing to bill"),
		)
	groups = group_charges(charges)
	if run.billing_mode == SALES_INVOICE:
		office = frappe.get_cached_doc("Support Office", run.office)
		check_invoice_setup(office, run.company, groups)
	savepoint = "onyx_billing_run"
	frappe.db.savepoint(savepoint)
	try:
		run.set("invoices", [])
		for (customer, currency), group in groups.items():
			invoice = None
			if run.billing_mode == SALES_INVOICE:
				invoice = make_invoice(run, office, customer, currency, group)
			mark_billed(group, run.name, invoice)
			run.append(
				"invoices",
				{
					"customer": customer,
					"currency": currency,
					"charges": len(group),
					"amount": sum(flt(charge.amount) for charge in group),
					"sales_invoice": invoice,
				},
			)
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		run.set("invoices", [])
		raise
	run.total_charges = len(charges)
	# one total only in one currency (the statement prints a total per currency otherwise)
	currencies = {charge.currency for charge in charges}
	run.currency = currencies.pop() if len(currencies) == 1 else None
	run.total_amount = sum(flt(charge.amount) for charge in charges) if run.currency else 0


def mark_billed(group, run_name: str, invoice: str | None) -> None:
	charge = DocType("Support Charge")
	(
		frappe.qb.update(charge)
		.set(charge.status, INVOICED if invoice else STATEMENT)
		.set(charge.billing_run, run_name)
		.set(charge.sales_invoice, invoice)
		.set(charge.modified, now())
		.set(charge.modified_by, frappe.session.user)
		.where(charge.name.isin([row.name for row in group]) & (charge.status == PENDING))
	).run()


# --- ERPNext invoices ------------------------------------------------------------------------------


def _missing(message: str) -> None:
	frappe.throw(message, BillingSetupMissing, title=_("Billing set-up incomplete"))


def check_invoice_setup(office, company: str, groups) -> None:
	"""Everything the invoices need, checked before one is written."""
	from erpnext.accounts.party import get_party_account

	if not office.support_item:
		_missing(
			_("Support office {0} has no {1}: set the item its support is invoiced with.").format(
				frappe.bold(office.name), _("Support Item")
			)
		)
	if not income_account(office.support_item, company):
		_missing(
			_(
				"Company {0} has no {1} (and item {2} names no income account for it): set it before billing."
			).format(frappe.bold(company), _("Default Income Account"), frappe.bold(office.support_item))
		)
	for customer in sorted({customer for customer, _currency in groups}):
		if not get_party_account("Customer", customer, company):
			_missing(
				_(
					"Company {0} has no {1} (and customer {2} names no receivable account for it): set it before billing."
				).format(frappe.bold(company), _("Default Receivable Account"), frappe.bold(customer))
			)


def income_account(item_code: str, company: str) -> str | None:
	"""Where ERPNext takes an invoice line's income account from: the item's defaults, its group's,
	its brand's, else the company's default."""
	from erpnext.setup.doctype.brand.brand import get_brand_defaults
	from erpnext.setup.doctype.item_group.item_group import get_item_group_defaults
	from erpnext.stock.doctype.item.item import get_item_defaults

	return (
		get_item_defaults(item_code, company).get("income_account")
		or get_item_group_defaults(item_code, company).get("income_account")
		or get_brand_defaults(item_code, company).get("income_account")
		or frappe.get_cached_value("Company", company, "default_income_account")
	)


def invoice_line(office, charge) -> dict:
	"""One line per charge: its hours at its rate, or one visit at its fee; qty x rate = amount."""
	qty, rate = flt(charge.hours), flt(charge.rate)
	if (
		is_visit_fee(charge)
		or qty <= 0
		or money(qty * rate, charge.currency) != flt(charge.amount)
		or (qty != int(qty) and whole_units_only(office.support_item))
	):
		qty, rate = 1, flt(charge.amount)
	return {
		"item_code": office.support_item,
		"qty": qty,
		"rate": rate,
		"description": charge.description or charge.source_key,
		"support_charge": charge.name,
	}


def whole_units_only(item_code: str) -> bool:
	"""Is the item sold in a unit that takes no fraction (Nos)? Then a line is one piece of work."""
	uom = frappe.get_cached_value("Item", item_code, "sales_uom") or frappe.get_cached_value(
		"Item", item_code, "stock_uom"
	)
	return bool(uom and frappe.get_cached_value("UOM", uom, "must_be_whole_number"))


def make_invoice(run, office, customer: str, currency: str, group) -> str:
	invoice = frappe.new_doc("Sales Invoice")
	invoice.update(
		{
			"company": run.company,
			"customer": customer,
			"currency": currency,
			"posting_date": run.posting_date or nowdate(),
			"set_posting_time": 1,
			# whole minutes: the form drops seconds and would open the draft as changed
			"posting_time": frappe.utils.now_datetime().strftime("%H:%M:00"),
			"selling_price_list": office.price_list or None,
			"ignore_pricing_rule": 1,
		}
	)
	default_taxes = frappe.db.get_value(
		"Sales Taxes and Charges Template", {"company": run.company, "is_default": 1, "disabled": 0}
	)
	if default_taxes:
		invoice.taxes_and_charges = default_taxes
	lines = [invoice_line(office, charge) for charge in group]
	for line in lines:
		invoice.append("items", line)
	invoice.flags.ignore_permissions = True  # the run's own invoice: the accountant may submit it
	invoice.set_missing_values()
	# a price list rate or item default must not re-price a charge
	for row, line in zip(invoice.items, lines, strict=True):
		row.update({"qty": line["qty"], "rate": line["rate"], "description": line["description"]})
	invoice.insert(ignore_permissions=True)
	return invoice.name


# --- undoing a run or an invoice -------------------------------------------------------------------


def check_cancellable(run) -> None:
	"""A run is cancelled only while its invoices are drafts (or cancelled)."""
	names = [row.sales_invoice for row in run.get("invoices") or [] if row.sales_invoice]
	if not names:
		return
	submitted = frappe.get_all(
		"Sales Invoice", filters={"name": ("in", names), "docstatus": 1}, pluck="name", order_by="name"
	)
	if submitted:
		frappe.throw(
			_("Cancel the submitted invoices of this billing run first: {0}.").format(
				", ".join(frappe.bold(name) for name in submitted)
			),
			InvoiceStillSubmitted,
			title=_("Invoices submitted"),
		)


def unbill(run) -> None:
	"""Cancelling a run: its draft invoices are deleted and its charges are Pending again."""
	names = [row.sales_invoice for row in run.get("invoices") or [] if row.sales_invoice]
	drafts = frappe.get_all("Sales Invoice", filters={"name": ("in", names), "docstatus": 0}, pluck="name")
	for name in drafts:
		frappe.delete_doc("Sales Invoice", name, ignore_permissions=True)
	charge = DocType("Support Charge")
	_release(charge.billing_run == run.name)


def _release(condition) -> None:
	charge = DocType("Support Charge")
	(
		frappe.qb.update(charge)
		.set(charge.status, PENDING)
		.set(charge.sales_invoice, None)
		.set(charge.billing_run, None)
		.set(charge.modified, now())
		.set(charge.modified_by, frappe.session.user)
		.where(condition & charge.status.isin([INVOICED, STATEMENT]))
	).run()


def release_charges(doc, method=None) -> None:
	"""Sales Invoice on_cancel / on_trash: its charges are Pending again (billed by a later run)."""
	charge = DocType("Support Charge")
	linked = [row.get("support_charge") for row in doc.get("items") or [] if row.get("support_charge")]
	condition = charge.sales_invoice == doc.name
	if linked:
		unlinked = charge.sales_invoice.isnull() | (charge.sales_invoice == "")
		condition |= charge.name.isin(linked) & unlinked
	_release(condition & (charge.status == INVOICED))
	if method == "on_trash":
		# the run keeps its row (client, amount) without a link to an invoice that no longer exists
		row = DocType("Billing Run Invoice")
		frappe.qb.update(row).set(row.sales_invoice, None).where(row.sales_invoice == doc.name).run()
	else:
		kept = tuple(doc.get("ignore_linked_doctypes") or ())
		doc.ignore_linked_doctypes = kept + tuple(d for d in LINKS_KEPT_ON_CANCEL if d not in kept)
