"""The request flow's table: what each role may do, and what stops the clock."""

from onyx_support.domain.request_flow import (
	CENTRAL,
	CLIENT,
	DONE_STATES,
	ENGINEER,
	MANAGER,
	TRANSITIONS,
	State,
	allowed_actions,
	pauses_clock,
	workflow_rows,
)


def actions(state, *roles):
	return sorted({t.action for t in allowed_actions(state, set(roles))})


def test_every_state_is_reachable_from_new():
	reached, frontier = {State.NEW}, [State.NEW]
	while frontier:
		state = frontier.pop()
		for t in TRANSITIONS:
			if t.source == state and t.target not in reached:
				reached.add(t.target)
				frontier.append(t.target)
	assert reached == set(State)


def test_closed_and_cancelled_are_final():
	assert not [t for t in TRANSITIONS if t.source in (State.CLOSED, State.CANCELLED)]


def test_engineer_actions():
	assert actions(State.NEW, ENGINEER) == ["Triage"]
	assert actions(State.TRIAGED, ENGINEER) == [
		"Escalate to Central",
		"Request Client Approval",
		"Start Work",
	]
	assert actions(State.RESOLVED, ENGINEER) == ["Close", "Reopen"]  # Close only where the office allows


def test_only_central_returns_or_resolves_an_escalation():
	assert actions(State.ESCALATED, ENGINEER) == []
	assert actions(State.ESCALATED, MANAGER) == []
	assert actions(State.ESCALATED, CENTRAL) == ["Resolve", "Return to Office"]


def test_client_actions_are_limited_to_its_decisions():
	assert actions(State.AWAITING_APPROVAL, CLIENT) == ["Record Approval", "Record Decline"]
	assert actions(State.RESOLVED, CLIENT) == ["Confirm Resolution", "Reopen"]
	assert actions(State.NEW, CLIENT) == []
	assert actions(State.IN_PROGRESS, CLIENT) == []


def test_waiting_on_the_client_pauses_the_clock():
	assert pauses_clock("Awaiting Client Approval") and pauses_clock("Waiting on Client")
	assert not pauses_clock("In Progress")
	assert State.RESOLVED in DONE_STATES


def test_workflow_rows_expand_roles():
	rows = workflow_rows()
	assert len(rows) == sum(len(t.roles) for t in TRANSITIONS)
	assert ("Triaged", "Start Work", "In Progress", ENGINEER) in [r[:4] for r in rows]
