"""Nothing the app adds is left without an access rule (no site needed): every DocType and child
table in domain/access.py, every whitelisted method named with its door, clients without DocPerms."""

import ast
import json

import pytest
from test_meta import APP, app_doctypes

from onyx_support.domain.access import ACCESS, PARENT_OF, WHITELISTED


def test_every_doctype_of_the_app_has_a_rule():
	missing = sorted(set(app_doctypes()) - set(ACCESS) - set(PARENT_OF))
	assert missing == [], f"DocTypes without an access rule in domain/access.py: {missing}"


def test_the_table_names_only_existing_doctypes():
	assert sorted((set(ACCESS) | set(PARENT_OF)) - set(app_doctypes())) == []


@pytest.mark.parametrize("name", sorted(app_doctypes()))
def test_child_tables_are_listed_under_their_parent(name):
	doc = app_doctypes()[name]
	if doc.get("istable"):
		assert name in PARENT_OF, name
		return
	tables = {f["options"] for f in doc["fields"] if f["fieldtype"] in ("Table", "Table MultiSelect")}
	assert tables == set(ACCESS[name].children), name


@pytest.mark.parametrize("name", sorted(app_doctypes()))
def test_clients_hold_no_docperm(name):
	"""The portal is the client's only door: no DocPerm opens Frappe's generic ones to it."""
	roles = {perm["role"] for perm in app_doctypes()[name].get("permissions", [])}
	assert "Support Client" not in roles


@pytest.mark.parametrize("name", sorted(app_doctypes()))
def test_only_administrators_share(name):
	"""A share adds rows to a user's lists whatever the office rule says."""
	for perm in app_doctypes()[name].get("permissions", []):
		if perm.get("share"):
			assert perm["role"] in ("System Manager", "Support Administrator"), (name, perm["role"])


def whitelisted_methods() -> set[str]:
	found = set()
	for path in APP.rglob("*.py"):
		tree = ast.parse(path.read_text())
		module = ".".join(path.relative_to(APP.parent).with_suffix("").parts)
		for node in tree.body:
			if isinstance(node, ast.FunctionDef) and any(
				"whitelist" in ast.unparse(decorator) for decorator in node.decorator_list
			):
				found.add(f"{module}.{node.name}")
	return found


def test_every_whitelisted_method_has_a_door():
	assert sorted(whitelisted_methods() - set(WHITELISTED)) == []
	assert sorted(set(WHITELISTED) - whitelisted_methods()) == []


# what a portal method may answer to GET: downloads and reads that change nothing
GET_READS = ("download_file", "visit_pdf", "article_brochure", "article_image", "my_requests")


def test_portal_writes_are_post_only():
	source = (APP / "api" / "portal.py").read_text()
	tree = ast.parse(source)
	for node in tree.body:
		if isinstance(node, ast.FunctionDef) and node.name not in GET_READS:
			decorators = [ast.unparse(d) for d in node.decorator_list]
			if any("whitelist" in d for d in decorators):
				assert any("methods=['POST']" in d for d in decorators), node.name


def test_hooks_answer_for_every_doctype():
	hooks = (APP / "hooks.py").read_text()
	assert '"*": "onyx_support.permissions.visibility.query_conditions"' in hooks
	assert '"*": "onyx_support.permissions.visibility.has_permission"' in hooks
	assert json.dumps("onyx_support.permissions.guards.check_guarded_fields") in hooks


def test_every_whitelisted_method_checks_its_arguments():
	"""A missing argument is a translated 4xx, not Python's TypeError as a 500."""
	for path in APP.rglob("*.py"):
		for node in ast.parse(path.read_text()).body:
			if isinstance(node, ast.FunctionDef):
				decorators = [ast.unparse(d) for d in node.decorator_list]
				if any("whitelist" in d for d in decorators):
					assert "checked_arguments" in decorators, f"{path.name}:{node.name}"


@pytest.mark.parametrize("name", sorted(PARENT_OF))
def test_child_rows_are_checked_against_their_parent(name):
	"""Frappe checks a child row loaded by name against its parent DocType only: the app's child
	controllers ask the parent document (permissions/rows.py)."""
	folder = next(
		p.parent for p in APP.glob("*/doctype/*/*.json") if json.loads(p.read_text())["name"] == name
	)
	source = (folder / f"{folder.name}.py").read_text()
	assert "(ChildRowOfParent):" in source, name
