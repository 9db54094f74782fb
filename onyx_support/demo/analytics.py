"""A year of support history for the analyses: some 3,000 requests across the demo network,
written in SQL by demo/synthetic.py (the benchmarks' generator) with the demo's own clients,
installations and engineers and the requests' normal names (SR-2026-00042), then the rollup.

Who stands out, so that every chart says something: Mukalla Hotels Group, Sanaa
Pharmaceuticals and Amman Retail Group mostly ask for guidance or make usage errors (they need
training); OnyxPro ERP 15.9 (the release 15.10 fixed) and Point of Sale 2.9 are full of system errors (hot spots); each
office keeps its own pace against the SLA targets.

Idempotent: the history is written once (its requests carry an intake key `demo-history-N`);
each load only brings the rollup up to date.
"""

import frappe

from onyx_support.demo.synthetic import insert_requests, insert_work_logs, series_names
from onyx_support.services.analytics import rollup

HISTORY = 3000
DAYS = 365
INTAKE_PREFIX = "demo-history-"
HOT_VERSIONS = {("ONYX-ERP", "15.9"), ("ONYX-POS", "2.9")}  # as the demo's releases leave them
TRAINING_CLIENTS = {"Mukalla Hotels Group", "Sanaa Pharmaceuticals", "Amman Retail Group"}
# How many of each client's staff use each system (requests per user-month)
USERS = {
	("Aden Port Trading", "ONYX-ERP"): 40,
	("Aden Port Trading", "ONYX-HR"): 12,
	("Sanaa Pharmaceuticals", "ONYX-ACC"): 8,
	("Hadramout Fisheries", "ONYX-POS"): 25,
	("Mukalla Hotels Group", "ONYX-POS"): 4,
	("Riyadh Food Industries", "ONYX-ERP"): 60,
	("Riyadh Food Industries", "ONYX-HR"): 15,
	("Jeddah Medical Supplies", "ONYX-ACC"): 28,
	("Cairo Textile Company", "ONYX-ERP"): 35,
	("Alexandria Logistics", "ONYX-POS"): 22,
	("Khartoum Cement", "ONYX-ACC"): 18,
	("Amman Retail Group", "ONYX-POS"): 4,
	("Muscat Builders", "ONYX-ERP"): 20,
	("Mogadishu Traders", "ONYX-ACC"): 16,
	("Djibouti Shipping", "ONYX-ERP"): 25,
}


def make_request_history():
	set_user_counts()
	if not frappe.db.exists("Support Request", {"intake_key": ("like", f"{INTAKE_PREFIX}%")}):
		name, move_series = series_names()
		insert_requests(
			HISTORY,
			first_seq=1,
			days=DAYS,
			name=name,
			intake_prefix=INTAKE_PREFIX,
			hot_versions=HOT_VERSIONS,
			training_clients=TRAINING_CLIENTS,
			# no SLA policy on them: the sweep would have nothing to compute but would save them
			swept=False,
		)
		move_series()
		insert_work_logs(f"r.intake_key like '{INTAKE_PREFIX}%%'")
		# the history was modified long ago (as it happened): refresh() would not see it
		rollup.rebuild()
	else:
		rollup.refresh()


def set_user_counts():
	"""Each installation's users, unless someone set them already."""
	for (customer, system), users in USERS.items():
		frappe.db.sql(
			"""update `tabClient Installation` set user_count = %s
			where customer = %s and system = %s and ifnull(user_count, 0) = 0""",
			(users, customer, system),
		)
