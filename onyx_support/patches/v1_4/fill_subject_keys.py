import frappe

from onyx_support.domain.analytics import subject_key

BATCH = 2000


def execute():
	"""Existing requests get their subject's fingerprint, one UPDATE per batch of requests (the
	key is computed in Python: accents, Arabic diacritics and stop words are beyond SQL). Times
	reopened stays 0: the past reopenings are not counted."""
	last = ""
	while True:
		rows = frappe.db.sql(
			"""select name, subject from `tabSupport Request`
			where name > %s and (subject_key is null or subject_key = '')
			order by name limit %s""",
			(last, BATCH),
		)
		if not rows:
			break
		last = rows[-1][0]
		keys = {name: subject_key(subject) for name, subject in rows}
		cases = " ".join(["when %s then %s"] * len(keys))
		values = [value for pair in keys.items() for value in pair]
		frappe.db.sql(
			f"""update `tabSupport Request` set subject_key = case name {cases} end
			where name in %s""",
			(*values, tuple(keys)),
		)
	frappe.db.sql("update `tabSupport Request` set reopen_count = 0 where reopen_count is null")
