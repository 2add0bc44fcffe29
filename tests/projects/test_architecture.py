"""Imports run one way: funding → projects → governance, never back up."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(app: str) -> set[str]:
    modules = set()
    for path in (ROOT / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                modules.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
    return modules


@pytest.mark.parametrize(
    ("app", "forbidden"), [("projects", {"funding", "aftercare"}), ("funding", {"aftercare"})]
)
def test_no_upward_imports(app, forbidden):
    assert not imported_modules(app) & forbidden
