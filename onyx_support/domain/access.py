"""The access table of the app: every DocType (child tables included) and every whitelisted
method, with the rule that scopes it. Pure data, so a meta-test without a site can check that
nothing the app adds is left without a rule; permissions/visibility.py turns it into Frappe hooks.
"""

from __future__ import annotations

from dataclasses import dataclass

# Scopes of a DocType: how a row is tied to the offices that may see it.
OFFICE = "office"  # the row belongs to an office, named by `field`
NETWORK = "network"  # network configuration: every staff role reads it, administrators write it
# knowledge articles: read by their audience (domain/knowledge.py), `field` naming the office of
# the "Office" audience; written by central support, and by office staff while their own drafts
AUDIENCE = "audience"


@dataclass(frozen=True)
class Access:
	scope: str
	field: str | None = None  # the column naming the office, for OFFICE (and AUDIENCE) scope
	children: tuple[str, ...] = ()
	# (child table, user field): users named there read the document too, besides its office
	readers: tuple[str, str] | None = None


ACCESS: dict[str, Access] = {
	"Support Office": Access(
		OFFICE,
		"name",
		(
			"Support Office Territory",
			"Support Office Engineer",
			"Support Office Channel",
			"Support Office Working Hours",
		),
	),
	"Client Installation": Access(OFFICE, "serving_office", ("Client Installation Version",)),
	"Support Request": Access(OFFICE, "office", ("Support Work Log",)),
	"Support SLA Policy": Access(NETWORK, children=("Support SLA Target",)),
	"Onyx Support Settings": Access(NETWORK),
	"Visit Report": Access(
		OFFICE,
		"office",
		(
			"Visit Report Engineer",
			"Visit Report Request",
			"Visit Report Installation",
			"Visit Report Action",
			"Visit Report Recommendation",
			"Visit Report Suggestion",
			"Visit Report Photo",
			"Visit Report Recipient",
		),
		# a shared report reaches the directorates its distribution rules name (read only)
		readers=("Visit Report Recipient", "user"),
	),
	"Warranty Agreement": Access(
		OFFICE, "selling_office", ("Warranty Agreement Installation", "Warranty Reminder")
	),
	"Support Charge": Access(OFFICE, "office"),
	"Billing Run": Access(OFFICE, "office", ("Billing Run Invoice",)),
	"Software Release": Access(NETWORK, children=("Software Release Artefact", "Software Release Fix")),
	"Release Distribution": Access(OFFICE, "office", ("Release Delivery",)),
	"Support Directorate": Access(NETWORK, children=("Support Directorate Member",)),
	"Visit Distribution Rule": Access(NETWORK, children=("Visit Distribution Target",)),
	"Knowledge Article": Access(AUDIENCE, "office", ("Knowledge Article Reason",)),
	# computed counts for the analyses (services/analytics/rollup.py); staff read their offices' rows
	"Support Request Rollup": Access(OFFICE, "office"),
}

# child DocType -> parent DocType
PARENT_OF: dict[str, str] = {child: parent for parent, rule in ACCESS.items() for child in rule.children}

# Who may call each whitelisted method, and how it checks:
# - CLIENT_DOOR: a portal user; the request (or installation) must be of one of its customers;
# - STAFF_DOOR: a desk user; Frappe's DocPerms and the DocType's rule decide, before any effect;
# - FRAPPE_DOOR: an override of Frappe's own endpoint, with the DocType's rule added.
CLIENT_DOOR = "client"
STAFF_DOOR = "staff"
FRAPPE_DOOR = "frappe"

WHITELISTED: dict[str, str] = {
	"onyx_support.api.portal.submit_request": CLIENT_DOOR,
	"onyx_support.api.portal.reply": CLIENT_DOOR,
	"onyx_support.api.portal.decide": CLIENT_DOOR,
	"onyx_support.api.portal.confirm_resolution": CLIENT_DOOR,
	"onyx_support.api.portal.reopen": CLIENT_DOOR,
	"onyx_support.api.portal.rate": CLIENT_DOOR,
	"onyx_support.api.portal.download_file": CLIENT_DOOR,
	"onyx_support.api.portal.sign_visit": CLIENT_DOOR,
	"onyx_support.api.portal.refuse_visit": CLIENT_DOOR,
	"onyx_support.api.portal.visit_pdf": CLIENT_DOOR,
	"onyx_support.api.portal.request_update": CLIENT_DOOR,
	"onyx_support.api.portal.my_requests": CLIENT_DOOR,
	"onyx_support.api.portal.suggest_articles": CLIENT_DOOR,
	"onyx_support.api.portal.article_solved": CLIENT_DOOR,
	# a guest too: the brochure of a public article (the article's audience rule decides)
	"onyx_support.api.portal.article_brochure": CLIENT_DOOR,
	"onyx_support.api.portal.article_image": CLIENT_DOOR,
	"onyx_support.releases.report.release_adoption.release_adoption.get_release_counts": STAFF_DOOR,
	"onyx_support.api.warranty.renew": STAFF_DOOR,
	"onyx_support.api.releases.withdraw": STAFF_DOOR,
	"onyx_support.api.releases.acknowledge": STAFF_DOOR,
	"onyx_support.api.releases.update_delivery": STAFF_DOOR,
	"onyx_support.api.visits.plan_visit": STAFF_DOOR,
	"onyx_support.api.visits.sign_on_site": STAFF_DOOR,
	"onyx_support.api.visits.record_refusal": STAFF_DOOR,
	"onyx_support.api.visits.sign_as_engineer": STAFF_DOOR,
	"onyx_support.api.visits.mark_read": STAFF_DOOR,
	"onyx_support.api.requests.log_phone_call": STAFF_DOOR,
	"onyx_support.api.requests.request_client_approval": STAFF_DOOR,
	"onyx_support.api.requests.record_client_decision": STAFF_DOOR,
	"onyx_support.api.requests.escalate_to_central": STAFF_DOOR,
	"onyx_support.api.queues.my_offices": STAFF_DOOR,
	# the Support Overview workspace's custom cards and chart sources (scoped by report_scope)
	"onyx_support.api.workspace.breached_this_month": STAFF_DOOR,
	"onyx_support.api.workspace.compliance_this_month": STAFF_DOOR,
	"onyx_support.api.workspace.satisfaction": STAFF_DOOR,
	"onyx_support.api.workspace.my_rating": STAFF_DOOR,
	"onyx_support.api.workspace.open_system_defects": STAFF_DOOR,
	"onyx_support.api.workspace.sla_trend": STAFF_DOOR,
	"onyx_support.api.workspace.my_requests_trend": STAFF_DOOR,
	"onyx_support.api.workspace.open_by_office": STAFF_DOOR,
	"onyx_support.api.knowledge.suggest_for_request": STAFF_DOOR,
	"onyx_support.api.knowledge.send_to_client": STAFF_DOOR,
	"onyx_support.api.knowledge.draft_article": STAFF_DOOR,
	"onyx_support.api.knowledge.mark_helpful": STAFF_DOOR,
	"onyx_support.permissions.doors.get_count": FRAPPE_DOOR,
	"onyx_support.permissions.doors.get_link_title": FRAPPE_DOOR,
	"onyx_support.permissions.doors.search_link": FRAPPE_DOOR,
	"onyx_support.permissions.doors.search_widget": FRAPPE_DOOR,
}
