"""The analyses' reports, number cards and charts against hand-counted requests.

An office of our own (its clock the site's) gets five requests in the two months before this one,
every figure set by hand — reasons, channels, priorities, engineers, first response and
resolution met or missed, ratings and comments, a reopening, work logs, visits and their ratings —
and a few in this month and this week for the live counts. A second office gets requests of its
own. The rollup is refreshed, then each report must give exactly the hand counts; its office
manager's reports hold no row of the other office; each report refuses a period that ends before
it starts and an office the user does not work in; the workspace's cards give an engineer, an
office manager and central support each their own figures, and only the cards meant for them.
"""

import json
from datetime import datetime, timedelta

import frappe
from frappe.desk.desktop import get_desktop_page
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_system_timezone, getdate, now_datetime, nowdate

from onyx_support.api import workspace
from onyx_support.central_support.report.engineer_load import engineer_load
from onyx_support.central_support.report.request_mix import request_mix
from onyx_support.central_support.report.response_times import response_times
from onyx_support.central_support.report.sla_compliance import sla_compliance
from onyx_support.central_support.report.support_satisfaction import support_satisfaction
from onyx_support.domain.analytics import add_months, histogram_of, median, month_start, p90
from onyx_support.field_service.report.visit_ratings import visit_ratings
from onyx_support.permissions.dashboards import CARD_ROLES
from onyx_support.roles import CENTRAL_ENGINEER, OFFICE_MANAGER, SUPPORT_ENGINEER
from onyx_support.services.analytics import rollup
from onyx_support.services.analytics.figures import hours, month_label
from onyx_support.services.analytics.scope import OfficeNotYours, PeriodEndsBeforeStart
from onyx_support.tests.network_fixture import build_network
from onyx_support.tests.utils import (
	ALWAYS_OPEN,
	make_customer,
	make_office,
	make_request,
	make_territory,
	make_user,
)

OFFICE = "_Test Reports Office"
OTHER = "_Test Reports Other Office"
E1 = "reports-e1@onyx-test.example"
E2 = "reports-e2@onyx-test.example"
MANAGER = "reports-manager@onyx-test.example"
OTHER_ENGINEER = "reports-other@onyx-test.example"
CENTRAL = "reports-central@onyx-test.example"

REPORTS = {
	"Request Mix": request_mix,
	"SLA Compliance": sla_compliance,
	"Response Times": response_times,
	"Engineer Load": engineer_load,
	"Support Satisfaction": support_satisfaction,
	"Visit Ratings": visit_ratings,
}

TODAY = getdate(nowdate())
M1 = add_months(month_start(TODAY), -2)  # two months ago
M2 = add_months(month_start(TODAY), -1)  # last month
PERIOD = {"from_date": str(M1), "to_date": str(month_start(TODAY) - timedelta(days=1))}


def in_month(month, day: int, hour: int, minute: int = 0) -> datetime:
	return datetime(month.year, month.month, day, hour, minute)


class TestAnalyticsReports(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		build_network()  # central support and the settings
		for user, roles, name in (
			(E1, [SUPPORT_ENGINEER], "Rania"),
			(E2, [SUPPORT_ENGINEER], "Sami"),
			(MANAGER, [OFFICE_MANAGER], "Mazen"),
			(OTHER_ENGINEER, [SUPPORT_ENGINEER], "Omar"),
			(CENTRAL, [CENTRAL_ENGINEER], "Camilia"),
		):
			make_user(user, roles, name)
		land, elsewhere = make_territory("_T Reports Land"), make_territory("_T Reports Elsewhere")
		zone = get_system_timezone()  # the office's months are the site's
		make_office(
			OFFICE,
			"Subsidiary",
			territories=[{"territory": land}],
			working_hours=ALWAYS_OPEN,
			time_zone=zone,
			engineers=[
				{"user": MANAGER, "office_role": "Manager"},
				{"user": E1, "office_role": "Engineer"},
				{"user": E2, "office_role": "Engineer"},
			],
		)
		make_office(
			OTHER,
			"Subsidiary",
			territories=[{"territory": elsewhere}],
			working_hours=ALWAYS_OPEN,
			time_zone=zone,
			engineers=[{"user": OTHER_ENGINEER, "office_role": "Engineer"}],
		)
		cls.client = make_customer("_Test Reports Client", land)
		cls.other_client = make_customer("_Test Reports Other Client", elsewhere)
		# an assignment's notification mail is sent at once in tests, and its queue commits
		muted, frappe.flags.mute_emails = frappe.flags.mute_emails, True
		try:
			cls.r = cls.make_requests()
		finally:
			frappe.flags.mute_emails = muted
		cls.make_visits()
		frappe.cache.delete_value(rollup.DIRTY_KEY)
		for period in (M1, M2, month_start(TODAY)):
			rollup.refresh_period(period)

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	# --- the hand-made world ------------------------------------------------------------------------

	@classmethod
	def request(
		cls, customer, opened_on, reason="Guidance", origin=None, channel="Desk", priority="Medium", **values
	):
		doc = make_request(customer, reason=reason, error_origin=origin, channel=channel, priority=priority)
		values = {
			"opened_on": opened_on,
			"first_response_due": None,
			"first_responded_on": None,
			"resolution_due": None,
			"resolved_on": None,
			"paused_since": None,
			"feedback_rating": 0,
			"feedback_comment": None,
			"reopen_count": 0,
			"assigned_engineer": None,
			"sla_status": None,
			"status": "New",
			**values,
		}
		values["is_open"] = 0 if values["status"] in ("Resolved", "Closed", "Cancelled") else 1
		frappe.db.set_value("Support Request", doc.name, values, update_modified=False)
		return doc.name

	@staticmethod
	def log(request: str, engineer: str, minutes: int, started_at: datetime) -> None:
		row = frappe.get_doc(
			{
				"doctype": "Support Work Log",
				"parent": request,
				"parenttype": "Support Request",
				"parentfield": "work_log",
				"engineer": engineer,
				"means": "Phone / Internet",
				"started_at": started_at,
				"duration_minutes": minutes,
			}
		)
		row.db_insert()

	@classmethod
	def make_requests(cls) -> dict:
		c, o = cls.client, cls.other_client
		r = {}
		t1 = in_month(M1, 10, 9)
		# Usage error on the portal, first response in 30 min (met), resolved in 2 days (missed)
		r["r1"] = cls.request(
			c,
			t1,
			"Error",
			"Usage",
			"Portal",
			"High",
			assigned_engineer=E1,
			first_response_due=t1 + timedelta(hours=1),
			first_responded_on=t1 + timedelta(minutes=30),
			resolution_due=t1 + timedelta(days=1),
			resolved_on=t1 + timedelta(days=2),
			sla_status="Breached",
			status="Closed",
			feedback_rating=0.8,
			feedback_comment="Quick first answer, slow fix",
		)
		t2 = in_month(M1, 10, 10)
		# guidance by phone, both clocks met (10 min, 3 h), five stars
		r["r2"] = cls.request(
			c,
			t2,
			"Guidance",
			None,
			"Phone",
			"Medium",
			assigned_engineer=E1,
			first_response_due=t2 + timedelta(hours=1),
			first_responded_on=t2 + timedelta(minutes=10),
			resolution_due=t2 + timedelta(days=1),
			resolved_on=t2 + timedelta(hours=3),
			sla_status="Met",
			status="Closed",
			feedback_rating=1.0,
		)
		t3 = in_month(M1, 10, 11)
		# a system error by e-mail, answered after 3 h (missed), still open past its resolution
		# deadline, reopened once
		r["r3"] = cls.request(
			c,
			t3,
			"Error",
			"System",
			"E-mail",
			"Urgent",
			assigned_engineer=E2,
			first_response_due=t3 + timedelta(hours=1),
			first_responded_on=t3 + timedelta(hours=3),
			resolution_due=t3 + timedelta(days=1),
			sla_status="Breached",
			status="In Progress",
			reopen_count=1,
			escalated_on=t3 + timedelta(hours=4),  # a defect for central support
		)
		t4 = in_month(M2, 10, 9)
		# a feature on the portal, both clocks met (5 min, 2 h), two stars
		r["r4"] = cls.request(
			c,
			t4,
			"Feature Adaptation",
			None,
			"Portal",
			"Low",
			assigned_engineer=E2,
			first_response_due=t4 + timedelta(hours=1),
			first_responded_on=t4 + timedelta(minutes=5),
			resolution_due=t4 + timedelta(days=1),
			resolved_on=t4 + timedelta(hours=2),
			sla_status="Met",
			status="Closed",
			feedback_rating=0.4,
			feedback_comment="Slow",
		)
		# an update on the desk, nobody assigned, no deadline
		r["r5"] = cls.request(c, in_month(M2, 10, 10), "Update Delivery", None, "Desk", "Medium")
		now = now_datetime()
		this_month = datetime.combine(month_start(TODAY), datetime.min.time())
		recent = max(this_month, now - timedelta(minutes=1))
		# this week: one open request of E1, one closed whose first response was late
		r["r6"] = cls.request(c, recent, assigned_engineer=E1, status="New")
		r["r7"] = cls.request(
			c,
			recent,
			assigned_engineer=E1,
			first_response_due=recent,
			first_responded_on=recent + timedelta(minutes=1),
			sla_status="Breached",
			status="Closed",
		)
		# the other office: two open requests of last month (one star), one breached this month
		r["o1"] = cls.request(o, in_month(M2, 12, 9), assigned_engineer=OTHER_ENGINEER, feedback_rating=0.2)
		r["o2"] = cls.request(o, in_month(M2, 12, 10), assigned_engineer=OTHER_ENGINEER, status="In Progress")
		r["o3"] = cls.request(
			o,
			recent,
			assigned_engineer=OTHER_ENGINEER,
			first_response_due=recent,
			first_responded_on=recent + timedelta(minutes=1),
			sla_status="Breached",
			status="Closed",
		)
		for name in r.values():
			assert frappe.db.get_value("Support Request", name, "office") in (OFFICE, OTHER), name
		# work: 90 min by E1 on r1, 60 min by E2 on r3 when it came, 30 min more this week
		cls.log(r["r1"], E1, 90, t1 + timedelta(hours=1))
		cls.log(r["r3"], E2, 60, t3 + timedelta(hours=1))
		cls.log(r["r3"], E2, 30, now - timedelta(minutes=1))
		cls.log(r["o2"], OTHER_ENGINEER, 45, now - timedelta(minutes=1))
		return r

	@classmethod
	def make_visits(cls) -> None:
		"""Visits written straight to the table: one carried out and shared in the first month (its
		installations rated four and two stars), one only planned, one cancelled; one of the other
		office."""

		def visit(office, start, docstatus=0, installations=(), **values):
			doc = frappe.get_doc(
				{
					"doctype": "Visit Report",
					"naming_series": "VR-.YYYY.-",
					"visit_kind": "Corrective",
					"customer": cls.client if office == OFFICE else cls.other_client,
					"office": office,
					"lead_engineer": E1 if office == OFFICE else OTHER_ENGINEER,
					"language": "en",
					"planned_start": start,
					"planned_end": start + timedelta(hours=2),
					"status": "Planned",
					"docstatus": docstatus,
					**values,
				}
			)
			doc.set_new_name()
			doc.db_insert()
			for index, rating in enumerate(installations, start=1):
				row = frappe.get_doc(
					{
						"doctype": "Visit Report Installation",
						"parent": doc.name,
						"parenttype": "Visit Report",
						"parentfield": "installations",
						"idx": index,
						"installation": f"_Test Reports Installation {index}",
						"rating": rating,
					}
				)
				row.db_insert()

		start = in_month(M1, 15, 9)
		visit(
			OFFICE,
			start,
			1,
			(0.8, 0.4),
			status="Shared",
			arrival=start,
			departure=start + timedelta(hours=2),
			on_site_minutes=120,
		)
		visit(OFFICE, in_month(M2, 15, 9))
		visit(OFFICE, in_month(M2, 16, 9), 2, (0.2,))
		visit(OTHER, in_month(M2, 15, 9), 0, (1.0,), arrival=in_month(M2, 15, 9), on_site_minutes=60)

	# --- helpers ------------------------------------------------------------------------------------

	def run_report(self, name: str, user: str = CENTRAL, **filters):
		frappe.set_user(user)
		return REPORTS[name].execute({**PERIOD, **filters})

	def rows(self, name: str, user: str = CENTRAL, key: str = "key", **filters) -> dict:
		_columns, data, *_rest = self.run_report(name, user, **filters)
		return {row[key]: row for row in data}

	# --- the reports' totals ------------------------------------------------------------------------

	def test_request_mix_by_reason_and_month(self):
		columns, data, _message, chart, summary = self.run_report("Request Mix", office=OFFICE)
		rows = {row["key"]: row for row in data}
		self.assertEqual(
			{key: row["requests"] for key, row in rows.items()},
			{"Error": 2, "Guidance": 1, "Feature Adaptation": 1, "Update Delivery": 1},
		)
		m1, m2 = f"m_{M1:%Y_%m}", f"m_{M2:%Y_%m}"
		self.assertEqual((rows["Error"][m1], rows["Error"][m2]), (2, 0))
		self.assertEqual((rows["Feature Adaptation"][m1], rows["Feature Adaptation"][m2]), (0, 1))
		self.assertEqual(rows["Error"]["share"], 40.0)
		self.assertEqual([c["fieldname"] for c in columns[3:]], [m1, m2])
		self.assertEqual(chart["barOptions"], {"stacked": 1})
		self.assertEqual(len(chart["data"]["labels"]), 2)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [2, 0])  # Error, the largest
		self.assertEqual(summary[0]["value"], 5)

	def test_request_mix_other_dimensions(self):
		def counts(dimension):
			return {
				k: r["requests"]
				for k, r in self.rows("Request Mix", office=OFFICE, dimension=dimension).items()
			}

		self.assertEqual(counts("Channel"), {"Portal": 2, "Phone": 1, "E-mail": 1, "Desk": 1})
		self.assertEqual(counts("Origin of the Error"), {"Usage": 1, "System": 1})  # errors only
		self.assertEqual(counts("Support Office"), {OFFICE: 5})
		self.assertEqual(counts("Region"), {"_T Reports Land": 5})

	def test_sla_compliance_per_office_engineer_priority(self):
		row = self.rows("SLA Compliance", office=OFFICE)[OFFICE]
		self.assertEqual(
			(row["requests"], row["first_response_measured"], row["first_response_met"]), (5, 4, 3)
		)
		self.assertEqual((row["resolution_measured"], row["resolution_met"], row["breached"]), (4, 2, 2))
		self.assertEqual((row["first_response_compliance"], row["resolution_compliance"]), (75.0, 50.0))
		self.assertEqual(row["breached_share"], 40.0)
		engineers = self.rows("SLA Compliance", office=OFFICE, group_by="Engineer")
		self.assertEqual(engineers[E1]["value"], "Rania")
		self.assertEqual(
			[
				(engineers[e]["first_response_met"], engineers[e]["resolution_met"], engineers[e]["breached"])
				for e in (E1, E2)
			],
			[(2, 1, 1), (1, 1, 1)],
		)
		priorities = self.rows("SLA Compliance", office=OFFICE, group_by="Priority")
		self.assertEqual(list(priorities), ["Urgent", "High", "Medium", "Low"])
		self.assertEqual(priorities["Urgent"]["resolution_compliance"], 0.0)
		self.assertEqual(priorities["Medium"]["requests"], 2)

	def test_sla_breaches_listed_newest_first(self):
		_columns, data, _message, chart, _summary = self.run_report(
			"SLA Compliance", office=OFFICE, view="Breached Requests"
		)
		self.assertEqual([row.name for row in data], [self.r["r3"], self.r["r1"]])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [2, 0])

	def test_response_times(self):
		row = self.rows("Response Times", office=OFFICE)[OFFICE]
		response = histogram_of([30, 10, 180, 5])
		resolution = histogram_of([2 * 24 * 60, 180, 120])
		self.assertEqual((row["responded"], row["resolved"]), (4, 3))
		self.assertEqual(row["response_median"], hours(median(response)))
		self.assertEqual(row["response_p90"], hours(p90(response)))
		self.assertEqual(row["resolution_median"], hours(median(resolution)))
		self.assertEqual(row["resolution_p90"], hours(p90(resolution)))
		self.assertEqual((row["reopened"], row["reopened_share"]), (1, 20.0))
		engineers = self.rows("Response Times", office=OFFICE, group_by="Engineer")
		self.assertEqual(engineers[E1]["response_median"], hours(median(histogram_of([30, 10]))))

	def test_engineer_load(self):
		rows = self.rows("Engineer Load", office=OFFICE, key="engineer")
		self.assertEqual(set(rows), {MANAGER, E1, E2, None})  # None: unassigned
		e1, e2, nobody = rows[E1], rows[E2], rows[None]
		self.assertEqual((e1["open_requests"], e1["at_risk"], e1["new_this_week"]), (1, 0, 2))
		self.assertEqual((e2["open_requests"], e2["at_risk"], e2["new_this_week"]), (1, 1, 0))
		self.assertEqual((nobody["open_requests"], nobody["requests"]), (1, 1))
		self.assertEqual((e1["week_hours"], e2["week_hours"]), (0.0, 0.5))
		self.assertEqual((e1["requests"], e1["period_hours"]), (2, 1.5))
		self.assertEqual((e2["requests"], e2["period_hours"]), (2, 1.5))
		self.assertEqual(rows[MANAGER]["open_requests"], 0)
		offices = self.rows("Engineer Load", office=OFFICE, key="office", group_by="Support Office")
		self.assertEqual(offices[OFFICE]["open_requests"], 3)

	def test_support_satisfaction(self):
		row = self.rows("Support Satisfaction", office=OFFICE)[OFFICE]
		self.assertEqual((row["rated"], row["average"], row["rated_share"]), (3, 3.67, 60.0))
		engineers = self.rows("Support Satisfaction", office=OFFICE, group_by="Engineer")
		self.assertEqual((engineers[E1]["average"], engineers[E2]["average"]), (4.5, 2.0))
		_columns, data, *_rest = self.run_report(
			"Support Satisfaction", office=OFFICE, view="Ratings and Comments"
		)
		self.assertEqual([row.name for row in data], [self.r["r4"], self.r["r1"]])  # r2: no comment
		self.assertEqual(data[0].feedback_comment, "Slow")
		self.assertEqual(data[0].engineer_name, "Sami")

	def test_written_text_reaches_the_grid_as_text(self):
		"""Frappe's report grid prints a Data cell as HTML: a comment stored with markup (by SQL,
		past the app's cleaning) must arrive escaped."""
		payload = '"><img src=x onerror=alert(1)> {"a": "<img src=x onerror=alert(2)>"}'
		frappe.db.set_value(
			"Support Request", self.r["r4"], "feedback_comment", payload, update_modified=False
		)
		_columns, data, *_rest = self.run_report(
			"Support Satisfaction", office=OFFICE, view="Ratings and Comments"
		)
		shown = {row.name: row.feedback_comment for row in data}[self.r["r4"]]
		self.assertEqual(
			shown,
			"&quot;&gt;&lt;img src=x onerror=alert(1)&gt; {&quot;a&quot;: &quot;&lt;img src=x onerror=alert(2)&gt;&quot;}",
		)
		frappe.db.set_value(
			"Support Request", self.r["r4"], "feedback_comment", "Slow", update_modified=False
		)

	def test_visit_ratings(self):
		row = self.rows("Visit Ratings", office=OFFICE)[OFFICE]
		self.assertEqual((row["visits"], row["done"], row["shared"], row["on_site_hours"]), (2, 1, 1, 2.0))
		self.assertEqual((row["rated"], row["average"], row["poor"], row["poor_share"]), (2, 3.0, 1, 50.0))
		engineers = self.rows("Visit Ratings", office=OFFICE, group_by="Engineer")
		self.assertEqual(engineers[E1]["value"], "Rania")

	# --- scope: an office manager's reports, bad input ----------------------------------------------

	def test_office_manager_sees_only_the_office(self):
		"""Without an office filter a manager gets their own office, and nothing of the other."""
		for name in REPORTS:
			with self.subTest(report=name):
				_columns, data, *_rest = self.run_report(name, MANAGER)
				text = json.dumps(data, default=str)
				self.assertNotIn(OTHER, text)
				self.assertNotIn(self.other_client, text)
				self.assertNotIn(OTHER_ENGINEER, text)
		self.assertEqual(set(self.rows("SLA Compliance", MANAGER)), {OFFICE})
		self.assertEqual(set(self.rows("Visit Ratings", MANAGER)), {OFFICE})
		self.assertEqual(
			{row["office"] for row in self.rows("Engineer Load", MANAGER, key="engineer").values()}, {OFFICE}
		)
		central = set(self.rows("SLA Compliance", CENTRAL))
		self.assertTrue({OFFICE, OTHER} <= central, central)

	def test_bad_input_is_refused_with_a_translated_error(self):
		for name in REPORTS:
			with self.subTest(report=name):
				frappe.set_user(MANAGER)
				with self.assertRaises(PeriodEndsBeforeStart):
					REPORTS[name].execute({"from_date": str(M2), "to_date": str(M1)})
				with self.assertRaises(OfficeNotYours):
					REPORTS[name].execute({**PERIOD, "office": OTHER})
				# the same through the desk's door, in the user's language
				english = "You cannot see the figures of office {0}."
				french = frappe._(english, "fr")
				self.assertNotEqual(french, english)
				frappe.local.lang = "fr"
				try:
					with self.assertRaises(OfficeNotYours):
						run(
							name, filters=json.dumps({**PERIOD, "office": OTHER}), ignore_prepared_report=True
						)
					message = frappe.local.message_log[-1]
					message = json.loads(message) if isinstance(message, str) else message
					self.assertEqual(message["message"], french.format(frappe.bold(OTHER)))
				finally:
					frappe.local.lang = "en"
					frappe.local.message_log = []

	# --- the workspace's cards and charts -----------------------------------------------------------

	def card(self, name: str, user: str):
		frappe.set_user(user)
		doc = frappe.get_doc("Number Card", name)
		filters = json.loads(doc.filters_json or "[]")
		for row in json.loads(doc.dynamic_filters_json or "[]"):
			row[3] = frappe.session.user if row[3] == "frappe.session.user" else row[3]
			filters.append(row)
		if doc.type == "Custom":
			return frappe.get_attr(doc.method)(filters=filters)["value"]
		return get_result(doc.as_json(), filters)

	def test_engineer_cards(self):
		self.assertEqual(self.card("My Open Requests", E1), 1)  # r6
		self.assertEqual(self.card("My Open Requests", E2), 1)  # r3
		self.assertEqual(self.card("My Requests at Risk or Breached", E2), 1)
		self.assertEqual(self.card("My Requests at Risk or Breached", E1), 0)
		self.assertEqual(self.card("My Rating", E1), 4.5)
		self.assertEqual(self.card("My Rating", E2), 2.0)

	def test_office_cards_are_the_callers_offices(self):
		self.assertEqual(self.card("Open Requests", MANAGER), 3)  # r3, r5, r6
		self.assertEqual(self.card("Open Requests", OTHER_ENGINEER), 2)
		frappe.set_user("Administrator")
		self.assertEqual(
			self.card("Open Requests", CENTRAL), frappe.db.count("Support Request", {"is_open": 1})
		)
		self.assertEqual(self.card("Breached This Month", MANAGER), 1)  # r7
		self.assertEqual(self.card("Breached This Month", OTHER_ENGINEER), 1)  # o3
		self.assertGreaterEqual(self.card("Breached This Month", CENTRAL), 2)
		self.assertEqual(self.card("SLA Compliance This Month", MANAGER), 0)  # r7's one clock missed
		self.assertEqual(self.card("Average Rating", MANAGER), 3.67)
		self.assertEqual(self.card("Average Rating", OTHER_ENGINEER), 1.0)
		self.assertEqual(self.card("Open System Defects", MANAGER), 1)  # r3
		self.assertEqual(self.card("Open System Defects", OTHER_ENGINEER), 0)
		frappe.set_user("Administrator")
		defects = frappe.db.count(
			"Support Request", {"is_open": 1, "error_origin": "System", "escalated_on": ["is", "set"]}
		)
		self.assertEqual(self.card("Open System Defects", CENTRAL), defects)

	def test_charts_are_the_callers_offices(self):
		frappe.set_user(MANAGER)
		self.assertEqual(workspace.open_by_office()["labels"], [OFFICE])
		frappe.set_user(CENTRAL)
		self.assertTrue({OFFICE, OTHER} <= set(workspace.open_by_office()["labels"]))
		frappe.set_user(E2)
		mine = workspace.my_requests_trend()
		months = mine["labels"]
		requests = dict(zip(months, mine["datasets"][0]["values"], strict=True))
		self.assertEqual(sum(requests.values()), 2)  # r3, r4
		frappe.set_user(MANAGER)
		trend = workspace.sla_trend()  # from the office's first month with requests
		self.assertEqual(trend["labels"], [month_label(p) for p in (M1, M2, month_start(TODAY))])
		self.assertEqual(trend["datasets"][0]["values"], [66.7, 100.0, 0])

	def test_each_role_is_shown_its_own_cards(self):
		page = json.dumps({"name": "Support Overview", "title": "Support Overview", "public": 1})

		def cards(user):
			frappe.set_user(user)
			frappe.clear_cache(user=user)
			return {card.number_card_name for card in get_desktop_page(page)["number_cards"]["items"]}

		def charts(user):
			frappe.set_user(user)
			return {chart.chart_name for chart in get_desktop_page(page)["charts"]["items"]}

		expected = {
			E1: {card for card, roles in CARD_ROLES.items() if SUPPORT_ENGINEER in roles},
			MANAGER: {card for card, roles in CARD_ROLES.items() if OFFICE_MANAGER in roles},
			CENTRAL: {card for card, roles in CARD_ROLES.items() if CENTRAL_ENGINEER in roles},
		}
		for user, names in expected.items():
			with self.subTest(user=user):
				self.assertEqual(cards(user), names)
		self.assertIn("My Open Requests", expected[E1])
		self.assertNotIn("Escalated to Central", expected[MANAGER])
		self.assertIn("Open System Defects", expected[CENTRAL])
		self.assertIn("My Requests by Month", charts(E1))
		self.assertNotIn("Open Requests by Office", charts(E1))
		self.assertIn("Open Requests by Office", charts(MANAGER))
		self.assertNotIn("My Requests by Month", charts(CENTRAL))

	def test_reports_run_through_the_desk(self):
		"""The desk's door (frappe.desk.query_report.run) checks the report's roles and runs it."""
		frappe.set_user(E1)
		result = run("Request Mix", filters=json.dumps({**PERIOD}), ignore_prepared_report=True)
		self.assertTrue(result["chart"])
		self.assertIn(OFFICE, json.dumps(result["report_summary"], default=str))
