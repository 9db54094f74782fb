"""The vendor's versions: grammar, order, sort key, and which installations a release reaches."""

import operator
import random
from itertools import pairwise

import pytest

from onyx_support.domain.errors import InvalidUpgradePathError, InvalidVersionError
from onyx_support.domain.versions import (
	SORT_KEY_LENGTH,
	Installation,
	Release,
	Suffix,
	Version,
	is_older_than_delivered,
	normalise,
	parse,
	sort_key,
	superseded,
	targets,
	upgrade_path,
)

# --- order ---------------------------------------------------------------------------------------


def test_numbers_compare_as_integers_part_by_part():
	assert parse("15.9") < parse("15.10")
	assert parse("15.10") < parse("15.10.1")
	assert parse("2.0") < parse("10.0")
	assert parse("15.10.1") > parse("15.9.99")
	assert not parse("15.10") < parse("15.9")


def test_trailing_and_leading_zeros_do_not_count():
	assert parse("15.10") == parse("15.10.0") == parse("15.10.0.0")
	assert hash(parse("15.10")) == hash(parse("15.10.0.0"))
	assert parse("15.09") == parse("15.9")
	assert parse("15.10 SP1") == parse("15.10.0 SP1")
	assert parse("15.10") <= parse("15.10.0") and parse("15.10") >= parse("15.10.0")
	assert parse("15.1") != parse("15.10")


def test_prereleases_before_the_version_hotfixes_and_service_packs_after():
	written_in_order = [
		"6.9.9 SP9",
		"7.0 alpha1",
		"7.0 alpha2",
		"7.0 beta",
		"7.0 beta1",
		"7.0 RC1",
		"7.0 RC2",
		"7.0",
		"7.0 HF1",
		"7.0 HF2",
		"7.0 SP1",
		"7.0 SP2",
		"7.0.1 alpha1",
		"7.0.1",
		"7.1",
	]
	versions = [parse(text) for text in written_in_order]
	for lower, higher in pairwise(versions):
		assert lower < higher, (str(lower), str(higher))
		assert higher > lower
	assert parse("6.1") < parse("6.1 SP1") < parse("6.1 SP2") < parse("6.2")
	assert parse("7.0 RC1") < parse("7.0")


def test_a_missing_suffix_number_counts_as_zero():
	assert parse("7.0 beta") == parse("7.0 beta0")
	assert parse("6.1 SP") > parse("6.1")


def test_versions_do_not_compare_with_strings():
	with pytest.raises(TypeError):
		operator.lt(parse("15.10"), "15.9")


# --- grammar -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"text", ["6.1 SP2", "6.1-SP2", "6.1SP2", " 6.1 sp 2 ", "6.1 - Sp-2", "6.1.0 SP2", "6.1\tSP 02"]
)
def test_spellings_of_a_service_pack(text):
	assert parse(text) == Version((6, 1), Suffix.SERVICE_PACK, 2)
	assert str(parse(text)) == "6.1 SP2"


@pytest.mark.parametrize("text", ["15.10 hotfix 2", "15.10 HF2", "15.10-hf-2", "15.10 Hotfix2"])
def test_hotfix_and_hf_are_the_same_tag(text):
	assert str(parse(text)) == "15.10 HF2"


@pytest.mark.parametrize(
	("text", "normalised"),
	[
		("7", "7.0"),
		("15.10.0.0", "15.10"),
		("15.10.1", "15.10.1"),
		("7.0 rc1", "7.0 RC1"),
		("7.0 BETA", "7.0 beta"),
		("7.0 Alpha 3", "7.0 alpha3"),
		("15.09", "15.9"),
		("0", "0.0"),
		("1.2.3.4.5.6.0", "1.2.3.4.5.6"),
	],
)
def test_normalised_form(text, normalised):
	assert str(parse(text)) == normalised
	assert normalise(text) == normalised


@pytest.mark.parametrize(
	"text",
	[
		"",
		"   ",
		"abc",
		"SP2",
		"v15.2",
		"15..2",
		".15",
		"15.",
		"-1.0",
		"15.-2",
		"+15.2",
		"15,2",
		"15.2 patch 1",
		"6.1 SP1 HF2",
		"15.2 RC1 beta",
		"6.1 SP2 3",
		"6.1 SP 2.1",
		"6.1 SP-",
		"١٥.٢",  # Arabic-Indic digits: the vendor writes its versions in ASCII
		"1.2.3.4.5.6.7",  # seven parts
		"1000000",  # a number above 999999
		"1.1000000",
		"6.1 SP1000000",
	],
)
def test_invalid_versions_are_refused_with_the_text(text):
	with pytest.raises(InvalidVersionError) as raised:
		parse(text)
	assert raised.value.text == text


def test_not_a_string_is_refused():
	with pytest.raises(InvalidVersionError) as raised:
		parse(None)
	assert raised.value.text is None


def test_the_limits_themselves_are_accepted():
	assert parse("1.2.3.4.5.6").numbers == (1, 2, 3, 4, 5, 6)
	assert parse("999999.999999").numbers == (999999, 999999)
	assert parse("6.1 SP999999").suffix_number == 999999


def test_a_version_built_directly_is_normalised_and_checked():
	assert Version((15, 10, 0)) == parse("15.10")
	assert Version((6, 1), "SP", 2) == parse("6.1 SP2")
	with pytest.raises(InvalidVersionError):
		Version((1, 2, 3, 4, 5, 6, 7))
	with pytest.raises(InvalidVersionError):
		Version((1,), None, 2)  # a suffix number without a tag
	with pytest.raises(InvalidVersionError):
		Version((1, -2))


# --- sort key ------------------------------------------------------------------------------------


def test_sort_key_examples():
	assert sort_key("6.1 SP2") == "000006.000001.000000.000000.000000.000000.6.000002"
	assert sort_key("7.0 RC1") == "000007.000000.000000.000000.000000.000000.3.000001"
	assert sort_key("15.10") == sort_key("15.10.0.0") == "000015.000010.000000.000000.000000.000000.4.000000"
	assert sort_key("1.2.3.4.5.6 alpha") == "000001.000002.000003.000004.000005.000006.1.000000"
	assert sort_key(parse("15.10 HF2")) == sort_key("15.10 hotfix 2")
	assert len(sort_key("999999.999999.999999.999999.999999.999999 SP999999")) == SORT_KEY_LENGTH


def test_sort_key_refuses_what_it_cannot_hold():
	with pytest.raises(InvalidVersionError):
		sort_key("1.2.3.4.5.6.7")
	with pytest.raises(InvalidVersionError):
		sort_key("1234567.0")


SORTED = [
	"0.9",
	"1.0 beta2",
	"1.0",
	"1.0.0.0.0.1",
	"1.2 SP1",
	"2.0",
	"6.1",
	"6.1 HF1",
	"6.1 SP1",
	"6.1 SP2",
	"6.1 SP10",
	"6.2",
	"7.0 alpha1",
	"7.0 beta1",
	"7.0 RC1",
	"7.0 RC2",
	"7.0",
	"10.0",
	"15.9",
	"15.10",
	"15.10.1",
	"100.0",
]


def test_sort_key_order_equals_version_order():
	shuffled = SORTED[:]
	random.Random(20260101).shuffle(shuffled)
	assert shuffled != SORTED
	assert sorted(shuffled, key=parse) == SORTED
	assert sorted(shuffled, key=sort_key) == SORTED
	for a in SORTED:
		assert len(sort_key(a)) == SORT_KEY_LENGTH
		for b in SORTED:
			assert (sort_key(a) < sort_key(b)) == (parse(a) < parse(b)), (a, b)
			assert (sort_key(a) == sort_key(b)) == (parse(a) == parse(b)), (a, b)


# --- targets -------------------------------------------------------------------------------------


def install(name, version, system="ERP", active=True):
	return Installation(name, system, version, active)


def test_targets_within_bounds_of_the_same_system_and_below_the_release():
	release = Release("R-15.10", "ERP", "15.10", applicable_from="15.0", applicable_to="15.9")
	installations = [
		install("below-from", "14.9"),
		install("at-from", "15.0"),
		install("middle", "15.5 SP1"),
		install("at-to", "15.9.0"),
		install("above-to", "15.9 SP1"),
		install("other-system", "15.5", system="HR"),
		install("inactive", "15.5", active=False),
		install("no-version", None),
		install("empty-version", ""),
	]
	assert targets(release, installations) == ["at-from", "middle", "at-to"]


def test_targets_without_bounds_are_every_installation_below_the_release():
	release = Release("R-15.10", "ERP", "15.10")
	installations = [
		install("old", "1.0"),
		install("prerelease", "15.10 RC2"),
		install("same", "15.10.0"),
		install("above", "15.11"),
		install("service-packed", "15.10 SP1"),
		install("just-below", "15.9.99"),
	]
	assert targets(release, installations) == ["old", "prerelease", "just-below"]


def test_only_one_bound():
	installations = [install("a", "14.0"), install("b", "15.0"), install("c", "15.5")]
	assert targets(Release("R", "ERP", "16.0", applicable_from="15.0"), installations) == ["b", "c"]
	assert targets(Release("R", "ERP", "16.0", applicable_to="15.0"), installations) == ["a", "b"]


def test_a_bad_installed_version_is_an_error_not_a_silent_skip():
	with pytest.raises(InvalidVersionError):
		targets(Release("R", "ERP", "16.0"), [install("a", "15.0"), install("b", "fifteen")])


# --- upgrade path --------------------------------------------------------------------------------


def releases(*items):
	return {r.name: r for r in items}


CHAIN = releases(
	Release("R-7.0", "ERP", "7.0"),
	Release("R-7.1", "ERP", "7.1", requires="R-7.0"),
	Release("R-7.2", "ERP", "7.2", requires="R-7.1"),
	Release("R-7.2 HF1", "ERP", "7.2 HF1"),
)


def test_a_two_step_requirement_is_delivered_oldest_first():
	assert upgrade_path("R-7.2", CHAIN, None) == ["R-7.0", "R-7.1", "R-7.2"]
	assert upgrade_path("R-7.2", CHAIN, "6.5") == ["R-7.0", "R-7.1", "R-7.2"]


def test_steps_the_installation_already_has_are_skipped():
	assert upgrade_path("R-7.2", CHAIN, "7.0") == ["R-7.1", "R-7.2"]
	assert upgrade_path("R-7.2", CHAIN, "7.0 SP3") == ["R-7.1", "R-7.2"]
	assert upgrade_path("R-7.2", CHAIN, "7.1.0") == ["R-7.2"]
	assert upgrade_path("R-7.2", CHAIN, "7.2") == []


def test_a_release_without_requirement_is_its_own_path():
	assert upgrade_path("R-7.2 HF1", CHAIN, "7.2") == ["R-7.2 HF1"]
	assert upgrade_path("R-7.0", CHAIN, "6.0") == ["R-7.0"]


def broken(call):
	with pytest.raises(InvalidUpgradePathError) as raised:
		call()
	return raised.value.problem, raised.value.release, raised.value.required


def test_a_cycle_in_requires_is_refused_whatever_is_installed():
	cycle = releases(
		Release("A", "ERP", "7.2", requires="B"),
		Release("B", "ERP", "7.1", requires="C"),
		Release("C", "ERP", "7.0", requires="A"),
	)
	assert broken(lambda: upgrade_path("A", cycle, None)) == ("cycle", "C", "A")
	assert broken(lambda: upgrade_path("A", cycle, "9.0")) == ("cycle", "C", "A")
	itself = releases(Release("A", "ERP", "7.2", requires="A"))
	assert broken(lambda: upgrade_path("A", itself, None)) == ("cycle", "A", "A")


def test_other_broken_chains():
	unknown = releases(Release("A", "ERP", "7.2", requires="Z"))
	assert broken(lambda: upgrade_path("A", unknown, None)) == ("unknown_release", "A", "Z")
	assert broken(lambda: upgrade_path("Z", unknown, None)) == ("unknown_release", "Z", "Z")
	other = releases(Release("A", "ERP", "7.2", requires="B"), Release("B", "HR", "7.1"))
	assert broken(lambda: upgrade_path("A", other, None)) == ("other_system", "A", "B")
	newer = releases(Release("A", "ERP", "7.2", requires="B"), Release("B", "ERP", "7.2.0"))
	assert broken(lambda: upgrade_path("A", newer, None)) == ("required_not_older", "A", "B")


# --- delivered, superseded -----------------------------------------------------------------------


def test_an_update_older_than_a_delivered_version():
	assert is_older_than_delivered("15.9", ["15.2", "15.10"])
	assert is_older_than_delivered("15.10 RC1", ["15.10"])
	assert not is_older_than_delivered("15.10", ["15.10.0", "15.2"])
	assert not is_older_than_delivered("15.10 SP1", ["15.10"])
	assert not is_older_than_delivered("15.10", [])


def test_superseded_by_a_newer_release_of_the_same_system():
	old = Release("R1", "ERP", "15.9")
	assert superseded(old, Release("R2", "ERP", "15.10"))
	assert superseded(old, Release("R2", "ERP", "15.9 HF1"))
	assert not superseded(old, Release("R2", "ERP", "15.9.0"))
	assert not superseded(old, Release("R2", "ERP", "15.8"))
	assert not superseded(old, Release("R2", "HR", "16.0"))
