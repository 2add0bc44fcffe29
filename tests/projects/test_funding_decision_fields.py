"""Issue 12 part 5: the plan holds what a funding decision holds, without workarounds."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from funding.models import CostModel
from projects.models import Indicator, ParticipantTarget, Project, SpecificObjective, WorkPackage
from tests.conftest import pdf_text
from tests.projects.factories import (
    IndicatorFactory,
    MeasureFactory,
    StaffResourceFactory,
    WorkPackageFactory,
)
from tests.projects.test_views import _management, project_data

pytestmark = pytest.mark.django_db

LONG_DNRO = "EPOELY/1234/2020, EPOELY/2345/2021 (muutospäätös), S20123 ryhmähanke – osatoteutus SONet BOTNIA"


def rows(prefix: str, items: list[dict]) -> dict:
    data = _management(prefix, len(items))
    for n, item in enumerate(items):
        data |= {f"{prefix}-{n}-{key}": value for key, value in item.items()}
    return data


def test_the_project_keeps_received_date_group_code_and_a_long_register_number(client, coordinator, project):
    assert len(LONG_DNRO) > 40
    client.force_login(coordinator)
    form = client.get(reverse("projects:edit", args=[project.pk])).content.decode()
    assert "maxlength" not in form  # a browser would cut the text silently at it
    data = project_data(
        project, register_number=LONG_DNRO, application_received="2020-06-15", group_code="S20123"
    )
    assert client.post(reverse("projects:edit", args=[project.pk]), data).status_code == 302
    project.refresh_from_db()
    assert (project.register_number, project.group_code) == (LONG_DNRO, "S20123")
    assert project.application_received == datetime.date(2020, 6, 15)
    body = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert LONG_DNRO in body and "15.6.2020" in body and "S20123" in body


def test_text_too_long_is_refused_with_a_message_not_cut(client, coordinator, project, sub_implementer):
    client.force_login(coordinator)
    too_long = "x" * 121
    response = client.post(
        reverse("projects:edit", args=[project.pk]), project_data(project, register_number=too_long)
    )
    assert response.status_code == 200
    assert "121" in response.context["form"].errors["register_number"][0]  # says how long it was
    project.refresh_from_db()
    assert project.register_number == ""
    data = {"wp-code": "TP1", "wp-name": "Tilannekuva"} | rows(
        "measures", [{"code": "1.1", "name": "n" * 301}]
    )
    response = client.post(reverse("projects:work_package_add", args=[sub_implementer.pk]), data)
    assert response.status_code == 200 and "maxlength" not in response.content.decode()
    assert "301" in str(response.context["formset"].errors)
    assert not WorkPackage.objects.exists()


def test_participant_targets_per_work_package(client, coordinator, project, sub_implementer):
    tp1 = WorkPackageFactory(implementer=project.main_implementer, code="TP1")
    tp2 = WorkPackageFactory(implementer=sub_implementer, code="TP2")
    client.force_login(coordinator)
    url = reverse("projects:participants_edit", args=[project.pk])
    same_semester = {"year": "2021", "semester": "spring", "target": "10"}
    data = rows(
        "participants", [same_semester | {"work_package": tp1.pk}, same_semester | {"work_package": tp2.pk}]
    )
    assert client.post(url, data).status_code == 302
    assert ParticipantTarget.objects.filter(project=project).count() == 2
    twice = rows(
        "participants",
        [same_semester | {"work_package": tp1.pk}, same_semester | {"work_package": tp1.pk, "target": "5"}],
    )
    ParticipantTarget.objects.all().delete()
    response = client.post(url, twice)
    assert response.status_code == 200 and not ParticipantTarget.objects.exists()
    assert "TP1" not in str(response.context["formset"].non_form_errors())
    assert any(form.non_field_errors() for form in response.context["formset"].forms)


def test_a_work_package_of_another_project_is_not_offered_or_accepted(client, coordinator, project):
    foreign = WorkPackageFactory()
    client.force_login(coordinator)
    url = reverse("projects:participants_edit", args=[project.pk])
    data = rows(
        "participants", [{"year": "2021", "semester": "spring", "target": "1", "work_package": foreign.pk}]
    )
    assert client.post(url, data).status_code == 200
    assert not ParticipantTarget.objects.exists()


def test_output_indicators_per_implementer(client, coordinator, project, sub_implementer):
    client.force_login(coordinator)
    url = reverse("projects:indicators_edit", args=[project.pk])
    row = {"kind": "output", "name": "Osallistujat", "unit": "hlö", "target": "40"}
    data = rows(
        "indicators",
        [row | {"implementer": project.main_implementer.pk}, row | {"implementer": sub_implementer.pk}],
    )
    assert client.post(url, data).status_code == 302
    assert Indicator.objects.filter(project=project, name="Osallistujat").count() == 2
    response = client.post(url, rows("indicators", [row, row]) | {"indicators-INITIAL_FORMS": 0})
    assert response.status_code == 200  # two whole-project rows of one name: refused, not a 500
    plan = client.get(reverse("projects:plan", args=[project.pk])).content.decode()
    assert sub_implementer.organisation.name in plan


def test_person_years_per_implementer_and_project(client, member, project, sub_implementer):
    StaffResourceFactory(implementer=project.main_implementer)  # 8/2020–12/2022 full time: 2,42
    StaffResourceFactory(implementer=sub_implementer, fte_percent=Decimal(50))  # 1,21
    StaffResourceFactory(implementer=sub_implementer, fte_percent=Decimal(50))  # 1,21
    client.force_login(member)
    body = client.get(reverse("projects:plan", args=[project.pk])).content.decode()
    assert "2,42" in body and "4,84" in body  # the sub-implementer's 2,42 and the project's 4,84


def test_the_plan_pdf_prints_what_the_plan_page_holds(client, member, project, sub_implementer, tmp_path):
    objective = SpecificObjective.objects.create(
        priority_axis=project.call.priority_axis, code="5.1", name="Syrjäytymisvaarassa olevat"
    )
    Project.objects.filter(pk=project.pk).update(
        register_number=LONG_DNRO, application_received=datetime.date(2020, 6, 15), group_code="S20123"
    )
    project.call.specific_objective = objective
    project.call.save()
    package = WorkPackageFactory(
        implementer=sub_implementer, code="TP2", description="Yhteiskehittäminen alueilla"
    )
    MeasureFactory(work_package=package)
    ParticipantTarget.objects.create(
        project=project, work_package=package, year=2021, semester="spring", target=7
    )
    IndicatorFactory(project=project, implementer=sub_implementer, name="Koulutetut työntekijät")
    CostModel.objects.create(implementer=sub_implementer, salary_reporting="unit_cost")
    client.force_login(member)
    text = " ".join(
        pdf_text(client.get(reverse("projects:plan_pdf", args=[project.pk])).content, tmp_path).split()
    )
    main = project.main_implementer.organisation
    for expected in (
        "5.1 Syrjäytymisvaarassa olevat",
        main.name,
        "15.6.2020",
        "S20123",
        "EPOELY/1234/2020",
        "Yhteiskehittäminen alueilla",
        "Koulutetut työntekijät",
        "yksikkökustannukset",
    ):
        assert expected in text, expected
    # one name for each implementer: the official name, never the short one
    assert sub_implementer.organisation.short_name not in text
