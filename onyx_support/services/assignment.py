"""Who takes a support request: an engineer of its office, round robin or by load, as the office's
Assignment Rule type says.

The office's engineer table is the configuration. The app keeps one Frappe Assignment Rule per
office (and per system its engineers specialise in) so administrators read who takes what in
Frappe's own form, and the rule row holds the round robin's last assignee. The rules are stored
disabled and the app applies them itself:

- Frappe's Assignment Rule cost 24 of a request's queries on every insert (the rule reloaded with
  FOR UPDATE and its cache emptied for the next insert, the request reloaded twice, the ToDo's own
  hooks, a comment, the notification) and read the ToDos again on every later save;
- here the pick is one atomic UPDATE of the rule's row (round robin: the next user is computed in
  the statement, so two intakes at the same moment never take the same turn), or that UPDATE as a
  lock and one locking count of the open requests (load balancing: counts read past this
  transaction's snapshot, so what another intake committed a moment ago is counted);
- the engineer is set on the request before it is inserted, Frappe's `_assign` (the list's
  "Assigned To") right after it, the ToDo (the form's "Assigned To", the engineer's to-do list) and
  the timeline's "assigned" line in the same transaction, one statement each: the assignee shows at
  once everywhere, and a rolled-back intake leaves none of it; the engineer's notification is
  queued after the commit.
"""

import json

import frappe
from frappe import _
from frappe.utils import escape_html, nowdate, strip_html

from onyx_support.domain import network
from onyx_support.domain.business_calendar import WEEKDAYS
from onyx_support.domain.network import parse_known_systems

RULE_PREFIX = "Support Requests"
OPEN_STATES = ("New", "Triaged")
DONE_STATES = ("Resolved", "Closed", "Cancelled")
ROUND_ROBIN, LOAD_BALANCING = "Round Robin", "Load Balancing"


def rule_name(office: str, system: str | None = None) -> str:
	return f"{RULE_PREFIX} · {office}" + (f" · {system}" if system else "")


def desired_rules(office) -> dict[str, dict]:
	"""{rule name: rule values} for an office document."""
	if not office.is_active or not office.engineers:
		return {}
	engineers = [row for row in office.engineers if row.office_role in ("Engineer", "Implementer", "Manager")]
	# Managers take requests only when nobody else in the office can.
	hands_on = [row for row in engineers if row.office_role != "Manager"] or engineers
	knows = {row.user: parse_known_systems(row.known_systems) for row in hands_on}
	base_condition = f"office == {office.name!r} and status in {OPEN_STATES!r}"
	rules = {
		rule_name(office.name): {
			"priority": 0,
			"assign_condition": base_condition,
			"users": [row.user for row in hands_on],
		}
	}
	for system in sorted(set().union(*knows.values())):
		users = [user for user, systems in knows.items() if not systems or system in systems]
		rules[rule_name(office.name, system)] = {
			"priority": 1,
			"assign_condition": f"{base_condition} and system == {system!r}",
			"users": users,
		}
	for values in rules.values():
		values["rule"] = office.assignment_rule_type or ROUND_ROBIN
	return rules


def rule_description(office: str) -> str:
	return _("Assigns the support requests of office {0}.").format(office)


def sync_office_rules(office) -> None:
	wanted = desired_rules(office)
	existing = frappe.get_all(
		"Assignment Rule",
		filters={"document_type": "Support Request", "name": ("like", f"{rule_name(office.name)}%")},
		pluck="name",
	)
	for name in existing:
		if name not in wanted:
			frappe.delete_doc("Assignment Rule", name, ignore_permissions=True)
	for name, values in wanted.items():
		rule = (
			frappe.get_doc("Assignment Rule", name) if name in existing else frappe.new_doc("Assignment Rule")
		)
		if rule.is_new():
			rule.name = name
			rule.document_type = "Support Request"
		rule.description = "{0} {1}".format(
			rule_description(office.name),
			_(
				"OnyxPro Support applies this rule itself; it stays disabled so that Frappe does not apply it twice."
			),
		)
		rule.disabled = 1
		rule.priority = values["priority"]
		rule.rule = values["rule"]
		rule.assign_condition = values["assign_condition"]
		rule.close_condition = f"status in {DONE_STATES!r}"
		rule.set("users", [{"user": user} for user in values["users"]])
		# Every day: a request that arrives on the weekend waits assigned, not unassigned.
		rule.set("assignment_days", [{"day": day} for day in WEEKDAYS])
		rule.flags.ignore_permissions = True
		rule.save()


def delete_office_rules(office_name: str) -> None:
	for name in frappe.get_all(
		"Assignment Rule", filters={"name": ("like", f"{rule_name(office_name)}%")}, pluck="name"
	):
		frappe.delete_doc("Assignment Rule", name, ignore_permissions=True)


# --- picking the engineer ---------------------------------------------------------------------


def rule_for(request) -> tuple[str, dict] | None:
	"""The office's rule that applies to the request (its system's first), from the cached office."""
	if not request.office or request.status not in OPEN_STATES:
		return None
	rules = desired_rules(frappe.get_cached_doc("Support Office", request.office))
	for name in (
		rule_name(request.office, request.system) if request.system else None,
		rule_name(request.office),
	):
		if name in rules and rules[name]["users"]:
			return name, rules[name]
	return None


def next_in_turn(rule: str, users: list[str]) -> str | None:
	"""Round robin in one statement: the rule row's last user moves to the next one in the list
	(the first after the last, or when the last is no longer listed), and MariaDB's
	LAST_INSERT_ID(expr) hands the new position back with the UPDATE's own answer. The row stays
	locked until the commit, so concurrent intakes take their turns one after the other."""
	placeholders = ", ".join(["%s"] * len(users))
	frappe.db.sql(
		f"""update `tabAssignment Rule`
		set last_user = elt(last_insert_id(1 + field(last_user, {placeholders}) mod %s), {placeholders})
		where name = %s""",
		(*users, len(users), *users, rule),
	)
	position = frappe.db._cursor.lastrowid  # 0: the rule row is missing (a site not migrated yet)
	return users[position - 1] if position else None


def least_loaded(users: list[str], office: str) -> str:
	"""Load balancing: the engineer with the fewest open requests, the first listed on a tie. The
	office's rule row is locked first (one intake of the office at a time), then the open requests
	are counted with a locking read, which sees what other intakes committed since this transaction
	began (a plain read would count from the transaction's older snapshot)."""
	frappe.db.sql("update `tabAssignment Rule` set last_user = last_user where name = %s", rule_name(office))
	counts = dict(
		frappe.db.sql(
			"""select assigned_engineer, count(*) from `tabSupport Request`
			where assigned_engineer in %(users)s and is_open = 1
			group by assigned_engineer lock in share mode""",
			{"users": users},
		)
	)
	return network.least_loaded(users, counts)


def pick_engineer(request) -> tuple[str, str] | None:
	"""(engineer, rule name) for a request of an open state, or None when its office has nobody."""
	found = rule_for(request)
	if not found:
		return None
	name, values = found
	users = values["users"]
	if values["rule"] == LOAD_BALANCING:
		return least_loaded(users, request.office), name
	return (next_in_turn(name, users) or users[0]), name


def assign_on_insert(request) -> None:
	"""Validate step of a new request: the engineer goes into the INSERT itself (an engineer the
	request already names, set by an administrator or the app, is kept)."""
	if request.assigned_engineer:
		request.flags.assignment_rule = None
	else:
		picked = pick_engineer(request)
		if not picked:
			return
		request.assigned_engineer, request.flags.assignment_rule = picked
	request.flags.assign_after_insert = True


def after_insert(request) -> None:
	"""`_assign`, the engineer's ToDo and the timeline's line; the notification after the commit."""
	if not request.flags.pop("assign_after_insert", None):
		return
	_write_assignment(request, request.assigned_engineer, request.flags.assignment_rule)


def assign_on_update(request) -> None:
	"""A saved request of an open state with nobody on it (its office had no engineer when it was
	filed, or it was routed elsewhere since) is assigned now, as Frappe's rule would on a save."""
	if request.assigned_engineer or not request.is_open:
		return
	picked = pick_engineer(request)
	if not picked:
		return
	request.assigned_engineer, rule = picked
	frappe.db.set_value(
		"Support Request", request.name, "assigned_engineer", request.assigned_engineer, update_modified=False
	)
	_write_assignment(request, request.assigned_engineer, rule)


def _insert_row(values: dict):
	"""One row of a Frappe DocType in one INSERT: its name, owner and timestamps, no hooks."""
	doc = frappe.get_doc(values)
	doc.set_new_name()
	doc.set_user_and_timestamp()
	doc.db_insert()
	return doc


def full_name(user: str) -> str:
	return frappe.get_cached_value("User", user, "full_name") or user


def _write_assignment(request, engineer: str, rule: str | None) -> None:
	by = frappe.session.user
	request.set("_assign", json.dumps([engineer]))
	frappe.db.set_value("Support Request", request.name, "_assign", request._assign, update_modified=False)
	description = rule_description(request.office) if rule else request.subject
	_insert_row(
		{
			"doctype": "ToDo",
			"status": "Open",
			"priority": "Medium",
			"date": nowdate(),
			"allocated_to": engineer,
			"description": escape_html(description or ""),
			"reference_type": request.doctype,
			"reference_name": request.name,
			"assigned_by": by,
			"assignment_rule": rule,
		}
	)
	# Frappe's ToDo writes this line on the request's timeline ("… assigned …: description")
	if by == engineer:
		text = _("{0} self assigned this task: {1}").format(
			escape_html(full_name(by)), escape_html(description)
		)
	else:
		text = _("{0} assigned {1}: {2}").format(
			escape_html(full_name(by)), escape_html(full_name(engineer)), escape_html(description)
		)
	_insert_row(
		{
			"doctype": "Comment",
			"comment_type": "Assigned",
			"comment_email": by,
			"reference_doctype": request.doctype,
			"reference_name": request.name,
			"content": text,
		}
	)
	if frappe.get_cached_value("User", engineer, "follow_assigned_documents"):
		from frappe.desk.form.document_follow import follow_document

		follow_document(request.doctype, request.name, engineer)
	_notify(request, engineer, by)


def _notify(request, engineer: str, by: str) -> None:
	"""Frappe's assignment notification (assign_to.notify_assignment) from cached values, queued
	after the commit: a rolled-back intake tells nobody."""
	if by == engineer:
		return
	language, enabled = frappe.get_cached_value("User", engineer, ["language", "enabled"])
	if not enabled:
		return
	from frappe.desk.doctype.notification_log.notification_log import get_title_html

	subject = _("{0} assigned a new task {1} {2} to you", lang=language).format(
		frappe.bold(escape_html(full_name(by))),
		frappe.bold(_(request.doctype, lang=language)),
		get_title_html(escape_html(strip_html(request.subject or request.name))),
	)
	frappe.enqueue(
		"frappe.desk.doctype.notification_log.notification_log.make_notification_logs",
		doc=frappe._dict(
			{
				"type": "Assignment",
				"document_type": request.doctype,
				"subject": subject,
				"document_name": request.name,
				"from_user": by,
			}
		),
		users=[engineer],
		now=frappe.flags.in_test,
		enqueue_after_commit=True,
	)


# --- closing and reopening --------------------------------------------------------------------


def follow_open_flag(request) -> None:
	"""On a save that closes or reopens the request: its ToDos close or open again, as Frappe's
	rule did with its close condition (each through the ToDo, so the timeline and `_assign`
	follow). Saves that leave the request open or closed cost nothing here."""
	if request.is_new() or not request.has_value_changed("is_open"):
		return
	if request.is_open:
		from frappe.automation.doctype.assignment_rule.assignment_rule import reopen_closed_assignment

		reopen_closed_assignment(request)
	else:
		for name in frappe.get_all(
			"ToDo",
			filters={"reference_type": request.doctype, "reference_name": request.name, "status": "Open"},
			pluck="name",
		):
			todo = frappe.get_doc("ToDo", name)
			todo.status = "Closed"
			todo.save(ignore_permissions=True)


def record_assignee(todo, method=None) -> None:
	"""ToDo hook: mirror the engineer assigned in the desk onto the request (for queues and indexes)."""
	if todo.reference_type != "Support Request" or todo.status != "Open" or not todo.allocated_to:
		return
	frappe.db.set_value(
		"Support Request", todo.reference_name, "assigned_engineer", todo.allocated_to, update_modified=False
	)
