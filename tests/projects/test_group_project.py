"""Issue 12 part 4: in a group project the main implementer's coordinators edit the shared data
(basic data, indicators, targets, status); a sub-implementer's coordinator edits only their own
part and reads the rest (403: they may see the project, so it is not hidden from them)."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from funding.models import CostLine
from projects.models import Indicator, Project
from tests.projects.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

SHARED = [
    ("get", "projects:edit"),
    ("post", "projects:edit"),
    ("post", "projects:status"),
    ("get", "projects:indicators_edit"),
    ("post", "projects:indicators_edit"),
    ("get", "projects:participants_edit"),
    ("post", "projects:participants_edit"),
    ("get", "projects:indicator_values_edit"),
    ("get", "projects:implementer_add"),
]


@pytest.mark.parametrize(("method", "name"), SHARED)
def test_a_sub_implementers_coordinator_is_refused_on_the_shared_data(
    client, project, sub_coordinator, method, name
):
    client.force_login(sub_coordinator)
    response = getattr(client, method)(reverse(name, args=[project.pk]), {"status": "submitted"})
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.status == Project.Status.DRAFT


def test_a_sub_implementers_coordinator_reads_the_shared_data_without_edit_links(
    client, project, sub_coordinator
):
    IndicatorFactory(project=project, name="Osallistujat")
    client.force_login(sub_coordinator)
    page = client.get(reverse("projects:plan", args=[project.pk])).content.decode()
    assert "Osallistujat" in page
    assert reverse("projects:indicators_edit", args=[project.pk]) not in page
    assert reverse("projects:edit", args=[project.pk]) not in page
    assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 200


def test_a_sub_implementers_coordinator_edits_their_own_part(
    client, project, sub_implementer, sub_coordinator
):
    client.force_login(sub_coordinator)
    for name in ("projects:staff_edit", "projects:work_package_add", "funding:costs_edit"):
        assert client.get(reverse(name, args=[sub_implementer.pk])).status_code == 200
    assert client.get(reverse("funding:costs_edit", args=[project.main_implementer.pk])).status_code == 403


def test_a_sub_implementers_coordinator_imports_their_own_rows_but_not_the_shared_ones(
    client, project, sub_implementer, sub_coordinator
):
    """Issue 11: indicators and participant targets have an implementer (or work package) column;
    rows of the whole project stay the main implementer's coordinators' (refused row by row)."""
    client.force_login(sub_coordinator)

    def upload(kind: str, text: str):
        file = SimpleUploadedFile("rivit.csv", text.encode(), content_type="text/csv")
        return client.post(reverse("funding:import", args=[project.pk, kind]), {"file": file})

    assert upload("indicators", "kind;name;unit;target\noutput;Uusi;hlö;5\n").status_code == 400
    assert upload("participant-targets", "year;semester;target\n2021;spring;5\n").status_code == 400
    assert not Indicator.objects.filter(name="Uusi").exists()
    name = sub_implementer.organisation.short_name or sub_implementer.organisation.name
    assert (
        upload("indicators", f"implementer;kind;name;unit;target\n{name};output;Uusi;hlö;5\n").status_code
        == 200
    )
    assert (
        upload("cost-lines", f"implementer;category;year;amount\n{name};travel;2021;10,00\n").status_code
        == 200
    )
    transfer = client.get(reverse("funding:transfer", args=[project.pk])).content.decode()
    assert reverse("funding:import", args=[project.pk, "cost-lines"]) in transfer
    assert reverse("funding:import", args=[project.pk, "indicators"]) in transfer
    assert not CostLine.objects.filter(amount=Decimal("10.00")).exists()  # only previewed
    assert not Indicator.objects.filter(name="Uusi").exists()


def test_the_main_implementers_coordinator_edits_the_shared_data(client, project, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("projects:status", args=[project.pk]), {"status": "submitted"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == Project.Status.SUBMITTED
    assert client.get(reverse("projects:indicators_edit", args=[project.pk])).status_code == 200
