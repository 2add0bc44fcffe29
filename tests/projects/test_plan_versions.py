"""Frozen plan versions: submitting the plan freezes its tables and its PDF; a version never changes
when the project does; any two versions (or a version and the plan now) compare side by side; the
version's PDF reaches only those who may see the project."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse

from funding.models import CostLine
from projects import services, versions
from projects.models import PlanVersion, Project
from tests.conftest import pdf_text
from tests.funding.factories import CostLineFactory, FinancingLineFactory
from tests.projects.factories import StaffResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def submitted(project, coordinator):
    """The project with costs and financing, submitted by the coordinator: version 1 frozen."""
    main = project.main_implementer
    CostLineFactory(implementer=main, category="salaries", year=2021, amount=Decimal("100000.00"))
    CostLineFactory(implementer=main, category="travel", year=2021, amount=Decimal("5000.00"))
    FinancingLineFactory(implementer=main, kind="eu_state", amount=Decimal("84000.00"))
    StaffResourceFactory(implementer=main, role_title="Projektipäällikkö")
    services.project_change_status(project=project, status=Project.Status.SUBMITTED, user=coordinator)
    return project


def _rows(tables, key):
    return {row["key"]: row["cells"] for row in next(t for t in tables if t["key"] == key)["rows"]}


def test_submitting_freezes_the_whole_plan_with_who(submitted, coordinator):
    version = submitted.plan_versions.get()
    assert (version.number, version.reason, version.frozen_by) == (1, "submitted", coordinator)
    keys = [t["key"] for t in version.data["tables"]]
    main = submitted.main_implementer.organisation_id
    for key in (
        "basic",
        "implementers",
        "work_packages",
        "staff",
        f"costs-organisation-{main}",
        f"financing-organisation-{main}",
        "regional-split",
        "area",
        "indicators",
        "participants",
    ):
        assert key in keys, key
    costs = _rows(version.data["tables"], f"costs-organisation-{main}")
    assert costs["travel"][-1] == "5\xa0000,00\xa0€"
    assert version.pdf.read().startswith(b"%PDF-")


def test_a_version_stays_as_it_was_while_the_project_changes(client, submitted, coordinator, tmp_path):
    version = submitted.plan_versions.get()
    data_before = version.data
    client.force_login(coordinator)
    url = reverse("projects:version_pdf", args=[submitted.pk, 1])
    text_before = pdf_text(b"".join(client.get(url).streaming_content), tmp_path)
    assert "5 000,00 €" in text_before and "Hankesuunnitelman versio 1" in text_before

    CostLine.objects.filter(category="travel").update(amount=Decimal("7250.00"))
    CostLineFactory(implementer=submitted.main_implementer, category="other", year=2021, amount=Decimal("10"))

    version = PlanVersion.objects.get(pk=version.pk)
    assert version.data == data_before
    assert pdf_text(b"".join(client.get(url).streaming_content), tmp_path) == text_before
    page = client.get(reverse("projects:version_compare", args=[submitted.pk]), {"old": 1, "new": "current"})
    body = page.content.decode().replace("\xa0", " ")
    assert '<del><span class="visually-hidden">ennen: </span>5 000,00 €</del>' in body
    assert '<ins><span class="visually-hidden">jälkeen: </span>7 250,00 €</ins>' in body
    assert "muuttunut" in body and "lisätty" in body


def test_a_version_is_never_saved_again(submitted):
    version = submitted.plan_versions.get()
    with pytest.raises(ValidationError):
        version.save()


def test_a_change_application_freezes_the_next_version_and_two_versions_compare(
    client, submitted, coordinator
):
    for status in (Project.Status.APPROVED, Project.Status.RUNNING):
        services.project_change_status(project=submitted, status=status, user=coordinator)
    CostLine.objects.filter(category="travel").delete()
    client.force_login(coordinator)
    response = client.post(reverse("projects:change_application", args=[submitted.pk]))
    assert response.status_code == 302
    second = submitted.plan_versions.get(number=2)
    assert second.reason == PlanVersion.Reason.CHANGE_APPLICATION
    page = client.get(reverse("projects:version_compare", args=[submitted.pk]), {"old": 1, "new": 2})
    tables = page.context["tables"]
    costs = next(t for t in tables if t.key.startswith("costs-organisation-"))
    assert {row.key: row.state for row in costs.rows}["travel"] == versions.REMOVED
    assert "poistettu" in page.content.decode()


def test_a_change_application_of_a_draft_is_refused_with_a_message(client, project, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("projects:change_application", args=[project.pk]), follow=True)
    assert not project.plan_versions.exists()
    assert "muutoshakemus" in response.content.decode().lower()


def test_comparing_a_version_with_itself_says_what_is_wrong(client, submitted, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("projects:version_compare", args=[submitted.pk]), {"old": 1, "new": 1})
    assert page.status_code == 200 and page.context["tables"] is None
    assert "kaksi eri versiota" in page.content.decode()


def test_outsiders_get_404_members_read_but_may_not_apply(client, submitted, outsider, member):
    urls = [
        reverse("projects:versions", args=[submitted.pk]),
        reverse("projects:version_pdf", args=[submitted.pk, 1]),
        reverse("projects:version_compare", args=[submitted.pk]),
    ]
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("projects:change_application", args=[submitted.pk])).status_code == 404
    client.force_login(member)
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert client.post(reverse("projects:change_application", args=[submitted.pk])).status_code == 403
    assert client.post(urls[0]).status_code == 405
    assert client.get(reverse("projects:version_pdf", args=[submitted.pk, 9])).status_code == 404


def test_the_comparison_marks_rows_and_cells():
    old = [versions.table("t", "T", ["A", "2021"], [("a", ["a", "1"]), ("b", ["b", "2"])])]
    new = [versions.table("t", "T", ["A", "2021", "2022"], [("a", ["a", "1", "5"]), ("c", ["c", "3", ""])])]
    (diff,) = versions.compare(old, new)
    assert diff.columns == ["A", "2021", "2022"]
    assert [(r.key, r.state) for r in diff.rows] == [("a", "changed"), ("b", "removed"), ("c", "added")]
    assert [c.changed for c in diff.rows[0].cells] == [False, False, True]
    assert versions.compare(old, old)[0].state == versions.SAME


def test_no_path_changes_or_deletes_a_version(submitted):
    version = submitted.plan_versions.get()
    for attempt in (
        version.delete,
        PlanVersion.objects.all().delete,
        lambda: PlanVersion.objects.update(reason="change_application"),
    ):
        with pytest.raises(ValidationError):
            attempt()
    with pytest.raises(ProtectedError):
        Project.objects.filter(pk=submitted.pk).delete()
    assert PlanVersion.objects.get(pk=version.pk).reason == "submitted"
