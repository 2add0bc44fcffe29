"""``generate_national_data``: deterministic, additive, anonymous, and careful with other data."""

import io

import pytest
from django.core.management import CommandError, call_command

from aftercare.models import AreaReport, WorkerCaseload
from governance.models import AgendaSection, Meeting, Person, SteeringGroup, WellbeingArea
from projects.models import Project
from tests.projects.factories import ProjectFactory


def generate(scale: float, **options) -> str:
    out = io.StringIO()
    call_command("generate_national_data", scale=scale, stdout=out, **options)
    return out.getvalue()


def fingerprint() -> list:
    return [
        list(Project.objects.order_by("application_number").values_list("application_number", "status")),
        list(
            Meeting.objects.order_by("group__name", "starts_at").values_list(
                "group__name", "number", "starts_at"
            )
        ),
        sorted(WorkerCaseload.objects.values_list("report__wellbeing_area__slug", "label", "clients")),
    ]


@pytest.mark.django_db
def test_small_scale_fills_every_area_with_progress_and_no_names():
    output = generate(0.02)
    assert "projects.Project: +10" in output and "ready" in output
    assert WellbeingArea.objects.count() == 22
    assert AreaReport.objects.values("wellbeing_area").distinct().count() == 22
    assert AreaReport.objects.count() == 22 * 40
    assert SteeringGroup.objects.count() == 4
    assert Meeting.objects.count() == 4 * 25
    assert AgendaSection.objects.count() == 4 * 25 * 8
    # Anonymous: workers are letters, people are "Jäsen" with a generated code.
    assert set(Person.objects.values_list("first_name", flat=True)) == {"Jäsen"}
    assert set(WorkerCaseload.objects.values_list("label", flat=True)) == {"A"}


@pytest.mark.django_db
def test_a_larger_scale_adds_to_the_smaller_one_and_repeating_adds_nothing():
    generate(0.02)
    first = fingerprint()
    generate(0.04, verbosity=0)
    assert Project.objects.count() == 20
    assert WorkerCaseload.objects.filter(label="B").count() == 22 * 40
    generate(0.04, verbosity=0)
    assert Project.objects.count() == 20
    again = fingerprint()
    # The rows of the smaller scale are there unchanged (each row is seeded by its own index).
    assert set(first[0]) <= set(again[0])
    assert set(first[1]) <= set(again[1])


@pytest.mark.django_db
def test_refuses_a_database_with_other_data_unless_forced():
    ProjectFactory(name="Oikea hanke")
    with pytest.raises(CommandError, match="projects"):
        generate(0.02)
    assert not SteeringGroup.objects.exists()
    generate(0.02, force=True, verbosity=0)
    assert Project.objects.count() == 11
