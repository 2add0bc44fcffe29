"""Imports run one way: aftercare and funding → projects → governance → notices → config, never back up.

Every Python module of every app (and of ``config``) is read, imports inside functions included;
templates are read for the URL namespaces and template folders they name. What an app may name is
what it may import: itself and the apps below it.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Each app and the apps it may import (besides itself).
ALLOWED = {
    "config": set(),
    "notices": {"config"},
    "governance": {"notices", "config"},
    "projects": {"governance", "notices", "config"},
    "funding": {"projects", "governance", "notices", "config"},
    "aftercare": {"governance", "notices", "config"},
    # Top layers (issue 15): they read the apps below them; nothing imports them, nor they each other.
    "search": {"projects", "governance", "notices", "config"},
    "api": {"aftercare", "funding", "projects", "governance", "notices", "config"},
    "opendata": {"aftercare", "governance", "notices", "config"},
}
APPS = set(ALLOWED)
# The portal's own templates (base, front page, PDF base) belong to config.
TEMPLATE_DIRS = {app: [ROOT / app / "templates"] for app in APPS} | {"config": [ROOT / "templates"]}

URL_NAMESPACE = re.compile(r"""\{%\s*url\s+['"](\w+):""")
TEMPLATE_FOLDER = re.compile(r"""\{%\s*(?:include|extends)\s+['"](\w+)/""")


def imported_modules(source: str) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
    return modules


def upward_imports(app: str, folder: Path) -> dict[str, set[str]]:
    """Module → the portal apps it imports that ``app`` may not."""
    forbidden = APPS - ALLOWED[app] - {app}
    found = {}
    for path in sorted(folder.rglob("*.py")):
        wrong = imported_modules(path.read_text(encoding="utf-8")) & forbidden
        if wrong:
            found[str(path.relative_to(folder.parent))] = wrong
    return found


def upward_template_names(app: str, folders: list[Path]) -> dict[str, set[str]]:
    """Template → the apps whose URL names or templates it names although ``app`` may not."""
    forbidden = APPS - ALLOWED[app] - {app} - {"config"}
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            wrong = (set(URL_NAMESPACE.findall(text)) | set(TEMPLATE_FOLDER.findall(text))) & forbidden
            if wrong:
                found[str(path.relative_to(folder))] = wrong
    return found


@pytest.mark.parametrize("app", sorted(APPS))
def test_no_upward_imports(app):
    assert upward_imports(app, ROOT / app) == {}


@pytest.mark.parametrize("app", sorted(APPS))
def test_templates_name_no_app_above(app):
    assert upward_template_names(app, TEMPLATE_DIRS[app]) == {}


def test_an_upward_import_is_caught(tmp_path):
    """The check itself: a projects module importing funding, even inside a function, fails it."""
    app = tmp_path / "projects"
    app.mkdir()
    (app / "views.py").write_text("def view():\n    from funding.selectors import project_finances\n")
    (app / "models.py").write_text("import governance.models\nfrom config.models import PortalModel\n")
    assert upward_imports("projects", app) == {"projects/views.py": {"funding"}}
    config = tmp_path / "config"
    config.mkdir()
    (config / "views.py").write_text("from governance.permissions import is_coordinator\n")
    assert upward_imports("config", config) == {"config/views.py": {"governance"}}


def test_an_upward_template_reference_is_caught(tmp_path):
    (tmp_path / "header.html").write_text(
        "{% url 'projects:detail' project.pk %}{% url 'funding:budget' project.pk %}"
        '{% include "funding/partials/cost_table.html" %}'
    )
    (tmp_path / "home.html").write_text("{% url 'projects:list' %}{% url 'admin:index' %}")
    assert upward_template_names("projects", [tmp_path]) == {"header.html": {"funding"}}
    assert upward_template_names("config", [tmp_path]) == {
        "header.html": {"projects", "funding"},
        "home.html": {"projects"},
    }
