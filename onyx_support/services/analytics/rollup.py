"""The Support Request Rollup: reading it (totals, series) and keeping it (refresh, rebuild).

Reading: one SQL query on the rollup's (dimension, office, period) or (dimension, period) index,
the offices of the report's scope only; every measure summed, the histograms merged bucket by
bucket in SQL. A million requests make a few tens of thousands of rollup rows, so a report reads
a few hundred of them.
"""

import frappe
from frappe import _

from onyx_support.domain.analytics import BUCKETS, COUNTS, DIMENSIONS, HISTOGRAMS

ROLLUP = "Support Request Rollup"
MATCHABLE = ("value", "sub_value")


class UnknownDimension(frappe.ValidationError):
	pass


def _select_measures() -> str:
	counts = [f"sum(`{measure}`) as `{measure}`" for measure in COUNTS]
	buckets = [
		f"sum(json_extract(`{histogram}`, '$[{index}]')) as `{histogram}_{index}`"
		for histogram in HISTOGRAMS
		for index in range(BUCKETS)
	]
	return ",\n\t\t".join(counts + buckets)


def _where(dimension: str, scope, match: dict) -> tuple[str, dict]:
	if dimension not in DIMENSIONS:
		frappe.throw(_("Unknown analysis dimension {0}.").format(dimension), UnknownDimension)
	conditions = ["`dimension` = %(dimension)s", "`period` between %(first)s and %(last)s"]
	values = {"dimension": dimension, "first": scope.first_period, "last": scope.last_period}
	if scope.offices is not None:
		conditions.append("`office` in %(offices)s")
		values["offices"] = tuple(scope.offices) or ("",)
	for key, wanted in match.items():
		if key not in MATCHABLE:
			frappe.throw(_("Unknown analysis filter {0}.").format(key), frappe.ValidationError)
		if isinstance(wanted, list | tuple | set):
			conditions.append(f"`{key}` in %({key})s")
			values[key] = tuple(wanted) or ("",)
		else:
			conditions.append(f"`{key}` = %({key})s")
			values[key] = wanted or ""
	return " and ".join(conditions), values


def _shape(rows: list[dict]) -> list[dict]:
	"""Counts as ints, each histogram as one list of bucket counts."""
	for row in rows:
		for measure in COUNTS:
			row[measure] = int(row.get(measure) or 0)
		for histogram in HISTOGRAMS:
			row[histogram] = [int(row.pop(f"{histogram}_{index}") or 0) for index in range(BUCKETS)]
	return rows


def totals(dimension: str, scope, **match) -> list[dict]:
	"""One dict per (value, sub_value) of the dimension over the scope's offices and months, with
	every measure summed and the histograms merged; most requests first, then by value."""
	if scope.empty:
		return []
	where, values = _where(dimension, scope, match)
	rows = frappe.db.sql(
		f"""select `value`, `sub_value`,
		{_select_measures()}
		from `tab{ROLLUP}`
		where {where}
		group by `value`, `sub_value`
		order by `requests` desc, `value`, `sub_value`""",
		values,
		as_dict=True,
	)
	return _shape(rows)


def series(dimension: str, scope, **match) -> list[dict]:
	"""One dict per (period, value) of the dimension over the scope (sub-values summed), every
	measure summed and the histograms merged; by period, then value."""
	if scope.empty:
		return []
	where, values = _where(dimension, scope, match)
	rows = frappe.db.sql(
		f"""select `period`, `value`,
		{_select_measures()}
		from `tab{ROLLUP}`
		where {where}
		group by `period`, `value`
		order by `period`, `value`""",
		values,
		as_dict=True,
	)
	return _shape(rows)
