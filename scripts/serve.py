"""Serve a site on one address only (`bench serve` always binds 0.0.0.0).

Run from the bench's sites folder with the bench's python: python serve.py SITE HOST PORT
"""

import sys

from werkzeug.serving import run_simple

import frappe.app


def main(site: str, host: str, port: int):
	frappe.app._site = site
	frappe.app._sites_path = "."
	application = frappe.app.application_with_statics()
	run_simple(host, port, application, use_reloader=False, use_debugger=False, threaded=True)


if __name__ == "__main__":
	main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
