"""On-site visits: their states, the time rules, the signed content and who receives a report.

Pure Python on plain values. The Workflow fixture "Visit Report Flow" is checked against
`TRANSITIONS` by a meta-test; the Frappe glue (services/visits/) converts a Visit Report into the
values below once, applies these rules and writes back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

from onyx_support.domain.errors import VisitError

ENGINEER = "Support Engineer"
MANAGER = "Support Office Manager"
CENTRAL = "Central Support Engineer"
CLIENT = "Support Client"
STAFF = (ENGINEER, MANAGER, CENTRAL)


class VisitState(str, Enum):
	PLANNED = "Planned"
	RESCHEDULED = "Rescheduled"
	ON_SITE = "On Site"
	AWAITING_SIGNATURE = "Awaiting Signature"
	SIGNED = "Signed"
	SHARED = "Shared"
	CANCELLED = "Cancelled"


# state -> docstatus in the Workflow
DOCSTATUS = {state: 0 for state in VisitState} | {VisitState.SHARED: 1}

# Signatures are taken in these states; edits while Signed send the report back to signature.
SIGNING_STATES = frozenset({VisitState.AWAITING_SIGNATURE, VisitState.SIGNED})
# The visit has not started: its plan may change and the client may still be told.
PLANNING_STATES = frozenset({VisitState.PLANNED, VisitState.RESCHEDULED})


@dataclass(frozen=True)
class Transition:
	state: VisitState
	action: str
	next_state: VisitState
	roles: tuple[str, ...] = STAFF
	condition: str | None = None


BOTH_SIGNED = "doc.client_signed_on and doc.engineer_signed_on and doc.signature_valid"
REFUSED_AND_ENGINEER_SIGNED = "doc.client_refused and doc.engineer_signed_on and doc.signature_valid"

TRANSITIONS: tuple[Transition, ...] = (
	Transition(VisitState.PLANNED, "Reschedule", VisitState.RESCHEDULED),
	Transition(VisitState.RESCHEDULED, "Reschedule", VisitState.RESCHEDULED),
	Transition(VisitState.PLANNED, "Arrive on Site", VisitState.ON_SITE),
	Transition(VisitState.RESCHEDULED, "Arrive on Site", VisitState.ON_SITE),
	Transition(VisitState.PLANNED, "Cancel Visit", VisitState.CANCELLED),
	Transition(VisitState.RESCHEDULED, "Cancel Visit", VisitState.CANCELLED),
	Transition(VisitState.ON_SITE, "Leave Site", VisitState.AWAITING_SIGNATURE),
	# Reached by the signing actions (on the engineer's screen, or the client in the portal).
	Transition(VisitState.AWAITING_SIGNATURE, "Confirm Signatures", VisitState.SIGNED, condition=BOTH_SIGNED),
	Transition(
		VisitState.AWAITING_SIGNATURE,
		"Confirm Signatures",
		VisitState.SIGNED,
		roles=(CLIENT,),
		condition=BOTH_SIGNED,
	),
	# An edit after signing voids the signatures (the content hash no longer matches).
	Transition(VisitState.SIGNED, "Edit Report", VisitState.AWAITING_SIGNATURE),
	Transition(VisitState.SIGNED, "Share", VisitState.SHARED, condition=BOTH_SIGNED),
	Transition(
		VisitState.AWAITING_SIGNATURE, "Share", VisitState.SHARED, condition=REFUSED_AND_ENGINEER_SIGNED
	),
)


# --- time --------------------------------------------------------------------------------------

MAX_VISIT = timedelta(hours=24)


def stars(rating: float | None) -> int | None:
	"""Frappe stores a Rating as a fraction of five stars: the whole stars it stands for."""
	return round(float(rating) * 5) if rating else None


def on_site_minutes(arrival: datetime | None, departure: datetime | None) -> int:
	"""Whole minutes on site; a visit ends after it starts and lasts at most 24 hours."""
	if not arrival or not departure:
		return 0
	if departure <= arrival:
		raise VisitError("departure_before_arrival")
	if departure - arrival > MAX_VISIT:
		raise VisitError("visit_too_long")
	return int((departure - arrival).total_seconds() // 60)


def check_plan(start: datetime | None, end: datetime | None) -> None:
	if not start or not end:
		raise VisitError("plan_incomplete")
	if end <= start:
		raise VisitError("plan_ends_before_start")
	if end - start > MAX_VISIT:
		raise VisitError("visit_too_long")


def split_minutes(minutes: int, requests: Sequence[str]) -> list[tuple[str, int]]:
	"""An engineer's time on site shared between the requests the visit serves, so that the work
	logs of all requests add up to the time spent, not a multiple of it (earlier requests take the
	remainder). Requests named twice count once."""
	unique = list(dict.fromkeys(requests))
	if not unique or minutes <= 0:
		return []
	share, remainder = divmod(minutes, len(unique))
	return [(request, share + (1 if index < remainder else 0)) for index, request in enumerate(unique)]


@dataclass(frozen=True)
class Interval:
	start: datetime
	end: datetime
	source: str  # the other visit's name


def overlapping_visit(start: datetime, end: datetime, others: Iterable[Interval]) -> str | None:
	"""The first other visit whose time on site overlaps this one (touching is not overlapping)."""
	for other in others:
		if other.start < end and start < other.end:
			return other.source
	return None


def check_engineers(engineers: Sequence[str]) -> None:
	if not engineers:
		raise VisitError("no_engineer")
	seen = set()
	for engineer in engineers:
		if engineer in seen:
			raise VisitError("engineer_twice", engineer=engineer)
		seen.add(engineer)


# --- the signed content ------------------------------------------------------------------------


def _canonical(value):
	if isinstance(value, datetime):
		return value.isoformat(sep=" ", timespec="seconds")
	if isinstance(value, float) and value.is_integer():
		return int(value)
	if value == "":
		return None
	return value


def content_hash(fields: Mapping[str, object], tables: Mapping[str, Sequence[Mapping[str, object]]]) -> str:
	"""SHA-256 of what the client signs: the report's fields and its rows. Rows are sorted by
	their content, so reordering rows keeps the hash; any changed value changes it."""
	canonical = {
		"fields": {key: _canonical(fields.get(key)) for key in sorted(fields)},
		"tables": {
			name: sorted(
				json.dumps(
					{key: _canonical(row.get(key)) for key in sorted(row)}, sort_keys=True, default=str
				)
				for row in tables[name]
			)
			for name in sorted(tables)
		},
	}
	payload = json.dumps(canonical, sort_keys=True, ensure_ascii=False, default=str)
	return hashlib.sha256(payload.encode("utf-8")).hexdigest()


MAX_SIGNATURE_BYTES = 1024 * 1024
SIGNATURE_PREFIX = "data:image/png;base64,"


def check_signature_image(data_url: str | None) -> None:
	"""A drawn signature: a PNG data URL, not empty, at most 1 MB."""
	import base64
	import binascii

	if not data_url or not data_url.startswith(SIGNATURE_PREFIX):
		raise VisitError("signature_empty")
	encoded = data_url[len(SIGNATURE_PREFIX) :]
	if len(encoded) * 3 // 4 > MAX_SIGNATURE_BYTES:
		raise VisitError("signature_too_large")
	try:
		image = base64.b64decode(encoded, validate=True)
	except (binascii.Error, ValueError):
		raise VisitError("signature_empty") from None
	if len(image) < 68 or not image.startswith(b"\x89PNG\r\n\x1a\n"):
		raise VisitError("signature_empty")


def check_may_sign(state: str, signed: bool) -> None:
	"""Signatures are given once the visit is over and before the report is shared."""
	if state == VisitState.CANCELLED:
		raise VisitError("sign_cancelled")
	if state == VisitState.SHARED or signed:
		raise VisitError("already_signed")
	if state not in SIGNING_STATES:
		raise VisitError("not_ready_to_sign")


# --- distribution ------------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitFacts:
	office: str
	visit_kind: str
	systems: frozenset[str]
	territories: frozenset[str]  # the customer's territory and its ancestors, the office's territories
	lowest_rating: int | None  # the lowest review rating (1-5), None when nothing was rated


@dataclass(frozen=True)
class Target:
	directorate: str
	with_subdirectorates: bool


@dataclass(frozen=True)
class DistributionRule:
	name: str
	system: str | None = None
	office: str | None = None
	territory: str | None = None
	visit_kind: str | None = None
	rating_at_or_below: int | None = None
	targets: tuple[Target, ...] = ()
	office_managers: bool = False
	office_engineers: bool = False


def rule_matches(rule: DistributionRule, visit: VisitFacts) -> bool:
	"""Every criterion the rule sets must hold; a rule with none matches every visit."""
	if rule.system and rule.system not in visit.systems:
		return False
	if rule.office and rule.office != visit.office:
		return False
	if rule.territory and rule.territory not in visit.territories:
		return False
	if rule.visit_kind and rule.visit_kind != visit.visit_kind:
		return False
	if rule.rating_at_or_below:
		if visit.lowest_rating is None or visit.lowest_rating > rule.rating_at_or_below:
			return False
	return True


@dataclass
class Network:
	"""The directorate tree and who is in it, and the office's staff, as plain values."""

	parent_of: Mapping[str, str | None]
	members: Mapping[str, Sequence[str]]
	office_managers: Sequence[str] = ()
	office_engineers: Sequence[str] = ()
	disabled_users: frozenset[str] = field(default_factory=frozenset)
	inactive_directorates: frozenset[str] = field(default_factory=frozenset)


def subdirectorates(directorate: str, parent_of: Mapping[str, str | None]) -> list[str]:
	"""The directorate and every directorate below it, parents before children."""
	children: dict[str, list[str]] = {}
	for child, parent in parent_of.items():
		children.setdefault(parent, []).append(child)
	found, queue = [], [directorate]
	while queue:
		current = queue.pop(0)
		if current in found:
			continue  # a cycle in bad data never loops
		found.append(current)
		queue.extend(sorted(children.get(current, ())))
	return found


@dataclass(frozen=True)
class Recipient:
	user: str
	directorate: str | None
	reason: str  # the rule's name, or "office"


def recipients(
	rules: Iterable[DistributionRule], visit: VisitFacts, network: Network, exclude: Iterable[str] = ()
) -> list[Recipient]:
	"""Who receives a report: every matching rule's directorates (with their sub-directorates when
	the rule says so) and the office's managers or engineers; each user once (the first reason
	wins), disabled users and inactive directorates dropped, `exclude` (e.g. the author) left out."""
	chosen: dict[str, Recipient] = {}
	skip = set(exclude) | set(network.disabled_users)

	def add(user: str, directorate: str | None, reason: str):
		if user and user not in skip and user not in chosen:
			chosen[user] = Recipient(user, directorate, reason)

	for rule in rules:
		if not rule_matches(rule, visit):
			continue
		for target in rule.targets:
			tree = (
				subdirectorates(target.directorate, network.parent_of)
				if target.with_subdirectorates
				else [target.directorate]
			)
			for directorate in tree:
				if directorate in network.inactive_directorates:
					continue
				for user in network.members.get(directorate, ()):
					add(user, directorate, rule.name)
		if rule.office_managers:
			for user in network.office_managers:
				add(user, None, rule.name)
		if rule.office_engineers:
			for user in network.office_engineers:
				add(user, None, rule.name)
	return list(chosen.values())


# --- the Workflow shipped as a fixture ---------------------------------------------------------

WORKFLOW_NAME = "Visit Report Flow"

STATE_STYLES = {
	VisitState.PLANNED: "Primary",
	VisitState.RESCHEDULED: "Warning",
	VisitState.ON_SITE: "Info",
	VisitState.AWAITING_SIGNATURE: "Warning",
	VisitState.SIGNED: "Success",
	VisitState.SHARED: "Success",
	VisitState.CANCELLED: "Inverse",
}

# Who edits a report in each state: staff while it is open; nobody (but administrators) once the
# visit is called off.
ADMIN = "Support Administrator"
ALLOW_EDIT = {state: "All" for state in VisitState} | {VisitState.CANCELLED: ADMIN}


def workflow_rows() -> list[tuple[str, str, str, str, str | None]]:
	"""(state, action, next state, role, condition) rows, one per role, as Frappe stores them."""
	return [
		(t.state.value, t.action, t.next_state.value, role, t.condition)
		for t in TRANSITIONS
		for role in t.roles
	]
