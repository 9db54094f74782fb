"""Text that came from outside (portal, REST, e-mail): control characters removed.

NUL, ESC and the other C0 controls have no business in a subject or a name: they break exports,
terminals and mail headers, and can hide text. Line breaks and tabs stay in bodies of text;
single-line values get a space for them.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"[\t\r\n]+")


def without_controls(value: str | None, multiline: bool = False) -> str | None:
	"""The value without C0 controls (and DEL); a single-line value also loses its line breaks."""
	if value is None or not isinstance(value, str):
		return value
	value = _CONTROLS.sub("", value)
	if not multiline:
		value = _LINE_BREAKS.sub(" ", value)
	return value
