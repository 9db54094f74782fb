"""Which number cards of the Support Overview workspace each role is shown.

Frappe shows a Number Card to anyone who reads its DocType (Number Card has no roles, unlike
Dashboard Chart, whose `roles` table our charts use). An engineer's workspace should not carry
central support's cards, so this has_permission hook denies a card of CARD_ROLES to a user
holding none of its roles; it never grants (Frappe's own rule decides the rest). What a card
counts is scoped to the user's offices anyway (permission query or report_scope): a card shown
to the wrong role would mislead, never leak.
"""

import frappe

from onyx_support.roles import CENTRAL_ENGINEER, OFFICE_MANAGER, SUPPORT_ADMIN, SUPPORT_ENGINEER

ENGINEER_CARDS = ("My Open Requests", "My Requests at Risk or Breached", "My Rating")
OFFICE_CARDS = ("Open Requests", "Breached This Month", "SLA Compliance This Month", "Average Rating")
CENTRAL_CARDS = ("Escalated to Central", "Open System Defects")

CARD_ROLES: dict[str, frozenset[str]] = {
	**{card: frozenset({SUPPORT_ENGINEER}) for card in ENGINEER_CARDS},
	**{card: frozenset({OFFICE_MANAGER, CENTRAL_ENGINEER, SUPPORT_ADMIN}) for card in OFFICE_CARDS},
	**{card: frozenset({CENTRAL_ENGINEER, SUPPORT_ADMIN}) for card in CENTRAL_CARDS},
}


def number_card_has_permission(doc, ptype=None, user=None) -> bool | None:
	"""False for a workspace card none of whose roles the user holds; None (no opinion) else."""
	roles = CARD_ROLES.get(doc.name)
	if not roles:
		return None
	user = user or frappe.session.user
	held = set(frappe.get_roles(user))
	if user == "Administrator" or "System Manager" in held or roles & held:
		return None
	return False
