"""How every scheduled job of the app runs: one run at a time across workers and hosts, and each
row on its own.

- `scheduled_job(name)`: a MariaDB named lock (GET_LOCK), held by the run's connection. Frappe
  may run several workers and scheduler hosts on one database; a second run that finds the lock
  taken skips instead of racing the first over the same rows (which made the loser's saves fail
  with timestamp errors, one Error Log per row).
- `each_row(job, doctype, names, handle)`: a savepoint per row; a row that fails is rolled back, logged
  once and skipped, and the others go on (one bad request must not stop the day's auto-close).
"""

from functools import wraps

import frappe
from frappe import _

LOCK_PREFIX = "onyx_support:job:"


def _lock_name(job: str) -> str:
	# Named locks are server-wide: qualify by database so two sites on one server don't collide.
	return f"{LOCK_PREFIX}{frappe.conf.db_name}:{job}"[:64]


def acquire(job: str) -> bool:
	return bool(frappe.db.sql("select get_lock(%s, 0)", _lock_name(job))[0][0])


def release(job: str) -> None:
	frappe.db.sql("select release_lock(%s)", _lock_name(job))


def scheduled_job(job: str):
	"""Run the decorated job only if no other run of it holds the lock; otherwise return None."""

	def decorator(fn):
		@wraps(fn)
		def wrapper(*args, **kwargs):
			if not acquire(job):
				return None
			try:
				return fn(*args, **kwargs)
			finally:
				release(job)

		wrapper.onyx_job = job
		return wrapper

	return decorator


def each_row(job: str, doctype: str, names, handle) -> tuple[int, int]:
	"""Call handle(name) for each row inside its own savepoint; (done, failed)."""
	done = failed = 0
	savepoint = "onyx_job_row"
	for name in names:
		frappe.db.savepoint(savepoint)
		try:
			handle(name)
		except Exception:
			frappe.db.rollback(save_point=savepoint)
			frappe.log_error(
				title=_("{0} failed for {1}").format(job, name),
				reference_doctype=doctype,
				reference_name=name,
			)
			failed += 1
		else:
			done += 1
	return done, failed
