"""Structure the issue asks for: the import direction, configurable age bands, the admin."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from aftercare.models import AgeBand

APP = Path(__file__).resolve().parents[2] / "aftercare"


def test_aftercare_imports_only_governance_and_config():
    offending = []
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offending += [f"{path.name}: {n}" for n in names if n.split(".")[0] in {"projects", "funding"}]
    assert offending == []


@pytest.mark.django_db
def test_a_new_age_band_appears_on_the_form(client, varha_manager, varha, open_period):
    """The upper age limit is data: when the law raises it, the administrator adds a band."""
    AgeBand.objects.create(lower=26, upper=29)
    client.force_login(varha_manager)
    html = client.get(reverse("aftercare:entry", args=[varha.slug, open_period.pk])).content.decode()
    assert "Ikä 26–29" in html


@pytest.mark.django_db
def test_the_admin_pages_of_the_app_open(client, administrator, q4_report):
    client.force_login(administrator)
    for name in ("areareport", "reportingperiod", "caseloadnorm", "ageband"):
        assert client.get(reverse(f"admin:aftercare_{name}_changelist")).status_code == 200, name
    assert client.get(reverse("admin:aftercare_areareport_change", args=[q4_report.pk])).status_code == 200
