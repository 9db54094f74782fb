"""The releases of the client's systems on the support portal, and asking for an update.

As for requests (services/portal/__init__.py), clients hold no DocPerm on Software Release, Release
Distribution or Client Installation: every read here is filtered by the caller's customers and
names its fields. Only published releases of the systems the client's active installations run
appear: drafts, withdrawn releases and other systems never do, nor the offices' distributions
beyond each of the client's own installations' state (installed, scheduled, pending)."""

import frappe
from frappe import _
from frappe.utils import formatdate

from onyx_support.domain import versions
from onyx_support.services.html import clean_html
from onyx_support.services.portal import require_client

PUBLISHED = "Published"
UPDATE_DELIVERY = "Update Delivery"
RELEASE_FIELDS = [
	"name",
	"system",
	"version",
	"version_key",
	"release_kind",
	"release_date",
	"published_on",
	"mandatory",
	"notes_en",
	"notes_fr",
	"notes_ar",
	"known_issues",
]
# The client's side of a delivery row: what the office does with it is its own business.
INSTALLED, SCHEDULED, PENDING, DECLINED, AVAILABLE = (
	"installed",
	"scheduled",
	"pending",
	"declined",
	"available",
)
ROW_STATE = {
	"Delivered": INSTALLED,
	"Scheduled": SCHEDULED,
	"Pending": PENDING,
	"Failed": PENDING,  # the office tries again
	"Declined by the Client": DECLINED,
	"Superseded": AVAILABLE,
}
LIMIT = 200


def active_installations(customers: list[str]) -> list:
	return frappe.get_all(
		"Client Installation",
		filters={"customer": ("in", customers), "status": "Active"},
		fields=["name", "customer", "customer_name", "system", "version"],
		order_by="system asc, name asc",
	)


def notes_in(release, lang: str | None = None) -> str:
	"""The release notes in the user's language (Arabic, French, else English), falling back to
	whichever language the vendor wrote; cleaned for display."""
	lang = (lang or frappe.local.lang or "en").lower()
	order = ["notes_en", "notes_fr", "notes_ar"]
	if lang.startswith("ar"):
		order = ["notes_ar", "notes_en", "notes_fr"]
	elif lang.startswith("fr"):
		order = ["notes_fr", "notes_en", "notes_ar"]
	for field in order:
		if (release.get(field) or "").strip():
			return clean_html(release.get(field))
	return ""


def delivery_rows(installations: list[str], releases: list[str]) -> dict[tuple[str, str], frappe._dict]:
	"""(installation, release) -> the delivery row of the offices' distributions."""
	if not installations or not releases:
		return {}
	rows = frappe.db.sql(
		"""select distribution.software_release as release_name, delivery.installation,
			delivery.status, delivery.scheduled_on, delivery.delivered_on
		from `tabRelease Delivery` delivery
		join `tabRelease Distribution` distribution on distribution.name = delivery.parent
		where delivery.parenttype = 'Release Distribution'
			and delivery.installation in %(installations)s
			and distribution.software_release in %(releases)s""",
		{"installations": installations, "releases": releases},
		as_dict=True,
	)
	return {(row.installation, row.release_name): row for row in rows}


def open_update_requests(installations: list[str]) -> dict[str, str]:
	"""installation -> its open Update Delivery request (the oldest)."""
	if not installations:
		return {}
	found: dict[str, str] = {}
	for row in frappe.get_all(
		"Support Request",
		filters={"installation": ("in", installations), "reason": UPDATE_DELIVERY, "is_open": 1},
		fields=["name", "installation"],
		order_by="creation asc",
	):
		found.setdefault(row.installation, row.name)
	return found


def installation_state(installation, release, row) -> tuple[str, str]:
	"""The client's words for where an installation stands with a release, and a date."""
	if versions.runs_at_least(installation.version, release.version) or (row and row.status == "Delivered"):
		return INSTALLED, formatdate(row.delivered_on) if row and row.delivered_on else ""
	state = ROW_STATE.get(row.status, AVAILABLE) if row else AVAILABLE
	when = formatdate(row.scheduled_on) if state == SCHEDULED and row.scheduled_on else ""
	return state, when


def list_releases(customers: list[str] | None = None) -> list:
	"""Per system the client runs, its published releases newest first, each with the client's
	installations of that system and where they stand (five queries)."""
	customers = customers or require_client()
	installations = active_installations(customers)
	systems = sorted({row.system for row in installations if row.system})
	if not systems:
		return []
	releases = frappe.get_all(
		"Software Release",
		filters={"system": ("in", systems), "status": PUBLISHED, "docstatus": 1},
		fields=RELEASE_FIELDS,
		order_by="version_key desc, release_date desc",
		limit_page_length=LIMIT,
	)
	names = [row.name for row in installations]
	rows = delivery_rows(names, [release.name for release in releases])
	asked = open_update_requests(names)
	system_names = dict(
		frappe.get_all("Item", filters={"name": ("in", systems)}, fields=["name", "item_name"], as_list=True)
	)
	by_system = {
		system: frappe._dict(
			system=system, system_name=system_names.get(system) or system, releases=[], installations=[]
		)
		for system in systems
	}
	for installation in installations:
		if installation.system:
			by_system[installation.system].installations.append(installation)
	for release in releases:
		group = by_system[release.system]
		release.notes_html = notes_in(release)
		release.date = formatdate(release.release_date)
		release.targets = []
		for installation in group.installations:
			state, when = installation_state(
				installation, release, rows.get((installation.name, release.name))
			)
			release.targets.append(
				frappe._dict(
					name=installation.name,
					customer_name=installation.customer_name or installation.customer,
					version=installation.version or "",
					state=state,
					when=when,
					may_ask=state not in (INSTALLED, SCHEDULED) and installation.name not in asked,
					asked=asked.get(installation.name) if state != INSTALLED else None,
				)
			)
		group.releases.append(release)
	return [group for group in by_system.values() if group.releases]


STATE_LABELS = {
	INSTALLED: lambda: _("Installed"),
	SCHEDULED: lambda: _("Scheduled", context="Release Delivery"),
	PENDING: lambda: _("Planned by your support office"),
	DECLINED: lambda: _("Declined by you"),
	AVAILABLE: lambda: _("Available"),
}


def state_label(state: str) -> str:
	return STATE_LABELS.get(state, STATE_LABELS[AVAILABLE])()


def own_installation_and_release(installation: str, release: str):
	"""The installation (active, of one of the caller's customers) and the release (published, of
	that installation's system); 'not found' otherwise, the same answer whatever is wrong, so
	nothing is revealed."""
	customers = require_client()
	found = (
		frappe.db.get_value(
			"Client Installation",
			installation,
			["name", "customer", "system", "version", "status"],
			as_dict=True,
		)
		if isinstance(installation, str) and installation
		else None
	)
	if not found or found.customer not in customers or found.status != "Active":
		raise frappe.DoesNotExistError(_("Installation {0} not found.").format(installation))
	published = (
		frappe.db.get_value(
			"Software Release",
			release,
			["name", "system", "version", "status", "docstatus"],
			as_dict=True,
		)
		if isinstance(release, str) and release
		else None
	)
	if (
		not published
		or published.system != found.system
		or published.status != PUBLISHED
		or published.docstatus != 1
	):
		raise frappe.DoesNotExistError(_("Release {0} not found.").format(release))
	return found, published


def open_update_request(installation: str) -> str | None:
	return open_update_requests([installation]).get(installation)
