"""A retried submission files one request: the portal's one-time submission key and REST's
Idempotency-Key, repeated in sequence and at the same moment."""

from threading import Barrier, Thread
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client

from onyx_support.tests.network_fixture import CLIENT_A, ENGINEER_A, OFFICE_A, build_request_world
from onyx_support.tests.utils import api_keys_for, rest_post

SUBMIT = "/api/method/onyx_support.api.portal.submit_request"


class TestIdempotentIntake(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = build_request_world()
		cls.token = api_keys_for(CLIENT_A)
		cls.engineer_token = api_keys_for(ENGINEER_A)
		frappe.db.commit()  # nosemgrep: REST calls run on their own connection

	def setUp(self):
		frappe.cache.delete_keys("onyx_throttle")  # the portal allows ten submissions an hour

	def form(self, subject):
		return {"subject": subject, "description": "It fails", "reason": "Guidance"}

	def filed(self, subject):
		frappe.db.rollback()  # see what the other connections committed
		return frappe.get_all("Support Request", filters={"subject": subject}, pluck="name")

	def side_effects(self, name):
		return (
			frappe.db.count("ToDo", {"reference_type": "Support Request", "reference_name": name}),
			frappe.db.count("Email Queue", {"reference_doctype": "Support Request", "reference_name": name}),
		)

	def test_the_same_key_in_sequence_returns_the_request_already_filed(self):
		subject = "retry " + frappe.generate_hash(length=8)
		key = frappe.generate_hash(length=20)
		first = rest_post(SUBMIT, self.token, {**self.form(subject), "submission_key": key})
		self.assertEqual(first.status_code, 200, first.get_data(as_text=True)[:300])
		(name,) = self.filed(subject)
		effects = self.side_effects(name)
		again = rest_post(SUBMIT, self.token, {**self.form(subject), "submission_key": key})
		self.assertEqual(again.status_code, 200)
		self.assertEqual(again.json["message"]["name"], name)
		self.assertEqual(self.filed(subject), [name])
		self.assertEqual(self.side_effects(name), effects)

	def test_a_new_key_files_a_new_request(self):
		subject = "two forms " + frappe.generate_hash(length=8)
		for _ in range(2):
			rest_post(SUBMIT, self.token, {**self.form(subject), "submission_key": frappe.generate_hash()})
		self.assertEqual(len(self.filed(subject)), 2)

	def test_the_idempotency_key_header_concurrently(self):
		subject = "concurrent " + frappe.generate_hash(length=8)
		key = frappe.generate_hash(length=20)
		site, barrier, answers = frappe.local.site, Barrier(3), []

		def submit():
			with patch("frappe.app.get_site_name", return_value=site):
				client = get_test_client()
				barrier.wait()
				answers.append(
					client.post(
						SUBMIT,
						data=self.form(subject),
						headers={"Authorization": self.token, "Idempotency-Key": key},
					)
				)

		threads = [Thread(target=submit) for _ in range(3)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join()
		(name,) = self.filed(subject)
		self.assertEqual(
			[a.status_code for a in answers],
			[200, 200, 200],
			[a.get_data(as_text=True)[-600:] for a in answers],
		)
		self.assertEqual({a.json["message"]["name"] for a in answers}, {name})
		todos, _mails = self.side_effects(name)
		self.assertEqual(todos, 1)

	def test_rest_resource_intake_refuses_a_repeated_key(self):
		subject = "rest " + frappe.generate_hash(length=8)
		key = frappe.generate_hash(length=20)
		data = {
			"data": frappe.as_json(
				{"customer": self.world["customers"][OFFICE_A], "subject": subject, "reason": "Guidance"}
			)
		}
		site, answers = frappe.local.site, []
		for _ in range(2):

			def call():
				with patch("frappe.app.get_site_name", return_value=site):
					answers.append(
						get_test_client().post(
							"/api/resource/Support Request",
							data=data,
							headers={"Authorization": self.engineer_token, "Idempotency-Key": key},
						)
					)

			thread = Thread(target=call)
			thread.start()
			thread.join()
		self.assertEqual([a.status_code for a in answers], [200, 409])
		(name,) = self.filed(subject)
		self.assertIn(name, answers[1].get_data(as_text=True))

	def test_concurrent_intake_files_each_request_completely(self):
		"""Several clients at once: exactly one row per submission, each routed, with deadlines,
		one assignee and one open ToDo."""
		prefix = "load " + frappe.generate_hash(length=6)
		site, submissions = frappe.local.site, 8
		barrier, answers = Barrier(submissions), []

		def submit(index):
			with patch("frappe.app.get_site_name", return_value=site):
				client = get_test_client()
				barrier.wait()
				answers.append(
					client.post(
						SUBMIT,
						data={**self.form(f"{prefix} {index}"), "submission_key": f"{prefix}-{index}"},
						headers={"Authorization": self.token},
					)
				)

		threads = [Thread(target=submit, args=(i,)) for i in range(submissions)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join()
		self.assertEqual(sorted(a.status_code for a in answers), [200] * submissions)
		frappe.db.rollback()
		rows = frappe.get_all(
			"Support Request",
			filters={"subject": ("like", f"{prefix} %")},
			fields=["name", "office", "resolution_due", "assigned_engineer"],
		)
		self.assertEqual(len(rows), submissions)
		for row in rows:
			self.assertTrue(row.office and row.resolution_due and row.assigned_engineer, row)
			open_todos = frappe.db.count(
				"ToDo", {"reference_type": "Support Request", "reference_name": row.name, "status": "Open"}
			)
			self.assertEqual(open_todos, 1, row.name)
