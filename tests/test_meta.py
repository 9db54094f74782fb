"""Checks on the app's structure that need no site: hooks, patches, DocType JSON, the domain's purity."""

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "onyx_support"
UPSTREAM = [
	line.split("\t")
	for line in (ROOT / "tests" / "data" / "upstream_doctypes.tsv").read_text().splitlines()
	if line and not line.startswith("#")
]
UPSTREAM_NAMES = {name for _app, name in UPSTREAM}


def scrub(name: str) -> str:
	return name.strip().lower().replace(" ", "_").replace("-", "_")


def module_names() -> list[str]:
	return [line.strip() for line in (APP / "modules.txt").read_text().splitlines() if line.strip()]


def doctype_files() -> list[Path]:
	return sorted(p for p in APP.glob("*/doctype/*/*.json") if p.stem == p.parent.name)


def app_doctypes() -> dict[str, dict]:
	return {json.loads(p.read_text())["name"]: json.loads(p.read_text()) for p in doctype_files()}


def defined_functions(module_path: str) -> set[str]:
	"""Top-level function and class names of an app module, read without importing it."""
	parts = module_path.split(".")
	candidates = [ROOT.joinpath(*parts).with_suffix(".py"), ROOT.joinpath(*parts, "__init__.py")]
	source = next((c for c in candidates if c.exists()), None)
	if source is None:
		return set()
	tree = ast.parse(source.read_text())
	return {
		node.name
		for node in tree.body
		if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
	} | {
		target.id
		for node in tree.body
		if isinstance(node, ast.Assign)
		for target in node.targets
		if isinstance(target, ast.Name)
	}


def dotted_paths_in_hooks() -> list[str]:
	tree = ast.parse((APP / "hooks.py").read_text())
	paths = []
	for node in ast.walk(tree):
		if isinstance(node, ast.Constant) and isinstance(node.value, str):
			if re.fullmatch(r"onyx_support(\.\w+)+", node.value):
				paths.append(node.value)
	return paths


def test_hooks_has_no_imports():
	tree = ast.parse((APP / "hooks.py").read_text())
	assert not [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]


def test_hooks_require_erpnext():
	namespace: dict = {}
	exec((APP / "hooks.py").read_text(), namespace)
	assert namespace["required_apps"] == ["frappe/erpnext"]
	assert namespace["export_python_type_annotations"] is True


@pytest.mark.parametrize("dotted", dotted_paths_in_hooks())
def test_every_dotted_path_in_hooks_resolves(dotted):
	module, _, attribute = dotted.rpartition(".")
	assert attribute in defined_functions(module), f"{dotted} does not resolve"


def test_there_are_hook_paths_to_check():
	assert len(dotted_paths_in_hooks()) >= 5


def patch_lines() -> list[str]:
	return [
		line.strip()
		for line in (APP / "patches.txt").read_text().splitlines()
		if line.strip() and not line.strip().startswith(("#", "["))
	]


def test_patches_have_both_sections():
	text = (APP / "patches.txt").read_text()
	assert "[pre_model_sync]" in text and "[post_model_sync]" in text


@pytest.mark.parametrize("patch", patch_lines())
def test_every_patch_has_an_execute(patch):
	assert "execute" in defined_functions(patch.split()[0]), patch


def test_modules_have_packages():
	for module in module_names():
		package = APP / scrub(module)
		assert (package / "__init__.py").exists(), module


@pytest.mark.parametrize("path", doctype_files(), ids=lambda p: p.parent.name)
def test_doctype_json_is_well_formed(path):
	doc = json.loads(path.read_text())
	assert doc["doctype"] == "DocType"
	assert scrub(doc["name"]) == path.parent.name
	assert doc["module"] in module_names()
	assert path.parents[2].name == scrub(doc["module"]), "DocType sits in its module's folder"
	fieldnames = [f["fieldname"] for f in doc["fields"]]
	assert len(fieldnames) == len(set(fieldnames)), "duplicate fieldnames"
	assert doc.get("field_order", fieldnames) == fieldnames
	assert (path.parent / "__init__.py").exists()
	assert (path.parent / f"{path.parent.name}.py").exists()
	if not doc.get("istable"):
		assert doc["permissions"], "a DocType people use needs permissions"


@pytest.mark.parametrize("path", doctype_files(), ids=lambda p: p.parent.name)
def test_link_and_table_targets_exist(path):
	doc = json.loads(path.read_text())
	known = UPSTREAM_NAMES | set(app_doctypes())
	for field in doc["fields"]:
		if field["fieldtype"] in ("Link", "Table", "Table MultiSelect"):
			assert field.get("options") in known, f"{field['fieldname']} -> {field.get('options')}"
		if field["fieldtype"] in ("Table", "Table MultiSelect"):
			assert app_doctypes()[field["options"]].get("istable"), field["fieldname"]


@pytest.mark.parametrize("name", sorted(app_doctypes()))
def test_doctype_names_collide_with_nothing_upstream(name):
	assert scrub(name) not in {scrub(n) for n in UPSTREAM_NAMES}


def test_domain_imports_no_frappe():
	offenders = []
	for source in (APP / "domain").rglob("*.py"):
		tree = ast.parse(source.read_text())
		for node in ast.walk(tree):
			names = []
			if isinstance(node, ast.Import):
				names = [alias.name for alias in node.names]
			elif isinstance(node, ast.ImportFrom):
				names = [node.module or ""]
			if any(name == "frappe" or name.startswith("frappe.") for name in names):
				offenders.append(str(source.relative_to(ROOT)))
	assert not offenders


def test_no_commit_in_app_code():
	# Tests, and the bench commands that serve the site to other connections (benchmarks/rest_*,
	# portal_pages), commit what those connections must read; the app itself never does.
	offenders = [
		str(p.relative_to(ROOT))
		for p in APP.rglob("*.py")
		if "frappe.db.commit()" in p.read_text()
		and "tests" not in p.parts
		and "benchmarks" not in p.parts
		and not p.name.startswith("test_")
	]
	assert not offenders


def test_translations_ship_for_french_and_arabic():
	for lang in ("fr", "ar"):
		assert (APP / "translations" / f"{lang}.csv").exists(), lang


def test_workflow_fixture_matches_the_domain_table():
	from onyx_support.domain.request_flow import WORKFLOW_NAME, State, workflow_rows

	fixture = json.loads((APP / "fixtures" / "workflow.json").read_text())
	(workflow,) = [doc for doc in fixture if doc["name"] == WORKFLOW_NAME]
	assert workflow["document_type"] == "Support Request"
	assert workflow["workflow_state_field"] == "status"
	assert [s["state"] for s in workflow["states"]] == [s.value for s in State]
	shipped = sorted(
		(t["state"], t["action"], t["next_state"], t["allowed"], t.get("condition"))
		for t in workflow["transitions"]
	)
	assert shipped == sorted(workflow_rows())


def test_status_options_match_the_domain_states():
	from onyx_support.domain.request_flow import State

	request = app_doctypes()["Support Request"]
	(status,) = [f for f in request["fields"] if f["fieldname"] == "status"]
	assert status["options"].split("\n") == [s.value for s in State]


def test_fixtures_are_filtered_by_name():
	namespace: dict = {}
	exec((APP / "hooks.py").read_text(), namespace)
	for fixture in namespace["fixtures"]:
		assert isinstance(fixture, dict) and fixture.get("filters"), fixture
