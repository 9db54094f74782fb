"""SLA glue: pick the policy, set deadlines, pause and resume, and the sweep.

Policies are cached (plain values) until one changes; deadlines are stored on the request so lists
and reports sort by them, and `sla_next_check` tells the sweep which requests are due.
"""

import frappe
from frappe import _
from frappe.utils import now_datetime

from onyx_support.domain import sla
from onyx_support.domain.request_flow import State, is_done, pauses_clock
from onyx_support.services.calendars import get_office_calendar
from onyx_support.services.clock import to_system, to_utc, utc_now
from onyx_support.services.jobs import each_row, scheduled_job
from onyx_support.services.new_notifications import run_value_change_notifications

POLICY_CACHE_KEY = "onyx_support:sla_policies"
SWEEP_BATCH = 500


def _policies() -> dict:
	"""{policy name: (warning minutes, [SlaTarget])} and the default policy's name, in two queries."""
	cached = frappe.cache.get_value(POLICY_CACHE_KEY)
	if cached is not None:
		return cached
	policies = {
		row.name: {"warning": row.warning_minutes or 0, "targets": [], "default": row.is_default}
		for row in frappe.get_all(
			"Support SLA Policy", fields=["name", "warning_minutes", "is_default"], order_by="creation asc"
		)
	}
	for row in frappe.get_all(
		"Support SLA Target",
		filters={"parenttype": "Support SLA Policy"},
		fields=["parent", "priority", "reason", "first_response_minutes", "resolution_minutes"],
		order_by="idx asc",
	):
		if row.parent in policies:
			policies[row.parent]["targets"].append(
				sla.SlaTarget(
					row.priority, row.reason or None, row.first_response_minutes, row.resolution_minutes
				)
			)
	frappe.cache.set_value(POLICY_CACHE_KEY, policies)
	return policies


def clear_policy_cache(doc=None, method=None):
	frappe.cache.delete_value(POLICY_CACHE_KEY)
	frappe.db.after_rollback.add(lambda: frappe.cache.delete_value(POLICY_CACHE_KEY))


def policy_for_office(office: str | None) -> str | None:
	policies = _policies()
	chosen = frappe.get_cached_value("Support Office", office, "sla_policy") if office else None
	if chosen in policies:
		return chosen
	return next((name for name, policy in policies.items() if policy["default"]), None)


def start_clocks(doc) -> None:
	"""On a new request: policy, target and both deadlines from the office calendar."""
	doc.opened_on = doc.opened_on or now_datetime()
	doc.sla_policy = policy_for_office(doc.office)
	if not doc.sla_policy or not doc.office:
		return
	policy = _policies()[doc.sla_policy]
	target = sla.pick_target(policy["targets"], doc.priority, doc.reason)
	if not target:
		return
	calendar = get_office_calendar(doc.office)
	due = sla.deadlines(calendar, to_utc(doc.opened_on), target)
	doc.first_response_due = to_system(due.first_response_due)
	doc.resolution_due = to_system(due.resolution_due)
	refresh_status(doc)


def on_state_change(doc, previous_state: str | None) -> None:
	"""Stamp first response and resolution, stop or restart the clock."""
	state, now = doc.status, now_datetime()
	if previous_state == State.NEW.value and state != State.NEW.value and not doc.first_responded_on:
		doc.first_responded_on = now
	if is_done(state) and not doc.resolved_on and state != State.CANCELLED.value:
		doc.resolved_on = now
	if state == State.IN_PROGRESS.value and previous_state == State.RESOLVED.value:
		doc.resolved_on = None  # reopened: the resolution clock runs again
	was_paused = bool(previous_state) and pauses_clock(previous_state)
	if pauses_clock(state) and not doc.paused_since:
		doc.paused_since = now
	elif was_paused and not pauses_clock(state) and doc.paused_since:
		resume_clocks(doc, now)
	refresh_status(doc)


def resume_clocks(doc, resumed_at) -> None:
	if doc.office and doc.resolution_due:
		calendar = get_office_calendar(doc.office)
		paused_since, resumed = to_utc(doc.paused_since), to_utc(resumed_at)
		doc.resolution_due = to_system(
			sla.shift_after_pause(calendar, to_utc(doc.resolution_due), paused_since, resumed)
		)
		if not doc.first_responded_on and doc.first_response_due:
			doc.first_response_due = to_system(
				sla.shift_after_pause(calendar, to_utc(doc.first_response_due), paused_since, resumed)
			)
	doc.paused_since = None


def _warnings(doc) -> tuple[int, int]:
	"""Warning minutes for the first-response and resolution clocks of this request."""
	policy = _policies().get(doc.sla_policy, {})
	warning = policy.get("warning", 0)
	target = sla.pick_target(policy.get("targets", []), doc.priority, doc.reason)
	if not target:
		return warning, warning
	return (
		sla.effective_warning(warning, target.first_response_minutes),
		sla.effective_warning(warning, target.resolution_minutes),
	)


def refresh_status(doc, now=None) -> str | None:
	"""Recompute sla_status and when to look again; returns the new status."""
	if doc.status == State.CANCELLED.value or not (doc.office and doc.sla_policy and doc.resolution_due):
		doc.sla_status, doc.sla_next_check = None, None
		return None
	calendar = get_office_calendar(doc.office)
	response_warning, resolution_warning = _warnings(doc)
	now = now or utc_now()
	paused = pauses_clock(doc.status)
	response_due, resolution_due = to_utc(doc.first_response_due), to_utc(doc.resolution_due)
	response = sla.clock_status(
		calendar, now, response_due, to_utc(doc.first_responded_on), response_warning, paused
	)
	resolution = sla.clock_status(
		calendar, now, resolution_due, to_utc(doc.resolved_on), resolution_warning, paused
	)
	status = sla.overall_status(response, resolution)
	doc.sla_status = status.value if status else None
	running = []
	if not paused and not is_done(doc.status):
		if not doc.first_responded_on and response_due:
			running.append((response_due, response_warning))
		if resolution_due:
			running.append((resolution_due, resolution_warning))
	doc.sla_next_check = to_system(sla.next_check(calendar, now, running)) if running else None
	return doc.sla_status


@scheduled_job("sla_sweep")
def sweep() -> int:
	"""Scheduled: re-evaluate the requests whose next check has come (indexed on sla_next_check).

	A request whose SLA status moves gets its SLA fields written and what a save would add for
	them (Notifications on sla_status such as the breach warning, a version on the timeline); the
	others only get their next check. Requests
	with no next check (closed, cancelled, paused) must not match: Frappe's filters turn a NULL
	into the lowest date unless told not to, which made them fill every batch.
	"""
	names = frappe.get_all(
		"Support Request",
		filters={"sla_next_check": ("<=", now_datetime())},
		pluck="name",
		order_by="sla_next_check asc",
		limit=SWEEP_BATCH,
		ignore_ifnull=True,
	)

	def evaluate(name):
		doc = frappe.get_doc("Support Request", name)
		before, next_check_before = doc.sla_status, doc.sla_next_check
		refresh_status(doc)
		if doc.sla_status != before:
			# The status moved: the two SLA fields written (not the whole request and its work log,
			# as a save would), then what a save would add for them: the "Value Change"
			# Notifications (the breach warning), the timeline's version, the open forms told.
			# refresh_status moves only these two fields: the copy before is the document with
			# them put back (made here only, not for every request the sweep looks at).
			previous = frappe.get_doc(doc.as_dict())
			previous.update({"sla_status": before, "sla_next_check": next_check_before})
			doc._doc_before_save = previous
			doc.db_set({"sla_status": doc.sla_status, "sla_next_check": doc.sla_next_check}, notify=True)
			run_value_change_notifications(doc)
			doc.save_version()
		else:
			# nothing for anyone to hear about: only when to look again (one UPDATE, no save)
			doc.db_set("sla_next_check", doc.sla_next_check, update_modified=False)

	done, _failed = each_row(_("SLA sweep"), "Support Request", names, evaluate)
	return done
