"""Publishing a release: its version checked and keyed for sorting, its artefacts' checksums, the
offices whose clients run that system each given one distribution with a row per installation the
release targets (domain/versions.py), older releases' pending rows superseded, and targeting run
again nightly and for each new installation without duplicate rows."""

import hashlib

import frappe
from frappe import _
from frappe.utils import now_datetime

from onyx_support.domain import versions
from onyx_support.domain.errors import DomainError
from onyx_support.permissions.guards import by_rule
from onyx_support.services.jobs import each_row, scheduled_job
from onyx_support.services.releases.delivery import refresh

PUBLISHED = "Published"
WITHDRAWN = "Withdrawn"
OPEN_ROWS = ("Pending", "Scheduled")


class InvalidVersion(frappe.ValidationError):
	pass


class ReleaseRuleBroken(frappe.ValidationError):
	pass


def parsed(text: str | None, label: str):
	try:
		return versions.parse(text)
	except DomainError:
		frappe.throw(
			_("{0}: {1} is not a version (numbers separated by dots, e.g. 15.10.1 or 6.1 SP2).").format(
				label, frappe.bold(text)
			),
			InvalidVersion,
		)


def check_release(doc) -> None:
	"""The version and its bounds parse; a required or superseded release is an older one of the
	same system; an update is not older than what installations already run."""
	version = parsed(doc.version, _("Version", context="Software Release"))
	doc.version_key = versions.sort_key(doc.version)
	for field, label in (("applicable_from", _("From Version")), ("applicable_to", _("Up to Version"))):
		if doc.get(field):
			parsed(doc.get(field), label)
	for field in ("requires_release", "supersedes"):
		other = doc.get(field) and frappe.db.get_value(
			"Software Release", doc.get(field), ["system", "version"], as_dict=True
		)
		if other and (other.system != doc.system or not versions.parse(other.version) < version):
			frappe.throw(
				_("{0} must be an older release of {1}.").format(frappe.bold(doc.get(field)), doc.system),
				ReleaseRuleBroken,
			)
	if doc.release_kind == "Update":
		delivered = frappe.get_all(
			"Client Installation", filters={"system": doc.system, "status": "Active"}, pluck="version"
		)
		try:
			older = versions.is_older_than_delivered(doc.version, [v for v in delivered if v])
		except DomainError:
			older = False  # an installation with a free-text version the vendor never published
		if older:
			frappe.throw(
				_("Update {0} is older than versions installations of {1} already run.").format(
					frappe.bold(doc.version), doc.system
				),
				ReleaseRuleBroken,
			)


def check_artefacts(doc) -> None:
	"""Each artefact's SHA-256, computed from the stored file; a published checksum must match."""
	for row in doc.artefacts:
		row.sha256 = sha256_of(row.file)
		declared = (row.declared_sha256 or "").strip().lower()
		if declared and declared != row.sha256:
			frappe.throw(
				_("The checksum of artefact {0} does not match the one declared.").format(
					frappe.bold(row.file)
				),
				ReleaseRuleBroken,
			)


def sha256_of(file_url: str) -> str:
	file_name = frappe.db.get_value("File", {"file_url": file_url}, "name")
	if not file_name:
		frappe.throw(_("Artefact {0} is not an uploaded file.").format(frappe.bold(file_url)))
	content = frappe.get_doc("File", file_name).get_content() or b""
	if isinstance(content, str):  # Frappe decodes files that read as text
		content = content.encode()
	return hashlib.sha256(content).hexdigest()


def as_release(doc) -> versions.Release:
	return versions.Release(
		doc.name,
		doc.system,
		doc.version,
		doc.applicable_from or None,
		doc.applicable_to or None,
		doc.requires_release or None,
		doc.release_kind,
	)


def installations_of(system: str, names: list[str] | None = None) -> list[frappe._dict]:
	filters = {"system": system}
	if names:
		filters["name"] = ("in", names)
	return frappe.get_all(
		"Client Installation",
		filters=filters,
		fields=["name", "system", "version", "status", "customer", "serving_office"],
	)


def distribute(release, only: list[str] | None = None) -> list[str]:
	"""One distribution per office serving targeted installations, a row per installation (rows
	that exist are kept: re-running adds nothing twice). Returns the distributions touched."""
	return distribute_to(release, installations_of(release.system, only))


def distribute_to(release, rows: list) -> list[str]:
	"""`distribute` over installation rows already read (name, system, version, status, customer,
	serving_office)."""
	found = {row.name: row for row in rows if row.serving_office}
	# versions that do not parse are left out: one free-text version must not keep the release
	# from the others
	targeted = versions.targets(
		as_release(release),
		[
			versions.Installation(r.name, r.system, r.version, r.status == "Active")
			for r in found.values()
			if versions.parse_or_none(r.version)
		],
	)
	by_office: dict[str, list[frappe._dict]] = {}
	for name in targeted:
		by_office.setdefault(found[name].serving_office, []).append(found[name])
	touched = []
	for office, installations in sorted(by_office.items()):
		distribution = distribution_for(release, office)
		known = {row.installation for row in distribution.deliveries}
		new = [i for i in installations if i.name not in known]
		if not new and not distribution.is_new():
			continue
		for installation in new:
			distribution.append(
				"deliveries",
				{
					"installation": installation.name,
					"customer": installation.customer,
					"from_version": installation.version,
					"status": "Pending",
				},
			)
		refresh(distribution)
		by_rule(distribution)
		distribution.flags.ignore_permissions = True
		distribution.save()
		touched.append(distribution.name)
	return touched


def distribution_for(release, office: str):
	name = frappe.db.get_value("Release Distribution", {"software_release": release.name, "office": office})
	if name:
		return frappe.get_doc("Release Distribution", name)
	return frappe.get_doc(
		{"doctype": "Release Distribution", "software_release": release.name, "office": office}
	)


def supersede(release) -> int:
	"""Pending and scheduled rows of the release it supersedes (and of the ones that one
	superseded, down the chain) become Superseded; delivered rows stay as they are."""
	names, current = [], release.supersedes
	while current and current not in names:
		names.append(current)
		current = frappe.db.get_value("Software Release", current, "supersedes")
	if not names:
		return 0
	frappe.db.sql(
		"""update `tabRelease Delivery` delivery
		join `tabRelease Distribution` distribution on distribution.name = delivery.parent
		set delivery.status = 'Superseded', delivery.reason = %(reason)s
		where delivery.parenttype = 'Release Distribution' and distribution.software_release in %(older)s
			and delivery.status in ('Pending', 'Scheduled')""",
		{"older": names, "reason": _("Superseded by {0}").format(release.name)},
	)
	# the counts and status follow, from two reads rather than loading each distribution
	distributions = frappe.get_all(
		"Release Distribution",
		filters={"software_release": ("in", names)},
		fields=["name", "status", "acknowledged_on"],
	)
	deliveries: dict[str, list] = {}
	for row in frappe.get_all(
		"Release Delivery",
		filters={"parenttype": "Release Distribution", "parent": ("in", [d.name for d in distributions])},
		fields=["parent", "status"],
	):
		deliveries.setdefault(row.parent, []).append(row)
	for distribution in distributions:
		distribution.deliveries = deliveries.get(distribution.name, [])
		refresh(distribution)
		frappe.db.set_value(
			"Release Distribution",
			distribution.name,
			{
				"status": distribution.status,
				"pending_count": distribution.pending_count,
				"delivered_count": distribution.delivered_count,
			},
			update_modified=False,
		)
	return len(names)


def publish(release) -> None:
	release.db_set({"status": PUBLISHED, "published_on": now_datetime()}, update_modified=False)
	supersede(release)
	distribute(release)


def withdraw(release, reason: str) -> None:
	"""No more deliveries; what was delivered stays as it was."""
	if release.status != PUBLISHED:
		frappe.throw(_("Only a published release can be withdrawn."), ReleaseRuleBroken)
	release.db_set(
		{"status": WITHDRAWN, "withdrawn_on": now_datetime(), "withdrawal_reason": reason},
		update_modified=True,
	)
	frappe.db.set_value("Release Distribution", {"software_release": release.name}, "status", WITHDRAWN)


def link_fixed_requests(release) -> None:
	"""The requests a release fixes name it (the defect loop reads them on delivery)."""
	requests = [row.support_request for row in release.fixes if row.support_request]
	if requests:
		frappe.db.set_value("Support Request", {"name": ("in", requests)}, "fixed_in_release", release.name)


@scheduled_job("retarget_releases")
def retarget_all() -> None:
	"""Nightly: published releases reach installations registered or changed since."""
	releases = {release.name: release for release in published_releases()}
	each_row("retarget_releases", "Software Release", list(releases), lambda name: distribute(releases[name]))


def published_releases(**filters) -> list[frappe._dict]:
	"""The published releases, with the fields targeting reads (as_release)."""
	return frappe.get_all(
		"Software Release",
		filters={"docstatus": 1, "status": PUBLISHED, **filters},
		fields=[
			"name",
			"system",
			"version",
			"applicable_from",
			"applicable_to",
			"requires_release",
			"release_kind",
		],
	)


def retarget_installation(installation) -> None:
	"""A new (or re-versioned) installation joins the distributions of its system's releases. Only
	an active installation with a readable version can be targeted: any other costs no query."""
	if (
		not installation.system
		or not installation.serving_office
		or installation.status != "Active"
		or not versions.parse_or_none(installation.version)
	):
		return
	fields = ("name", "system", "version", "status", "customer", "serving_office")
	row = frappe._dict({field: installation.get(field) for field in fields})
	for release in published_releases(system=installation.system):
		distribute_to(release, [row])
