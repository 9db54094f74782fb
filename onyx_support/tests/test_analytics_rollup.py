"""The analyses' rollup against hand-counted requests.

An office in Cairo (its clock an hour behind the site's in 2021, when Egypt kept no summer time)
gets six requests of March and April 2021 whose every figure is set by hand: reasons, channels,
first response and resolution met or missed, ratings, a reopening, a repeated subject, work logs.
The rollup must count exactly them, in the office's own months and hours; an engineer's scope
holds only its office; a refresh after an edit recomputes only that month. Reopening a request
counts it; its subject gets its fingerprint.
"""

import json
from datetime import date
from unittest.mock import patch

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from onyx_support.domain import analytics as an
from onyx_support.roles import OFFICE_MANAGER, SUPPORT_ENGINEER
from onyx_support.services.analytics import rollup
from onyx_support.services.analytics.scope import OfficeNotYours, PeriodEndsBeforeStart, Scope, report_scope
from onyx_support.tests.network_fixture import (
	ALWAYS_OPEN_OFFICE,
	ENGINEER_A,
	OFFICE_A,
	build_request_world,
	ensure_office_member,
)
from onyx_support.tests.utils import (
	make_customer,
	make_installation,
	make_office,
	make_request,
	make_territory,
	make_user,
	resolve_request,
)

OFFICE = "_Test Analytics Cairo Office"
ENGINEER = "analytics-eng@onyx-test.example"
HELPER = "analytics-helper@onyx-test.example"
MANAGER = "analytics-manager@onyx-test.example"
MARCH, APRIL = date(2021, 3, 1), date(2021, 4, 1)
SYSTEM = "_Test OnyxPro ERP"


def at(value: str):
	return get_datetime(value)


class TestAnalyticsRollup(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = build_request_world()
		land = make_territory("_T Analytics Land")
		make_user(ENGINEER, [SUPPORT_ENGINEER], "Nadia")
		make_user(HELPER, [SUPPORT_ENGINEER], "Hany")
		make_user(MANAGER, [OFFICE_MANAGER], "Mervat")
		make_office(
			OFFICE,
			"Subsidiary",
			territories=[{"territory": land}],
			engineers=[
				{"user": ENGINEER, "office_role": "Engineer"},
				{"user": HELPER, "office_role": "Engineer"},
				{"user": MANAGER, "office_role": "Manager"},
			],
			time_zone="Africa/Cairo",
		)
		# a run's requests are committed by the set-up: an earlier run's go first
		for name in frappe.get_all("Support Request", filters={"office": OFFICE}, pluck="name"):
			frappe.db.delete("Support Work Log", {"parent": name})
			frappe.db.delete("ToDo", {"reference_type": "Support Request", "reference_name": name})
			frappe.db.delete("Support Request", {"name": name})
		for user, role in ((ENGINEER, "Engineer"), (HELPER, "Engineer"), (MANAGER, "Manager")):
			ensure_office_member(OFFICE, user, role)  # an office kept from an earlier run
		cls.c1 = make_customer("_Test Analytics Client One", land)
		cls.c2 = make_customer("_Test Analytics Client Two", land)
		cls.i1 = make_installation(cls.c1, SYSTEM, "15.1").name
		cls.i2 = make_installation(cls.c2, SYSTEM, "15.2").name
		cls.requests = cls.make_requests()
		frappe.cache.delete_value(rollup.DIRTY_KEY)

	@classmethod
	def make_request(cls, customer, installation, subject, reason, origin, channel, **values):
		doc = make_request(
			customer,
			installation=installation,
			subject=subject,
			reason=reason,
			error_origin=origin,
			channel=channel,
			priority="High",
		)
		assert doc.office == OFFICE, doc.office
		values = {
			"first_responded_on": None,
			"resolved_on": None,
			"paused_since": None,
			"feedback_rating": 0,
			"reopen_count": 0,
			"assigned_engineer": None,
			**values,
		}
		values["is_open"] = 0 if values.get("status") in ("Resolved", "Closed", "Cancelled") else 1
		# the site's clock (Asia/Aden, UTC+3); the office's is an hour behind
		frappe.db.set_value("Support Request", doc.name, values, update_modified=False)
		return doc.name

	@classmethod
	def make_requests(cls) -> dict:
		c1, c2, i1, i2 = cls.c1, cls.c2, cls.i1, cls.i2
		made = {
			# met both clocks (30 and 180 minutes), four stars, 45 minutes logged by the engineer
			"r1": cls.make_request(
				c1,
				i1,
				"Invoice prints twice",
				"Error",
				"Usage",
				"Portal",
				status="Closed",
				opened_on=at("2021-03-02 10:10"),
				first_response_due=at("2021-03-02 11:10"),
				first_responded_on=at("2021-03-02 10:40"),
				resolution_due=at("2021-03-03 10:10"),
				resolved_on=at("2021-03-02 13:10"),
				feedback_rating=0.8,
				assigned_engineer=ENGINEER,
			),
			# the same subject again (a repeat), missed both clocks (120 and 4320 minutes), two
			# stars, reopened once
			"r2": cls.make_request(
				c1,
				i1,
				"Invoice 2041 prints twice",
				"Error",
				"Usage",
				"Portal",
				status="Closed",
				opened_on=at("2021-03-05 11:00"),
				first_response_due=at("2021-03-05 12:00"),
				first_responded_on=at("2021-03-05 13:00"),
				resolution_due=at("2021-03-06 11:00"),
				resolved_on=at("2021-03-08 11:00"),
				feedback_rating=0.4,
				reopen_count=1,
				assigned_engineer=ENGINEER,
			),
			# answered in 10 minutes, still being worked on (resolution not due yet)
			"r3": cls.make_request(
				c1,
				i1,
				"Train the new accountant on closing",
				"Guidance",
				None,
				"Phone",
				status="In Progress",
				opened_on=at("2021-03-10 15:00"),
				first_response_due=at("2021-03-10 16:00"),
				first_responded_on=at("2021-03-10 15:10"),
				resolution_due=at("2099-01-01 00:00"),
				assigned_engineer=ENGINEER,
			),
			# 00:30 on 1 April by the site's clock is 23:30 on 31 March in Cairo: March's.
			# Never answered, both deadlines long past: one breach.
			"r4": cls.make_request(
				c2,
				i2,
				"Stock valuation crashes",
				"Error",
				"System",
				"Phone",
				status="New",
				opened_on=at("2021-04-01 00:30"),
				first_response_due=at("2021-04-01 01:30"),
				resolution_due=at("2021-04-02 00:30"),
			),
			# cancelled: counted, never judged
			"r5": cls.make_request(
				c2,
				i2,
				"Adapt the payroll slip",
				"Feature Adaptation",
				None,
				"Desk",
				status="Cancelled",
				opened_on=at("2021-03-20 12:00"),
				first_response_due=at("2021-03-20 13:00"),
				resolution_due=at("2021-03-22 12:00"),
			),
			# April's
			"r6": cls.make_request(
				c1,
				i1,
				"How to reverse a posted journal",
				"Guidance",
				None,
				"E-mail",
				status="Resolved",
				opened_on=at("2021-04-15 10:00"),
				first_response_due=at("2021-04-15 11:00"),
				first_responded_on=at("2021-04-15 10:20"),
				resolution_due=at("2021-04-16 10:00"),
				resolved_on=at("2021-04-15 12:00"),
			),
		}
		for request, engineer, minutes in ((made["r1"], ENGINEER, 45), (made["r3"], HELPER, 20)):
			frappe.get_doc(
				{
					"doctype": "Support Work Log",
					"parent": request,
					"parenttype": "Support Request",
					"parentfield": "work_log",
					"idx": 1,
					"engineer": engineer,
					"means": "Remote Session",
					"started_at": at("2021-03-10 16:00"),
					"duration_minutes": minutes,
				}
			).db_insert()
		# recount the keys: the subject's fingerprint was set on insert
		assert frappe.db.get_value("Support Request", made["r1"], "subject_key") == "invoice prints twice"
		return made

	def setUp(self):
		frappe.set_user("Administrator")
		rollup.refresh_period(MARCH)
		rollup.refresh_period(APRIL)

	def tearDown(self):
		frappe.set_user("Administrator")

	def scope(self, start=MARCH, end=date(2021, 3, 31)) -> Scope:
		return Scope([OFFICE], start, end, OFFICE)

	def one(self, dimension, **match) -> dict:
		rows = rollup.totals(dimension, self.scope(), **match)
		self.assertEqual(len(rows), 1, rows)
		return rows[0]

	def test_march_equals_the_hand_counts(self):
		row = self.one(an.ALL)
		expected = {
			"requests": 5,
			"open_requests": 2,  # r3, r4
			"first_response_measured": 4,  # r1-r4 (r5 cancelled)
			"first_response_met": 2,  # r1, r3
			"resolution_measured": 3,  # r1, r2, r4 (r3 not due yet)
			"resolution_met": 1,  # r1
			"breached": 2,  # r2, r4
			"reopened": 1,
			"rated": 2,
			"rating_sum": 6,  # 4 + 2 stars
			"usage_errors": 2,
			"guidance": 1,
			"system_errors": 1,
			"external_errors": 0,
			"feature_requests": 1,
			"repeat_requests": 1,  # r2 repeats r1
			"work_minutes": 65,
		}
		self.assertEqual({measure: row[measure] for measure in expected}, expected)
		# first responses after 30, 120 and 10 minutes; resolutions after 180 and 4320
		self.assertEqual(row["response_histogram"], [1, 0, 1, 0, 1] + [0] * 8)
		self.assertEqual(row["resolution_histogram"], [0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0])
		self.assertEqual(an.median(row["response_histogram"]), 45.0)
		self.assertEqual(an.compliance(row["first_response_met"], row["first_response_measured"]), 50.0)

	def test_dimensions(self):
		counts = {
			dimension: {
				(r["value"], r["sub_value"]): r["requests"] for r in rollup.totals(dimension, self.scope())
			}
			for dimension in (an.CHANNEL, an.REASON, an.ERROR_ORIGIN, an.CUSTOMER_HOUR, an.SYSTEM_VERSION)
		}
		self.assertEqual(counts[an.CHANNEL], {("Portal", ""): 2, ("Phone", ""): 2, ("Desk", ""): 1})
		self.assertEqual(
			counts[an.REASON], {("Error", ""): 3, ("Guidance", ""): 1, ("Feature Adaptation", ""): 1}
		)
		self.assertEqual(counts[an.ERROR_ORIGIN], {("Usage", ""): 2, ("System", ""): 1, ("", ""): 2})
		# the office's hours: an hour behind the site's clock
		self.assertEqual(
			counts[an.CUSTOMER_HOUR],
			{
				(self.c1, "09"): 1,
				(self.c1, "10"): 1,
				(self.c1, "14"): 1,
				(self.c2, "23"): 1,
				(self.c2, "11"): 1,
			},
		)
		self.assertEqual(counts[an.SYSTEM_VERSION], {(SYSTEM, "15.1"): 3, (SYSTEM, "15.2"): 2})
		# the same habits on the client's own row: requests per channel and per office hour
		client = rollup.totals(an.CUSTOMER, self.scope(), value=self.c1)[0]
		self.assertEqual(an.channel_counts(client["channel_histogram"]), {"Portal": 2, "Phone": 1})
		self.assertEqual(an.hour_counts(client["hour_histogram"]), {9: 1, 10: 1, 14: 1})
		only = rollup.totals(an.CUSTOMER, self.scope(), measures=("guidance",), value=self.c2)
		self.assertEqual(only, [{"value": self.c2, "sub_value": "", "requests": 2, "guidance": 0}])
		# the spreads are kept per client only: not computed elsewhere, and not handed out as zeros
		office = rollup.totals(an.OFFICE, self.scope(), value=OFFICE)[0]
		self.assertEqual(office["requests"], 5)
		self.assertNotIn("channel_histogram", office)
		with self.assertRaises(frappe.ValidationError):
			rollup.totals(an.OFFICE, self.scope(), measures=("hour_histogram",))
		spread_sums = ", ".join(f"sum(`{column}`)" for column in an.SPREAD_COLUMNS)
		stored = frappe.db.sql(
			f"select {spread_sums} from `tabSupport Request Rollup` where dimension != %s and office = %s",
			(an.CUSTOMER, OFFICE),
		)[0]
		self.assertEqual(set(stored), {0})
		engineers = {
			r["value"]: (r["requests"], r["work_minutes"]) for r in rollup.totals(an.ENGINEER, self.scope())
		}
		# the engineer's own logged minutes; the helper only logged work
		self.assertEqual(engineers, {ENGINEER: (3, 45), HELPER: (0, 20), "": (2, 0)})
		installations = rollup.totals(an.INSTALLATION, self.scope(), value=self.i1)
		self.assertEqual([(r["sub_value"], r["requests"]) for r in installations], [(self.c1, 3)])
		users = rollup.totals(an.CUSTOMER_USERS, self.scope(), value=self.c1)
		self.assertEqual([(r["sub_value"], r["requests"]) for r in users], [("1", 3)])

	def test_series_by_month(self):
		scope = self.scope(MARCH, date(2021, 4, 30))
		by_month = {(str(r["period"]), r["value"]): r["requests"] for r in rollup.series(an.CHANNEL, scope)}
		self.assertEqual(
			by_month,
			{
				("2021-03-01", "Desk"): 1,
				("2021-03-01", "Phone"): 2,
				("2021-03-01", "Portal"): 2,
				("2021-04-01", "E-mail"): 1,
			},
		)

	def test_an_engineers_scope_holds_only_its_office(self):
		other = make_request(
			self.world["customers"][OFFICE_A], installation=self.world["installations"][OFFICE_A]
		)
		frappe.db.set_value("Support Request", other.name, "opened_on", at("2021-03-12 10:00"))
		rollup.refresh_period(MARCH)
		self.addCleanup(frappe.delete_doc, "Support Request", other.name, force=True, ignore_permissions=True)
		frappe.set_user(ENGINEER)
		scope = report_scope({"from_date": "2021-03-01", "to_date": "2021-03-31"})
		self.assertEqual(scope.offices, [OFFICE])
		self.assertEqual({r["value"] for r in rollup.totals(an.OFFICE, scope)}, {OFFICE})
		self.assertNotIn(
			self.world["customers"][OFFICE_A], {r["value"] for r in rollup.totals(an.CUSTOMER, scope)}
		)
		with self.assertRaises(OfficeNotYours):
			report_scope({"office": OFFICE_A})
		with self.assertRaises(OfficeNotYours):
			report_scope({"office": "No Such Office"})
		with self.assertRaises(PeriodEndsBeforeStart):
			report_scope({"from_date": "2021-03-31", "to_date": "2021-03-01"})
		frappe.set_user(ENGINEER_A)
		other_scope = report_scope({"from_date": "2021-03-01", "to_date": "2021-03-31"})
		self.assertNotIn(OFFICE, {r["value"] for r in rollup.totals(an.OFFICE, other_scope)})
		frappe.set_user("Administrator")
		network = report_scope({"from_date": "2021-03-01", "to_date": "2021-03-31"})
		self.assertIsNone(network.offices)
		self.assertTrue({OFFICE, OFFICE_A} <= {r["value"] for r in rollup.totals(an.OFFICE, network)})

	def test_refresh_after_an_edit_recomputes_only_that_month(self):
		# nothing modified lately (the next run looks 10 minutes back), then one April request
		frappe.db.sql(
			"update `tabSupport Request` set modified = %s where modified > now() - interval 1 day",
			at("2021-05-01 00:00"),
		)
		frappe.cache.delete_value(rollup.DIRTY_KEY)
		rollup.refresh()
		stamps = self.stamps()
		later = at("2031-01-01 09:00:00")
		frappe.db.set_value(
			"Support Request",
			self.requests["r6"],
			{"feedback_rating": 1.0, "modified": later},
			update_modified=False,
		)
		with patch("onyx_support.services.analytics.rollup.now_datetime", return_value=later):
			rollup.refresh()
		after = self.stamps()
		self.assertEqual(after[MARCH], stamps[MARCH])
		self.assertEqual({str(stamp) for stamp in after[APRIL].values()}, {"2031-01-01 09:00:00"})
		row = rollup.totals(an.ALL, self.scope(APRIL, date(2021, 4, 30)))[0]
		self.assertEqual((row["rated"], row["rating_sum"]), (1, 5))

	def test_a_rebuild_counts_what_the_monthly_refresh_counts(self):
		scope = self.scope(MARCH, date(2021, 4, 30))
		monthly = {
			d: rollup.totals(d, scope) for d in (an.ALL, an.ENGINEER, an.CUSTOMER_HOUR, an.INSTALLATION)
		}
		self.assertEqual(rollup.rebuild(), len(rollup.all_periods()))
		self.assertEqual({d: rollup.totals(d, scope) for d in monthly}, monthly)
		self.assertIsNotNone(rollup.watermark())

	def stamps(self) -> dict:
		rows = frappe.get_all(
			rollup.ROLLUP,
			filters={"office": OFFICE},
			fields=["name", "period", "creation"],
			order_by=None,
		)
		found = {MARCH: {}, APRIL: {}}
		for row in rows:
			found[row.period][row.name] = row.creation
		return found

	def test_a_deleted_request_is_recounted(self):
		extra = self.make_request(
			self.c2,
			self.i2,
			"Extra",
			"Guidance",
			None,
			"Desk",
			status="New",
			opened_on=at("2021-03-25 10:00"),
		)
		rollup.refresh_period(MARCH)
		self.assertEqual(self.one(an.ALL)["requests"], 6)
		frappe.delete_doc("Support Request", extra, force=True, ignore_permissions=True)
		self.assertIn(str(MARCH), {frappe.safe_decode(v) for v in frappe.cache.smembers(rollup.DIRTY_KEY)})
		rollup.refresh()
		self.assertEqual(self.one(an.ALL)["requests"], 5)

	# --- the reports ------------------------------------------------------------------------

	def behaviour(self, **filters):
		from onyx_support.central_support.report.client_behaviour.client_behaviour import execute

		return execute({"from_date": "2021-03-01", "to_date": "2021-03-31", **filters})

	def test_client_behaviour_equals_the_hand_counts(self):
		frappe.db.set_single_value("Onyx Support Settings", "training_min_requests", 2)
		_columns, data, _message, chart, summary = self.behaviour(office=OFFICE)
		clients = {row["customer"]: row for row in data if row["indent"] == 0}
		self.assertEqual(list(clients), [self.c1, self.c2])  # ranked by training need
		one = clients[self.c1]
		self.assertEqual(
			{
				key: one[key]
				for key in ("requests", "users", "per_user_month", "usage_share", "guidance_share")
			},
			{"requests": 3, "users": 1, "per_user_month": 3.0, "usage_share": 66.7, "guidance_share": 33.3},
		)
		self.assertEqual(
			(one["repeat_requests"], one["channel_share"], one["peak_hours_label"], one["rating"]),
			(1, 66.7, "09-10h, 10-11h, 14-15h", 3.0),
		)
		self.assertEqual((one["training_rank"], one["training_load"], one["needs_training"]), (1, 3.0, True))
		two = clients[self.c2]
		self.assertEqual(
			(two["requests"], two["system_share"], two["training_load"], two["needs_training"]),
			(2, 50.0, 0.0, False),
		)
		self.assertEqual(
			[(row["installation"], row["requests"]) for row in data if row["parent_key"] == self.c1],
			[(self.i1, 3)],
		)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [3.0, 0.0])
		self.assertEqual(summary[1]["value"], 1)  # one client needs training
		only = self.behaviour(office=OFFICE, training_only=1)[1]
		self.assertEqual([row["customer"] for row in only if row["indent"] == 0], [self.c1])
		frappe.db.set_single_value("Onyx Support Settings", "training_min_requests", 10)
		unjudged = {row["customer"]: row for row in self.behaviour(office=OFFICE)[1] if row["indent"] == 0}
		self.assertEqual(unjudged[self.c1]["training_rank"], None)  # 3 requests: too few to judge

	def test_written_names_reach_the_grid_and_chart_as_text(self):
		"""Frappe's report grid prints a Data cell as HTML, and its charts write labels as markup:
		a customer's or a system's name written with markup must arrive escaped."""
		payload = '<img src=x onerror=alert(1)> "C&D"'
		escaped = "&lt;img src=x onerror=alert(1)&gt; &quot;C&amp;D&quot;"
		frappe.db.set_single_value("Onyx Support Settings", "training_min_requests", 2)
		frappe.db.set_single_value("Onyx Support Settings", "hot_spot_min_errors", 1)
		saved = (
			frappe.db.get_value("Customer", self.c1, "customer_name"),
			frappe.db.get_value("Item", SYSTEM, "item_name"),
		)
		frappe.db.set_value("Customer", self.c1, "customer_name", payload, update_modified=False)
		frappe.db.set_value("Item", SYSTEM, "item_name", payload, update_modified=False)
		try:
			_columns, data, _message, chart, _summary = self.behaviour(office=OFFICE)
			client = next(row for row in data if row["indent"] == 0 and row["customer"] == self.c1)
			self.assertEqual(client["row_label"], escaped)
			self.assertIn(escaped, chart["data"]["labels"])
			installation = next(row for row in data if row["parent_key"] == self.c1)
			self.assertTrue(installation["row_label"].startswith(escaped), installation["row_label"])
			system = next(row for row in self.hot_spots(office=OFFICE)[1] if row["indent"] == 0)
			self.assertEqual(system["row_label"], escaped)
			self.assertNotIn(
				"<img", json.dumps([data, chart, self.hot_spots(office=OFFICE)[1:4]], default=str)
			)
		finally:
			frappe.db.set_value("Customer", self.c1, "customer_name", saved[0], update_modified=False)
			frappe.db.set_value("Item", SYSTEM, "item_name", saved[1], update_modified=False)

	def test_a_manager_sees_no_other_offices_clients(self):
		other = make_request(
			self.world["customers"][OFFICE_A], installation=self.world["installations"][OFFICE_A]
		)
		frappe.db.set_value("Support Request", other.name, "opened_on", at("2021-03-12 10:00"))
		self.addCleanup(frappe.delete_doc, "Support Request", other.name, force=True, ignore_permissions=True)
		rollup.refresh_period(MARCH)
		network = {row["customer"] for row in self.behaviour()[1]}
		self.assertTrue({self.c1, self.c2, self.world["customers"][OFFICE_A]} <= network)
		frappe.set_user(MANAGER)
		mine = {row["customer"] for row in self.behaviour()[1]}
		self.assertEqual(mine, {self.c1, self.c2})
		with self.assertRaises(OfficeNotYours):
			self.behaviour(office=OFFICE_A)
		spots = self.hot_spots()[1]
		self.assertEqual({row["system"] for row in spots}, {SYSTEM})
		self.assertEqual(sum(row["system_errors"] for row in spots if row["indent"] == 0), 1)

	def hot_spots(self, **filters):
		from onyx_support.central_support.report.error_hot_spots.error_hot_spots import execute

		return execute({"from_date": "2021-03-01", "to_date": "2021-03-31", **filters})

	def test_error_hot_spots_equal_the_hand_counts(self):
		frappe.db.set_single_value("Onyx Support Settings", "hot_spot_min_errors", 1)
		_columns, data, _message, chart, summary = self.hot_spots(office=OFFICE)
		versions = {row["version"]: row for row in data if row["indent"] == 1}
		# one system error (r4, on 15.2) over two installations: network rate 0.5; 15.2 at 1.0
		self.assertEqual(
			{
				v: (row["rank"], row["installations"], row["system_errors"], row["rate"], row["is_hot_spot"])
				for v, row in versions.items()
			},
			{"15.2": (1, 1, 1, 1.0, True), "15.1": (2, 1, 0, 0.0, False)},
		)
		self.assertEqual((versions["15.2"]["ratio"], versions["15.2"]["requests"]), (2.0, 2))
		system = next(row for row in data if row["indent"] == 0)
		self.assertEqual((system["system"], system["system_errors"], system["installations"]), (SYSTEM, 1, 2))
		self.assertEqual(chart["data"]["datasets"][0]["values"], [1.0])
		self.assertEqual(summary[1]["value"], 0.5)


class TestReopenAndSubjectKey(FrappeTestCase):
	def test_each_reopening_counts(self):
		world = build_request_world()
		frappe.db.set_value("Support Office", ALWAYS_OPEN_OFFICE, "approval_required", 0)
		request = make_request(
			world["always_customer"],
			installation=world["always_installation"],
			subject="Réinstaller le module de paie (2e fois)",
		)
		self.assertEqual(request.subject_key, "fois module paie reinstaller")
		self.assertEqual(request.reopen_count, 0)
		resolve_request(request.name)
		apply_workflow(frappe.get_doc("Support Request", request.name), "Reopen")
		self.assertEqual(frappe.db.get_value("Support Request", request.name, "reopen_count"), 1)
		doc = frappe.get_doc("Support Request", request.name)
		apply_workflow(doc, "Resolve")
		apply_workflow(frappe.get_doc("Support Request", request.name), "Reopen")
		doc = frappe.get_doc("Support Request", request.name)
		self.assertEqual((doc.status, doc.reopen_count), ("In Progress", 2))
		doc.subject = "Payroll module reinstall"
		doc.save()
		self.assertEqual(doc.subject_key, "module payroll reinstall")
