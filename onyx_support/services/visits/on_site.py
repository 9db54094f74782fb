"""Time on site: each engineer's minutes, checked against the engineer's other visits, and
written once as On-site work-log rows on the requests the visit serves (shared between them, so
that no minute is counted twice)."""

import frappe
from frappe import _
from frappe.utils import get_datetime

from onyx_support.domain.visits import Interval, VisitState, on_site_minutes, overlapping_visit, split_minutes
from onyx_support.permissions.guards import by_rule
from onyx_support.services.visits.planning import ON_SITE


class EngineerElsewhere(frappe.ValidationError):
	pass


def engineer_window(doc, row):
	arrival = row.arrival or doc.arrival
	departure = row.departure or doc.departure
	return (get_datetime(arrival) if arrival else None, get_datetime(departure) if departure else None)


def count_minutes(doc) -> None:
	"""Minutes for the visit and for each engineer (an engineer's own arrival/departure, else the
	visit's); domain errors for a departure before arrival or a visit over 24 hours."""
	doc.on_site_minutes = on_site_minutes(
		get_datetime(doc.arrival) if doc.arrival else None,
		get_datetime(doc.departure) if doc.departure else None,
	)
	for row in doc.engineers:
		row.minutes = on_site_minutes(*engineer_window(doc, row))


def check_no_engineer_is_elsewhere(doc) -> None:
	"""One engineer, one place: on-site time that overlaps another visit of the same engineer is
	refused (the work log would count it twice)."""
	rows = [row for row in doc.engineers if all(engineer_window(doc, row))]
	if not rows:
		return
	others = frappe.get_all(
		"Visit Report Engineer",
		filters={
			"parenttype": "Visit Report",
			"engineer": ("in", [row.engineer for row in rows]),
			"parent": ("!=", doc.name or ""),
		},
		fields=["engineer", "parent", "arrival", "departure"],
	)
	if not others:
		return
	visits = {
		visit.name: visit
		for visit in frappe.get_all(
			"Visit Report",
			filters={
				"name": ("in", {o.parent for o in others}),
				"status": ("!=", VisitState.CANCELLED.value),
			},
			fields=["name", "arrival", "departure"],
		)
	}
	for row in rows:
		start, end = engineer_window(doc, row)
		intervals = []
		for other in others:
			visit = visits.get(other.parent)
			if other.engineer != row.engineer or not visit:
				continue
			other_start, other_end = other.arrival or visit.arrival, other.departure or visit.departure
			if other_start and other_end:
				intervals.append(Interval(get_datetime(other_start), get_datetime(other_end), other.parent))
		clash = overlapping_visit(start, end, intervals)
		if clash:
			frappe.throw(
				_("{0} was on site for visit {1} at that time.").format(
					frappe.bold(row.engineer), frappe.bold(clash)
				),
				EngineerElsewhere,
			)


def work_log_rows(doc) -> dict[str, list[dict]]:
	"""request -> the On-site rows this visit puts in its work log."""
	requests = [row.support_request for row in doc.requests]
	rows: dict[str, list[dict]] = {request: [] for request in requests}
	for engineer in doc.engineers:
		start, _end = engineer_window(doc, engineer)
		for request, minutes in split_minutes(engineer.minutes or 0, requests):
			rows[request].append(
				{
					"engineer": engineer.engineer,
					"means": ON_SITE,
					"started_at": start,
					"duration_minutes": minutes,
					"note": _("On-site visit {0}").format(doc.name),
					"visit_report": doc.name,
				}
			)
	return rows


def sync_work_logs(doc) -> None:
	"""Replace this visit's rows in each served request's work log (re-running adds nothing)."""
	for request, rows in work_log_rows(doc).items():
		request_doc = frappe.get_doc("Support Request", request)
		kept = [row for row in request_doc.work_log if row.visit_report != doc.name]
		current = sorted(
			(row.engineer, row.duration_minutes)
			for row in request_doc.work_log
			if row.visit_report == doc.name
		)
		if current == sorted((row["engineer"], row["duration_minutes"]) for row in rows):
			continue
		request_doc.set("work_log", kept)
		for row in rows:
			request_doc.append("work_log", row)
		by_rule(request_doc)
		request_doc.flags.ignore_permissions = True
		request_doc.save()
