"""The life of a support request: its states, the allowed transitions and who may take them.

This table is the single source of truth: the Workflow fixture shipped to Frappe is checked against
it by a meta-test, and the glue asks it what pauses the SLA clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class State(str, Enum):
	NEW = "New"
	TRIAGED = "Triaged"
	AWAITING_APPROVAL = "Awaiting Client Approval"
	APPROVED = "Approved"
	IN_PROGRESS = "In Progress"
	WAITING_ON_CLIENT = "Waiting on Client"
	ESCALATED = "Escalated to Central"
	RESOLVED = "Resolved"
	CLOSED = "Closed"
	CANCELLED = "Cancelled"


# Role names as the app creates them (onyx_support.roles); kept as strings so this stays pure.
ENGINEER = "Support Engineer"
MANAGER = "Support Office Manager"
CENTRAL = "Central Support Engineer"
ADMIN = "Support Administrator"
CLIENT = "Support Client"

STAFF = (ENGINEER, MANAGER, CENTRAL)

# The SLA clock stops while the request waits on the client.
PAUSED_STATES = frozenset({State.AWAITING_APPROVAL, State.WAITING_ON_CLIENT})
# Nothing more is due once a request is here.
DONE_STATES = frozenset({State.RESOLVED, State.CLOSED, State.CANCELLED})
# Solved (resolved, or closed after it): what a client may rate, what may become an article.
SOLVED_STATES = frozenset({State.RESOLVED, State.CLOSED})
# States in which the engineer is working on it: leaving NEW is the first response.
OPEN_STATES = frozenset(set(State) - DONE_STATES)

# Conditions name a check the glue knows how to express to Frappe (see services/workflow.py).
APPROVAL_NOT_REQUIRED = "approval_not_required"
HAS_PROPOSAL = "has_proposal"
HAS_ESCALATION_REASON = "has_escalation_reason"
HAS_RESOLUTION = "has_resolution"
ENGINEERS_MAY_CLOSE = "engineers_may_close"
REOPEN_WINDOW_OPEN = "reopen_window_open"
# The client's decision is recorded first (by the client, or on its behalf naming its contact);
# the transition only follows it, so no desk action can approve for the client.
DECIDED_APPROVED = "decided_approved"
DECIDED_DECLINED = "decided_declined"


@dataclass(frozen=True)
class Transition:
	source: State
	action: str
	target: State
	roles: tuple[str, ...]
	condition: str | None = None


TRANSITIONS: tuple[Transition, ...] = (
	Transition(State.NEW, "Triage", State.TRIAGED, STAFF),
	Transition(State.NEW, "Cancel", State.CANCELLED, (MANAGER, CENTRAL, ADMIN)),
	Transition(State.TRIAGED, "Request Client Approval", State.AWAITING_APPROVAL, STAFF, HAS_PROPOSAL),
	Transition(State.TRIAGED, "Start Work", State.IN_PROGRESS, STAFF, APPROVAL_NOT_REQUIRED),
	Transition(
		State.TRIAGED, "Escalate to Central", State.ESCALATED, (ENGINEER, MANAGER), HAS_ESCALATION_REASON
	),
	Transition(State.TRIAGED, "Cancel", State.CANCELLED, (MANAGER, CENTRAL, ADMIN)),
	Transition(
		State.AWAITING_APPROVAL, "Record Approval", State.APPROVED, (*STAFF, CLIENT), DECIDED_APPROVED
	),
	Transition(State.AWAITING_APPROVAL, "Record Decline", State.TRIAGED, (*STAFF, CLIENT), DECIDED_DECLINED),
	Transition(State.APPROVED, "Start Work", State.IN_PROGRESS, STAFF),
	Transition(State.IN_PROGRESS, "Ask Client", State.WAITING_ON_CLIENT, STAFF),
	Transition(
		State.IN_PROGRESS, "Escalate to Central", State.ESCALATED, (ENGINEER, MANAGER), HAS_ESCALATION_REASON
	),
	Transition(State.IN_PROGRESS, "Resolve", State.RESOLVED, STAFF, HAS_RESOLUTION),
	Transition(State.WAITING_ON_CLIENT, "Client Replied", State.IN_PROGRESS, (*STAFF, CLIENT)),
	Transition(State.ESCALATED, "Return to Office", State.TRIAGED, (CENTRAL,)),
	Transition(State.ESCALATED, "Resolve", State.RESOLVED, (CENTRAL,), HAS_RESOLUTION),
	Transition(State.RESOLVED, "Reopen", State.IN_PROGRESS, STAFF),
	Transition(State.RESOLVED, "Reopen", State.IN_PROGRESS, (CLIENT,), REOPEN_WINDOW_OPEN),
	Transition(State.RESOLVED, "Confirm Resolution", State.CLOSED, (CLIENT,)),
	Transition(State.RESOLVED, "Close", State.CLOSED, (MANAGER, CENTRAL, ADMIN)),
	Transition(State.RESOLVED, "Close", State.CLOSED, (ENGINEER,), ENGINEERS_MAY_CLOSE),
)


def allowed_actions(state: State, roles: set[str]) -> list[Transition]:
	return [t for t in TRANSITIONS if t.source == state and roles.intersection(t.roles)]


def find_transition(source: State, target: State) -> list[Transition]:
	return [t for t in TRANSITIONS if t.source == source and t.target == target]


def pauses_clock(state: State | str) -> bool:
	return State(state) in PAUSED_STATES


def is_done(state: State | str) -> bool:
	return State(state) in DONE_STATES


def is_solved(state: State | str | None) -> bool:
	return bool(state) and State(state) in SOLVED_STATES


def is_reopening(previous: State | str | None, state: State | str) -> bool:
	"""A resolved request going back to an open state (the engineer's or the client's Reopen)."""
	return bool(previous) and State(previous) == State.RESOLVED and State(state) in OPEN_STATES


# How each named condition reads in a Frappe Workflow transition (RestrictedPython: no builtins,
# so truthiness instead of bool()). Conditions read the office's
# regional rules live, so an administrator changes behaviour from the Support Office form.
CONDITION_EXPRESSIONS = {
	APPROVAL_NOT_REQUIRED: 'not frappe.db.get_value("Support Office", doc.office, "approval_required")',
	HAS_PROPOSAL: "doc.proposed_action",
	HAS_ESCALATION_REASON: "doc.escalation_reason",
	HAS_RESOLUTION: "doc.resolution_summary",
	ENGINEERS_MAY_CLOSE: 'frappe.db.get_value("Support Office", doc.office, "engineers_may_close")',
	DECIDED_APPROVED: 'doc.approval_status == "Approved" and doc.approval_decided_by',
	DECIDED_DECLINED: 'doc.approval_status == "Declined" and doc.approval_decided_by',
	REOPEN_WINDOW_OPEN: (
		"doc.resolved_on and frappe.utils.now_datetime() <= frappe.utils.add_to_date("
		'frappe.utils.get_datetime(doc.resolved_on), days=frappe.db.get_value("Support Office", doc.office, '
		'"reopen_window_days") or 0)'
	),
}

WORKFLOW_NAME = "Support Request Flow"

STATE_STYLES = {
	State.NEW: "Primary",
	State.TRIAGED: "Info",
	State.AWAITING_APPROVAL: "Warning",
	State.APPROVED: "Success",
	State.IN_PROGRESS: "Primary",
	State.WAITING_ON_CLIENT: "Warning",
	State.ESCALATED: "Danger",
	State.RESOLVED: "Success",
	State.CLOSED: "Inverse",
	State.CANCELLED: "Inverse",
}


def workflow_rows() -> list[tuple[str, str, str, str, str | None]]:
	"""(state, action, next state, role, condition expression) rows, one per role, as Frappe stores them."""
	return [
		(
			t.source.value,
			t.action,
			t.target.value,
			role,
			CONDITION_EXPRESSIONS.get(t.condition) if t.condition else None,
		)
		for t in TRANSITIONS
		for role in t.roles
	]
