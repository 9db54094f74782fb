"""Scheduled jobs under faults (one bad row, a second run at the same time, NULL next checks) and
the office hearing about its new requests."""

from datetime import timedelta
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime

from onyx_support.services import jobs, sla
from onyx_support.services.requests import auto_close_resolved
from onyx_support.tests.network_fixture import OFFICE_A, build_request_world
from onyx_support.tests.utils import make_request, resolve_request


def other_connection():
	"""A second database session, as a second worker or scheduler host would have."""
	import pymysql

	return pymysql.connect(
		host=frappe.conf.db_host or "127.0.0.1",
		port=int(frappe.conf.db_port or 3306),
		user=frappe.conf.db_user or frappe.conf.db_name,
		password=frappe.conf.db_password,
		database=frappe.conf.db_name,
	)


class TestScheduledJobs(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = build_request_world()

	def open_request(self):
		return make_request(self.world["always_customer"], installation=self.world["always_installation"])

	def test_the_sweep_reads_due_requests_past_a_batch_of_requests_with_no_next_check(self):
		without_check = [self.open_request() for _ in range(4)]
		for request in without_check:
			frappe.db.set_value(
				"Support Request", request.name, "sla_next_check", None, update_modified=False
			)
		due = [self.open_request() for _ in range(2)]
		for request in due:
			frappe.db.set_value(
				"Support Request",
				request.name,
				{"sla_next_check": now_datetime() - timedelta(minutes=1), "sla_status": None},
				update_modified=False,
			)
		untouched = {
			r.name: frappe.db.get_value("Support Request", r.name, "modified") for r in without_check
		}
		with patch.object(sla, "SWEEP_BATCH", 3):  # fewer than the requests with no next check
			sla.sweep()
		for request in due:
			self.assertEqual(frappe.db.get_value("Support Request", request.name, "sla_status"), "On Track")
		for name, modified in untouched.items():
			self.assertEqual(frappe.db.get_value("Support Request", name, "modified"), modified, name)

	def test_a_second_run_skips_while_the_first_holds_the_job(self):
		request = self.open_request()
		frappe.db.set_value(
			"Support Request",
			request.name,
			{"sla_next_check": now_datetime() - timedelta(minutes=1), "sla_status": None},
			update_modified=False,
		)
		errors = frappe.db.count("Error Log")
		connection = other_connection()
		try:
			with connection.cursor() as cursor:
				cursor.execute("select get_lock(%s, 0)", (jobs._lock_name("sla_sweep"),))
				self.assertEqual(cursor.fetchone()[0], 1)
			self.assertIsNone(sla.sweep())  # the other run has it: this one does nothing
			self.assertFalse(frappe.db.get_value("Support Request", request.name, "sla_status"))
			with connection.cursor() as cursor:  # the other run ends
				cursor.execute("select release_lock(%s)", (jobs._lock_name("sla_sweep"),))
		finally:
			connection.close()
		self.assertGreaterEqual(sla.sweep(), 1)
		self.assertEqual(frappe.db.get_value("Support Request", request.name, "sla_status"), "On Track")
		self.assertEqual(frappe.db.count("Error Log"), errors)

	def test_one_request_that_cannot_close_does_not_stop_the_others(self):
		frappe.db.set_value("Support Office", OFFICE_A, {"approval_required": 0, "auto_close_days": 7})
		customer = self.world["customers"][OFFICE_A]
		installation = self.world["installations"][OFFICE_A]
		bad, good = (make_request(customer, installation=installation) for _ in range(2))
		for request in (bad, good):
			resolve_request(request.name)
			frappe.db.set_value(
				"Support Request", request.name, "resolved_on", add_to_date(now_datetime(), days=-8)
			)
		frappe.db.set_value("Support Request", bad.name, "resolution_summary", None)  # cannot close
		errors = frappe.db.count("Error Log", {"reference_name": bad.name})
		closed = auto_close_resolved()
		self.assertGreaterEqual(closed, 1)
		self.assertEqual(frappe.db.get_value("Support Request", good.name, "status"), "Closed")
		self.assertEqual(frappe.db.get_value("Support Request", bad.name, "status"), "Resolved")
		self.assertEqual(frappe.db.count("Error Log", {"reference_name": bad.name}), errors + 1)
		frappe.db.set_value("Support Office", OFFICE_A, "approval_required", 1)


class TestOfficeHearsOfNewRequests(FrappeTestCase):
	def test_a_new_request_queues_one_mail_to_its_office(self):
		world = build_request_world()
		office_email = "office-a-inbox@onyx-test.example"
		frappe.db.set_value("Support Office", OFFICE_A, "email", office_email)
		frappe.clear_document_cache("Support Office", OFFICE_A)
		request = make_request(world["customers"][OFFICE_A], installation=world["installations"][OFFICE_A])
		self.assertEqual(request.office_email, office_email)
		queued = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Support Request", "reference_name": request.name},
			pluck="name",
		)
		to_office = frappe.get_all(
			"Email Queue Recipient",
			filters={"parent": ("in", queued or [""]), "recipient": office_email},
			pluck="parent",
		)
		self.assertEqual(len(to_office), 1)


class TestOpenFlag(FrappeTestCase):
	def test_the_open_flag_follows_the_state(self):
		from frappe.model.workflow import apply_workflow

		world = build_request_world()
		frappe.db.set_value("Support Office", OFFICE_A, "approval_required", 0)
		request = make_request(world["customers"][OFFICE_A], installation=world["installations"][OFFICE_A])
		self.assertEqual(request.is_open, 1)
		resolve_request(request.name)
		self.assertEqual(frappe.db.get_value("Support Request", request.name, "is_open"), 0)
		apply_workflow(frappe.get_doc("Support Request", request.name), "Reopen")
		self.assertEqual(frappe.db.get_value("Support Request", request.name, "is_open"), 1)
		frappe.db.set_value("Support Office", OFFICE_A, "approval_required", 1)
