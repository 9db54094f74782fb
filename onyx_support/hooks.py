app_name = "onyx_support"
app_title = "OnyxPro Support"
app_publisher = "OnyxPro"
app_description = "Technical support for OnyxPro's partner network: requests, visits, warranty, releases"
app_email = "support@onyxpro.example"
app_license = "mit"

# "org/repo" form: Frappe resolves a bare name through GitHub, which fails offline
required_apps = ["frappe/erpnext"]

# Controllers get their typed field block from the DocType JSON
export_python_type_annotations = True

# Apps
# ------------------

add_to_apps_screen = [
	{
		"name": "onyx_support",
		"logo": "/assets/onyx_support/images/onyx-support.svg",
		"title": "Support",
		"route": "/app/support-network",
		# the desk app is staff's: portal clients get no "Support" entry in Frappe's app switcher
		"has_permission": "onyx_support.permissions.staff.may_open_desk_app",
	}
]

# Includes in <head>
# ------------------

web_include_css = "/assets/onyx_support/css/onyx_support_web.css"
# the Script Reports' shared filters and formatter (a plain file: public/ is served as is, no build)
app_include_js = "/assets/onyx_support/js/report_filters.js"

# Home Pages
# ----------

# Printing
# --------

# Print formats whose PDF Generator is "chrome" are printed by headless Chromium (Arabic shaping)
pdf_generator = ["onyx_support.services.pdf.pdf_generator"]

jinja = {
	"methods": [
		"onyx_support.services.printing.onyx_rich_text",
		"onyx_support.services.printing.onyx_is_image",
		"onyx_support.services.printing.onyx_inline_image",
		"onyx_support.services.printing.onyx_signature_image",
		"onyx_support.services.printing.onyx_office_time",
	],
}

# Portal
# ------


# /kb and /kb/<slug> are the knowledge articles' (Frappe's Help Article claims them otherwise)
page_renderer = [
	"onyx_support.services.knowledge.pages.KnowledgePage",
	"onyx_support.services.portal.routes.PortalPage",
]
# the portal's paths without Frappe's per-request route maps; any other path: Frappe's resolve_path
website_path_resolver = ["onyx_support.services.portal.routes.resolve"]

website_route_rules = [
	{"from_route": "/support/requests/<name>", "to_route": "support/request"},
	{"from_route": "/support/visits/<name>", "to_route": "support/visit"},
	{"from_route": "/support/help/<name>", "to_route": "support/help_article"},
]

standard_portal_menu_items = [
	{"title": "Support", "route": "/support", "role": "Support Client"},
	{"title": "Support presence and contact", "route": "/presence", "role": ""},
]

# Request Events
# --------------

# Pages reuse the Jinja templates this worker compiled before (Frappe 15 compiles them per request)
before_request = ["onyx_support.services.compiled_templates.use_compiled_templates"]

# Installation
# ------------

before_install = "onyx_support.install.before_install"
after_install = "onyx_support.install.after_install"
before_migrate = "onyx_support.install.before_migrate"
after_migrate = "onyx_support.install.after_migrate"

# Uninstallation
# ------------

before_uninstall = "onyx_support.uninstall.before_uninstall"

# Testing
# -------

before_tests = "onyx_support.tests.utils.before_tests"

# Permissions
# -----------
# Who sees what is defined once in onyx_support.permissions.visibility

# Every DocType of the app, child tables included, through the "*" hooks: they answer only for
# the DocTypes listed in visibility.ACCESS (None/"" for everything else).
permission_query_conditions = {
	"*": "onyx_support.permissions.visibility.query_conditions",
	"Customer": "onyx_support.permissions.visibility.customer_query",
	"File": "onyx_support.permissions.visibility.file_query",
	"Workflow Action": "onyx_support.permissions.visibility.workflow_action_query",
}

has_permission = {
	"*": "onyx_support.permissions.visibility.has_permission",
	"Customer": "onyx_support.permissions.visibility.customer_has_permission",
	"Workflow Action": "onyx_support.permissions.visibility.workflow_action_has_permission",
	# the Support Overview's cards by role (it only denies)
	"Number Card": "onyx_support.permissions.dashboards.number_card_has_permission",
}

# Frappe's generic endpoints that check no permission: checked for the app's DocTypes and for
# portal users (onyx_support.permissions.doors)
override_whitelisted_methods = {
	"frappe.client.get_count": "onyx_support.permissions.doors.get_count",
	"frappe.desk.search.get_link_title": "onyx_support.permissions.doors.get_link_title",
	"frappe.desk.search.search_link": "onyx_support.permissions.doors.search_link",
	"frappe.desk.search.search_widget": "onyx_support.permissions.doors.search_widget",
}

# Document Events
# ---------------

doc_events = {
	"*": {
		# writes are checked against the stored document: guarded fields change only by rule
		"before_validate": "onyx_support.permissions.guards.check_guarded_fields",
		# text of the app's documents stored clean, whatever door it came through
		"validate": [
			"onyx_support.services.html.clean_app_document",
			# an Attach field naming someone else's private file would become a File record of ours
			"onyx_support.permissions.doors.check_attached_files",
		],
	},
	"Holiday List": {
		"on_update": "onyx_support.services.calendars.clear_calendar_cache",
	},
	"Support Request": {
		# a deleted request's month is recounted by the next rollup refresh
		"on_trash": "onyx_support.services.analytics.rollup.forget_request",
	},
	"Contact": {
		"on_update": "onyx_support.services.portal.users.grant_client_role",
	},
	"User": {
		"after_insert": "onyx_support.services.portal.users.link_invited_user",
	},
	"Communication": {
		# on_update, not after_insert: Frappe inserts a received mail first and fills its content after
		"on_update": "onyx_support.services.email_intake.on_communication",
		"validate": "onyx_support.services.html.sanitize_communication",
	},
	"ToDo": {
		"validate": "onyx_support.permissions.doors.check_todo",
		"after_insert": "onyx_support.services.assignment.record_assignee",
	},
	"File": {
		"before_insert": "onyx_support.permissions.doors.check_file_copy",
	},
	"Territory": {
		"on_update": "onyx_support.services.routing.clear_routing_cache",
		"on_trash": "onyx_support.services.routing.clear_routing_cache",
	},
	"Sales Invoice": {
		# an invoice of a billing run cancelled or deleted: its support charges are billable again
		"on_cancel": "onyx_support.services.warranty.billing.release_charges",
		"on_trash": "onyx_support.services.warranty.billing.release_charges",
	},
}

# Scheduled Tasks
# ---------------

scheduler_events = {
	"cron": {
		# the SLA sweep only reads requests whose next check has come
		"*/5 * * * *": ["onyx_support.services.sla.sweep"],
		# the analyses' rollup: the months of the requests modified since the last run
		"*/15 * * * *": ["onyx_support.services.analytics.rollup.refresh"],
	},
	"daily": [
		"onyx_support.services.requests.auto_close_resolved",
		# agreements' status on their office's day, and the renewal reminders due
		"onyx_support.services.warranty.reminders.refresh_agreements",
		# published releases reach installations registered or re-routed since
		"onyx_support.services.releases.publishing.retarget_all",
	],
}

# Fixtures
# --------
# Only records this app owns, always filtered by name.

fixtures = [
	{
		"dt": "Workflow",
		"filters": [["name", "in", ["Support Request Flow", "Visit Report Flow", "Knowledge Article Flow"]]],
	},
]

# The customer's dashboard lists its support requests and visits with ERPNext's own support links.
override_doctype_dashboards = {
	"Customer": "onyx_support.services.dashboards.customer_dashboard",
}

# User Data Protection
# --------------------

# Authentication and authorization
# --------------------------------
