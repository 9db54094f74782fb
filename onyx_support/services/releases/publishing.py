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
		file_name = frappe.db.get_value("File", {"file_url": row.file}, "name")
		if not file_name:
			frappe.throw(_("Artefact {0} is not an uploaded file.").format(frappe.bold(row.file)))
		content = frappe.get_doc("File", file_name).get_content() or b""
		if isinstance(content, str):  # Frappe decodes files that read as text
			content = content.encode()
		row.sha256 = hashlib.sha256(content).hexdigest()
		declared = (row.declared_sha256 or "").strip().lower()
		if declared and declared != row.sha256:
			frappe.throw(
				_("The checksum of artefact {0} does not match the one declared.").format(
					frappe.bold(row.file)
				),
				ReleaseRuleBroken,
			)


def readable(version: str | None) -> bool:
	try:
		versions.parse(version)
	except DomainError:
		return False
	return True


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
	rows = installations_of(release.system, only)
	found = {row.name: row for row in rows if row.serving_office}
	targeted = versions.targets(
		as_release(release),
		[
			versions.Installation(r.name, r.system, r.version, r.status == "Active")
			for r in found.values()
			if readable(r.version)  # one free-text version must not keep the release from the others
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
	for name in frappe.get_all(
		"Release Distribution", filters={"software_release": ("in", names)}, pluck="name"
	):
		distribution = frappe.get_doc("Release Distribution", name)
		refresh(distribution)
		distribution.db_update()
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
	for row in release.fixes:
		frappe.db.set_value("Support Request", row.support_request, "fixed_in_release", release.name)


@scheduled_job("retarget_releases")
def retarget_all() -> None:
	"""Nightly: published releases reach installations registered or changed since."""
	names = frappe.get_all("Software Release", filters={"docstatus": 1, "status": PUBLISHED}, pluck="name")
	each_row(
		"retarget_releases",
		"Software Release",
		names,
		lambda name: distribute(frappe.get_doc("Software Release", name)),
	)


def retarget_installation(installation) -> None:
	"""A new (or re-versioned) installation joins the distributions of its system's releases."""
	if not installation.system or not installation.serving_office:
		return
	for name in frappe.get_all(
		"Software Release",
		filters={"docstatus": 1, "status": PUBLISHED, "system": installation.system},
		pluck="name",
	):
		distribute(frappe.get_doc("Software Release", name), only=[installation.name])
