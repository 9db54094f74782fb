"""What a signature covers: the report's content as plain values, converted once from the
document, and its SHA-256 (domain/visits.content_hash). Internal notes, signatures, distribution
and state are not part of it."""

from frappe.utils import get_datetime

from onyx_support.domain.visits import content_hash

SIGNED_FIELDS = (
	"customer",
	"contact",
	"visit_kind",
	"site_address",
	"arrival",
	"departure",
	"summary",
)
SIGNED_TABLES = {
	"engineers": ("engineer", "arrival", "departure"),
	"requests": ("support_request",),
	"installations": ("installation", "rating", "findings"),
	"actions": ("action", "installation", "support_request", "solved"),
	"recommendations": ("recommendation", "priority", "actor", "follow_up"),
	"suggestions": ("category", "suggestion"),
	"photos": ("photo", "caption"),
}
DATETIMES = {"arrival", "departure"}


def _value(field: str, value):
	if field in DATETIMES and value:
		return get_datetime(value).replace(microsecond=0)
	if field in ("rating",) and value is not None:
		return round(float(value), 4)
	if field in ("solved", "follow_up"):
		return int(value or 0)
	return value


def report_content(doc) -> tuple[dict, dict]:
	fields = {field: _value(field, doc.get(field)) for field in SIGNED_FIELDS}
	tables = {
		table: [{field: _value(field, row.get(field)) for field in columns} for row in doc.get(table) or []]
		for table, columns in SIGNED_TABLES.items()
	}
	return fields, tables


def report_hash(doc) -> str:
	return content_hash(*report_content(doc))
