"""Which mail of a request the client sees, and whose mail counts as the client's word.

A mail's From is written by whoever sends it, so it only counts when the address is one support
knows for the client. Staff mail reaches the client's view only when it was addressed to the
client: an engineer mailing a manager from the form stays internal.
"""

from __future__ import annotations

from email.utils import getaddresses


def addresses(header: str | None) -> set[str]:
	"""The bare, lower-case addresses of a From/To/Cc header."""
	return {address.strip().lower() for _name, address in getaddresses([header or ""]) if "@" in address}


def is_known_sender(sender: str | None, known: set[str]) -> bool:
	return bool(addresses(sender) & known)


def client_sees(sent_or_received: str, sender: str | None, recipients: str | None, known: set[str]) -> bool:
	"""Received mail: from a known address of the client. Sent mail: addressed to one."""
	if sent_or_received == "Received":
		return is_known_sender(sender, known)
	return bool(addresses(recipients) & known)
