"""Releases demo: OnyxPro ERP and Point of Sale releases published by central support, each
office's distribution acknowledged (or not) and its deliveries in every state, a withdrawn hotfix,
and the defect loop (escalated system errors a release fixes; delivering it tells the client).
Idempotent like the rest of the demo: a release is found again by system and version, a delivery
row by its installation, and an office only ever moves a row on from Pending or Scheduled.

Everything goes through the app's own services as the people who would do it (central support
publishes and withdraws, the office's engineer acknowledges and delivers); only the dates are then
moved back to the days the data gives, so the adoption report has delays to show."""

import hashlib

import frappe
from frappe.utils import add_days, get_datetime

from onyx_support.api import releases as release_api
from onyx_support.demo.data import CENTRAL_OFFICE, demo_user_email
from onyx_support.demo.release_data import DEFECTS, OFFICE_ACTORS, PUBLISHER, RELEASES
from onyx_support.demo.visits import acting_as, at, working_day
from onyx_support.demo.warranty import stamp_requests

OPEN = ("Pending", "Scheduled")
# The status each action leaves a row in.
TARGET = {
	"Deliver": "Delivered",
	"Schedule": "Scheduled",
	"Fail": "Failed",
	"Decline": "Declined by the Client",
}


def make_releases(make_request):
	make_defects(make_request)
	for spec in RELEASES:
		name = make_release(spec)
		if frappe.db.get_value("Software Release", name, "status") == "Published":
			for office, plan in spec["offices"].items():
				work_distribution(name, spec, office, plan)
		if spec.get("withdrawn"):
			withdraw(name, *spec["withdrawn"])
	date_first_versions({spec["system"] for spec in RELEASES})


# --- the defects -----------------------------------------------------------------------------------


def make_defects(make_request):
	"""Escalated system errors, opened and escalated on past days, of the version the client ran."""
	made = False
	for customer, system, subject, channel, priority, version, day in DEFECTS:
		office = frappe.db.get_value(
			"Client Installation", {"customer": customer, "system": system}, "serving_office"
		)
		opened = at(office, working_day(office, day), "09:30")
		name = make_request(
			customer, system, subject, "Error", "System", channel, priority, "Escalated to Central", opened
		)
		if not name:
			continue
		made = True
		frappe.db.set_value(
			"Support Request",
			name,
			{"system_version": version, "escalated_on": at(office, working_day(office, day + 1), "11:00")},
			update_modified=False,
		)
	if made:
		stamp_requests()  # the warranty cover of the day each was opened


def request_of(customer: str, subject: str) -> str:
	name = frappe.db.get_value("Support Request", {"customer": customer, "subject": subject})
	if not name:
		frappe.throw(f"Demo request not found: {customer} / {subject}")
	return name


# --- releases --------------------------------------------------------------------------------------


def release_name(system: str, version: str) -> str | None:
	return frappe.db.get_value(
		"Software Release", {"system": system, "version": version, "docstatus": ("<", 2)}, "name"
	)


def make_release(spec: dict) -> str:
	"""The release of this system and version, published by central support on its day."""
	name = release_name(spec["system"], spec["version"])
	if name and frappe.db.get_value("Software Release", name, "docstatus") == 1:
		return name
	publisher = demo_user_email(PUBLISHER)
	day = working_day(CENTRAL_OFFICE, spec["day"])
	if name:
		doc = frappe.get_doc("Software Release", name)
	else:
		doc = frappe.get_doc(
			{
				"doctype": "Software Release",
				"system": spec["system"],
				"version": spec["version"],
				"release_kind": spec["kind"],
				"release_date": day,
				"applicable_from": spec.get("applicable_from"),
				"applicable_to": spec.get("applicable_to"),
				"mandatory": spec.get("mandatory", 0),
				"requires_release": spec.get("requires") and release_name(spec["system"], spec["requires"]),
				"supersedes": spec.get("supersedes") and release_name(spec["system"], spec["supersedes"]),
				"notes_en": spec["notes_en"],
				"notes_fr": spec["notes_fr"],
				"notes_ar": spec["notes_ar"],
				"known_issues": spec.get("known_issues"),
				"fixes": [
					{"support_request": request_of(customer, subject), "subject": subject}
					for customer, subject in spec.get("fixes", [])
				],
			}
		)
		if spec.get("artefact"):
			file_name, content, description = spec["artefact"]
			doc.append(
				"artefacts",
				{
					"file": artefact_url(file_name, content),
					"description": description,
					"declared_sha256": hashlib.sha256(content.encode()).hexdigest(),
				},
			)
		with acting_as(publisher):
			doc.insert()
	with acting_as(publisher):
		doc.submit()
	frappe.db.set_value(
		"Software Release",
		doc.name,
		{"published_on": at(CENTRAL_OFFICE, day, "10:00")},
		update_modified=False,
	)
	for row in doc.artefacts:
		attach_artefact(row.file, doc.name)
	return doc.name


def artefact_url(file_name: str, content: str) -> str:
	"""A small private file (found again by name), attached to its release once that exists."""
	url = frappe.db.get_value("File", {"file_name": file_name, "is_private": 1}, "file_url")
	if url:
		return url
	return (
		frappe.get_doc(
			{"doctype": "File", "file_name": file_name, "is_private": 1, "content": content.encode()}
		)
		.insert(ignore_permissions=True)
		.file_url
	)


def attach_artefact(file_url: str, release: str):
	frappe.db.set_value(
		"File",
		{"file_url": file_url, "attached_to_name": ("is", "not set")},
		{"attached_to_doctype": "Software Release", "attached_to_name": release, "attached_to_field": "file"},
		update_modified=False,
	)


def withdraw(name: str, day: int, reason: str):
	if frappe.db.get_value("Software Release", name, "status") != "Published":
		return
	with acting_as(demo_user_email(PUBLISHER)):
		release_api.withdraw(name, reason)
	frappe.db.set_value(
		"Software Release",
		name,
		"withdrawn_on",
		at(CENTRAL_OFFICE, working_day(CENTRAL_OFFICE, day), "15:00"),
		update_modified=False,
	)


# --- an office's side ------------------------------------------------------------------------------


def work_distribution(release: str, spec: dict, office: str, plan: dict):
	"""What the office's engineer did with the release: acknowledged it (with a target date) and
	moved each installation's row on to the state the data gives."""
	name = frappe.db.get_value("Release Distribution", {"software_release": release, "office": office})
	if not name:
		frappe.throw(f"Demo release {release} has no distribution for {office}")
	engineer = demo_user_email(OFFICE_ACTORS[office])
	if plan.get("acknowledged") and not frappe.db.get_value("Release Distribution", name, "acknowledged_on"):
		day, target_after = plan["acknowledged"]
		with acting_as(engineer):
			release_api.acknowledge(name, str(working_day(office, spec["day"] + target_after)))
		frappe.db.set_value(
			"Release Distribution",
			name,
			"acknowledged_on",
			at(office, working_day(office, day), "09:00"),
			update_modified=False,
		)
	for customer, delivery in plan["deliveries"].items():
		row = delivery_row(name, spec["system"], customer)
		if delivery:
			move_on(name, row, office, engineer, delivery)


def delivery_row(distribution: str, system: str, customer: str) -> frappe._dict:
	installation = frappe.db.get_value("Client Installation", {"customer": customer, "system": system})
	row = frappe.db.get_value(
		"Release Delivery",
		{"parenttype": "Release Distribution", "parent": distribution, "installation": installation},
		["name", "status", "installation"],
		as_dict=True,
	)
	if not row:
		frappe.throw(f"Demo distribution {distribution} has no row for {customer}")
	return row


def move_on(distribution: str, row: frappe._dict, office: str, engineer: str, delivery: tuple):
	action = delivery[0]
	if row.status not in OPEN or row.status == TARGET[action]:
		return  # done by an earlier run (or superseded since): never moved back
	day = delivery[1] if action in ("Deliver", "Schedule", "Fail") else None
	with acting_as(engineer):
		if day is not None and row.status == "Pending":
			release_api.update_delivery(
				distribution, row.name, "Schedule", on_date=str(working_day(office, day))
			)
		if action == "Deliver":
			release_api.update_delivery(distribution, row.name, "Deliver", means=delivery[2])
		elif action == "Fail":
			release_api.update_delivery(distribution, row.name, "Fail", reason=delivery[2])
		elif action == "Decline":
			release_api.update_delivery(distribution, row.name, "Decline", reason=delivery[1])
	if action == "Deliver":
		backdate_delivery(distribution, row, at(office, working_day(office, day), "10:30"))


def backdate_delivery(distribution: str, row: frappe._dict, when):
	"""The delivery, the installation's version history and a fixed defect's notice on that day."""
	frappe.db.set_value("Release Delivery", row.name, "delivered_on", when, update_modified=False)
	release = frappe.db.get_value("Release Distribution", distribution, "software_release")
	version = frappe.db.get_value("Software Release", release, "version")
	frappe.db.set_value(
		"Client Installation Version",
		{"parent": row.installation, "parenttype": "Client Installation", "version": version},
		"installed_on",
		get_datetime(when).date(),
		update_modified=False,
	)
	for request in frappe.get_all(
		"Support Request",
		filters={
			"installation": row.installation,
			"fixed_in_release": release,
			"fix_delivered_on": (">", add_days(when, 1)),
		},
		pluck="name",
	):
		frappe.db.set_value("Support Request", request, "fix_delivered_on", when, update_modified=False)


def date_first_versions(systems: set[str]):
	"""The demo registers its installations today, so their first version would read as installed
	after the releases delivered since: it dates from the go-live instead."""
	for installation in frappe.get_all(
		"Client Installation",
		filters={"system": ("in", list(systems)), "go_live_date": ("is", "set")},
		fields=["name", "go_live_date"],
	):
		history = frappe.get_all(
			"Client Installation Version",
			filters={"parent": installation.name, "parenttype": "Client Installation"},
			fields=["name", "installed_on"],
			order_by="idx asc",
		)
		later = [row.installed_on for row in history[1:] if row.installed_on]
		if history and history[0].installed_on and later and history[0].installed_on > min(later):
			frappe.db.set_value(
				"Client Installation Version",
				history[0].name,
				"installed_on",
				installation.go_live_date,
				update_modified=False,
			)
