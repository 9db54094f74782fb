"""The client's installations with their cover today and their warranty agreements.

Clients hold no DocPerm: everything is read with named fields, filtered by the caller's customers
(prepare_page / require_client). Four queries whatever the number of installations."""

import frappe
from frappe import _
from frappe.utils import formatdate

from onyx_support.services.portal import prepare_page
from onyx_support.services.warranty.coverage import agreements_of, coverage_of, coverage_sentence

AGREEMENT_FIELDS = ("name", "agreement_kind", "start_date", "end_date", "status")


def get_context(context):
	customers = prepare_page(context, _("My coverage"), "coverage")
	context.installations = coverage_rows(customers)
	return context


def coverage_rows(customers: list[str]) -> list:
	rows = frappe.get_all(
		"Client Installation",
		filters={"customer": ("in", customers), "status": "Active"},
		fields=[
			"name",
			"customer",
			"customer_name",
			"system",
			"version",
			"serving_office",
			"coverage_anchor",
			"go_live_date",
			"purchase_date",
		],
		order_by="system asc, name asc",
	)
	names = [row.name for row in rows]
	covering = agreements_of(names)
	listed = agreements_by_installation(names)
	systems = dict(
		frappe.get_all(
			"Item",
			filters={"name": ("in", [row.system for row in rows] or [""])},
			fields=["name", "item_name"],
			as_list=True,
		)
	)
	for row in rows:
		cover = coverage_of(row, agreements=covering.get(row.name, []))
		row.system_name = systems.get(row.system) or row.system
		row.state = cover.state.value if cover else None
		row.sentence = coverage_sentence(row.state, cover.covered_until if cover else None)
		row.grace_until = formatdate(cover.grace_until) if cover and cover.grace_until else ""
		row.agreements = listed.get(row.name, [])
	return rows


def agreements_by_installation(installations: list[str]) -> dict[str, list]:
	"""Each installation's submitted agreements (cancelled and drafts stay internal), newest first."""
	found: dict[str, list] = {}
	if not installations:
		return found
	fields = ", ".join(f"agreement.{field}" for field in AGREEMENT_FIELDS)
	for row in frappe.db.sql(
		f"""select covered.installation, {fields}
		from `tabWarranty Agreement Installation` covered
		join `tabWarranty Agreement` agreement on agreement.name = covered.parent
		where covered.parenttype = 'Warranty Agreement' and covered.installation in %(installations)s
			and agreement.docstatus = 1
		order by agreement.start_date desc""",
		{"installations": installations},
		as_dict=True,
	):
		row.start = formatdate(row.start_date)
		row.end = formatdate(row.end_date)
		found.setdefault(row.installation, []).append(row)
	return found
