"""Coverage in a site: the installation's anchor, its office's terms and its agreements read once
as plain values, the domain rule (domain/coverage.py) applied on the office's local date, and the
stamps it leaves on requests, work-log rows and visits."""

from collections import defaultdict
from datetime import date

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate

from onyx_support.domain.coverage import Agreement, Coverage, CoverageState, coverage, local_date
from onyx_support.services.clock import to_utc
from onyx_support.services.visits.planning import office_zone

ANCHOR_FIELDS = {"Go-Live Date": "go_live_date", "Purchase Date": "purchase_date"}
INSTALLATION_FIELDS = ["name", "serving_office", "coverage_anchor", "go_live_date", "purchase_date"]


def anchor_of(installation: dict) -> date | None:
	"""The date the free first year counts from: the one the installation names."""
	field = ANCHOR_FIELDS.get(installation.get("coverage_anchor") or "Go-Live Date", "go_live_date")
	value = installation.get(field)
	return getdate(value) if value else None


def agreements_of(installations: list[str]) -> dict[str, list[Agreement]]:
	"""The submitted, not cancelled agreements covering each installation (one query)."""
	found: dict[str, list[Agreement]] = defaultdict(list)
	if not installations:
		return found
	rows = frappe.db.sql(
		"""select covered.installation, agreement.name, agreement.start_date, agreement.end_date,
			agreement.agreement_kind
		from `tabWarranty Agreement Installation` covered
		join `tabWarranty Agreement` agreement on agreement.name = covered.parent
		where covered.parenttype = 'Warranty Agreement' and covered.installation in %(installations)s
			and agreement.docstatus = 1""",
		{"installations": installations},
		as_dict=True,
	)
	for row in rows:
		found[row.installation].append(
			Agreement(row.name, getdate(row.start_date), getdate(row.end_date), row.agreement_kind)
		)
	return found


def office_day(office: str | None, instant=None) -> date:
	"""The office's local date at a system-time instant (now when none)."""
	moment = to_utc(get_datetime(instant) if instant else frappe.utils.now_datetime())
	return local_date(moment, office_zone(office))


def installation_coverage(installation: str, on_instant=None, agreements=None) -> Coverage | None:
	"""The cover of one installation at an instant (now), on its serving office's local date."""
	values = frappe.db.get_value("Client Installation", installation, INSTALLATION_FIELDS, as_dict=True)
	if not values:
		return None
	return coverage_of(values, on_instant, agreements)


def coverage_of(installation: dict, on_instant=None, agreements=None) -> Coverage | None:
	anchor = anchor_of(installation)
	if not anchor:
		return None  # no go-live (or purchase) date yet: nothing to count from
	office = installation.get("serving_office")
	free_months, grace_days = frappe.get_cached_value(
		"Support Office", office, ["free_support_months", "grace_days"]
	) or (0, 0)
	if agreements is None:
		agreements = agreements_of([installation["name"]]).get(installation["name"], [])
	return coverage(anchor, free_months or 0, grace_days or 0, agreements, office_day(office, on_instant))


def stamp(doc, cover: Coverage | None, fields=("coverage_state",)) -> None:
	doc.coverage_state = cover.state.value if cover else None
	if "coverage_agreement" in fields:
		doc.coverage_agreement = cover.agreement if cover else None
		doc.covered_until = cover.covered_until if cover and cover.state != CoverageState.BILLABLE else None


def _request_basis(request, keep: bool = False) -> tuple[dict | None, list[Agreement]]:
	"""The request's installation and its agreements, read once per save: stamp_request keeps them
	for the stamp_work_log that follows it on an insert (the hot path), which takes them."""
	basis = request.flags.pop("coverage_basis", None)
	if not basis or basis[0] != request.installation:
		values = request.flags.pop("installation_values", None)  # the controller's read of this save
		if not values or values.name != request.installation:
			values = frappe.db.get_value(
				"Client Installation", request.installation, INSTALLATION_FIELDS, as_dict=True
			)
		agreements = agreements_of([request.installation]).get(request.installation, []) if values else []
		basis = (request.installation, values, agreements)
	if keep:
		request.flags.coverage_basis = basis
	return basis[1], basis[2]


def stamp_request(request) -> None:
	"""At opening: the cover of the request's installation, kept as it was that day."""
	if not request.installation:
		return
	values, agreements = _request_basis(request, keep=bool(request.get("work_log")))
	cover = coverage_of(values, request.opened_on, agreements) if values else None
	stamp(request, cover, ("coverage_state", "coverage_agreement"))


def stamp_work_log(request) -> None:
	"""Each new work-log row at its own date; a billable row is work with no cover."""
	rows = [row for row in request.work_log if not row.coverage_state]
	if not rows or not request.installation:
		request.flags.pop("coverage_basis", None)
		return
	values, agreements = _request_basis(request)
	for row in rows:
		cover = coverage_of(values, row.started_at, agreements)
		row.coverage_state = cover.state.value if cover else None
		row.billable = 1 if cover and cover.state == CoverageState.BILLABLE else 0


def stamp_visit(visit) -> None:
	"""A visit's cover on the day it happens (its first reviewed installation, else the first
	request's)."""
	installation = next((row.installation for row in visit.installations if row.installation), None)
	if not installation and visit.requests:
		installation = frappe.db.get_value(
			"Support Request", visit.requests[0].support_request, "installation"
		)
	if installation:
		cover = installation_coverage(installation, visit.arrival or visit.planned_start)
		visit.coverage_state = cover.state.value if cover else None


def coverage_sentence(state: str | None, covered_until=None, office: str | None = None) -> str:
	"""What the client and the engineer read about a stamp."""
	if state in (CoverageState.FREE_FIRST_YEAR.value, CoverageState.UNDER_AGREEMENT.value) and covered_until:
		return _("Covered until {0}.").format(frappe.utils.formatdate(covered_until))
	if state == CoverageState.GRACE.value:
		return _("The warranty agreement has ended: renew it to keep free support.")
	if state == CoverageState.BILLABLE.value:
		return _("This request will be billed at the office's rate.")
	return ""
