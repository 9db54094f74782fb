"""Reliability run: intake over real HTTP while gunicorn workers are killed mid-request.

	bench --site SITE execute onyx_support.tests.reliability_run.run --kwargs "{'submissions': 60}"

Serves the site with gunicorn (2 workers, loopback only), files `submissions` portal requests
from 4 client threads, each with its own Idempotency-Key, and SIGKILLs a worker every
`kill_every` seconds (gunicorn starts a new one). A call that fails (connection dropped, 5xx) is retried with the same key,
as the portal's form does. Then it checks what was committed:

- exactly one request per key (no duplicate, none lost);
- each complete: office, resolution deadline, one assignee, exactly one open ToDo;
- the name each client was finally given is the request committed for its key.

It prints the counts and returns them. It needs the test network (onyx_support.tests.
network_fixture), which it creates on the site if missing; run it on the test site or a
benchmark site, not on a production one.
"""

import os
import random
import signal
import subprocess
import threading
import time
from urllib.parse import urljoin

import frappe

from onyx_support.benchmarks.rest_intake import wait_up

SUBMIT = "/api/method/onyx_support.api.portal.submit_request"


def _serve(port: int) -> subprocess.Popen:
	bench = os.path.abspath(os.path.join(frappe.utils.get_bench_path()))
	return subprocess.Popen(
		[
			os.path.join(bench, "env", "bin", "gunicorn"),
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			"2",
			"-t",
			"60",
			"--preload",  # workers fork from a loaded app: a killed one is replaced in a moment
			"frappe.app:application",
		],
		cwd=os.path.join(bench, "sites"),
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
	)


def _workers(master: int) -> list[int]:
	out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
	return [int(pid) for pid in out.split()]


def run(submissions: int = 60, clients: int = 4, kill_every: float = 3.0, port: int = 8021) -> dict:
	import requests
	from frappe.installer import update_site_config

	from onyx_support.tests.network_fixture import CLIENT_A, build_request_world
	from onyx_support.tests.utils import api_keys_for

	build_request_world()
	token = api_keys_for(CLIENT_A)
	frappe.cache.delete_keys("onyx_throttle")
	# the portal allows a client ten submissions an hour; this run is one client filing many
	limits = frappe.conf.get("onyx_throttle_limits")
	update_site_config("onyx_throttle_limits", {**(limits or {}), "submit_request": 1_000_000})
	frappe.db.commit()  # nosemgrep: the server's workers read these on their own connections

	site, base = frappe.local.site, f"http://127.0.0.1:{port}"
	run_id = frappe.generate_hash(length=6)
	keys = [f"rel-{run_id}-{i}" for i in range(submissions)]
	given: dict[str, str] = {}
	retries, errors = [0], []
	server = _serve(port)
	stop = threading.Event()
	kills = [0]

	def killer():
		while not stop.wait(kill_every):
			workers = _workers(server.pid)
			if workers:
				os.kill(random.choice(workers), signal.SIGKILL)
				kills[0] += 1

	def client(mine: list[str]):
		session = requests.Session()
		for key in mine:
			for attempt in range(20):
				try:
					answer = session.post(
						urljoin(base, SUBMIT),
						data={"subject": f"Reliability {key}", "description": "x", "reason": "Guidance"},
						headers={"Host": site, "Authorization": token, "Idempotency-Key": key},
						timeout=30,
					)
					if answer.status_code == 200:
						given[key] = answer.json()["message"]["name"]
						break
					if answer.status_code < 500 and answer.status_code != 429:
						errors.append((key, answer.status_code, answer.text[:200]))
						break
				except requests.RequestException:
					pass
				retries[0] += 1
				time.sleep(min(0.3 * (attempt + 1), 3))

	try:
		wait_up(base, site, seconds=60)
		threads = [threading.Thread(target=killer)] + [
			threading.Thread(target=client, args=(keys[i::clients],)) for i in range(clients)
		]
		started = time.time()
		for thread in threads:
			thread.start()
		for thread in threads[1:]:
			thread.join()
		stop.set()
		threads[0].join()
		elapsed = time.time() - started
	finally:
		stop.set()
		server.terminate()
		server.wait(timeout=30)
		update_site_config("onyx_throttle_limits", limits if limits else "None")

	frappe.db.rollback()  # read what the server committed
	rows = frappe.get_all(
		"Support Request",
		filters={"intake_key": ("in", keys)},
		fields=["name", "intake_key", "office", "resolution_due", "assigned_engineer"],
	)
	by_key: dict[str, list] = {}
	for row in rows:
		by_key.setdefault(row.intake_key, []).append(row)
	open_todos = {
		name: count
		for name, count in frappe.db.sql(
			"""select reference_name, count(*) from `tabToDo` where reference_type = 'Support Request'
			and status = 'Open' and reference_name in %(names)s group by reference_name""",
			{"names": [r.name for r in rows] or [""]},
		)
	}
	result = {
		"submissions": submissions,
		"seconds": round(elapsed, 1),
		"workers_killed": kills[0],
		"retries": retries[0],
		"refused": len(errors),
		"rows": len(rows),
		"lost": sum(1 for key in keys if key not in by_key),
		"duplicated": sum(1 for found in by_key.values() if len(found) > 1),
		"incomplete": sum(
			1
			for row in rows
			if not (row.office and row.resolution_due and row.assigned_engineer)
			or open_todos.get(row.name) != 1
		),
		"answer_differs": sum(
			1 for key, name in given.items() if [row.name for row in by_key.get(key, [])] != [name]
		),
		"never_answered": sum(1 for key in keys if key not in given),
	}
	print(result)
	return result
