# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

"""How far a system's installations have come with its releases, by serving office or by region.

For the system chosen, the latest published release and the one before it (N-1, by version
order): each active installation is on the latest (its version is the latest's or newer), on N-1
(N-1 or newer, older than the latest), older, or of a version the grammar does not read. Shares
are of all the group's active installations. The median delay is the days from a release's
publication (Software Release.published_on) to its delivery (Release Delivery.delivered_on), over
every delivered row of the system's published releases in the group.

A region is the territory the serving office serves (Support Office Territory) that holds the
installation's territory, the deepest one when several do. Staff see only their offices'
installations and distributions (visible_offices()). Counted in SQL (GROUP BY office and version,
then the versions sorted in Python; versions are text), two queries and one for the releases.

`get_release_counts` gives the same counts for one release, per office, for the release's form.
"""

import statistics

import frappe
from frappe import _

from onyx_support.arguments import checked_arguments
from onyx_support.domain import versions
from onyx_support.permissions.staff import visible_offices

GROUP_BY = ("Office", "Region")
LATEST, PREVIOUS, OLDER, UNKNOWN = "latest", "previous", "older", "unknown"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	group_by = filters.get("group_by") if filters.get("group_by") in GROUP_BY else "Office"
	if not filters.get("system"):
		return get_columns(group_by, None, None), [], _("Choose a system.")
	releases = published_releases(filters.system)
	latest = releases[0] if releases else None
	previous = releases[1] if len(releases) > 1 else None
	columns = get_columns(group_by, latest, previous)
	if not latest:
		return columns, [], _("No release of {0} is published yet.").format(filters.system)
	data = get_data(filters, group_by, latest, previous)
	return columns, data, None, get_chart(data, latest, previous), get_summary(data)


def published_releases(system: str) -> list:
	return frappe.get_all(
		"Software Release",
		filters={"system": system, "status": "Published", "docstatus": 1},
		fields=["name", "version", "version_key", "published_on"],
		order_by="version_key desc",
	)


def get_columns(group_by: str, latest, previous) -> list[dict]:
	group = (
		{"label": _("Support Office"), "fieldname": "grp", "fieldtype": "Link", "options": "Support Office"}
		if group_by == "Office"
		else {"label": _("Region"), "fieldname": "grp", "fieldtype": "Link", "options": "Territory"}
	)
	group["width"] = 220
	count = {"fieldtype": "Int", "width": 115}
	share = {"fieldtype": "Percent", "width": 125}
	return [
		group,
		{"label": _("Active installations"), "fieldname": "installations", **count},
		{
			"label": _("On {0} (latest)").format(latest.version) if latest else _("On the latest"),
			"fieldname": LATEST,
			**count,
		},
		{
			"label": _("On {0} (N-1)").format(previous.version) if previous else _("On N-1"),
			"fieldname": PREVIOUS,
			**count,
		},
		{"label": _("Older"), "fieldname": OLDER, **count},
		{"label": _("Version unknown"), "fieldname": UNKNOWN, **count},
		{"label": _("On the latest (%)"), "fieldname": "latest_share", **share},
		{"label": _("On N-1 (%)"), "fieldname": "previous_share", **share},
		{
			"label": _("Median days to delivery"),
			"fieldname": "median_days",
			"fieldtype": "Float",
			"precision": 1,
			"width": 160,
		},
	]


def standing(version: str | None, latest, previous) -> str:
	"""Where an installation's version stands against the latest release and N-1."""
	found = versions.parse_or_none(version)
	if found is None:
		return UNKNOWN
	if found >= versions.parse(latest.version):
		return LATEST
	if previous and found >= versions.parse(previous.version):
		return PREVIOUS
	return OLDER


def scope(filters, values: dict, office_column: str) -> list[str] | None:
	"""Conditions for the caller's offices and the office / region filters; None: nothing to see."""
	conditions = []
	offices = visible_offices()
	if offices is not None:
		if not offices:
			return None
		conditions.append(f"{office_column} in %(offices)s")
		values["offices"] = offices
	if filters.get("office"):
		conditions.append(f"{office_column} = %(office)s")
		values["office"] = filters.office
	if filters.get("region"):
		bounds = frappe.db.get_value("Territory", filters.region, ["lft", "rgt"])
		if not bounds:
			return None
		conditions.append("client_territory.lft >= %(region_lft)s and client_territory.rgt <= %(region_rgt)s")
		values["region_lft"], values["region_rgt"] = bounds
	return conditions


def region_of(office_column: str) -> str:
	"""The deepest territory served by the office that holds the installation's territory."""
	return f"""(select served.territory from `tabSupport Office Territory` served
		join `tabTerritory` region on region.name = served.territory
		where served.parenttype = 'Support Office' and served.parent = {office_column}
			and region.lft <= client_territory.lft and region.rgt >= client_territory.rgt
		order by region.lft desc limit 1)"""


def group_column(group_by: str, office_column: str) -> str:
	return office_column if group_by == "Office" else region_of(office_column)


def installed_versions(system: str, filters, group_by: str) -> list:
	"""(group, version, count) of the system's active installations."""
	values = {"system": system}
	conditions = scope(filters, values, "installation.serving_office")
	if conditions is None:
		return []
	conditions = ["installation.system = %(system)s", "installation.status = 'Active'", *conditions]
	return frappe.db.sql(
		f"""select grp, version, count(*) as installations
		from (
			select {group_column(group_by, "installation.serving_office")} as grp, installation.version
			from `tabClient Installation` installation
			left join `tabTerritory` client_territory on client_territory.name = installation.territory
			where {" and ".join(conditions)}
		) active_installations
		group by grp, version""",
		values,
		as_dict=True,
	)


def delivery_days(system: str, filters, group_by: str, release: str | None = None) -> dict:
	"""group -> the days from publication to delivery of each delivered row (of one release, or of
	all the system's published releases)."""
	values = {"system": system, "release": release}
	conditions = scope(filters, values, "distribution.office")
	if conditions is None:
		return {}
	conditions = [
		"delivery.parenttype = 'Release Distribution'",
		"delivery.status = 'Delivered'",
		"delivery.delivered_on is not null",
		"software_release.system = %(system)s",
		"software_release.docstatus = 1",
		"software_release.published_on is not null",
		*conditions,
	]
	if release:
		conditions.append("software_release.name = %(release)s")
	found: dict[str, list[float]] = {}
	for grp, seconds in frappe.db.sql(
		f"""select {group_column(group_by, "distribution.office")} as grp,
			timestampdiff(second, software_release.published_on, delivery.delivered_on) as seconds
		from `tabRelease Delivery` delivery
		join `tabRelease Distribution` distribution on distribution.name = delivery.parent
		join `tabSoftware Release` software_release on software_release.name = distribution.software_release
		left join `tabClient Installation` installation on installation.name = delivery.installation
		left join `tabTerritory` client_territory on client_territory.name = installation.territory
		where {" and ".join(conditions)}""",
		values,
	):
		found.setdefault(grp, []).append(max(0, seconds or 0) / 86400)
	return found


def median_days(days: list[float] | None) -> float | None:
	return round(statistics.median(days), 1) if days else None


def share(part: int, whole: int) -> float | None:
	return round(100.0 * part / whole, 1) if whole else None


def get_data(filters, group_by: str, latest, previous) -> list[dict]:
	rows: dict[str, frappe._dict] = {}

	def row_of(grp):
		return rows.setdefault(
			grp, frappe._dict(grp=grp, installations=0, **{k: 0 for k in (LATEST, PREVIOUS, OLDER, UNKNOWN)})
		)

	for found in installed_versions(filters.system, filters, group_by):
		row = row_of(found.grp)
		row.installations += found.installations
		row[standing(found.version, latest, previous)] += found.installations
	days = delivery_days(filters.system, filters, group_by)
	for grp in days:
		row_of(grp)
	data = sorted(rows.values(), key=lambda row: (row.grp is None, row.grp or ""))
	for row in data:
		row.latest_share = share(row[LATEST], row.installations)
		row.previous_share = share(row[PREVIOUS], row.installations)
		row.median_days = median_days(days.get(row.grp))
	return data


def get_chart(data: list[dict], latest, previous) -> dict | None:
	if not data:
		return None
	return {
		"data": {
			"labels": [row.grp or _("Not set") for row in data],
			"datasets": [
				{
					"name": _("On {0} (latest)").format(latest.version),
					"values": [row[LATEST] for row in data],
				},
				{
					"name": _("On {0} (N-1)").format(previous.version) if previous else _("On N-1"),
					"values": [row[PREVIOUS] for row in data],
				},
				{"name": _("Older"), "values": [row[OLDER] for row in data]},
				{"name": _("Version unknown"), "values": [row[UNKNOWN] for row in data]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#29cd42", "#5e64ff", "#ffa00a", "#b8c2cc"],
	}


def get_summary(data: list[dict]) -> list[dict]:
	total = sum(row.installations for row in data)
	on_latest = sum(row[LATEST] for row in data)
	return [
		{"label": _("Active installations"), "value": total, "datatype": "Int"},
		{"label": _("On the latest"), "value": on_latest, "datatype": "Int", "indicator": "Green"},
		{
			"label": _("On the latest (%)"),
			"value": share(on_latest, total) or 0,
			"datatype": "Percent",
			"indicator": "Blue",
		},
	]


# --- one release, for its form --------------------------------------------------------------

DELIVERY_STATES = ("Delivered", "Scheduled", "Pending", "Failed", "Declined by the Client", "Superseded")

COUNTS_TEMPLATE = """<table class="table table-bordered table-sm onyx-release-counts">
<thead><tr>{% for label in labels %}<th>{{ label | e }}</th>{% endfor %}</tr></thead>
<tbody>{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell | e }}</td>{% endfor %}</tr>{% endfor %}</tbody>
</table>"""


@frappe.whitelist(methods=["GET"])
@checked_arguments
def get_release_counts(release: str) -> dict:
	"""For one release, per office the caller sees: the system's active installations on it (or
	newer) and not yet, its delivery rows by status, and the median days to delivery."""
	doc = frappe.get_doc("Software Release", release)
	doc.check_permission("read")
	target = versions.parse(doc.version)
	counts: dict[str, frappe._dict] = {}

	def row_of(office):
		return counts.setdefault(
			office,
			frappe._dict(
				office=office, installed=0, not_yet=0, unknown=0, **{state: 0 for state in DELIVERY_STATES}
			),
		)

	filters = frappe._dict()
	for found in installed_versions(doc.system, filters, "Office"):
		version = versions.parse_or_none(found.version)
		field = "unknown" if version is None else "installed" if version >= target else "not_yet"
		row_of(found.grp)[field] += found.installations
	values = {"release": doc.name}
	conditions = scope(filters, values, "distribution.office")
	if conditions is not None:
		for office, status, number in frappe.db.sql(
			f"""select distribution.office, delivery.status, count(*)
			from `tabRelease Delivery` delivery
			join `tabRelease Distribution` distribution on distribution.name = delivery.parent
			where delivery.parenttype = 'Release Distribution'
				and distribution.software_release = %(release)s
				{"".join(" and " + condition for condition in conditions)}
			group by distribution.office, delivery.status""",
			values,
		):
			if status in DELIVERY_STATES:
				row_of(office)[status] += number
	days = delivery_days(doc.system, filters, "Office", release=doc.name)
	offices = sorted(counts.values(), key=lambda row: row.office or "")
	for row in offices:
		row.median_days = median_days(days.get(row.office))
	labels = [
		_("Support Office"),
		_("On {0} or newer").format(doc.version),
		_("Not yet"),
		_("Version unknown"),
		*(_(state, context="Release Delivery") for state in DELIVERY_STATES),
		_("Median days to delivery"),
	]
	table = [
		[
			row.office or _("Not set"),
			row.installed,
			row.not_yet,
			row.unknown,
			*(row[state] for state in DELIVERY_STATES),
			"" if row.median_days is None else row.median_days,
		]
		for row in offices
	]
	totals = {
		field: sum(row[field] for row in offices)
		for field in ("installed", "not_yet", "unknown", *DELIVERY_STATES)
	}
	return {
		"release": doc.name,
		"version": doc.version,
		"offices": offices,
		"totals": totals,
		"median_days": median_days([d for office_days in days.values() for d in office_days]),
		"html": frappe.render_template(COUNTS_TEMPLATE, {"labels": labels, "rows": table}) if offices else "",
	}
