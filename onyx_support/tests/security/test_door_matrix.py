"""Threat: a generic Frappe door (REST, frappe.client.*, reportview, search, getdoc, comments,
ToDo, File, print) that reaches the app's records past the access table.

Every DocType of `domain/access.py` (child tables included, so a new one joins by being listed)
is tried through every door, over real HTTP with token auth, by a client of each customer, an
engineer of each office, a distributor's manager, central support and a guest. The expected
answer of each cell comes from `TestDoorMatrix.may` (the office the caller works in, the DocPerms
Frappe holds for its roles, the guarded fields of domain/guards.py), never from a table of
results. A refused write must change nothing: the stored documents and their ToDo, Comment and
File counts are compared before and after each role's refused attempts; after each role the
records are put back as the set-up left them (a hole must not decide the next role's cells)."""

import json
import time
from dataclasses import dataclass, field
from threading import Thread
from unittest.mock import patch
from urllib.parse import quote

import frappe
from frappe.model import no_value_fields, table_fields
from frappe.permissions import get_role_permissions
from frappe.tests.utils import FrappeTestCase
from frappe.utils import (
	add_days,
	add_to_date,
	cint,
	flt,
	get_datetime,
	get_test_client,
	getdate,
	now_datetime,
)

from onyx_support.domain.access import ACCESS, AUDIENCE, OFFICE, PARENT_OF
from onyx_support.domain.guards import GUARDED_FIELDS, Guard
from onyx_support.roles import DIRECTORATE_MEMBER
from onyx_support.tests.network_fixture import (
	ACCOUNTANT_A,
	ADMIN_USER,
	CENTRAL_USER,
	CLIENT_A,
	CLIENT_B,
	DISTRIBUTOR,
	ENGINEER_A,
	ENGINEER_B,
	OFFICE_A,
	OFFICE_B,
	OFFICE_C,
	build_request_world,
)
from onyx_support.tests.utils import make_request, make_system, make_user, session_get, web_get
from onyx_support.tests.visit_fixture import make_visit

GUEST = "Guest"
PASSWORD = "Door-Matrix-2026"
# Members of a support directorate: the reader receives office A's visit report, the outsider
# none (they read what the report's recipients name, and network configuration).
READER = "directorate-reader@onyx-test.example"
OUTSIDER = "directorate-outsider@onyx-test.example"
RECEIVES = {READER: {("Visit Report", "A")}, OUTSIDER: set()}
ROLES = (
	CLIENT_A,
	CLIENT_B,
	ENGINEER_A,
	ENGINEER_B,
	ACCOUNTANT_A,
	DISTRIBUTOR,
	CENTRAL_USER,
	READER,
	OUTSIDER,
	GUEST,
)
# Where each caller works: the engineers and the distributor's manager see their own office only.
OFFICE_OF_STAFF = {ENGINEER_A: OFFICE_A, ENGINEER_B: OFFICE_B, ACCOUNTANT_A: OFFICE_A, DISTRIBUTOR: OFFICE_C}
# Billing runs of the matrix: their own period, so that a copy is found and removed.
MATRIX_PERIOD = "1999-01-01"
RELEASE_SYSTEM = "_Test Door Matrix Release System"
NETWORK_WIDE = (CENTRAL_USER,)
# Clients are contacts of a customer served by this office (they hold no DocPerm at all).
OFFICE_OF_CLIENT = {CLIENT_A: OFFICE_A, CLIENT_B: OFFICE_B}
SIDES = {"A": OFFICE_A, "B": OFFICE_B}
# A field a PUT may change without side effects, where the first free text field is not one.
HARMLESS_FIELD = {"Support Request": "escalation_note", "Client Installation": "environment_notes"}
# A request's guarded fields to probe (the client's rating, a computed deadline); other DocTypes
# probe their first two guarded fields.
GUARDED_PROBES = {"Support Request": ("feedback_rating", "resolution_due")}
DOOR_SYSTEM = "_Test Door Matrix System"
RIGHTS = ("read", "select", "write", "create", "delete", "report", "print", "export", "email", "share")
METHOD = "/api/method/"


@dataclass(frozen=True)
class Target:
	doctype: str
	name: str
	side: str  # "A", "B", or "N" for network configuration
	office: str | None  # None: NETWORK scope, every staff role reads it
	parent: str | None = None  # the parent DocType of a child row
	parent_name: str | None = None
	parentfield: str | None = None


@dataclass
class Call:
	method: str
	path: str
	params: dict | None = None
	body: dict | None = None
	form: dict | None = None


@dataclass
class Reply:
	status: int
	text: str

	@property
	def data(self):
		try:
			return json.loads(self.text)
		except ValueError:
			return None

	def short(self) -> str:
		return f"HTTP {self.status}: {self.text[:300]!r}"


@dataclass
class Cell:
	door: str
	target: Target | None
	doctype: str
	call: Call
	expected: object  # a set of names, a count or a bool (allowed or not)
	read: str  # how the reply is read: rows, count, doc, status, file
	refusable: bool = False  # Frappe refuses the door for everyone here (no parent can be named)
	extra: dict = field(default_factory=dict)


def http(calls: list[Call], authorization: str | None) -> list[Reply]:
	"""Run the calls one after another through Frappe's real WSGI app, in a thread of its own
	(its own database connection: it sees only committed data), as the token's user or Guest."""
	site = frappe.local.site
	replies, errors = [], []
	headers = {"Authorization": authorization} if authorization else {}

	def run():
		try:
			with patch("frappe.app.get_site_name", return_value=site):
				client = get_test_client(use_cookies=False)
				for call in calls:
					kwargs = {"method": call.method, "headers": headers}
					if call.params:
						kwargs["query_string"] = {
							key: value if isinstance(value, str) else json.dumps(value, default=str)
							for key, value in call.params.items()
						}
					if call.body is not None:
						kwargs["data"] = json.dumps(call.body, default=str)
						kwargs["content_type"] = "application/json"
					elif call.form is not None:
						kwargs["data"] = call.form
					response = client.open(call.path, **kwargs)
					replies.append(Reply(response.status_code, response.get_data(as_text=True)))
		except Exception as error:  # surfaced in the test's own thread
			errors.append(error)

	thread = Thread(target=run)
	thread.start()
	thread.join()
	if errors:
		raise errors[0]
	return replies


def token_for(user: str) -> str:
	"""A `token key:secret` header value, written without saving the User (tests.utils'
	api_keys_for saves it, which fails when another connection touched the User meanwhile)."""
	from frappe.utils.password import set_encrypted_password

	api_key = frappe.db.get_value("User", user, "api_key") or frappe.generate_hash(length=15)
	frappe.db.set_value("User", user, "api_key", api_key, update_modified=False)
	secret = frappe.generate_hash(length=15)
	set_encrypted_password("User", user, secret, "api_secret")
	return f"token {api_key}:{secret}"


def resource(doctype: str, name: str | None = None) -> str:
	path = f"/api/resource/{quote(doctype)}"
	return f"{path}/{quote(name)}" if name else path


class TestDoorMatrix(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		try:
			cls.set_up_world()
		except Exception:
			frappe.db.rollback()
			cls.remove_what_the_run_left()
			frappe.db.commit()  # nosemgrep: what the set-up committed on the way
			raise

	@classmethod
	def set_up_world(cls):
		cls.started = time.monotonic()
		cls.requests, cls.files, cls.targets, cls.channels_added, cls.originals = {}, {}, {}, [], {}
		cls.policy = None
		cls.mark = f"door-matrix-{frappe.generate_hash(length=6)}"
		cls.world = build_request_world()
		cls.central = cls.world["central"]
		customers = cls.world["customers"]
		contacts = cls.world["contacts"]
		cls.customer_of = {side: customers[office] for side, office in SIDES.items()}
		from frappe.utils.password import update_password

		for client in OFFICE_OF_CLIENT:
			update_password(client, PASSWORD)
		make_system(DOOR_SYSTEM)
		for side, office in SIDES.items():
			client = CLIENT_A if side == "A" else CLIENT_B
			request = make_request(
				customers[office],
				installation=cls.world["installations"][office],
				subject=f"{cls.mark} request {side}",
				contact=contacts[client],
				raised_by=client,
			)
			request.append(
				"work_log",
				{
					"engineer": ENGINEER_A if side == "A" else ENGINEER_B,
					"means": "Remote Session",
					"remote_session_id": f"RS-SECRET-{cls.mark}-{side}",
					"started_at": add_to_date(now_datetime(), hours=-3),
					"duration_minutes": 30,
					"note": f"{cls.mark} internal note {side}",
				},
			)
			request.save(ignore_permissions=True)
			request.add_comment("Comment", f"{cls.mark} internal comment {side}")
			cls.requests[side] = request.name
		cls.channels_added = cls.ensure_channel_rows()
		cls.policy = cls.make_policy()
		cls.visits, cls.directorate, cls.distribution_rule = cls.make_visit_records(customers, contacts)
		cls.warranty = cls.make_warranty_records(customers)
		cls.releases = cls.make_release_records(customers)
		cls.rollups = cls.make_rollup_records()
		cls.articles = cls.make_knowledge_records()
		cls.targets = cls.build_targets()
		cls.originals = cls.record_fixture()
		cls.files = cls.attach_private_files()
		cls.tokens = {user: token_for(user) for user in ROLES if user != GUEST}
		cls.cells = 0
		frappe.db.commit()  # nosemgrep: the doors are called over HTTP, on their own connection

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.set_user("Administrator")
		cls.remove_what_the_run_left()
		frappe.db.commit()  # nosemgrep: the HTTP calls committed what they created
		print(
			f"\ndoor matrix: {len(ROLES)} roles x {len(cls.targets)} DocTypes, "
			f"{cls.cells} cells asserted in {time.monotonic() - cls.started:.0f}s"
		)
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	# --- the world --------------------------------------------------------------------------

	@classmethod
	def ensure_channel_rows(cls) -> list[str]:
		"""Every child table needs a row of office A and B; the fixture's offices have no channel."""
		added = []
		for office in SIDES.values():
			doc = frappe.get_doc("Support Office", office)
			if not doc.channels:
				doc.append("channels", {"channel": "Phone", "offered": 0, "is_public": 0})
				doc.save(ignore_permissions=True)
				added.append(office)
		return added

	@classmethod
	def make_visit_records(cls, customers, contacts):
		"""A visit report of each office with a row in every child table (office A's names the
		reader among its recipients), and a directorate and distribution rule with their rows."""
		make_user(READER, [DIRECTORATE_MEMBER], "Rania")
		make_user(OUTSIDER, [DIRECTORATE_MEMBER], "Osama")
		directorate = (
			frappe.get_doc(
				{
					"doctype": "Support Directorate",
					"directorate_name": f"{cls.mark} directorate",
					"members": [{"user": READER}, {"user": OUTSIDER}],
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		rule = (
			frappe.get_doc(
				{
					"doctype": "Visit Distribution Rule",
					"rule_name": f"{cls.mark} rule",
					# enabled (a search skips disabled records) but matching no visit of the run
					"office": OFFICE_C,
					"visit_kind": "Training",
					"directorates": [{"directorate": directorate}],
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		visits = {}
		for side, office in SIDES.items():
			engineer = ENGINEER_A if side == "A" else ENGINEER_B
			client = CLIENT_A if side == "A" else CLIENT_B
			# where the office asks for it, a visit needs the client's approval of on-site work
			frappe.db.set_value(
				"Support Request",
				cls.requests[side],
				{"approval_status": "Approved", "proposed_means": "On-site"},
				update_modified=False,
			)
			visit = make_visit(
				customers[office],
				engineer,
				[cls.requests[side]],
				contact=contacts[client],
				internal_notes=f"{cls.mark} visit internal note {side}",
				installations=[{"installation": cls.world["installations"][office], "findings": "slow"}],
				actions=[{"action": f"{cls.mark} action {side}"}],
				recommendations=[{"recommendation": f"{cls.mark} recommendation {side}"}],
				suggestions=[{"category": "Usability", "suggestion": f"{cls.mark} suggestion {side}"}],
				photos=[{"photo": "/files/onyx-door-matrix.png", "caption": f"{cls.mark} photo {side}"}],
			)
			if side == "A":
				frappe.get_doc(
					{
						"doctype": "Visit Report Recipient",
						"parent": visit.name,
						"parenttype": "Visit Report",
						"parentfield": "recipients",
						"idx": 1,
						"user": READER,
						"directorate": directorate,
						"reason": rule,
					}
				).db_insert()
			else:
				frappe.get_doc(
					{
						"doctype": "Visit Report Recipient",
						"parent": visit.name,
						"parenttype": "Visit Report",
						"parentfield": "recipients",
						"idx": 1,
						"user": CENTRAL_USER,
						"reason": rule,
					}
				).db_insert()
			visits[side] = visit.name
		return visits, directorate, rule

	@classmethod
	def make_release_records(cls, customers) -> dict:
		"""A draft release with an artefact and a fix (network configuration), and a published one
		whose distributions to offices A and B hold a delivery row each."""
		make_system(RELEASE_SYSTEM)
		for office in SIDES.values():
			installation = frappe.db.get_value(
				"Client Installation", {"customer": customers[office], "system": RELEASE_SYSTEM}
			)
			if not installation:
				frappe.get_doc(
					{
						"doctype": "Client Installation",
						"customer": customers[office],
						"system": RELEASE_SYSTEM,
						"version": "1.0",
					}
				).insert(ignore_permissions=True)
		artefact = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{cls.mark}-artefact.zip",
				"content": f"{cls.mark} artefact".encode(),
				"is_private": 1,
			}
		).insert(ignore_permissions=True)
		published = frappe.get_doc(
			{
				"doctype": "Software Release",
				"system": RELEASE_SYSTEM,
				"version": f"9.{frappe.utils.cint(frappe.utils.now_datetime().timestamp()) % 999_999}",
				"release_kind": "New Version",
				"known_issues": f"{cls.mark} published",
			}
		).insert(ignore_permissions=True)
		published.submit()
		draft = frappe.get_doc(
			{
				"doctype": "Software Release",
				"system": RELEASE_SYSTEM,
				"version": f"{published.version}.1",
				"release_kind": "Hotfix",
				"known_issues": f"{cls.mark} draft",
				"artefacts": [{"file": artefact.file_url, "description": f"{cls.mark} artefact"}],
				"fixes": [{"support_request": cls.requests["A"]}],
			}
		).insert(ignore_permissions=True)
		distributions = {
			office: name
			for name, office in frappe.get_all(
				"Release Distribution",
				filters={"software_release": published.name},
				fields=["name", "office"],
				as_list=True,
			)
		}
		return {"draft": draft.name, "published": published.name, "distributions": distributions}

	@classmethod
	def make_knowledge_records(cls) -> dict:
		"""A knowledge article of audience Office for office A and one for office B, published by
		central support, each helping with a request reason (its child row)."""
		from onyx_support.permissions.guards import by_rule

		articles = {}
		for side, office in SIDES.items():
			article = frappe.get_doc(
				{
					"doctype": "Knowledge Article",
					"title": f"{cls.mark} article {side}",
					"audience": "Office",
					"office": office,
					"summary": f"{cls.mark} article summary {side}",
					"author": CENTRAL_USER,
					"reasons": [{"reason": "Error"}],
				}
			)
			by_rule(article).insert(ignore_permissions=True)
			# published as the workflow would (reviewed by someone else), without its three steps
			frappe.db.set_value(
				"Knowledge Article",
				article.name,
				{"status": "Published", "reviewer": ADMIN_USER, "published_on": now_datetime()},
				update_modified=False,
			)
			articles[side] = article.name
		return articles

	@classmethod
	def make_rollup_records(cls) -> dict:
		"""A rollup row of each office (the rollup writes them in SQL; no door creates one)."""
		rows = {}
		for side, office in SIDES.items():
			row = frappe.get_doc(
				{
					"doctype": "Support Request Rollup",
					"period": MATRIX_PERIOD,
					"office": office,
					"dimension": "customer",
					"value": f"{cls.mark} rollup {side}",
					"sub_value": "",
					"requests": 3,
				}
			)
			row.set_new_name()
			row.db_insert()
			rows[side] = row.name
		return rows

	@classmethod
	def make_warranty_records(cls, customers) -> dict:
		"""An agreement (draft, far in the future: it overlaps nothing), a charge and a billing run
		of each office, with a row in each child table."""
		from onyx_support.permissions.guards import by_rule

		records = {}
		for side, office in SIDES.items():
			agreement = frappe.get_doc(
				{
					"doctype": "Warranty Agreement",
					"customer": customers[office],
					"agreement_kind": "Annual Renewal",
					"selling_office": office,
					"start_date": add_days(getdate(), 365 * 40 + (0 if side == "A" else 1)),
					"distributor_invoice_ref": f"{cls.mark} agreement {side}",
					"installations": [{"installation": cls.world["installations"][office]}],
				}
			)
			by_rule(agreement).insert(ignore_permissions=True)
			frappe.get_doc(
				{
					"doctype": "Warranty Reminder",
					"parent": agreement.name,
					"parenttype": "Warranty Agreement",
					"parentfield": "reminders",
					"idx": 1,
					"days_before": 30,
					"recipients": f"{cls.mark} reminder {side}",
				}
			).db_insert()
			charge = frappe.get_doc(
				{
					"doctype": "Support Charge",
					"source_key": f"{cls.mark} charge {side}",
					"customer": customers[office],
					"office": office,
					"support_request": cls.requests[side],
					"charge_date": getdate(),
					"hours": 1,
					"rate": 10,
					"amount": 10,
					"description": f"{cls.mark} charge {side}",
				}
			)
			by_rule(charge).insert(ignore_permissions=True)
			run = frappe.get_doc(
				{
					"doctype": "Billing Run",
					"office": office,
					"from_date": MATRIX_PERIOD,
					"to_date": MATRIX_PERIOD,
				}
			)
			by_rule(run).insert(ignore_permissions=True)
			frappe.get_doc(
				{
					"doctype": "Billing Run Invoice",
					"parent": run.name,
					"parenttype": "Billing Run",
					"parentfield": "invoices",
					"idx": 1,
					"customer": customers[office],
					"charges": 1,
					"amount": 10,
				}
			).db_insert()
			records[side] = {
				"Warranty Agreement": agreement.name,
				"Support Charge": charge.name,
				"Billing Run": run.name,
			}
		return records

	@classmethod
	def make_policy(cls) -> str:
		return (
			frappe.get_doc(
				{
					"doctype": "Support SLA Policy",
					"policy_name": f"{cls.mark} policy",
					"is_default": 0,
					"warning_minutes": 30,
					"targets": [
						{"priority": "High", "first_response_minutes": 60, "resolution_minutes": 480}
					],
				}
			)
			.insert(ignore_permissions=True)
			.name
		)

	@classmethod
	def build_targets(cls) -> dict[str, list[Target]]:
		"""A record of office A and one of office B for each OFFICE-scoped DocType, any record for
		network configuration, and a row of each such parent for each child table."""
		preferred = {
			("Support Request", "A"): cls.requests["A"],
			("Support Request", "B"): cls.requests["B"],
			("Client Installation", "A"): cls.world["installations"][OFFICE_A],
			("Client Installation", "B"): cls.world["installations"][OFFICE_B],
			("Support SLA Policy", "N"): cls.policy,
			**{
				(doctype, side): name
				for side, names in cls.warranty.items()
				for doctype, name in names.items()
			},
			("Software Release", "N"): cls.releases["draft"],
			("Release Distribution", "A"): cls.releases["distributions"][OFFICE_A],
			("Release Distribution", "B"): cls.releases["distributions"][OFFICE_B],
			("Visit Report", "A"): cls.visits["A"],
			("Visit Report", "B"): cls.visits["B"],
			("Support Directorate", "N"): cls.directorate,
			("Visit Distribution Rule", "N"): cls.distribution_rule,
			("Support Request Rollup", "A"): cls.rollups["A"],
			("Support Request Rollup", "B"): cls.rollups["B"],
			("Knowledge Article", "A"): cls.articles["A"],
			("Knowledge Article", "B"): cls.articles["B"],
		}
		targets = {}
		for doctype, rule in ACCESS.items():
			meta = frappe.get_meta(doctype)
			parents = []
			if rule.scope in (OFFICE, AUDIENCE):  # an article of audience Office: its office
				for side, office in SIDES.items():
					name = preferred.get((doctype, side)) or (
						office
						if rule.field == "name"
						else frappe.db.get_value(
							doctype, {rule.field: office}, "name", order_by="creation desc"
						)
					)
					assert name, f"the matrix needs a {doctype} of {office}: add one to its set-up"
					parents.append(Target(doctype, name, side, office))
			else:
				name = (
					doctype
					if meta.issingle
					else preferred.get((doctype, "N")) or frappe.db.get_value(doctype, {}, "name")
				)
				assert name, f"the matrix needs a {doctype}: add one to its set-up"
				parents.append(Target(doctype, name, "N", None))
			targets[doctype] = parents
			for child in rule.children:
				targets[child] = []
				for parent in parents:
					parentfield = next(df.fieldname for df in meta.get_table_fields() if df.options == child)
					row = frappe.db.get_value(
						child,
						{"parent": parent.name, "parenttype": doctype, "parentfield": parentfield},
						"name",
						order_by="idx asc",
					)
					assert row, f"the matrix needs a {child} row of {doctype} {parent.name}"
					targets[child].append(
						Target(child, row, parent.side, parent.office, doctype, parent.name, parentfield)
					)
		return targets

	@classmethod
	def attach_private_files(cls) -> dict[tuple[str, str], dict]:
		"""A private file attached to each parent record (not the single settings)."""
		files = {}
		for doctype in ACCESS:
			if frappe.get_meta(doctype).issingle:
				continue
			for target in cls.targets[doctype]:
				content = f"{cls.mark} secret of {doctype} {target.side}"
				file = frappe.get_doc(
					{
						"doctype": "File",
						"file_name": f"{cls.mark}-{frappe.scrub(doctype)}-{target.side}.txt",
						"content": content.encode(),
						"is_private": 1,
						"attached_to_doctype": doctype,
						"attached_to_name": target.name,
					}
				).insert(ignore_permissions=True)
				files[(doctype, target.name)] = {"name": file.name, "url": file.file_url, "content": content}
		return files

	@classmethod
	def record_fixture(cls) -> dict:
		"""The shared fixture's records as they were, to put back what a permitted write (or a
		hole) changed: their values and their child rows."""
		originals = {}
		for doctype in ACCESS:
			for target in cls.targets[doctype]:
				originals[(doctype, target.name)] = frappe.get_doc(doctype, target.name)
		return originals

	@classmethod
	def restore_fixture(cls):
		for (doctype, name), original in cls.originals.items():
			if not frappe.get_meta(doctype).issingle and not frappe.db.exists(doctype, name):
				continue  # the run's own records, already deleted
			current = frappe.get_doc(doctype, name)
			for df in current.meta.fields:
				if df.fieldtype in table_fields:
					kept = {row.name: row for row in current.get(df.fieldname)}
					for extra in set(kept) - {row.name for row in original.get(df.fieldname)}:
						frappe.db.delete(df.options, {"name": extra})
					for row in original.get(df.fieldname):
						if row.name not in kept:
							row.db_insert()
						elif kept[row.name].as_dict(no_default_fields=True) != row.as_dict(
							no_default_fields=True
						):
							row.db_update()
				elif df.fieldtype not in no_value_fields and current.get(df.fieldname) != original.get(
					df.fieldname
				):
					frappe.db.set_value(
						doctype, name, df.fieldname, original.get(df.fieldname), update_modified=False
					)
			if not current.meta.issingle:
				for column in ("_assign", "_comments"):
					frappe.db.set_value(doctype, name, column, original.get(column), update_modified=False)
			frappe.clear_document_cache(doctype, name)

	@classmethod
	def reset_world(cls):
		"""Put the records back as the set-up left them, so that what one role's writes (or a
		hole) changed does not decide the next role's cells."""
		frappe.db.rollback()
		cls.restore_fixture()
		for file in cls.files.values():
			frappe.db.delete("File", {"file_url": file["url"], "name": ("!=", file["name"])})
		frappe.db.delete("ToDo", {"description": ("like", f"%{cls.mark}%")})
		frappe.db.delete("Comment", {"content": ("like", f"%{cls.mark}% by %")})
		frappe.db.commit()  # nosemgrep: the next role's calls run on their own connection

	@classmethod
	def remove_what_the_run_left(cls):
		mark = f"{cls.mark}%"
		for name in frappe.get_all("File", filters={"file_name": ("like", mark)}, pluck="name"):
			frappe.delete_doc("File", name, force=True, ignore_permissions=True)
		for url in {file["url"] for file in cls.files.values()}:
			for name in frappe.get_all("File", filters={"file_url": url}, pluck="name"):
				frappe.delete_doc("File", name, force=True, ignore_permissions=True)
		frappe.db.delete("ToDo", {"description": ("like", f"%{cls.mark}%")})
		frappe.db.delete("Comment", {"content": ("like", f"%{cls.mark}%")})
		created = frappe.get_all("Support Request", filters={"subject": ("like", mark)}, pluck="name")
		for name in created:
			frappe.db.delete("ToDo", {"reference_type": "Support Request", "reference_name": name})
			frappe.delete_doc("Support Request", name, force=True, ignore_permissions=True)
		for name in frappe.get_all("Client Installation", filters={"system": DOOR_SYSTEM}, pluck="name"):
			frappe.delete_doc("Client Installation", name, force=True, ignore_permissions=True)
		if cls.policy:
			frappe.delete_doc("Support SLA Policy", cls.policy, force=True, ignore_permissions=True)
		made = list(getattr(cls, "visits", {}).values())
		made += frappe.get_all("Visit Report", filters={"internal_notes": ("like", mark)}, pluck="name")
		for name in set(made):
			frappe.db.delete("Support Work Log", {"visit_report": name})
			frappe.delete_doc("Visit Report", name, force=True, ignore_permissions=True)
		for name in frappe.get_all(
			"Software Release", filters={"known_issues": ("like", mark)}, pluck="name"
		):
			# a published release cannot be deleted as a document: its rows go with it
			for distribution in frappe.get_all(
				"Release Distribution", filters={"software_release": name}, pluck="name"
			):
				frappe.db.delete("Release Delivery", {"parent": distribution})
				frappe.db.delete("Release Distribution", {"name": distribution})
			for child in ("Software Release Artefact", "Software Release Fix"):
				frappe.db.delete(child, {"parent": name})
			frappe.db.delete("Software Release", {"name": name})
		frappe.db.delete("Support Charge", {"source_key": ("like", mark)})
		frappe.db.delete("Support Request Rollup", {"value": ("like", mark)})
		for name in frappe.get_all("Knowledge Article", filters={"title": ("like", mark)}, pluck="name"):
			frappe.delete_doc("Knowledge Article", name, force=True, ignore_permissions=True)
		for name in frappe.get_all("Billing Run", filters={"from_date": MATRIX_PERIOD}, pluck="name"):
			frappe.delete_doc("Billing Run", name, force=True, ignore_permissions=True)
		for name in frappe.get_all(
			"Warranty Agreement", filters={"distributor_invoice_ref": ("like", mark)}, pluck="name"
		):
			frappe.delete_doc("Warranty Agreement", name, force=True, ignore_permissions=True)
		for doctype, naming in (
			("Visit Distribution Rule", "rule_name"),
			("Support Directorate", "directorate_name"),
		):
			for name in frappe.get_all(doctype, filters={naming: ("like", mark)}, pluck="name"):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		cls.restore_fixture()
		for office in cls.channels_added:
			frappe.db.delete("Support Office Channel", {"parent": office, "parenttype": "Support Office"})
		for child in PARENT_OF:  # rows a permitted REST insert left in the fixture's records
			for column in [
				df.fieldname
				for df in frappe.get_meta(child).fields
				if df.fieldtype in ("Data", "Small Text", "Text")
			]:
				frappe.db.delete(child, {column: ("like", mark)})

	# --- the rule ---------------------------------------------------------------------------

	@staticmethod
	def is_staff(role: str) -> bool:
		return role in OFFICE_OF_STAFF or role in NETWORK_WIDE

	def own_office(self, role: str) -> str:
		if role in NETWORK_WIDE:
			return self.central
		return OFFICE_OF_STAFF.get(role) or OFFICE_OF_CLIENT.get(role) or OFFICE_A

	def sees(self, role: str, target: Target) -> bool:
		"""Staff see network configuration, and the rows of the offices they work in (central
		support: all). Clients and guests see nothing through a generic door."""
		if role in RECEIVES:
			return target.office is None or ((target.parent or target.doctype), target.side) in RECEIVES[role]
		if not self.is_staff(role):
			return False
		return target.office is None or role in NETWORK_WIDE or target.office == OFFICE_OF_STAFF[role]

	def rights(self, role: str, doctype: str) -> dict:
		"""What Frappe's DocPerms give the role (a child table: its parent's)."""
		return get_role_permissions(frappe.get_meta(PARENT_OF.get(doctype, doctype)), user=role)

	def may(self, role: str, target: Target, right: str) -> bool:
		if not self.sees(role, target) or not self.rights(role, target.doctype).get(right):
			return False
		if right in ("write", "create", "delete") and target.doctype in PARENT_OF:
			# a child row is written through its parent's form only (permissions/rows.py), where
			# the parent's rule and guarded fields apply
			return False
		if right in ("write", "delete") and not self.writes_article(role, target):
			return False
		return True

	@staticmethod
	def writes_article(role: str, target: Target) -> bool:
		"""Articles (AUDIENCE scope): office staff edit only their own drafts (domain/knowledge.py);
		the matrix's articles are central support's, published."""
		rule = ACCESS[PARENT_OF.get(target.doctype, target.doctype)]
		return rule.scope != AUDIENCE or role in NETWORK_WIDE

	# --- reading the replies ----------------------------------------------------------------

	@staticmethod
	def observed(cell: Cell, reply: Reply):
		data = reply.data if reply.status == 200 else None
		data = data if isinstance(data, dict) else None
		if cell.read == "rows":
			if data is None:
				return None
			message = data.get("data", data.get("message"))
			if isinstance(message, dict):  # reportview: {"keys": [...], "values": [[...]]}
				index = message.get("keys", ["name"]).index("name")
				return {row[index] for row in message.get("values", [])}
			return {row.get("name") or row.get("value") for row in message or []}
		if cell.read == "count":
			return None if data is None else cint(data.get("message"))
		if cell.read == "doc":
			if data is None:
				return False
			if "docs" in data:  # getdoc
				return bool(data["docs"]) and data["docs"][0].get("name") == cell.target.name
			message = data.get("data", data.get("message"))
			if cell.door == "frappe.desk.search.get_link_title":
				return reply.status == 200
			if not isinstance(message, dict) or not message:
				return False
			return frappe.get_meta(cell.doctype).issingle or message.get("name") == cell.target.name
		if cell.read == "page":
			return reply.status == 200 and cell.extra["marker"] in reply.text
		if cell.read == "file":
			return reply.status == 200 and cell.extra["content"] in reply.text
		return 200 <= reply.status < 300  # status: the write went through

	def check(self, role: str, cells: list[Cell], replies: list[Reply]):
		for cell, reply in zip(cells, replies, strict=True):
			side = f" | {cell.target.side} {cell.target.name}" if cell.target else ""
			where = f"{role} | {cell.doctype} | {cell.door}{side} -> {reply.short()}"
			with self.subTest(role=role, doctype=cell.doctype, door=cell.door, side=side.strip(" |")):
				self.__class__.cells += 1
				observed = self.observed(cell, reply)
				expected = cell.expected
				if observed is None and (cell.refusable or not expected):
					observed = expected if cell.refusable else type(expected)()
				self.assertEqual(observed, expected, where)
				self.assertLess(reply.status, 500, f"a door failed instead of refusing: {where}")

	# --- the read doors ---------------------------------------------------------------------

	def like_filter(self, target: Target) -> list:
		if target.doctype == "Support Work Log":
			return [["remote_session_id", "like", f"RS-SECRET-{self.mark}-{target.side}%"]]
		if target.doctype == "Support Request":
			return [["subject", "like", f"{self.mark} request {target.side}%"]]
		return [["name", "like", target.name]]

	def read_cells(self, role: str) -> list[Cell]:
		cells = []
		for doctype, targets in self.targets.items():
			meta = frappe.get_meta(doctype)
			parent = PARENT_OF.get(doctype)
			names = [target.name for target in targets]
			visible = {target.name for target in targets if self.may(role, target, "read")}
			of_parent = {"parent": parent} if parent else {}
			of_parent_doctype = {"parent_doctype": parent} if parent else {}

			def cell(door, path, params, expected, read, target=None, refusable=False, **extra):
				cells.append(
					Cell(door, target, doctype, Call("GET", path, params), expected, read, refusable, extra)
				)

			if not meta.issingle:
				filters = [["name", "in", names]]
				listing = {"filters": filters, "limit_page_length": 100}
				search = {
					"doctype": doctype,
					"txt": "",
					"filters": [[doctype, "name", "in", names]],
					"page_length": 100,
				}
				unscoped = {"ignore_user_permissions": 1, **({"reference_doctype": parent} if parent else {})}
				cell("GET /api/resource list", resource(doctype), {**listing, **of_parent}, visible, "rows")
				cell(
					"frappe.client.get_list",
					METHOD + "frappe.client.get_list",
					{"doctype": doctype, **listing, **of_parent},
					visible,
					"rows",
				)
				# get_count names no parent: Frappe refuses it on a child table to everyone
				cell(
					"frappe.client.get_count",
					METHOD + "frappe.client.get_count",
					{"doctype": doctype, "filters": filters},
					len(visible),
					"count",
					refusable=bool(parent),
				)
				cell(
					"frappe.desk.reportview.get",
					METHOD + "frappe.desk.reportview.get",
					{"doctype": doctype, "fields": ["name"], "filters": filters, **of_parent_doctype},
					visible,
					"rows",
				)
				cell(
					"frappe.desk.reportview.get_count",
					METHOD + "frappe.desk.reportview.get_count",
					{"doctype": doctype, "filters": filters, **of_parent_doctype},
					len(visible),
					"count",
				)
				# search_link names no parent either (a child table: refused unless the next form is used)
				cell(
					"frappe.desk.search.search_link",
					METHOD + "frappe.desk.search.search_link",
					search,
					visible,
					"rows",
					refusable=bool(parent),
				)
				# the same search as a Link field may ask it: ignoring user permissions
				cell(
					"frappe.desk.search.search_link ignore_user_permissions",
					METHOD + "frappe.desk.search.search_link",
					{**search, **unscoped},
					visible,
					"rows",
					refusable=bool(parent),
				)
			for target in targets:
				allowed = target.name in visible
				by_name = {} if meta.issingle else {"filters": {"name": target.name}}
				cell("GET /api/resource/<name>", resource(doctype, target.name), None, allowed, "doc", target)
				cell(
					"frappe.client.get",
					METHOD + "frappe.client.get",
					{"doctype": doctype, "name": target.name, **of_parent},
					allowed,
					"doc",
					target,
				)
				cell(
					"frappe.client.get_value",
					METHOD + "frappe.client.get_value",
					{"doctype": doctype, "fieldname": self.value_field(doctype), **by_name, **of_parent},
					allowed,
					"doc",
					target,
				)
				cell(
					"frappe.desk.search.get_link_title",
					METHOD + "frappe.desk.search.get_link_title",
					{"doctype": doctype, "docname": target.name},
					allowed,
					"doc",
					target,
				)
				cell(
					"frappe.desk.form.load.getdoc",
					METHOD + "frappe.desk.form.load.getdoc",
					{"doctype": doctype, "name": target.name},
					allowed,
					"doc",
					target,
				)
				if not meta.issingle:
					cell(
						"frappe.client.get_count like",
						METHOD + "frappe.client.get_count",
						{"doctype": doctype, "filters": self.like_filter(target)},
						int(allowed),
						"count",
						target,
						refusable=bool(parent),
					)
				file = self.files.get((doctype, target.name))
				if file:
					attachments = [
						["attached_to_doctype", "=", doctype],
						["attached_to_name", "=", target.name],
					]
					cell(
						"GET /api/resource/File list (attachments)",
						resource("File"),
						{"filters": attachments, "limit_page_length": 100},
						{file["name"]} if allowed else set(),
						"rows",
						target,
					)
					cell(
						"GET private file_url",
						file["url"],
						None,
						allowed,
						"file",
						target,
						content=file["content"],
					)
				if not parent:
					cell(
						"/printview",
						"/printview",
						{"doctype": doctype, "name": target.name},
						allowed,
						"page",
						target,
						marker=self.print_marker(target),
					)
		return cells

	@staticmethod
	def value_field(doctype: str):
		meta = frappe.get_meta(doctype)
		if not meta.issingle:
			return "name"
		return json.dumps([next(df.fieldname for df in meta.fields if df.fieldtype not in no_value_fields)])

	def print_marker(self, target: Target) -> str:
		"""Text the printed document shows: its subject (a request), otherwise its name."""
		if target.doctype == "Support Request":
			return f"{self.mark} request {target.side}"
		return target.name

	def test_clients_and_guests_hold_no_docperm(self):
		for doctype in ACCESS:
			for role in (CLIENT_A, CLIENT_B, GUEST):
				rights = get_role_permissions(frappe.get_meta(doctype), user=role)
				with self.subTest(role=role, doctype=doctype, door="DocPerm"):
					self.__class__.cells += 1
					self.assertEqual(
						{right for right in RIGHTS if rights.get(right)},
						set(),
						f"{role} | {doctype} | DocPerm",
					)

	def test_generic_read_doors(self):
		for role in ROLES:
			cells = self.read_cells(role)
			for _attempt in range(3):
				frappe.db.rollback()  # hold no lock the HTTP thread may wait for
				replies = http([cell.call for cell in cells], self.tokens.get(role))
				if not self.token_was_replaced(role, replies):
					break
			self.check(role, cells, replies)

	def token_was_replaced(self, role: str, *batches: list[Reply]) -> bool:
		"""Another test on the site gave the user a new secret (tests.utils.api_keys_for) while
		the batch ran: take a new token and let the caller run the batch again."""
		if role == GUEST or not any(reply.status == 401 for replies in batches for reply in replies):
			return False
		frappe.db.rollback()
		self.tokens[role] = token_for(role)
		frappe.db.commit()  # nosemgrep: the calls run on their own connection
		return True

	# --- the write doors --------------------------------------------------------------------

	def stored(self, target: Target):
		if target.parent:
			return frappe.get_doc(target.parent, target.parent_name).getone(
				{"doctype": target.doctype, "name": target.name}
			)
		return frappe.get_doc(target.doctype, target.name)

	def harmless_change(self, target: Target) -> dict:
		"""A value no rule depends on: free text, else a number moved by one, else the stored
		value itself (the write is still permission-checked)."""
		meta = frappe.get_meta(target.doctype)
		stored = self.stored(target)
		guards = GUARDED_FIELDS.get(target.doctype, {})
		free = [
			df
			for df in meta.fields
			if not df.read_only and not df.permlevel and df.fieldname not in guards and not df.unique
		]
		preferred = HARMLESS_FIELD.get(target.doctype)
		naming = (meta.autoname or "").removeprefix("field:")
		texts = [df for df in free if not df.reqd and df.fieldname != naming]
		texts = [df for df in texts if df.fieldtype in ("Small Text", "Text")] + [
			df for df in texts if df.fieldtype == "Data" and not df.options
		]
		for df in sorted(texts, key=lambda df: df.fieldname != preferred):
			return {df.fieldname: f"{self.mark} harmless"}
		for df in free:
			if df.fieldtype == "Int":
				return {df.fieldname: cint(stored.get(df.fieldname)) + 1}
		# nothing is free (rows the rules write, e.g. a report's recipients): send a stored value back
		values = [
			df
			for df in meta.fields
			if df.fieldtype not in no_value_fields and df.fieldtype not in table_fields
		]
		df = next((df for df in values if df in free), values[0])
		return {df.fieldname: stored.get(df.fieldname)}

	def other_value(self, doctype: str, fieldname: str, stored):
		"""A different value for a guarded field."""
		df = frappe.get_meta(doctype).get_field(fieldname)
		current = stored.get(fieldname)
		if df.fieldtype in ("Rating", "Float", "Percent", "Currency"):
			return 0.4 if flt(current) == 0.2 else 0.2
		if df.fieldtype == "Check":
			return 0 if cint(current) else 1
		if df.fieldtype == "Int":
			return cint(current) + 1
		if df.fieldtype == "Datetime":
			return str(add_days(get_datetime(current or now_datetime()), 3))
		if df.fieldtype == "Date":
			return str(add_days(getdate(current or None), 3))
		if df.fieldtype == "Select":
			return next(option for option in (df.options or "").split("\n") if option and option != current)
		if df.fieldtype == "Link":
			if df.options == "Customer":
				return next(c for c in self.customer_of.values() if c != current)
			if df.options == "Support Office":
				return next(o for o in (OFFICE_A, OFFICE_B, OFFICE_C) if o != current)
			return frappe.db.get_value(df.options, {"name": ("!=", current or "")}, "name")
		return f"{self.mark} guarded"

	def guarded_probes(self, doctype: str) -> tuple[str, ...]:
		meta = frappe.get_meta(doctype)
		guards = [
			fieldname
			for fieldname in GUARDED_FIELDS.get(doctype, {})
			if meta.get_field(fieldname) and meta.get_field(fieldname).fieldtype not in table_fields
		]
		return GUARDED_PROBES.get(doctype, tuple(guards[:2]))

	def copy_payload(self, target: Target, role: str) -> dict:
		"""A new record like the target (of the same office): what a user may send, nothing the
		rules compute, text fields marked so the run can clean up after itself."""
		meta = frappe.get_meta(target.doctype)
		stored = self.stored(target)
		guards = GUARDED_FIELDS.get(target.doctype, {})
		naming = (
			meta.autoname.removeprefix("field:")
			if meta.autoname and meta.autoname.startswith("field:")
			else None
		)
		data = {}
		for df in meta.fields:
			if df.fieldtype in no_value_fields or df.read_only or df.permlevel or df.fieldtype == "Password":
				continue
			if guards.get(df.fieldname) not in (None, Guard.FIXED):
				continue
			value = stored.get(df.fieldname)
			if df.fieldtype in table_fields:
				if df.reqd:
					data[df.fieldname] = [
						{key: row.get(key) for key in row.as_dict(no_default_fields=True) if key != "doctype"}
						for row in value
					]
				continue
			if target.parent and (
				df.fieldtype in ("Small Text", "Text") or (df.fieldtype == "Data" and not df.options)
			):
				value = f"{self.mark} copy"
			if value not in (None, ""):
				data[df.fieldname] = value
		if naming:
			data[naming] = f"{self.mark} {frappe.scrub(role)} {target.side}"
		if target.doctype == "Support Request":
			data["subject"] = f"{self.mark} created by {role}"
		if target.doctype == "Client Installation":
			data["system"] = DOOR_SYSTEM  # never found by the fixture's make_installation
		if target.doctype == "Software Release":
			# a release is named by its system and version: the copy is another version
			data["version"] = f"{stored.version}.{ROLES.index(role) + 2}"
			data["known_issues"] = f"{self.mark} created by {role}"
		if target.doctype == "Warranty Agreement":
			data["distributor_invoice_ref"] = f"{self.mark} created by {role}"
			data["installations"] = [{"installation": row.installation} for row in stored.installations]
		if target.doctype == "Knowledge Article":
			data["title"] = f"{self.mark} created by {role}"
		if target.doctype == "Visit Report":
			data["internal_notes"] = f"{self.mark} created by {role}"
			# the rows a visit needs (copied like the target's; tables are not copied above)
			data["requests"] = [{"support_request": row.support_request} for row in stored.requests]
			data["engineers"] = [{"engineer": row.engineer} for row in stored.engineers]
		if target.parent:
			data.update(parent=target.parent_name, parenttype=target.parent, parentfield=target.parentfield)
		return data

	def created_filter(self, doctype: str) -> dict:
		"""What marks a record copy_payload created."""
		if doctype == "Support Request":
			return {"subject": ("like", f"{self.mark} created%")}
		if doctype == "Client Installation":
			return {"system": DOOR_SYSTEM}
		if doctype == "Visit Report":
			return {"internal_notes": ("like", f"{self.mark} created%")}
		if doctype == "Warranty Agreement":
			return {"distributor_invoice_ref": ("like", f"{self.mark} created%")}
		if doctype == "Software Release":
			return {"known_issues": ("like", f"{self.mark} created%")}
		if doctype == "Billing Run":
			return {"from_date": MATRIX_PERIOD}
		if doctype == "Knowledge Article":
			return {"title": ("like", f"{self.mark} created%")}
		naming = (frappe.get_meta(doctype).autoname or "").removeprefix("field:")
		return {naming: ("like", f"{self.mark}%")} if naming in self.naming_fields(doctype) else {}

	@staticmethod
	def naming_fields(doctype: str) -> set[str]:
		return {df.fieldname for df in frappe.get_meta(doctype).fields}

	def write_cells(self, role: str) -> list[Cell]:
		cells = []
		caller_office = self.own_office(role)
		for doctype, targets in self.targets.items():
			rule = ACCESS.get(doctype)
			for target in targets:

				def cell(door, method, path, expected, read="status", body=None, form=None, **extra):
					cells.append(
						Cell(
							door,
							target,
							doctype,
							Call(method, path, body=body, form=form),
							expected,
							read,
							extra=extra,
						)
					)

				put = resource(doctype, target.name)
				may_write = self.may(role, target, "write")
				stored = self.stored(target)
				cell(
					"POST /api/resource (create)",
					"POST",
					resource(doctype),
					self.may(role, target, "create"),
					body=self.copy_payload(target, role),
				)
				cell("PUT harmless field", "PUT", put, may_write, body=self.harmless_change(target))
				if rule and rule.scope == OFFICE and rule.field != "name" and caller_office != target.office:
					movable = may_write and rule.field not in GUARDED_FIELDS.get(doctype, {})
					cell(
						f"PUT {rule.field}=caller's office",
						"PUT",
						put,
						movable,
						body={rule.field: caller_office},
					)
				for fieldname in self.guarded_probes(doctype):
					value = self.other_value(doctype, fieldname, stored)
					cell(f"PUT guarded {fieldname}", "PUT", put, False, body={fieldname: value})
				if not self.may(role, target, "delete"):  # a permitted delete would remove the target
					cell("DELETE /api/resource", "DELETE", put, False)
				todo = (
					self.sees(role, target)
					and bool(self.rights(role, doctype).get("write"))
					and self.writes_article(role, target)
				)
				if not target.parent or not todo:  # a ToDo on a child row adds a column (_assign) to it
					assignment = {
						"description": f"{self.mark} todo",
						"reference_type": doctype,
						"reference_name": target.name,
						"allocated_to": role,
					}
					cell("POST /api/resource/ToDo", "POST", resource("ToDo"), todo, body=assignment)
				if target.parent:
					continue
				readable = self.may(role, target, "read")
				comment = {
					"reference_doctype": doctype,
					"reference_name": target.name,
					"content": f"{self.mark} comment by {role}",
					"comment_email": role,
					"comment_by": role,
				}
				cell(
					"frappe.desk.form.utils.add_comment",
					"POST",
					METHOD + "frappe.desk.form.utils.add_comment",
					readable,
					form=comment,
				)
				file = self.files.get((doctype, target.name))
				if file:
					cell(
						"POST /api/resource/File (copy)",
						"POST",
						resource("File"),
						readable,
						body={"file_url": file["url"], "is_private": 1},
					)
					cell(
						"GET private file_url after the copy",
						"GET",
						file["url"],
						readable,
						read="file",
						content=file["content"],
					)
		return cells

	def snapshot(self) -> dict:
		"""What a refused write must leave as it was, read as Administrator after the HTTP commits."""
		frappe.db.rollback()
		state = {}
		for doctype in ACCESS:
			for target in self.targets[doctype]:
				doc = frappe.get_doc(doctype, target.name).as_dict()
				doc.pop("_seen", None)
				state[(doctype, target.name)] = json.dumps(doc, default=str, sort_keys=True)
		for doctype in ACCESS:  # records a create may have added (child rows: in their parent)
			if not frappe.get_meta(doctype).issingle:
				state[("created", doctype)] = frappe.db.count(doctype, self.created_filter(doctype))
		for targets in self.targets.values():
			for target in targets:
				state[("ToDo", target.name)] = frappe.db.count(
					"ToDo", {"reference_type": target.doctype, "reference_name": target.name}
				)
				state[("Comment", target.name)] = frappe.db.count(
					"Comment",
					{
						"reference_doctype": target.doctype,
						"reference_name": target.name,
						"comment_type": "Comment",  # a ToDo adds an "Assigned" one of its own
					},
				)
		for file in self.files.values():
			state[("File", file["url"])] = frappe.db.count("File", {"file_url": file["url"]})
		return state

	def assertUnchanged(self, role: str, before: dict, after: dict):
		with self.subTest(role=role, door="refused writes change nothing"):
			self.__class__.cells += 1
			changed = sorted(str(key) for key in before if before[key] != after.get(key))
			self.assertEqual(changed, [], f"{role}: refused writes changed {changed}")

	def test_write_doors(self):
		for role in ROLES:
			for _attempt in range(3):
				cells = self.write_cells(role)
				refused = [cell for cell in cells if not cell.expected]
				allowed = [cell for cell in cells if cell.expected]
				before = self.snapshot()
				refused_replies = http([cell.call for cell in refused], self.tokens.get(role))
				after_refused = self.snapshot()
				allowed_replies = (
					http([cell.call for cell in allowed], self.tokens.get(role)) if allowed else []
				)
				after_allowed = self.snapshot()
				self.reset_world()
				if not self.token_was_replaced(role, refused_replies, allowed_replies):
					break
			self.check(role, refused, refused_replies)
			self.assertUnchanged(role, before, after_refused)
			self.check(role, allowed, allowed_replies)
			self.assertSideRecords(role, allowed, before, after_allowed)

	def assertSideRecords(self, role: str, allowed: list[Cell], before: dict, after: dict):
		"""A permitted comment, ToDo or file copy adds exactly one record (the doors are real)."""
		for door, key in (
			("frappe.desk.form.utils.add_comment", "Comment"),
			("POST /api/resource/ToDo", "ToDo"),
			("POST /api/resource/File (copy)", "File"),
		):
			for cell in allowed:
				if cell.door != door:
					continue
				ident = (
					self.files[(cell.doctype, cell.target.name)]["url"] if key == "File" else cell.target.name
				)
				with self.subTest(role=role, doctype=cell.doctype, door=f"{door} adds one"):
					self.__class__.cells += 1
					self.assertEqual(
						after[(key, ident)] - before[(key, ident)],
						1,
						f"{role} | {cell.doctype} | {door} adds one",
					)

	# --- the portal: the client's door ------------------------------------------------------

	def test_portal_pages(self):
		from frappe.utils.password import update_password

		secrets = [f"RS-SECRET-{self.mark}", f"{self.mark} internal note", f"{self.mark} internal comment"]
		frappe.db.rollback()
		for client in OFFICE_OF_CLIENT:  # other tests on the site set their own
			update_password(client, PASSWORD)
		frappe.db.commit()  # nosemgrep: the log-in runs on its own connection
		for role in (CLIENT_A, CLIENT_B, GUEST):
			for side, name in self.requests.items():
				path = f"/support/requests/{name}"
				page = session_get(role, PASSWORD, path) if role != GUEST else web_get(path)
				text = page.get_data(as_text=True)
				own = role in OFFICE_OF_CLIENT and OFFICE_OF_CLIENT[role] == SIDES[side]
				where = f"{role} | Support Request | portal {path} ({side}) -> HTTP {page.status_code}"
				with self.subTest(role=role, door="portal page", side=side):
					self.__class__.cells += 1
					if own:
						self.assertEqual(page.status_code, 200, where)
						self.assertIn(f"{self.mark} request {side}", text, where)
					else:
						# another customer's request: "not found", as for a name that does not exist
						if role != GUEST:
							self.assertEqual(page.status_code, 404, where)
						self.assertNotEqual(page.status_code, 200, where)
						self.assertNotIn(f"{self.mark} request {side}", text, where)
					for secret in secrets:  # the work log and internal comments stay inside
						self.assertNotIn(secret, text, f"{where}: shows {secret!r}")
			for side, name in self.visits.items():
				path = f"/support/visits/{name}"
				page = session_get(role, PASSWORD, path) if role != GUEST else web_get(path)
				text = page.get_data(as_text=True)
				own = role in OFFICE_OF_CLIENT and OFFICE_OF_CLIENT[role] == SIDES[side]
				where = f"{role} | Visit Report | portal {path} ({side}) -> HTTP {page.status_code}"
				with self.subTest(role=role, door="portal visit page", side=side):
					self.__class__.cells += 1
					if own:
						self.assertEqual(page.status_code, 200, where)
						self.assertIn(f"{self.mark} recommendation {side}", text, where)
					else:
						if role != GUEST:
							self.assertEqual(page.status_code, 404, where)
						self.assertNotEqual(page.status_code, 200, where)
						self.assertNotIn(f"{self.mark} recommendation {side}", text, where)
					# internal notes and the distribution never reach the client
					self.assertNotIn(f"{self.mark} visit internal note", text, where)
					self.assertNotIn(READER, text, where)
