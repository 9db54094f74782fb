# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

"""Warranty agreements in a site: the stamp a new request gets in each of the four states, the
first free year made at registration, the checks on an agreement, Renew, the daily status refresh
and the renewal reminders.

Dates are arranged relative to the office's local day (Asia/Aden); the office gives 12 free months
and 30 days of grace. Nothing is committed: the class rolls back."""

from contextlib import ExitStack, contextmanager
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, getdate

from onyx_support.domain.coverage import period_end
from onyx_support.services.warranty import agreements, reminders
from onyx_support.services.warranty.agreements import (
	AgreementNotRenewable,
	InstallationOfAnotherCustomer,
	OverlappingAgreement,
	renewal_for,
)
from onyx_support.services.warranty.coverage import coverage_sentence, office_day
from onyx_support.tests.network_fixture import CLIENT_A, CLIENT_A2, OFFICE_A, OFFICE_B, build_request_world
from onyx_support.tests.utils import make_installation, make_request, make_system
from onyx_support.warranty.doctype.warranty_agreement.warranty_agreement import InvalidAgreementPeriod

FREE_MONTHS = 12
GRACE_DAYS = 30
OFFICE_EMAIL = "office-a@onyx-test.example"


@contextmanager
def on_day(day):
	"""The daily job as if it ran on another day (every office's local day and the server's)."""
	with ExitStack() as stack:
		stack.enter_context(patch.object(reminders, "office_day", lambda *args, **kwargs: getdate(day)))
		stack.enter_context(patch.object(reminders, "nowdate", lambda: str(getdate(day))))
		stack.enter_context(patch.object(agreements, "office_day", lambda *args, **kwargs: getdate(day)))
		yield


def first_year_of(installation: str):
	name = frappe.db.get_value(
		"Warranty Agreement Installation",
		{"installation": installation, "parenttype": "Warranty Agreement"},
		"parent",
	)
	return frappe.get_doc("Warranty Agreement", name) if name else None


class WarrantyTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# Frappe mails a Notification Log at once in tests, and commits to do so (the assignment of
		# a new request): this class must roll back whole
		muted = patch(
			"frappe.desk.doctype.notification_log.notification_log.send_notification_email",
			lambda doc: None,
		)
		muted.start()
		cls.addClassCleanup(muted.stop)
		cls.world = build_request_world()
		cls.customer = cls.world["customers"][OFFICE_A]
		cls.other_customer = cls.world["customers"][OFFICE_B]
		frappe.db.set_value(
			"Support Office",
			OFFICE_A,
			{"free_support_months": FREE_MONTHS, "grace_days": GRACE_DAYS, "email": OFFICE_EMAIL},
		)
		frappe.clear_document_cache("Support Office", OFFICE_A)
		settings = frappe.get_single("Onyx Support Settings")
		settings.renewal_reminder_days = "60, 30, 7"
		settings.save(ignore_permissions=True)
		cls.addClassCleanup(frappe.clear_document_cache, "Support Office", OFFICE_A)
		cls.today = office_day(OFFICE_A)

	def installation(self, code: str, go_live=None, customer=None):
		system = make_system(f"_Test Cover {code}")
		values = {"go_live_date": go_live} if go_live else {}
		return make_installation(customer or self.customer, system, "1.0", **values).name

	def agreement(self, installation: str, start, kind="Goodwill", months=1, submit=True, **values):
		doc = frappe.get_doc(
			{
				"doctype": "Warranty Agreement",
				"customer": values.pop("customer", self.customer),
				"agreement_kind": kind,
				"selling_office": OFFICE_A,
				"start_date": start,
				"goodwill_months": months if kind == "Goodwill" else None,
				"installations": [{"installation": installation}],
				**values,
			}
		).insert()
		if submit:
			doc.submit()
		return doc


class TestStampOnNewRequest(WarrantyTestCase):
	def stamp(self, installation):
		request = make_request(self.customer, installation=installation)
		return request.coverage_state, request.coverage_agreement, request.covered_until

	def test_free_first_year(self):
		go_live = add_days(self.today, -30)
		installation = self.installation("Free", go_live)
		first_year = first_year_of(installation)
		state, agreement, until = self.stamp(installation)
		self.assertEqual(state, "Free First Year")
		self.assertEqual(agreement, first_year.name)
		self.assertEqual(getdate(until), period_end(getdate(go_live), FREE_MONTHS))
		self.assertEqual(
			coverage_sentence(state, until), "Covered until {0}.".format(frappe.utils.formatdate(until))
		)

	def test_under_agreement(self):
		installation = self.installation("Agreement", add_days(add_months(self.today, -12), -40))
		first_year = first_year_of(installation)
		renewal = self.agreement(
			installation,
			add_days(first_year.end_date, 1),
			kind="Annual Renewal",
			renewal_of=first_year.name,
		)
		state, agreement, until = self.stamp(installation)
		self.assertEqual(
			(state, agreement, getdate(until)), ("Under Agreement", renewal.name, renewal.end_date)
		)

	def test_grace(self):
		installation = self.installation("Grace", add_days(add_months(self.today, -12), -10))
		first_year = first_year_of(installation)
		self.assertLess(getdate(first_year.end_date), self.today)
		state, agreement, until = self.stamp(installation)
		self.assertEqual((state, agreement, getdate(until)), ("Grace", first_year.name, first_year.end_date))
		self.assertIn("renew", coverage_sentence(state, until))

	def test_billable(self):
		installation = self.installation("Billable", add_months(self.today, -36))
		self.assertEqual(self.stamp(installation), ("Billable", None, None))
		self.assertEqual(coverage_sentence("Billable"), "This request will be billed at the office's rate.")


class TestAgreementRules(WarrantyTestCase):
	def test_first_year_made_at_registration(self):
		go_live = add_days(self.today, -100)
		installation = self.installation("Registered", go_live)
		first_year = first_year_of(installation)
		self.assertIsNotNone(first_year)
		self.assertEqual(
			(first_year.agreement_kind, first_year.docstatus, first_year.customer, first_year.selling_office),
			("First Year", 1, self.customer, OFFICE_A),
		)
		self.assertEqual(getdate(first_year.start_date), getdate(go_live))
		self.assertEqual(getdate(first_year.end_date), period_end(getdate(go_live), FREE_MONTHS))
		self.assertEqual(first_year.status, "Active")
		# saving the installation again makes no second one
		frappe.get_doc("Client Installation", installation).save()
		self.assertEqual(
			frappe.db.count(
				"Warranty Agreement Installation",
				{"installation": installation, "parenttype": "Warranty Agreement"},
			),
			1,
		)

	def test_overlap_refused(self):
		installation = self.installation("Overlap", add_days(self.today, -100))
		with self.assertRaises(OverlappingAgreement):
			self.agreement(installation, add_days(self.today, 10), kind="Annual Renewal")
		# touching the first year is not overlapping
		first_year = first_year_of(installation)
		self.agreement(installation, add_days(first_year.end_date, 1), kind="Annual Renewal", submit=False)

	def test_end_before_start_refused(self):
		installation = self.installation("Negative")
		with self.assertRaises(InvalidAgreementPeriod):
			self.agreement(installation, self.today, months=-3, submit=False)

	def test_renewing_a_cancelled_agreement_refused(self):
		installation = self.installation("Cancelled")
		cancelled = self.agreement(installation, add_days(self.today, -20))
		cancelled.cancel()
		self.assertEqual(frappe.db.get_value("Warranty Agreement", cancelled.name, "status"), "Cancelled")
		with self.assertRaises(AgreementNotRenewable):
			renewal_for(frappe.get_doc("Warranty Agreement", cancelled.name))
		# Frappe's own link check refuses it first (CancelledLinkError), the agreement's check after
		with self.assertRaises((AgreementNotRenewable, frappe.CancelledLinkError)):
			self.agreement(
				installation,
				add_days(self.today, 30),
				kind="Annual Renewal",
				renewal_of=cancelled.name,
				submit=False,
			)

	def test_installation_of_another_customer_refused(self):
		theirs = self.installation("Theirs", customer=self.other_customer)
		with self.assertRaises(InstallationOfAnotherCustomer):
			self.agreement(theirs, self.today, submit=False)

	def test_submitted_agreement_cannot_be_edited(self):
		installation = self.installation("Locked")
		doc = self.agreement(installation, self.today)
		doc.start_date = add_days(self.today, 5)
		with self.assertRaises(frappe.UpdateAfterSubmitError):
			doc.save()

	def test_renew_within_grace_starts_the_day_after(self):
		from onyx_support.api.warranty import renew

		installation = self.installation("Renew", add_days(add_months(self.today, -12), -10))
		first_year = first_year_of(installation)
		self.assertEqual(first_year.status, "Grace")
		renewal = frappe.get_doc("Warranty Agreement", renew(agreement=first_year.name))
		self.assertEqual(
			(renewal.docstatus, renewal.agreement_kind, renewal.renewal_of, renewal.customer),
			(0, "Annual Renewal", first_year.name, self.customer),
		)
		self.assertEqual(getdate(renewal.start_date), add_days(first_year.end_date, 1))
		self.assertEqual(getdate(renewal.end_date), period_end(getdate(renewal.start_date), 12))
		renewal.submit()
		# back-dated into the grace: no day is billable, the next request is under the agreement
		request = make_request(self.customer, installation=installation)
		self.assertEqual(
			(request.coverage_state, request.coverage_agreement), ("Under Agreement", renewal.name)
		)


class TestDailyJob(WarrantyTestCase):
	def queued(self, agreement: str) -> list[str]:
		return frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Warranty Agreement", "reference_name": agreement},
			pluck="name",
		)

	def reminders_of(self, agreement: str) -> dict[int, str]:
		return dict(
			frappe.get_all(
				"Warranty Reminder",
				filters={"parent": agreement, "parenttype": "Warranty Agreement"},
				fields=["days_before", "recipients"],
				as_list=True,
			)
		)

	def test_status_refresh(self):
		in_grace = first_year_of(
			self.installation("Refresh Grace", add_days(add_months(self.today, -12), -10))
		)
		in_grace.db_set({"status": "Active", "grace_until": None}, update_modified=False)
		starting = self.agreement(self.installation("Refresh Start"), self.today)
		starting.db_set("status", "Upcoming", update_modified=False)
		expired = first_year_of(self.installation("Refresh Expired", add_months(self.today, -36)))
		self.assertEqual(expired.status, "Expired")
		modified = frappe.db.get_value("Warranty Agreement", in_grace.name, "modified")

		candidates = reminders.agreements_to_refresh()
		self.assertIn(in_grace.name, candidates)
		self.assertIn(starting.name, candidates)
		self.assertNotIn(expired.name, candidates)  # nothing can change: not read at all

		reminders.refresh_agreements()
		self.assertEqual(
			frappe.db.get_value("Warranty Agreement", in_grace.name, ["status", "grace_until", "modified"]),
			("Grace", add_days(in_grace.end_date, GRACE_DAYS), modified),
		)
		self.assertEqual(frappe.db.get_value("Warranty Agreement", starting.name, "status"), "Active")
		self.assertEqual(frappe.db.get_value("Warranty Agreement", expired.name, "status"), "Expired")

	def test_one_mail_per_offset(self):
		agreement = self.agreement(self.installation("Remind"), add_days(self.today, 20))
		end = getdate(agreement.end_date)
		reminders.refresh_agreements()
		reminders.refresh_agreements()
		self.assertEqual(len(self.queued(agreement.name)), 1)
		sent = self.reminders_of(agreement.name)
		self.assertEqual(list(sent), [60])
		for address in (CLIENT_A, CLIENT_A2, OFFICE_EMAIL):
			self.assertIn(address, sent[60])
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": self.queued(agreement.name)[0]}, pluck="recipient"
		)
		portal_users = frappe.db.sql_list(
			"""select user.email from `tabPortal User` portal join `tabUser` user on user.name = portal.user
			where portal.parenttype = 'Customer' and portal.parent = %s and user.enabled = 1""",
			self.customer,
		)
		# in copy: the office's address and its managers (other tests on the site may add some)
		managers = frappe.db.sql_list(
			"""select user.email from `tabSupport Office Engineer` member
			join `tabUser` user on user.name = member.user
			where member.parenttype = 'Support Office' and member.parent = %s
				and member.office_role = 'Manager' and user.enabled = 1""",
			agreement.selling_office,
		)
		self.assertEqual(set(recipients), {*portal_users, OFFICE_EMAIL, *managers})
		self.assertTrue({CLIENT_A, CLIENT_A2} <= set(recipients))

		for offset, mails in ((30, 2), (7, 3)):
			with on_day(add_days(end, -offset)):
				reminders.refresh_agreements()
				reminders.refresh_agreements()
			self.assertEqual(len(self.queued(agreement.name)), mails, offset)
		self.assertEqual(sorted(self.reminders_of(agreement.name)), [7, 30, 60])
		self.assertNotIn("skipped", self.reminders_of(agreement.name).values())

	def test_missed_days_send_only_the_nearest(self):
		agreement = self.agreement(self.installation("Missed"), add_days(self.today, -25))
		self.assertLessEqual((getdate(agreement.end_date) - self.today).days, 7)
		reminders.refresh_agreements()
		reminders.refresh_agreements()
		self.assertEqual(len(self.queued(agreement.name)), 1)
		sent = self.reminders_of(agreement.name)
		self.assertEqual((sent[60], sent[30]), ("skipped", "skipped"))
		self.assertIn(CLIENT_A, sent[7])
		office = frappe._dict(office_name=OFFICE_A, email=OFFICE_EMAIL, phone=None, grace_days=GRACE_DAYS)
		subject, message = reminders.reminder_mail(agreement, office)
		end = frappe.utils.formatdate(agreement.end_date)
		self.assertIn(end, subject)
		self.assertIn(end, message)
		self.assertIn("/support/coverage", message)

	def test_renewed_agreement_gets_no_reminder(self):
		installation = self.installation("Renewed")
		agreement = self.agreement(installation, add_days(self.today, -10))
		self.agreement(
			installation,
			add_days(agreement.end_date, 1),
			kind="Annual Renewal",
			renewal_of=agreement.name,
			submit=False,
		)
		self.assertNotIn(agreement.name, reminders.agreements_to_remind(reminders.reminder_offsets()))
		reminders.refresh_agreements()
		self.assertEqual(self.queued(agreement.name), [])

	def test_offsets_from_settings(self):
		frappe.db.set_single_value("Onyx Support Settings", "renewal_reminder_days", "7, 60; x, 30, 7, -1")
		self.assertEqual(reminders.reminder_offsets(), [60, 30, 7])
		self.assertEqual(reminders.due_offsets(add_days(self.today, 10), self.today, [60, 30, 7], {60}), [30])


class TestRenewalRate(WarrantyTestCase):
	def counts(self, group_by="Office", **filters):
		from onyx_support.warranty.report.renewal_rate.renewal_rate import execute

		columns, data, _message, chart = execute(
			{
				"from_date": add_days(self.today, -120),
				"to_date": add_days(self.today, 30),
				"group_by": group_by,
				**filters,
			}
		)
		self.assertEqual(len(columns), 7)
		return {row.grp: row for row in data}, chart

	def ended(self, code: str, days_ago: int):
		"""A one-month goodwill agreement that ended about `days_ago` days ago."""
		return self.agreement(self.installation(code), add_days(self.today, -days_ago - 30))

	def renew(self, agreement, days_after_end: int):
		return self.agreement(
			agreement.installations[0].installation,
			add_days(agreement.end_date, days_after_end),
			kind="Annual Renewal",
			renewal_of=agreement.name,
		)

	def test_rate_by_office_and_region(self):
		keys = ("ending", "renewed", "renewed_late", "not_renewed", "awaiting")
		before = {
			group: self.counts(group)[0].get(name)
			for group, name in (("Office", OFFICE_A), ("Region", "_T Yemen"))
		}
		self.renew(self.ended("Rate On Time", 60), 10)
		self.renew(self.ended("Rate Late", 60), GRACE_DAYS + 10)
		self.ended("Rate Lost", 60)
		self.agreement(self.installation("Rate Open"), add_days(self.today, -20))  # ends in ~10 days
		for group, name in (("Office", OFFICE_A), ("Region", "_T Yemen")):
			rows, chart = self.counts(group)
			old = before[group] or frappe._dict.fromkeys(keys, 0)
			self.assertEqual([rows[name][k] - (old[k] or 0) for k in keys], [4, 1, 1, 1, 1], group)
			self.assertIn(name, chart["data"]["labels"])
			self.assertEqual(chart["type"], "bar")
		if not before["Office"]:  # the site has no other agreement of the office in the period
			self.assertEqual(self.counts()[0][OFFICE_A].rate, round(100 / 3, 1))

	def test_staff_see_only_their_offices(self):
		from onyx_support.tests.network_fixture import ENGINEER_B

		self.ended("Rate Hidden", 60)
		self.assertIn(OFFICE_A, self.counts()[0])
		with self.set_user(ENGINEER_B):
			self.assertNotIn(OFFICE_A, self.counts()[0])
			self.assertEqual(self.counts(office=OFFICE_A)[0], {})
