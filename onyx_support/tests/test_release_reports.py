"""The Release Adoption and Open Defects reports on a small fixture: counts per office, N and N-1
against a withdrawn newer release, the median days to delivery, a release's own counts, and the
offices an engineer sees."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime

from onyx_support.api.releases import update_delivery
from onyx_support.releases.report.open_defects import open_defects
from onyx_support.releases.report.release_adoption import release_adoption
from onyx_support.services.releases import publishing
from onyx_support.tests.network_fixture import ENGINEER_A, OFFICE_A, OFFICE_C, build_request_world
from onyx_support.tests.test_portal_releases import installation, release
from onyx_support.tests.utils import make_request, make_system


def deliver(release_doc, installation_name: str, days_after: int) -> None:
	"""Deliver the release to the installation, `days_after` its publication."""
	row = frappe.db.sql(
		"""select delivery.name, delivery.parent from `tabRelease Delivery` delivery
		join `tabRelease Distribution` distribution on distribution.name = delivery.parent
		where distribution.software_release = %s and delivery.installation = %s""",
		(release_doc.name, installation_name),
		as_dict=True,
	)[0]
	update_delivery(row.parent, row.name, "Deliver")
	published_on = add_days(now_datetime(), -30)
	frappe.db.set_value("Software Release", release_doc.name, "published_on", published_on)
	frappe.db.set_value("Release Delivery", row.name, "delivered_on", add_days(published_on, days_after))


class TestReleaseAdoption(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		world = build_request_world()
		customer_a, customer_c = world["customers"][OFFICE_A], world["customers"][OFFICE_C]
		cls.system = make_system(f"_Test Adoption {frappe.generate_hash(length=6)}")
		# office A: 2.0 (gets 2.1 then 2.2), 2.1, 2.2, unknown; office C: 2.2.0, 1.5
		cls.inst = {
			"a1": installation(customer_a, cls.system, "2.0"),
			"a2": installation(customer_a, cls.system, "2.1"),
			"a3": installation(customer_a, cls.system, "2.2"),
			"c1": installation(customer_c, cls.system, "2.2.0"),
			"c2": installation(customer_c, cls.system, "1.5"),
		}
		cls.v21 = release(cls.system, "2.1")
		deliver(cls.v21, cls.inst["a1"], 10)
		cls.v22 = release(cls.system, "2.2")
		deliver(cls.v22, cls.inst["a1"], 4)
		withdrawn = release(cls.system, "2.3")
		publishing.withdraw(frappe.get_doc("Software Release", withdrawn.name), "A regression")
		release(cls.system, "2.4", publish=False)
		# a version the grammar does not read (written around the form): above every release when
		# made, so no distribution lists it
		cls.inst["a4"] = installation(customer_a, cls.system, "9.9")
		frappe.db.set_value("Client Installation", cls.inst["a4"], "version", "custom build")

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_report(self, **filters):
		return release_adoption.execute({"system": self.system, **filters})

	def test_counts_per_office(self):
		columns, data, _message, chart, summary = self.run_report()
		self.assertIn("2.2", columns[2]["label"])  # the latest published, not the withdrawn 2.3
		self.assertIn("2.1", columns[3]["label"])
		rows = {row.grp: row for row in data}
		self.assertEqual(set(rows), {OFFICE_A, OFFICE_C})
		a, c = rows[OFFICE_A], rows[OFFICE_C]
		self.assertEqual((a.installations, a.latest, a.previous, a.older, a.unknown), (4, 2, 1, 0, 1))
		self.assertEqual(a.latest_share, 50.0)
		self.assertEqual(a.previous_share, 25.0)
		self.assertAlmostEqual(a.median_days, 7.0, delta=0.1)  # deliveries after 10 and 4 days
		self.assertEqual((c.installations, c.latest, c.previous, c.older, c.unknown), (2, 1, 0, 1, 0))
		self.assertIsNone(c.median_days)
		self.assertEqual(chart["type"], "bar")
		self.assertEqual(chart["barOptions"], {"stacked": 1})
		self.assertEqual(summary[1]["value"], 3)

	def test_engineer_sees_its_office_only(self):
		frappe.set_user(ENGINEER_A)
		_columns, data, *_rest = self.run_report()
		self.assertEqual([row.grp for row in data], [OFFICE_A])
		_columns, data, *_rest = self.run_report(office=OFFICE_C)
		self.assertEqual(data, [])

	def test_by_region(self):
		_columns, data, *_rest = self.run_report(group_by="Region")
		self.assertEqual(sum(row.installations for row in data), 6)
		self.assertTrue(all(row.grp for row in data), data)

	def test_release_counts(self):
		counts = release_adoption.get_release_counts(self.v22.name)
		by_office = {row.office: row for row in counts["offices"]}
		a = by_office[OFFICE_A]
		self.assertEqual((a.installed, a.not_yet, a.unknown, a.Delivered, a.Pending), (2, 1, 1, 1, 1))
		self.assertAlmostEqual(a.median_days, 4.0, delta=0.1)
		c = by_office[OFFICE_C]
		self.assertEqual((c.installed, c.not_yet, c.Pending), (1, 1, 1))
		self.assertIn("<table", counts["html"])
		frappe.set_user(ENGINEER_A)
		self.assertEqual(
			[row.office for row in release_adoption.get_release_counts(self.v22.name)["offices"]], [OFFICE_A]
		)

	def test_no_system_no_rows(self):
		self.assertEqual(release_adoption.execute({})[1], [])


class TestOpenDefects(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		world = build_request_world()
		customer_a, customer_c = world["customers"][OFFICE_A], world["customers"][OFFICE_C]
		cls.system = make_system(f"_Test Defects {frappe.generate_hash(length=6)}")
		a51 = installation(customer_a, cls.system, "5.1")
		a52 = installation(customer_a, cls.system, "5.2")
		c51 = installation(customer_c, cls.system, "5.1")
		fix = release(cls.system, "5.3", publish=False).name
		escalated = now_datetime()

		def defect(customer, inst, **values):
			doc = make_request(customer, installation=inst, error_origin=values.pop("origin", "System"))
			doc.db_set({"escalated_on": escalated, **values})
			return doc

		defect(customer_a, a51)
		defect(customer_a, a51)
		defect(customer_c, c51, fixed_in_release=fix, fix_delivered_on=escalated)
		defect(customer_a, a52, fixed_in_release=fix)
		defect(customer_a, a51, escalated_on=None)  # not escalated
		defect(customer_a, a51, origin="Usage")  # not a defect of the system
		defect(customer_a, a51, is_open=0)  # closed

	def tearDown(self):
		frappe.set_user("Administrator")

	def rows(self):
		_columns, data, *_rest = open_defects.execute({"system": self.system})
		return [
			(row.system_version, row.customers, row.requests, row.with_fix, row.fix_delivered) for row in data
		]

	def test_counts_per_version_newest_first(self):
		self.assertEqual(self.rows(), [("5.2", 1, 1, 1, 0), ("5.1", 2, 3, 1, 1)])

	def test_engineer_sees_its_office_only(self):
		frappe.set_user(ENGINEER_A)
		self.assertEqual(self.rows(), [("5.2", 1, 1, 1, 0), ("5.1", 1, 2, 0, 0)])
