"""A client's data taken out of a text, so that a resolved request can become a knowledge article.

An article is read far beyond the client who asked: by every engineer of the network, by the
clients of a system, by anyone on the web. What the client wrote in its request and what the
engineer noted while solving it name the customer, its people, their addresses and phone numbers,
the installation, its remote-access ID and sometimes a password or a link with one in it. Two
kinds of removal, both here:

- what support knows about the client (`ClientData`: names, installation names and IDs, remote
  access IDs, addresses, phone numbers, secrets), wherever it appears, case and spacing aside;
- what looks like personal or secret data whoever it belongs to: e-mail addresses, phone numbers,
  links carrying credentials or tokens, "password: …" and remote-access IDs after their tool's name.

Each is replaced by a placeholder (`LABELS`, which the glue translates). Pure Python; HTML is
scrubbed in its text and attribute values, its tags kept.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

LABELS = {
	"client": "[client]",
	"contact": "[contact]",
	"email": "[e-mail]",
	"phone": "[phone]",
	"installation": "[installation]",
	"remote": "[remote access ID]",
	"link": "[link]",
	"secret": "[secret]",
}


@dataclass(frozen=True)
class ClientData:
	"""What support knows of the client behind a request."""

	customer: tuple[str, ...] = ()  # the customer's ID and name
	contacts: tuple[str, ...] = ()  # full names of its contacts and users
	installations: tuple[str, ...] = ()  # installation IDs and titles
	remote_ids: tuple[str, ...] = ()  # remote-access (TeamViewer, AnyDesk…) IDs
	emails: tuple[str, ...] = ()
	phones: tuple[str, ...] = ()
	secrets: tuple[str, ...] = ()  # passwords support holds for the client


_SCHEME_URL = r"\b[a-zA-Z][a-zA-Z0-9+.-]*://"
# scheme://user:password@host… , or a link whose query carries a password, token or key
_URL_END = r"[^\s<>\"']*[^\s<>\"'.,;:!?)\]]"  # a link's rest, not the sentence's punctuation
_CREDENTIAL_URL = re.compile(_SCHEME_URL + r"[^\s/@:<>\"']+:[^\s/@<>\"']*@" + _URL_END)
_TOKEN_URL = re.compile(
	_SCHEME_URL
	+ r"[^\s<>\"']*[?&#](?:password|passwd|pwd|pass|token|access_token|api_key|apikey|key|secret|auth|sig)"
	+ r"="
	+ _URL_END,
	re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_SECRET = re.compile(
	r"((?:password|passwd|pwd|pass|passcode|pin|mot de passe|mdp|كلمة\s+(?:المرور|السر)|الرقم\s+السري)"
	r"\s*[:=]\s*)(\S*?[^\s,;.،])(?=[,;.،]*(?:\s|$))",
	re.IGNORECASE,
)
_REMOTE = re.compile(
	r"(\b(?:teamviewer|anydesk|rustdesk|ultraviewer|remote\s+id|id)\s*(?:id)?\s*[:#]?\s*)"
	r"(\d[\d \-]{6,}\d)",
	re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w+\-/])(?:\+|00)?\(?\d[\d\s().\-]{5,}\d(?![\w\-/])")
_NOT_PHONE = (
	re.compile(r"\d{4}-\d{1,2}-\d{1,2}"),  # a date
	re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"),
	re.compile(r"\d{1,4}(?:\.\d{1,4}){1,3}"),  # a version
	re.compile(r"\d{1,2}:\d{2}"),
)


def _digits(text: str) -> str:
	return "".join(c for c in text if c.isdigit())


def _is_phone(match: str) -> bool:
	count = len(_digits(match))
	if count < 7 or count > 15:
		return False
	return not any(pattern.fullmatch(match.strip()) for pattern in _NOT_PHONE)


def _spaced(value: str) -> str:
	"""A pattern of `value` whatever its spacing and case: "123 456 789" finds "123456789"."""
	if value.replace(" ", "").replace("-", "").isdigit():
		return r"[\s\-]?".join(re.escape(c) for c in _digits(value))
	return r"\s+".join(re.escape(part) for part in value.split())


def _known(values: Iterable[str], min_length: int = 3) -> list[str]:
	seen = {v.strip() for v in values if v and len(v.strip()) >= min_length}
	return sorted(seen, key=len, reverse=True)  # the longest first: a full name before its parts


def _name_parts(names: Iterable[str]) -> list[str]:
	"""Full names and each of their words of three letters or more ("Aisha Saleh", "Aisha", "Saleh")."""
	parts = []
	for name in names:
		if not name:
			continue
		parts.append(name)
		parts.extend(word for word in re.split(r"[\s,]+", name) if len(word) >= 3)
	return parts


def _replace_known(text: str, values: Iterable[str], label: str, min_length: int = 3) -> str:
	for value in _known(values, min_length):
		text = re.sub(rf"(?<!\w){_spaced(value)}(?!\w)", label, text, flags=re.IGNORECASE)
	return text


def scrub_text(text: str | None, client: ClientData, labels: Mapping[str, str] = LABELS) -> str:
	"""The text with the client's data replaced by placeholders."""
	if not text:
		return ""
	# secrets and links first: they may hold names and addresses
	text = _replace_known(text, client.secrets, labels["secret"], min_length=4)
	text = _CREDENTIAL_URL.sub(labels["link"], text)
	text = _TOKEN_URL.sub(labels["link"], text)
	text = _SECRET.sub(lambda m: m.group(1) + labels["secret"], text)
	text = _replace_known(text, client.emails, labels["email"])
	text = _EMAIL.sub(labels["email"], text)
	text = _replace_known(text, client.remote_ids, labels["remote"], min_length=6)
	text = _REMOTE.sub(lambda m: m.group(1) + labels["remote"], text)
	text = _replace_known(text, client.phones, labels["phone"], min_length=6)
	text = _PHONE.sub(lambda m: labels["phone"] if _is_phone(m.group(0)) else m.group(0), text)
	text = _replace_known(text, client.installations, labels["installation"])
	text = _replace_known(text, client.customer, labels["client"])
	text = _replace_known(text, _name_parts(client.contacts), labels["contact"])
	return text


_TAG = re.compile(r"(<[^>]*>)")
_ATTRIBUTE = re.compile(r"""(\s[\w:-]+\s*=\s*)(["'])(.*?)\2""", re.DOTALL)


def scrub_html(value: str | None, client: ClientData, labels: Mapping[str, str] = LABELS) -> str:
	"""Rich text with the client's data replaced in its text and its attribute values (a link's
	address, an image's alternative text); the tags themselves are kept."""
	if not value:
		return ""
	parts = []
	for part in _TAG.split(value):
		if part.startswith("<") and part.endswith(">"):
			parts.append(
				_ATTRIBUTE.sub(
					lambda m: (
						m.group(1)
						+ m.group(2)
						+ html.escape(scrub_text(html.unescape(m.group(3)), client, labels))
						+ m.group(2)
					),
					part,
				)
			)
		else:
			parts.append(html.escape(scrub_text(html.unescape(part), client, labels), quote=False))
	return "".join(parts)
