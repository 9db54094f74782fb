# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt
"""Software Release and Release Distribution in a site: publish, acknowledge, deliver, supersede,
retarget, the defect loop, and bad input."""

import frappe
from frappe.tests.utils import FrappeTestCase

from onyx_support.api.releases import acknowledge, update_delivery, withdraw
from onyx_support.releases.doctype.release_distribution.release_distribution import DuplicateDistribution
from onyx_support.services.releases import publishing
from onyx_support.services.releases.delivery import DeliveryRuleBroken
from onyx_support.services.releases.publishing import InvalidVersion, ReleaseRuleBroken
from onyx_support.tests.network_fixture import (
	CENTRAL_USER,
	CLIENT_A,
	DISTRIBUTOR,
	ENGINEER_A,
	OFFICE_A,
	OFFICE_B,
	OFFICE_C,
	build_request_world,
)
from onyx_support.tests.utils import make_installation, make_request, make_system


def release(system, version, kind="Update", **values):
	doc = frappe.get_doc(
		{
			"doctype": "Software Release",
			"system": system,
			"version": version,
			"release_kind": kind,
			"release_date": frappe.utils.nowdate(),
			**values,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc


class TestSoftwareRelease(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = build_request_world()
		cls.customers = cls.world["customers"]
		cls.system = make_system(f"_Test Release System {frappe.generate_hash(length=6)}")
		cls.other_system = make_system(f"_Test Other System {frappe.generate_hash(length=6)}")
		cls.inst_a = make_installation(cls.customers[OFFICE_A], cls.system, "15.9").name
		cls.inst_c = make_installation(cls.customers[OFFICE_C], cls.system, "15.2").name
		cls.inst_b_other = make_installation(cls.customers[OFFICE_B], cls.other_system, "15.2").name

	def tearDown(self):
		frappe.set_user("Administrator")

	def distributions(self, name):
		return {
			row.office: frappe.get_doc("Release Distribution", row.name)
			for row in frappe.get_all(
				"Release Distribution", filters={"software_release": name}, fields=["name", "office"]
			)
		}

	def publish(self, version, **values):
		doc = release(self.system, version, **values)
		frappe.set_user(CENTRAL_USER)
		doc.reload()
		doc.submit()
		frappe.set_user("Administrator")
		return frappe.get_doc("Software Release", doc.name)

	def test_publish_distributes_to_the_offices_of_targeted_installations(self):
		published = self.publish("15.10", applicable_from="15.0")
		self.assertEqual(published.status, "Published")
		self.assertEqual(len(published.version_key), len(publishing.versions.sort_key("1")))
		by_office = self.distributions(published.name)
		# 15.9 < 15.10 (not as text): office A's installation is targeted; the other system never
		self.assertEqual(set(by_office), {OFFICE_A, OFFICE_C})
		self.assertEqual([row.installation for row in by_office[OFFICE_A].deliveries], [self.inst_a])
		self.assertEqual(by_office[OFFICE_A].deliveries[0].from_version, "15.9")
		self.assertEqual(by_office[OFFICE_A].status, "Awaiting Acknowledgement")
		self.assertEqual((by_office[OFFICE_A].pending_count, by_office[OFFICE_A].delivered_count), (1, 0))

		# the nightly run and a re-save of the installation add no row twice
		publishing.retarget_all()
		frappe.get_doc("Client Installation", self.inst_a).save(ignore_permissions=True)
		self.assertEqual(len(self.distributions(published.name)[OFFICE_A].deliveries), 1)

		# acknowledge, then deliver: the installation's version and its history follow
		frappe.set_user(ENGINEER_A)
		acknowledge(by_office[OFFICE_A].name, frappe.utils.add_days(frappe.utils.nowdate(), 7))
		distribution = frappe.get_doc("Release Distribution", by_office[OFFICE_A].name)
		self.assertEqual((distribution.status, distribution.acknowledged_by), ("Acknowledged", ENGINEER_A))
		status = update_delivery(distribution.name, distribution.deliveries[0].name, "Deliver")
		self.assertEqual(status, "Completed")
		installation = frappe.get_doc("Client Installation", self.inst_a)
		self.assertEqual(installation.version, "15.10")
		self.assertEqual(installation.version_history[-1].version, "15.10")
		with self.assertRaises(DeliveryRuleBroken):  # delivered once
			update_delivery(distribution.name, distribution.deliveries[0].name, "Deliver")
		# another office's engineer may not touch it
		frappe.set_user(DISTRIBUTOR)
		with self.assertRaises(frappe.PermissionError):
			acknowledge(by_office[OFFICE_A].name)

	def test_a_superseding_release_marks_older_pending_rows(self):
		older = self.publish("16.1")
		newer = self.publish("16.2", supersedes=older.name)
		rows = [row.status for d in self.distributions(older.name).values() for row in d.deliveries]
		self.assertTrue(rows and set(rows) == {"Superseded"}, rows)
		# nothing left to do on the superseded release's distributions
		self.assertEqual({d.pending_count for d in self.distributions(older.name).values()}, {0})
		self.assertTrue(
			all(
				row.status == "Pending"
				for d in self.distributions(newer.name).values()
				for row in d.deliveries
			)
		)

	def test_the_defect_loop_tells_the_client_once(self):
		request = make_request(
			self.customers[OFFICE_A], installation=self.inst_a, error_origin="System", raised_by=CLIENT_A
		)
		fix = release(self.system, "17.0", fixes=[{"support_request": request.name}])
		fix.submit()
		self.assertEqual(frappe.db.get_value("Support Request", request.name, "fixed_in_release"), fix.name)
		distribution = self.distributions(fix.name)[OFFICE_A]
		frappe.db.delete("Email Queue", {"reference_name": request.name})
		update_delivery(distribution.name, distribution.deliveries[0].name, "Deliver")
		self.assertTrue(frappe.db.get_value("Support Request", request.name, "fix_delivered_on"))
		mails = frappe.get_all("Email Queue", filters={"reference_name": request.name}, pluck="name")
		self.assertEqual(len(mails), 1)
		# delivered again later (a re-installation): not told twice
		from onyx_support.services.releases.delivery import tell_fixed_defects

		self.assertEqual(tell_fixed_defects(fix, self.inst_a), [])

	def test_withdrawn_release_is_not_delivered_and_keeps_what_was(self):
		published = self.publish("18.0")
		distribution = self.distributions(published.name)[OFFICE_C]
		withdraw(published.name, "A regression in payroll")
		self.assertEqual(frappe.db.get_value("Software Release", published.name, "status"), "Withdrawn")
		with self.assertRaises(DeliveryRuleBroken):
			update_delivery(distribution.name, distribution.deliveries[0].name, "Deliver")
		self.assertEqual(frappe.db.get_value("Client Installation", self.inst_c, "version"), "15.2")

	def test_bad_input(self):
		count = frappe.db.count("Software Release")
		for bad in ("", "fifteen", "15..2", "-1"):
			with self.assertRaises((InvalidVersion, frappe.MandatoryError)):
				release(self.system, bad)
		self.assertEqual(frappe.db.count("Software Release"), count)
		# an update older than what installations run
		with self.assertRaises(ReleaseRuleBroken):
			release(self.system, "1.0")
		# one distribution per release and office
		published = self.publish("19.0")
		with self.assertRaises((DuplicateDistribution, frappe.DuplicateEntryError)):
			frappe.get_doc(
				{"doctype": "Release Distribution", "software_release": published.name, "office": OFFICE_A}
			).insert(ignore_permissions=True)
		# failing or declining needs a reason
		distribution = self.distributions(published.name)[OFFICE_C]
		with self.assertRaises(frappe.MandatoryError):
			update_delivery(distribution.name, distribution.deliveries[0].name, "Fail", reason=" ")
		update_delivery(distribution.name, distribution.deliveries[0].name, "Decline", reason="Not this year")
		# an installation of another system cannot be delivered to
		distribution.reload()
		distribution.append("deliveries", {"installation": self.inst_b_other, "status": "Pending"})
		distribution.flags.via_rule = True
		distribution.save(ignore_permissions=True)
		with self.assertRaises(DeliveryRuleBroken):
			update_delivery(distribution.name, distribution.deliveries[-1].name, "Deliver")
		self.assertEqual(frappe.db.get_value("Client Installation", self.inst_b_other, "version"), "15.2")

	def test_artefact_checksum_must_match(self):
		file = frappe.get_doc(
			{"doctype": "File", "file_name": "patch.zip", "content": b"PK-artefact", "is_private": 1}
		).insert(ignore_permissions=True)
		with self.assertRaises(ReleaseRuleBroken):
			release(self.system, "20.0", artefacts=[{"file": file.file_url, "declared_sha256": "0" * 64}])
		import hashlib

		good = release(
			self.system,
			"20.0",
			artefacts=[
				{"file": file.file_url, "declared_sha256": hashlib.sha256(b"PK-artefact").hexdigest()}
			],
		)
		self.assertEqual(good.artefacts[0].sha256, hashlib.sha256(b"PK-artefact").hexdigest())
