"""Keep one Frappe Assignment Rule per office (and per system its engineers specialise in).

Assignment itself is Frappe's: round robin or load balancing over the office's engineers. The app
only writes the rules so they follow the office's engineer table.
"""

import frappe
from frappe import _

from onyx_support.domain.business_calendar import WEEKDAYS
from onyx_support.domain.network import parse_known_systems

RULE_PREFIX = "Support Requests"
OPEN_STATES = ("New", "Triaged")
DONE_STATES = ("Resolved", "Closed", "Cancelled")


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
		values["rule"] = office.assignment_rule_type or "Round Robin"
	return rules


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
		rule.description = _("Assigns the support requests of office {0}.").format(office.name)
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


def record_assignee(todo, method=None) -> None:
	"""ToDo hook: mirror the engineer Frappe assigned onto the request (for queues and indexes)."""
	if todo.reference_type != "Support Request" or todo.status != "Open" or not todo.allocated_to:
		return
	frappe.db.set_value(
		"Support Request", todo.reference_name, "assigned_engineer", todo.allocated_to, update_modified=False
	)
