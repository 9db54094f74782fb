# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt
"""The Support Charge ledger and the Billing Run in a site: billable work becomes charges, a
subsidiary's run makes draft Sales Invoices in its company (once), a distributor's run makes a
statement, and cancelling or deleting an invoice makes its charges billable again."""

import shutil

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_years, flt, get_datetime, getdate, nowdate

from onyx_support.permissions.guards import by_rule
from onyx_support.services.pdf import chromium_path, document_pdf
from onyx_support.services.warranty import charges as ledger
from onyx_support.services.warranty.billing import (
	BillingSetupMissing,
	InvoiceStillSubmitted,
	NothingToBill,
)
from onyx_support.tests.network_fixture import (
	ENGINEER_A,
	ERP,
	OFFICE_A,
	OFFICE_C,
	build_request_world,
)
from onyx_support.tests.utils import (
	make_customer,
	make_installation,
	make_request,
	make_system,
	test_company,
)

SUPPORT_ITEM = "_Test Support Hour"
HOURLY_RATE = 40
VISIT_FEE = 75
STATEMENT_FORMAT = "Support Statement"


def day(days_back: int) -> str:
	return str(add_days(getdate(nowdate()), -days_back))


def client(name: str, territory: str, go_live=None) -> tuple[str, str]:
	"""A client of its own (charges of one test never meet another's) and its installation,
	live since `go_live` (three years ago: its free year is long over)."""
	customer = make_customer(name, territory)
	installation = make_installation(customer, ERP, "15.2").name
	# a run interrupted in an earlier session may have left charges of the client behind
	frappe.db.delete("Support Charge", {"customer": customer})
	frappe.db.set_value(
		"Client Installation",
		installation,
		{"go_live_date": go_live or add_years(nowdate(), -3), "coverage_anchor": "Go-Live Date"},
	)
	return customer, installation


def log_work(customer: str, installation: str, days_back: int, *minutes: int, billable: int = 1):
	"""A request with one work-log row per duration, on a day `days_back` ago (10:00)."""
	request = make_request(customer, installation=installation)
	started = get_datetime(f"{day(days_back)} 10:00:00")
	for duration in minutes:
		request.append(
			"work_log",
			{
				"engineer": ENGINEER_A,
				"means": "Remote Session",
				"started_at": started,
				"duration_minutes": duration,
				"billable": billable,
				"note": "Rebuilt the posting index",
			},
		)
	request.save(ignore_permissions=True)
	return stamped(request.name)


def stamped(name: str):
	"""The request once its rows carry their cover. Where the controller does not stamp them (or
	sync its charges) yet, the test does what it will do; syncing twice creates nothing twice."""
	request = frappe.get_doc("Support Request", name)
	if any(not row.coverage_state for row in request.work_log):
		from onyx_support.services.warranty.coverage import stamp_work_log

		stamp_work_log(request)
		by_rule(request).save(ignore_permissions=True)
		request = frappe.get_doc("Support Request", name)
	ledger.sync_request_charges(request)
	return request


def charges_of(**filters) -> list:
	return frappe.get_all(
		"Support Charge",
		filters=filters,
		fields=[
			"name",
			"status",
			"hours",
			"rate",
			"amount",
			"currency",
			"company",
			"sales_invoice",
			"billing_run",
		],
		order_by="hours desc",
	)


def run_for(office: str, days_back: int, submit: bool = True):
	run = frappe.get_doc(
		{"doctype": "Billing Run", "office": office, "from_date": day(days_back), "to_date": day(days_back)}
	).insert()
	if submit:
		run.submit()
	return run


def invoices_of(customer: str) -> list[str]:
	return frappe.get_all("Sales Invoice", filters={"customer": customer}, pluck="name")


class TestBillingRun(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = build_request_world()
		cls.aden = cls.world["territories"]["aden"]
		cls.egypt = cls.world["territories"]["egypt"]
		cls.company = test_company()
		make_system(SUPPORT_ITEM, item_name="Support hour", is_sales_item=1, stock_uom="Hour")
		frappe.db.set_value("Item", SUPPORT_ITEM, {"stock_uom": "Hour", "sales_uom": None})
		frappe.clear_document_cache("Item", SUPPORT_ITEM)
		terms = {
			"hourly_rate": HOURLY_RATE,
			"visit_fee": VISIT_FEE,
			"support_item": SUPPORT_ITEM,
			"currency": "USD",
			"price_list": "Standard Selling",
			"free_support_months": 12,
			"grace_days": 0,
		}
		for office in (OFFICE_A, OFFICE_C):
			frappe.db.set_value("Support Office", office, terms)
			frappe.clear_document_cache("Support Office", office)

	def set_office(self, office: str, **values):
		"""Change an office's terms for one test."""
		previous = frappe.db.get_value("Support Office", office, list(values), as_dict=True)

		def restore():
			frappe.db.set_value("Support Office", office, previous)
			frappe.clear_document_cache("Support Office", office)

		frappe.db.set_value("Support Office", office, values)
		frappe.clear_document_cache("Support Office", office)
		self.addCleanup(restore)

	# --- the ledger -----------------------------------------------------------------------------

	def test_billable_work_makes_one_charge_per_row(self):
		customer, installation = client("_Test Billing Ledger Client", self.aden)
		request = log_work(customer, installation, 3, 90, 30)
		self.assertEqual({row.coverage_state for row in request.work_log}, {"Billable"})

		rows = charges_of(support_request=request.name)
		self.assertEqual([(r.hours, r.rate, r.amount) for r in rows], [(1.5, 40, 60), (0.5, 40, 20)])
		self.assertEqual(
			{(r.status, r.currency, r.company) for r in rows}, {("Pending", "USD", self.company)}
		)
		charge = frappe.get_doc("Support Charge", rows[0].name)
		self.assertEqual(str(charge.charge_date), day(3))
		self.assertEqual(
			(charge.customer, charge.office, charge.installation), (customer, OFFICE_A, installation)
		)
		self.assertIn(request.name, charge.description)

		# saving again (or a concurrent save) bills nothing twice
		ledger.sync_request_charges(frappe.get_doc("Support Request", request.name))
		self.assertEqual(len(charges_of(support_request=request.name)), 2)

		# a row no longer billable loses its pending charge; a removed row too
		request = frappe.get_doc("Support Request", request.name)
		request.work_log[0].billable = 0
		request.save(ignore_permissions=True)
		ledger.sync_request_charges(frappe.get_doc("Support Request", request.name))
		self.assertEqual([r.hours for r in charges_of(support_request=request.name)], [0.5])
		request = frappe.get_doc("Support Request", request.name)
		request.work_log = [row for row in request.work_log if row.duration_minutes != 30]
		request.save(ignore_permissions=True)
		ledger.sync_request_charges(frappe.get_doc("Support Request", request.name))
		self.assertEqual(charges_of(support_request=request.name), [])

	def test_covered_work_makes_no_charge(self):
		customer, installation = client(
			"_Test Billing Covered Client", self.aden, go_live=add_days(nowdate(), -60)
		)
		request = log_work(customer, installation, 2, 120)
		self.assertEqual(request.work_log[0].coverage_state, "Free First Year")
		# even ticked billable by hand, covered work is not charged
		frappe.db.set_value("Support Work Log", request.work_log[0].name, "billable", 1)
		ledger.sync_request_charges(frappe.get_doc("Support Request", request.name))
		self.assertEqual(charges_of(support_request=request.name), [])

	def test_negative_rate_is_refused(self):
		customer, installation = client("_Test Billing Negative Client", self.aden)
		self.set_office(OFFICE_A, hourly_rate=-5)
		request = make_request(customer, installation=installation)
		request.append(
			"work_log",
			{
				"engineer": ENGINEER_A,
				"means": "Remote Session",
				"started_at": get_datetime(f"{day(4)} 10:00:00"),
				"duration_minutes": 60,
				"billable": 1,
				"coverage_state": "Billable",
			},
		)
		with self.assertRaises(ledger.NegativeRate) as raised:
			# the controller syncs the charges on save; where it does not yet, the test does
			by_rule(request).save(ignore_permissions=True)
			ledger.sync_request_charges(frappe.get_doc("Support Request", request.name))
		self.assertIn(OFFICE_A, str(raised.exception))
		self.assertEqual(charges_of(support_request=request.name), [])

	def test_agreement_waives_pending_charges_of_its_period(self):
		customer, installation = client("_Test Billing Waiver Client", self.aden)
		billed = log_work(customer, installation, 12, 60)
		run_for(OFFICE_A, 12)
		pending = log_work(customer, installation, 11, 45)
		later = log_work(customer, installation, 5, 30)
		agreement = frappe._dict(
			name="WA-TEST-WAIVER",
			customer=customer,
			installations=[frappe._dict(installation=installation)],
			start_date=day(13),
			end_date=day(8),
		)
		ledger.waive_covered_charges(agreement)
		self.assertEqual(charges_of(support_request=billed.name)[0].status, "Invoiced")
		waived = frappe.get_doc("Support Charge", charges_of(support_request=pending.name)[0].name)
		self.assertEqual(waived.status, "Waived")
		self.assertIn("WA-TEST-WAIVER", waived.waived_reason)
		self.assertEqual(charges_of(support_request=later.name)[0].status, "Pending")

	def test_billable_visit_charges_its_fee(self):
		from onyx_support.tests.visit_fixture import visit_awaiting_signature

		customer, installation = client("_Test Billing Visit Client", self.aden)
		request = make_request(customer, installation=installation)
		frappe.db.set_value(
			"Support Request", request.name, {"approval_status": "Approved", "proposed_means": "On-site"}
		)
		visit = visit_awaiting_signature(
			customer,
			ENGINEER_A,
			hours_on_site=2,
			requests=[request.name],
			installations=[{"installation": installation, "rating": 0.8, "findings": "Index rebuilt"}],
		)
		frappe.db.set_value("Visit Report", visit.name, "coverage_state", "Billable")
		visit = frappe.get_doc("Visit Report", visit.name)
		ledger.sync_visit_charge(visit)
		ledger.sync_visit_charge(visit)
		rows = charges_of(visit_report=visit.name, source_key=ledger.visit_key(visit.name))
		self.assertEqual(len(rows), 1)
		self.assertEqual((rows[0].amount, rows[0].hours, rows[0].status), (VISIT_FEE, 2, "Pending"))

	# --- a subsidiary's run: draft Sales Invoices -------------------------------------------------

	def test_run_makes_a_draft_invoice_once(self):
		customer, installation = client("_Test Billing Invoice Client", self.aden)
		request = log_work(customer, installation, 20, 90, 30)
		before = set(invoices_of(customer))
		run = run_for(OFFICE_A, 20)

		self.assertEqual((run.billing_mode, run.company), ("Sales Invoice", self.company))
		self.assertEqual((run.total_charges, flt(run.total_amount)), (2, 80))
		self.assertEqual(len(run.invoices), 1)
		invoice = frappe.get_doc("Sales Invoice", run.invoices[0].sales_invoice)
		self.assertEqual(invoice.docstatus, 0)
		self.assertEqual(
			(invoice.company, invoice.customer, invoice.currency, invoice.selling_price_list),
			(self.company, customer, "USD", "Standard Selling"),
		)
		self.assertEqual(str(invoice.posting_date), str(run.posting_date))
		self.assertEqual(
			invoice.debit_to, frappe.get_cached_value("Company", self.company, "default_receivable_account")
		)
		lines = sorted((row.item_code, row.qty, row.rate, row.amount) for row in invoice.items)
		self.assertEqual(lines, [(SUPPORT_ITEM, 0.5, 40, 20), (SUPPORT_ITEM, 1.5, 40, 60)])
		self.assertTrue(all(row.income_account for row in invoice.items))
		self.assertEqual(flt(invoice.net_total), 80)
		rows = charges_of(support_request=request.name)
		self.assertEqual({row.support_charge for row in invoice.items}, {row.name for row in rows})
		self.assertEqual(
			{(row.status, row.sales_invoice, row.billing_run) for row in rows},
			{("Invoiced", invoice.name, run.name)},
		)

		# the same period again: nothing left to bill, no empty invoice
		with self.assertRaises(NothingToBill):
			run_for(OFFICE_A, 20)
		self.assertEqual(set(invoices_of(customer)) - before, {invoice.name})

	def test_cancelled_or_deleted_invoice_makes_charges_billable_again(self):
		customer, installation = client("_Test Billing Release Client", self.aden)
		request = log_work(customer, installation, 25, 60)
		first = run_for(OFFICE_A, 25)

		# a deleted draft: its charge is Pending again and the run keeps its row without the link
		frappe.delete_doc("Sales Invoice", first.invoices[0].sales_invoice)
		(charge,) = charges_of(support_request=request.name)
		self.assertEqual((charge.status, charge.sales_invoice, charge.billing_run), ("Pending", None, None))
		self.assertFalse(frappe.db.get_value("Billing Run Invoice", {"parent": first.name}, "sales_invoice"))

		# billed again, submitted, cancelled: Pending again
		second = run_for(OFFICE_A, 25)
		invoice = frappe.get_doc("Sales Invoice", second.invoices[0].sales_invoice)
		invoice.submit()
		with self.assertRaises(InvoiceStillSubmitted):
			frappe.get_doc("Billing Run", second.name).cancel()
		invoice.reload()
		invoice.cancel()
		(charge,) = charges_of(support_request=request.name)
		self.assertEqual((charge.status, charge.sales_invoice), ("Pending", None))

		# a run whose invoices are cancelled may be cancelled
		frappe.get_doc("Billing Run", second.name).cancel()
		self.assertEqual(frappe.db.get_value("Billing Run", second.name, "docstatus"), 2)

	def test_cancelling_a_run_deletes_its_drafts_and_frees_its_charges(self):
		customer, installation = client("_Test Billing Undo Client", self.aden)
		request = log_work(customer, installation, 27, 60)
		run = run_for(OFFICE_A, 27)
		draft = run.invoices[0].sales_invoice
		frappe.get_doc("Billing Run", run.name).cancel()
		self.assertFalse(frappe.db.exists("Sales Invoice", draft))
		(charge,) = charges_of(support_request=request.name)
		self.assertEqual((charge.status, charge.sales_invoice, charge.billing_run), ("Pending", None, None))

	def test_company_without_receivable_account_writes_nothing(self):
		customer, installation = client("_Test Billing Setup Client", self.aden)
		request = log_work(customer, installation, 30, 60)
		before = set(invoices_of(customer))
		receivable = frappe.db.get_value("Company", self.company, "default_receivable_account")

		def restore():
			frappe.db.set_value("Company", self.company, "default_receivable_account", receivable)
			frappe.clear_document_cache("Company", self.company)

		frappe.db.set_value("Company", self.company, "default_receivable_account", None)
		frappe.clear_document_cache("Company", self.company)
		self.addCleanup(restore)

		run = run_for(OFFICE_A, 30, submit=False)
		with self.assertRaises(BillingSetupMissing) as raised:
			run.submit()
		self.assertIn("Default Receivable Account", str(raised.exception))
		self.assertIn(self.company, str(raised.exception))
		self.assertEqual(set(invoices_of(customer)), before)
		self.assertEqual(frappe.db.get_value("Billing Run", run.name, "docstatus"), 0)
		(charge,) = charges_of(support_request=request.name)
		self.assertEqual((charge.status, charge.sales_invoice, charge.billing_run), ("Pending", None, None))

	def test_office_without_support_item_is_told_which_setting(self):
		customer, installation = client("_Test Billing Item Client", self.aden)
		log_work(customer, installation, 31, 60)
		before = set(invoices_of(customer))
		self.set_office(OFFICE_A, support_item=None)
		with self.assertRaises(BillingSetupMissing) as raised:
			run_for(OFFICE_A, 31)
		self.assertIn("Support Item", str(raised.exception))
		self.assertEqual(set(invoices_of(customer)), before)

	def test_period_must_not_end_before_it_starts(self):
		run = frappe.get_doc(
			{"doctype": "Billing Run", "office": OFFICE_A, "from_date": day(1), "to_date": day(2)}
		)
		self.assertRaises(frappe.ValidationError, run.insert)

	def test_company_fetched_by_the_form_is_not_refused(self):
		"""The form fetches the office's company; the rules compute it (and the mode) anyway."""
		from onyx_support.tests.network_fixture import ADMIN_USER

		frappe.set_user(ADMIN_USER)
		try:
			run = frappe.get_doc(
				{
					"doctype": "Billing Run",
					"office": OFFICE_A,
					"company": self.company,
					"billing_mode": "Statement",
					"from_date": day(2),
					"to_date": day(1),
				}
			).insert()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual((run.company, run.billing_mode), (self.company, "Sales Invoice"))

	# --- a distributor's run: a statement ---------------------------------------------------------

	def test_distributor_run_is_a_statement(self):
		customer, installation = client("_Test Billing Cairo Client", self.egypt)
		self.assertEqual(frappe.db.get_value("Client Installation", installation, "serving_office"), OFFICE_C)
		request = log_work(customer, installation, 15, 90)
		before = set(invoices_of(customer))
		(charge,) = charges_of(support_request=request.name)
		self.assertEqual((charge.company, charge.amount, charge.currency), (None, 60, "USD"))

		run = run_for(OFFICE_C, 15)
		self.assertEqual((run.billing_mode, run.company), ("Statement", None))
		self.assertEqual(
			[
				(row.customer, row.currency, row.charges, flt(row.amount), row.sales_invoice)
				for row in run.invoices
			],
			[(customer, "USD", 1, 60, None)],
		)
		(charge,) = charges_of(support_request=request.name)
		self.assertEqual(
			(charge.status, charge.billing_run, charge.sales_invoice), ("Statement", run.name, None)
		)
		self.assertEqual(set(invoices_of(customer)), before)

		html = frappe.get_print("Billing Run", run.name, STATEMENT_FORMAT)
		self.assertIn(request.name, html)
		self.assertIn(customer, html)

		if not (shutil.which(chromium_path()) and shutil.which("pdftotext")):
			self.skipTest("Chromium or pdftotext not installed")
		from onyx_support.field_service.doctype.visit_report.test_visit_report_pdf import pdf_text

		text = pdf_text(document_pdf("Billing Run", run.name, STATEMENT_FORMAT, "en"))
		self.assertIn("Support Statement", text)
		self.assertIn(customer, text)
		self.assertIn(request.name, text)
		self.assertIn("60.00", text)
