"""Whitelisted actions of knowledge articles on a support request (desk). Each checks the caller
may read (or write) the request and read the article before any effect
(services/knowledge/requests.py)."""

import frappe

from onyx_support.arguments import checked_arguments
from onyx_support.services.knowledge import requests


@frappe.whitelist()
@checked_arguments
def suggest_for_request(name: str) -> list[dict]:
	"""Articles for the request's system, reason and subject, the engineer's audience."""
	return requests.suggest(name)


@frappe.whitelist(methods=["POST"])
@checked_arguments
def send_to_client(name: str, article: str) -> str:
	"""One public article to the request's client, as a reply on the request."""
	return requests.share(name, article)


@frappe.whitelist(methods=["POST"])
@checked_arguments
def draft_article(name: str) -> str:
	"""A draft article from the resolved request, with the client's data left out."""
	return requests.draft_from(name)


@frappe.whitelist(methods=["POST"])
@checked_arguments
def mark_helpful(name: str, article: str) -> bool:
	"""The article solved the request ("this helped"), counted once per request."""
	return requests.mark_helpful(name, article)
