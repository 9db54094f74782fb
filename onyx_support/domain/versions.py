"""The vendor's software versions: how they are written, how they sort, and which installations a
release reaches.

Grammar (case-insensitive, surrounding whitespace ignored, ASCII digits only):

	version  = numbers [ separator suffix ]
	numbers  = digits { "." digits }                    15   15.10   15.10.1
	suffix   = tag [ [ " " | "-" ] digits ]             SP2   RC 1   hotfix-2   beta
	tag      = "alpha" | "beta" | "RC" | "HF" | "hotfix" | "SP"
	separator = whitespace, "-" (spaces around it allowed) or nothing: "6.1 SP2" "6.1-SP2" "6.1SP2"

One suffix at most ("6.1 SP1 HF2" is refused): the vendor's numbering does not stack them, and a
second level would have to be ordered against the first with no example to go by.

Order: numbers compare part by part as integers (15.9 < 15.10) and trailing zeros do not count
(15.10 == 15.10.0 == 15.10.0.0; leading zeros neither: 15.09 == 15.9). At equal numbers the
suffix decides: alpha < beta < RC < the plain version < HF < SP, then the suffix's number (a
missing number counts as 0: "7.0 beta" == "7.0 beta0" < "7.0 beta1"). Pre-releases come before the
version they lead to (7.0 RC1 < 7.0); hotfixes and service packs come after it (6.1 < 6.1 SP1 <
6.1 SP2 < 6.2). Hotfixes sort before service packs because a service pack rolls up the hotfixes
published before it.

Limits, the same for `parse` and `sort_key` so that every version that parses can be stored with
its key: at most MAX_PARTS numbers once trailing zeros are dropped, and no number (suffix number
included) above MAX_NUMBER.

Pure Python on plain values: the Frappe glue reads Releases and Installations into the dataclasses
below, stores `sort_key` in a column to sort and filter in SQL, and maps the errors to messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from onyx_support.domain.errors import InvalidUpgradePathError, InvalidVersionError

MAX_PARTS = 6
MAX_NUMBER = 999_999
_WIDTH = len(str(MAX_NUMBER))


class Suffix(str, Enum):
	"""The known tags; the value is how `str(Version)` writes them."""

	ALPHA = "alpha"
	BETA = "beta"
	RC = "RC"
	HOTFIX = "HF"
	SERVICE_PACK = "SP"


# Position against the plain version (0): negative before it, positive after it.
_RANK: dict[Suffix | None, int] = {
	Suffix.ALPHA: -3,
	Suffix.BETA: -2,
	Suffix.RC: -1,
	None: 0,
	Suffix.HOTFIX: 1,
	Suffix.SERVICE_PACK: 2,
}
# The sort key's one-digit rank: the same order, shifted to 1..6 so it is never negative.
_KEY_RANK = {suffix: str(rank + 4) for suffix, rank in _RANK.items()}

_TAGS = {
	"alpha": Suffix.ALPHA,
	"beta": Suffix.BETA,
	"rc": Suffix.RC,
	"hf": Suffix.HOTFIX,
	"hotfix": Suffix.HOTFIX,
	"sp": Suffix.SERVICE_PACK,
}

_GRAMMAR = re.compile(
	r"(?P<numbers>\d+(?:\.\d+)*)"
	r"(?:(?:\s*-\s*|\s*)(?P<tag>alpha|beta|rc|hotfix|hf|sp)(?:(?:\s*-\s*|\s*)(?P<number>\d+))?)?",
	re.IGNORECASE | re.ASCII,
)


@dataclass(frozen=True)
class Version:
	"""A parsed version. Trailing zeros are dropped on construction, so the generated equality and
	hash agree with the order (Version((15, 10, 0)) == Version((15, 10)))."""

	numbers: tuple[int, ...]
	suffix: Suffix | None = None
	suffix_number: int = 0

	def __post_init__(self):
		numbers = tuple(self.numbers)
		while numbers and numbers[-1] == 0:
			numbers = numbers[:-1]
		object.__setattr__(self, "numbers", numbers)
		if self.suffix is not None:
			object.__setattr__(self, "suffix", Suffix(self.suffix))
		if not _within_limits(numbers, self.suffix_number) or (self.suffix is None and self.suffix_number):
			raise InvalidVersionError(self.numbers)

	@property
	def key(self) -> tuple[tuple[int, ...], int, int]:
		# Tuples compare as the versions do: with trailing zeros gone, a shorter tuple that is a
		# prefix of a longer one is the smaller version (15.10 < 15.10.1).
		return (self.numbers, _RANK[self.suffix], self.suffix_number)

	def __lt__(self, other: Version) -> bool:
		return self.key < other.key if isinstance(other, Version) else NotImplemented

	def __le__(self, other: Version) -> bool:
		return self.key <= other.key if isinstance(other, Version) else NotImplemented

	def __gt__(self, other: Version) -> bool:
		return self.key > other.key if isinstance(other, Version) else NotImplemented

	def __ge__(self, other: Version) -> bool:
		return self.key >= other.key if isinstance(other, Version) else NotImplemented

	def __str__(self) -> str:
		"""The normalised form: at least two numbers ("7" -> "7.0"), trailing zeros beyond them
		dropped, one space, the tag as in `Suffix`, its number when not 0: "6.1 SP2", "7.0 RC1"."""
		numbers = self.numbers + (0,) * (2 - len(self.numbers))
		text = ".".join(str(n) for n in numbers)
		if self.suffix is not None:
			text += f" {self.suffix.value}" + (str(self.suffix_number) if self.suffix_number else "")
		return text


def _within_limits(numbers: tuple[int, ...], suffix_number: int) -> bool:
	return (
		len(numbers) <= MAX_PARTS
		and all(0 <= n <= MAX_NUMBER for n in numbers)
		and 0 <= suffix_number <= MAX_NUMBER
	)


def parse(text: str | Version) -> Version:
	"""The version written in `text`, or InvalidVersionError(text): empty, no leading number
	("SP2", "v15.2"), an empty or signed part ("15..2", "-1.0", "15.-2"), an unknown tag
	("15.2 patch 1"), two suffixes, or beyond the limits. A Version is returned as it is."""
	if isinstance(text, Version):
		return text
	match = _GRAMMAR.fullmatch(text.strip()) if isinstance(text, str) else None
	if match is None:
		raise InvalidVersionError(text)
	numbers = tuple(int(part) for part in match["numbers"].split("."))
	tag = match["tag"]
	suffix_number = int(match["number"]) if match["number"] else 0
	try:  # Version drops the trailing zeros and checks the limits
		return Version(numbers, _TAGS[tag.lower()] if tag else None, suffix_number)
	except InvalidVersionError:
		raise InvalidVersionError(text) from None


def parse_or_none(text: str | None) -> Version | None:
	"""The version written in `text`, or None when there is none or the grammar does not read it
	(an installation's free-text version)."""
	try:
		return parse(text) if text else None
	except InvalidVersionError:
		return None


def runs_at_least(installed: str | None, release_version: str) -> bool:
	"""Whether an installation's version is the release's or newer (a version the grammar does
	not read counts as not)."""
	found, target = parse_or_none(installed), parse_or_none(release_version)
	return found is not None and target is not None and found >= target


def normalise(text: str) -> str:
	"""The version as `str(Version)` writes it, for storing what users type in one form."""
	return str(parse(text))


SORT_KEY_LENGTH = MAX_PARTS * (_WIDTH + 1) + 2 + _WIDTH


def sort_key(text: str | Version) -> str:
	"""A string of SORT_KEY_LENGTH characters whose lexicographic order is the version order, for a
	SQL column (ORDER BY, and <, >= filters against another key).

	MAX_PARTS numbers zero-padded to six digits (missing parts are zeros), a one-digit suffix rank
	(1 alpha, 2 beta, 3 RC, 4 none, 5 HF, 6 SP) and the suffix's number padded to six digits, joined
	by dots: "6.1 SP2" -> "000006.000001.000000.000000.000000.000000.6.000002". Equal versions get
	equal keys ("15.10" and "15.10.0"). Only ASCII digits and dots, so any collation sorts it alike.
	Beyond the limits (a seventh non-zero part, a number above 999999) `parse` already refuses the
	version with InvalidVersionError.
	"""
	version = parse(text)
	numbers = version.numbers + (0,) * (MAX_PARTS - len(version.numbers))
	parts = [f"{n:0{_WIDTH}d}" for n in numbers]
	parts += [_KEY_RANK[version.suffix], f"{version.suffix_number:0{_WIDTH}d}"]
	return ".".join(parts)


# --- releases and installations ------------------------------------------------------------------


@dataclass(frozen=True)
class Release:
	"""A release of a system's software. `applicable_from` / `applicable_to`: the lowest / highest
	installed version it applies to (inclusive), None for no bound. `requires`: the name of a
	release that must be delivered before this one."""

	name: str
	system: str
	version: str
	applicable_from: str | None = None
	applicable_to: str | None = None
	requires: str | None = None
	kind: str = "Update"


@dataclass(frozen=True)
class Installation:
	name: str
	system: str
	version: str | None
	active: bool = True


def targets(release: Release, installations: Iterable[Installation]) -> list[str]:
	"""The names of the installations `release` is for, in the order given: of its system, active,
	with a version that is within the release's bounds and strictly below the release's own version
	(an installation already at it or beyond has nothing to receive).

	An installation's version that does not parse raises InvalidVersionError rather than being
	skipped: skipping would silently leave a client without the release. The glue validates
	versions on save, so this only catches data written around it.
	"""
	version = parse(release.version)
	lowest = parse(release.applicable_from) if release.applicable_from else None
	highest = parse(release.applicable_to) if release.applicable_to else None
	names = []
	for installation in installations:
		if installation.system != release.system or not installation.active or not installation.version:
			continue
		installed = parse(installation.version)
		if lowest is not None and installed < lowest:
			continue
		if highest is not None and installed > highest:
			continue
		if installed < version:
			names.append(installation.name)
	return names


def upgrade_path(
	release_name: str, releases_by_name: Mapping[str, Release], installed_version: str | None
) -> list[str]:
	"""The releases to deliver, oldest first, so that an installation at `installed_version` (None:
	unknown, it has none of them) ends with `release_name`: the chain of `requires` followed back
	from it, without the releases the installation already has (installed >= their version). Empty
	when the installation already has the release itself.

	The whole chain is checked whatever the installation's version, so a broken chain fails for
	every installation alike, with InvalidUpgradePathError naming the release whose `requires` is
	wrong: "cycle" (the chain comes back to a release in it), "unknown_release" (no such release),
	"other_system", "required_not_older" (a required release must have a strictly lower version,
	or "oldest first" would not be the order to deliver them in).
	"""
	if release_name not in releases_by_name:
		raise InvalidUpgradePathError("unknown_release", release_name, release_name)
	chain = [releases_by_name[release_name]]
	seen = {release_name}
	while chain[-1].requires:
		current = chain[-1]
		required_name = current.requires
		if required_name in seen:
			raise InvalidUpgradePathError("cycle", current.name, required_name)
		required = releases_by_name.get(required_name)
		if required is None:
			raise InvalidUpgradePathError("unknown_release", current.name, required_name)
		if required.system != current.system:
			raise InvalidUpgradePathError("other_system", current.name, required_name)
		if parse(required.version) >= parse(current.version):
			raise InvalidUpgradePathError("required_not_older", current.name, required_name)
		seen.add(required_name)
		chain.append(required)
	installed = parse(installed_version) if installed_version else None
	return [
		release.name for release in reversed(chain) if installed is None or installed < parse(release.version)
	]


def is_older_than_delivered(release_version: str, delivered_versions: Iterable[str]) -> bool:
	"""Whether `release_version` is below one of the versions already delivered to installations:
	the glue refuses such an Update, which would take those clients backwards. Equal is not older
	(the same version again is a redelivery, not a downgrade)."""
	version = parse(release_version)
	return any(version < parse(delivered) for delivered in delivered_versions)


def superseded(older_release: Release, newer_release: Release) -> bool:
	"""Whether `newer_release` replaces `older_release`: the same system and a strictly higher
	version (a release does not supersede itself, nor one of the same version)."""
	return older_release.system == newer_release.system and parse(newer_release.version) > parse(
		older_release.version
	)
