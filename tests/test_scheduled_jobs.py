"""Every scheduled job of the app runs through services/jobs.py: one run at a time, each row on
its own (checked without a site, so a new job cannot forget it)."""

import ast

from test_meta import APP, ROOT


def scheduled_paths() -> list[str]:
	tree = ast.parse((APP / "hooks.py").read_text())
	for node in tree.body:
		if isinstance(node, ast.Assign) and node.targets[0].id == "scheduler_events":
			return [
				c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant) and "." in str(c.value)
			]
	return []


def decorators_of(path: str) -> list[str]:
	module, name = path.rsplit(".", 1)
	source = ROOT.joinpath(*module.split(".")).with_suffix(".py").read_text()
	for node in ast.parse(source).body:
		if isinstance(node, ast.FunctionDef) and node.name == name:
			return [ast.unparse(d) for d in node.decorator_list]
	raise AssertionError(f"{path} not found")


def test_there_are_jobs():
	assert "onyx_support.services.sla.sweep" in scheduled_paths()


def test_every_job_holds_its_lock():
	for path in scheduled_paths():
		assert any(d.startswith("scheduled_job(") for d in decorators_of(path)), path


def test_every_job_treats_rows_one_by_one():
	for path in scheduled_paths():
		module, name = path.rsplit(".", 1)
		source = ROOT.joinpath(*module.split(".")).with_suffix(".py").read_text()
		function = next(
			n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == name
		)
		assert "each_row(" in ast.unparse(function), path
