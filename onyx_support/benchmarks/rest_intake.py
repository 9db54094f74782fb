"""Benchmark: filing over REST, Support Requests against ERPNext Issues, on a served site.

	bench --site BENCH_SITE execute onyx_support.benchmarks.rest_intake.run --kwargs "{'seconds': 20}"

Serves the site with gunicorn (2 workers, loopback, a free port; or `url=` of a site already
served) and runs `clients` concurrent clients for `seconds` per kind, each POSTing to
/api/resource with its user's API key: an engineer of the test network's office A files Support
Requests for its client (routed, SLA deadlines, assigned, the office's notification queued), a
Support Team user files Issues (ERPNext's default Service Level Agreement applies). The kinds
take turns in `rounds` slices, so a busy machine slows both alike. Printed per kind: requests per
second, median and p90 milliseconds, errors; then the requests' ratio to the Issues.

What runs after each commit (the office's notification job, the engineer's notification) is queued
for Frappe's background workers; `worker=True` runs one (queues short and default) beside gunicorn
during the run, on the same CPUs. What the clients filed is deleted afterwards (with its ToDos, timeline lines and notifications),
so the tables keep the size `queues.generate` and `issues.generate` gave them. Run it on a
benchmark site (it creates the test network's offices and users there); never on production.
"""

import os
import socket
import subprocess
import threading
import time
from urllib.parse import urljoin

import frappe

from onyx_support.benchmarks.queues import percentiles

ISSUE_USER = "rest-bench-issues@onyx-bench.example"
SUBJECT_PREFIX = "REST bench "


def free_port() -> int:
	with socket.socket() as probe:
		probe.bind(("127.0.0.1", 0))
		return probe.getsockname()[1]


def _bench_process(program: str, *arguments: str) -> subprocess.Popen:
	"""A program of the bench's virtualenv, run in its sites folder, quiet."""
	bench = os.path.abspath(frappe.utils.get_bench_path())
	return subprocess.Popen(
		[os.path.join(bench, "env", "bin", program), *arguments],
		cwd=os.path.join(bench, "sites"),
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
	)


def serve(port: int, workers: int = 2) -> subprocess.Popen:
	"""gunicorn as bench serves a site in production (sync workers, loopback only)."""
	return _bench_process(
		"gunicorn",
		"-b",
		f"127.0.0.1:{port}",
		"-w",
		str(workers),
		"-t",
		"120",
		"--preload",
		"frappe.app:application",
	)


def wait_up(base: str, site: str, seconds: int = 90) -> None:
	import requests

	deadline = time.time() + seconds
	while time.time() < deadline:
		try:
			if requests.get(urljoin(base, "/api/method/ping"), headers={"Host": site}, timeout=5).ok:
				return
		except requests.RequestException:
			pass
		time.sleep(0.5)
	raise RuntimeError("gunicorn did not come up")


def start_worker() -> subprocess.Popen:
	return _bench_process(
		"python", "-m", "frappe.utils.bench_helper", "frappe", "worker", "--queue", "short,default"
	)


class Served:
	"""The site over HTTP for the duration of a `with`: a gunicorn of our own, or a given URL (and
	a background worker if asked)."""

	def __init__(self, url: str | None = None, workers: int = 2, worker: bool = False):
		self.url, self.workers, self.server = url, workers, None
		self.worker = worker
		self.worker_process = None

	def __enter__(self) -> str:
		frappe.db.commit()  # nosemgrep: the server's workers read what was set up on their connections
		if self.worker:
			self.worker_process = start_worker()
		if self.url:
			return self.url
		port = free_port()
		self.server = serve(port, self.workers)
		base = f"http://127.0.0.1:{port}"
		try:
			wait_up(base, frappe.local.site)
		except Exception:
			self.__exit__()
			raise
		return base

	def __exit__(self, *exc):
		for process in (self.server, self.worker_process):
			if process:
				process.terminate()
				process.wait(timeout=60)
		frappe.db.rollback()  # read what the server committed


def make_issue_user() -> str:
	from onyx_support.tests.utils import make_user

	make_user(ISSUE_USER, ["Support Team"], "Issue Bench")
	return ISSUE_USER


def payloads() -> dict:
	"""{kind: (user, body for one POST)}."""
	from onyx_support.benchmarks.request_insert import ensure_issue_sla
	from onyx_support.tests.network_fixture import ENGINEER_A, OFFICE_A, build_network

	network = build_network()
	ensure_issue_sla()
	return {
		"Support Request": (
			ENGINEER_A,
			"Support Request",
			{
				"customer": network["customers"][OFFICE_A],
				"installation": network["installations"][OFFICE_A],
				"reason": "Guidance",
				"priority": "Medium",
				"channel": "Phone",
				"description": "<p>How do I close the fiscal year?</p>",
			},
		),
		"Issue": (
			make_issue_user(),
			"Issue",
			{
				"raised_by": "client@onyx-bench.example",
				"priority": "Medium",
				"description": "<p>How do I close the fiscal year?</p>",
			},
		),
	}


def _clients(base: str, site: str, doctype: str, token: str, body: dict, seconds: float, clients: int):
	"""`clients` threads POSTing for `seconds`: (latencies in ms, errors, error samples)."""
	import requests

	latencies, errors, samples = [], [0], []
	stop_at = time.perf_counter() + seconds
	run = frappe.generate_hash(length=6)

	def client(number: int):
		session = requests.Session()
		sent = 0
		while time.perf_counter() < stop_at:
			sent += 1
			data = {**body, "subject": f"{SUBJECT_PREFIX}{run} {number}-{sent}"}
			started = time.perf_counter()
			try:
				answer = session.post(
					urljoin(base, f"/api/resource/{doctype}"),
					json=data,
					headers={"Host": site, "Authorization": token},
					timeout=120,
				)
				ok = answer.status_code == 200
			except requests.RequestException as error:
				ok, answer = False, error
			elapsed = (time.perf_counter() - started) * 1000
			if ok:
				latencies.append(elapsed)
			else:
				errors[0] += 1
				if len(samples) < 3:
					samples.append(str(getattr(answer, "text", answer))[:300])

	threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	return latencies, errors[0], samples


def run(
	seconds: float = 20, clients: int = 4, rounds: int = 2, url: str | None = None, worker: bool = False
) -> dict:
	from onyx_support.tests.utils import api_keys_for

	frappe.only_for("System Manager")
	kinds = payloads()
	tokens = {kind: api_keys_for(user) for kind, (user, _doctype, _body) in kinds.items()}
	site = frappe.local.site
	results = {kind: {"latencies": [], "errors": 0, "seconds": 0.0, "samples": []} for kind in kinds}
	with Served(url, worker=worker) as base:
		for kind, (_user, doctype, body) in kinds.items():  # warm both workers' caches
			_clients(base, site, doctype, tokens[kind], body, 2, clients)
		for _round in range(rounds):
			for kind, (_user, doctype, body) in kinds.items():
				started = time.perf_counter()
				latencies, errors, samples = _clients(
					base, site, doctype, tokens[kind], body, seconds / rounds, clients
				)
				result = results[kind]
				result["seconds"] += time.perf_counter() - started
				result["latencies"] += latencies
				result["errors"] += errors
				result["samples"] += samples
	removed = remove_filed()
	rows = {"Support Request": frappe.db.count("Support Request"), "Issue": frappe.db.count("Issue")}
	print(
		f"REST intake, {clients} clients, gunicorn 2 workers{' and a job worker' if worker else ''}, "
		f"{seconds:g} s per kind "
		f"(rows: {rows['Support Request']} requests, {rows['Issue']} issues)"
	)
	print(f"{'kind':18} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'errors':>7}")
	summary = {}
	for kind, result in results.items():
		latencies = result["latencies"]
		rate = len(latencies) / result["seconds"] if result["seconds"] else 0
		p50, p90 = percentiles(latencies) if latencies else (0, 0)
		summary[kind] = {"rps": rate, "p50": p50, "p90": p90, "errors": result["errors"]}
		print(f"{kind:18} {rate:8.1f} {p50:8.0f} {p90:8.0f} {result['errors']:7d}")
		for sample in result["samples"]:
			print("   error:", sample)
	issue, request = summary["Issue"], summary["Support Request"]
	if issue["rps"] and request["p50"]:
		print(
			"Support Request / Issue: req/s {0:.2f}x, p50 {1:.2f}x".format(
				request["rps"] / issue["rps"], request["p50"] / issue["p50"]
			)
		)
	print(f"(filed and removed again: {removed})")
	return summary


def remove_filed() -> int:
	"""Delete what the clients filed, with what filing it wrote beside it."""
	names = frappe.get_all(
		"Support Request", filters={"subject": ("like", f"{SUBJECT_PREFIX}%")}, pluck="name"
	)
	issues = frappe.get_all("Issue", filters={"subject": ("like", f"{SUBJECT_PREFIX}%")}, pluck="name")
	for chunk in (names[i : i + 1000] for i in range(0, len(names), 1000)):
		for doctype, field in (
			("ToDo", "reference_name"),
			("Comment", "reference_name"),
			("Notification Log", "document_name"),
			("Support Request", "name"),
		):
			frappe.db.delete(doctype, {field: ("in", chunk)})
	for chunk in (issues[i : i + 1000] for i in range(0, len(issues), 1000)):
		frappe.db.delete("Comment", {"reference_doctype": "Issue", "reference_name": ("in", chunk)})
		frappe.db.delete("Issue", {"name": ("in", chunk)})
	frappe.db.commit()  # nosemgrep: a benchmark's own rows, removed
	return len(names) + len(issues)
