"""Projects views: happy path, outsider 404 (test_every_url_outsider), read-only 403, wrong method 405."""

import pytest
from django.urls import reverse

from projects.models import Implementer, Measure, Project, StatusChange, WorkPackage
from tests.governance.factories import OrganisationFactory
from tests.projects.factories import (
    CallFactory,
    ImplementerFactory,
    IndicatorFactory,
    ProjectFactory,
    StaffResourceFactory,
    WorkPackageFactory,
)

pytestmark = pytest.mark.django_db


def project_data(project: Project, **changes) -> dict:
    data = {
        "name": project.name,
        "acronym": project.acronym,
        "application_number": "",
        "register_number": "",
        "call": project.call_id,
        "start_date": project.start_date.isoformat(),
        "end_date": project.end_date.isoformat(),
        "scope": project.scope,
        "background": "",
        "goals": "",
        "target_groups": "",
        "budget_note": "",
        "version": project.version,
    }
    return data | changes


# --- list and pages ---------------------------------------------------------------------------


def test_list_shows_visible_projects_and_filters_by_status(client, member, project):
    client.force_login(member)
    assert project.name in client.get(reverse("projects:list")).content.decode()
    filtered = client.get(reverse("projects:list"), {"status": "closed"}).content.decode()
    assert project.name not in filtered


def test_list_is_paginated_and_the_page_links_keep_the_filter(client, member, project, monkeypatch):
    """A long list comes a page at a time; the links to the other pages keep the chosen filter."""
    from projects import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    organisation = project.main_implementer.organisation
    for number in range(3):
        other = ProjectFactory(name=f"Lisähanke {number}", status=project.status)
        ImplementerFactory(project=other, organisation=organisation, main=True)
    client.force_login(member)
    first = client.get(reverse("projects:list"), {"status": project.status}).content.decode()
    assert first.count('<th scope="row">') == 2
    assert f'href="?status={project.status}&amp;page=2"' in first
    last = client.get(reverse("projects:list"), {"status": project.status, "page": 2}).content.decode()
    assert last.count('<th scope="row">') == 2 and 'rel="prev"' in last and 'rel="next"' not in last
    # A page past the end shows the last page, never an error.
    assert client.get(reverse("projects:list"), {"page": 99}).status_code == 200


def test_list_filters_by_organisation(client, member, project, sub_implementer):
    """Filtered by a partner, the list shows only the projects that partner takes part in."""
    other = ProjectFactory(name="Toinen hanke")
    ImplementerFactory(project=other, organisation=project.main_implementer.organisation, main=True)
    partner = ImplementerFactory(project=other).organisation
    client.force_login(member)
    listed = client.get(reverse("projects:list")).content.decode()
    assert project.name in listed and other.name in listed
    response = client.get(reverse("projects:list"), {"organisation": sub_implementer.organisation_id})
    assert project.name in response.content.decode() and other.name not in response.content.decode()
    response = client.get(reverse("projects:list"), {"organisation": partner.pk})
    assert other.name in response.content.decode() and project.name not in response.content.decode()


def test_list_filter_offers_no_organisation_outside_the_visible_projects(client, member, project):
    stranger = OrganisationFactory(name="Vieras organisaatio")
    client.force_login(member)
    response = client.get(reverse("projects:list"), {"organisation": stranger.pk})
    assert response.status_code == 200 and "Vieras organisaatio" not in response.content.decode()


@pytest.mark.parametrize("name", ["projects:detail", "projects:plan", "projects:history"])
def test_member_reads_the_project_pages(client, member, project, name):
    client.force_login(member)
    response = client.get(reverse(name, args=[project.pk]))
    assert response.status_code == 200
    assert project.name in response.content.decode()
    assert reverse("projects:edit", args=[project.pk]) not in response.content.decode()


@pytest.mark.parametrize("name", ["projects:list", "projects:detail", "projects:plan", "projects:history"])
def test_pages_refuse_post(client, member, project, name):
    client.force_login(member)
    args = [] if name == "projects:list" else [project.pk]
    assert client.post(reverse(name, args=args)).status_code == 405


# --- editing the project -----------------------------------------------------------------------


def test_coordinator_edits_the_background(client, coordinator, project):
    client.force_login(coordinator)
    response = client.post(
        reverse("projects:edit", args=[project.pk]), project_data(project, background="Uusi tausta")
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.background == "Uusi tausta"
    assert project.history.first().history_user == coordinator


def test_sub_coordinator_may_not_edit_the_shared_plan(client, sub_coordinator, project):
    """Issue 12: the shared data is the main implementer's (tests/projects/test_group_project.py)."""
    client.force_login(sub_coordinator)
    response = client.post(
        reverse("projects:edit", args=[project.pk]), project_data(project, goals="Tavoite")
    )
    assert response.status_code == 403


def test_member_gets_403_on_the_edit_page(client, member, project):
    client.force_login(member)
    assert client.get(reverse("projects:edit", args=[project.pk])).status_code == 403
    assert client.post(reverse("projects:edit", args=[project.pk]), project_data(project)).status_code == 403


def test_invalid_edit_keeps_what_was_typed_and_saves_nothing(client, coordinator, project):
    client.force_login(coordinator)
    data = project_data(project, background="Kirjoitettu teksti", end_date="2019-01-01")
    response = client.post(reverse("projects:edit", args=[project.pk]), data)
    assert response.status_code == 200
    assert "Kirjoitettu teksti" in response.content.decode()
    project.refresh_from_db()
    assert project.background == ""


def test_stale_version_is_refused_with_a_message(client, coordinator, project):
    client.force_login(coordinator)
    stale = project_data(project, background="Minun muutokseni")
    project.goals = "Joku muu tallensi"
    project.save()
    response = client.post(reverse("projects:edit", args=[project.pk]), stale)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    project.refresh_from_db()
    assert project.background == ""


def test_edit_refuses_delete(client, coordinator, project):
    client.force_login(coordinator)
    assert client.delete(reverse("projects:edit", args=[project.pk])).status_code == 405


# --- creating a project and adding sub-implementers -------------------------------------------


def test_coordinator_creates_a_project_with_own_organisation_as_main_implementer(client, coordinator):
    call = CallFactory()
    organisation = coordinator.affiliations.get().organisation
    client.force_login(coordinator)
    data = {
        "name": "Uusi hanke",
        "acronym": "UH",
        "call": call.pk,
        "start_date": "2025-01-01",
        "end_date": "2026-12-31",
        "scope": "regional",
        "main_organisation": organisation.pk,
    }
    response = client.post(reverse("projects:create"), data)
    assert response.status_code == 302
    project = Project.objects.get(name="Uusi hanke")
    assert project.main_implementer.organisation == organisation


def test_coordinator_cannot_create_a_project_for_another_organisation(client, coordinator):
    client.force_login(coordinator)
    data = {
        "name": "X",
        "call": CallFactory().pk,
        "start_date": "2025-01-01",
        "end_date": "2025-12-31",
        "scope": "regional",
    }
    data["main_organisation"] = OrganisationFactory().pk
    response = client.post(reverse("projects:create"), data)
    assert response.status_code == 200
    assert not Project.objects.filter(name="X").exists()


def test_plain_user_may_not_create_projects(client, plain_user):
    client.force_login(plain_user)
    assert client.get(reverse("projects:create")).status_code == 404


def test_main_coordinator_adds_a_sub_implementer(client, coordinator, project):
    client.force_login(coordinator)
    organisation = OrganisationFactory()
    data = {
        "organisation": organisation.pk,
        "start_date": "2020-09-01",
        "end_date": "2022-12-31",
        "role": "Osatoteuttaja",
    }
    response = client.post(reverse("projects:implementer_add", args=[project.pk]), data)
    assert response.status_code == 302
    assert project.implementers.get(organisation=organisation).start_date.month == 9


def test_sub_implementer_period_must_lie_within_the_project(client, coordinator, project):
    client.force_login(coordinator)
    data = {"organisation": OrganisationFactory().pk, "start_date": "2019-01-01", "end_date": "2022-12-31"}
    response = client.post(reverse("projects:implementer_add", args=[project.pk]), data)
    assert response.status_code == 200
    assert project.implementers.count() == 1


def test_sub_coordinator_may_not_add_sub_implementers(client, sub_coordinator, project):
    client.force_login(sub_coordinator)
    assert client.get(reverse("projects:implementer_add", args=[project.pk])).status_code == 403


def test_sub_coordinator_edits_own_implementer_but_not_the_main(
    client, sub_coordinator, sub_implementer, project
):
    client.force_login(sub_coordinator)
    data = {
        "start_date": "2020-09-01",
        "end_date": "2022-12-31",
        "description": "Kuvaus",
        "version": sub_implementer.version,
    }
    response = client.post(reverse("projects:implementer_edit", args=[sub_implementer.pk]), data)
    assert response.status_code == 302
    sub_implementer.refresh_from_db()
    assert sub_implementer.description == "Kuvaus"
    main = project.main_implementer
    assert client.get(reverse("projects:implementer_edit", args=[main.pk])).status_code == 403


# --- status ---------------------------------------------------------------------------------------


def test_status_change_is_recorded_with_who(client, coordinator, project):
    client.force_login(coordinator)
    response = client.post(reverse("projects:status", args=[project.pk]), {"status": "submitted"})
    assert response.status_code == 302
    change = StatusChange.objects.get(project=project)
    assert (change.from_status, change.to_status, change.changed_by) == ("draft", "submitted", coordinator)


def test_status_cannot_skip_steps(client, coordinator, project):
    client.force_login(coordinator)
    client.post(reverse("projects:status", args=[project.pk]), {"status": "closed"})
    project.refresh_from_db()
    assert project.status == "draft"


def test_status_member_403_and_get_405(client, member, coordinator, project):
    client.force_login(member)
    assert (
        client.post(reverse("projects:status", args=[project.pk]), {"status": "submitted"}).status_code == 403
    )
    client.force_login(coordinator)
    assert client.get(reverse("projects:status", args=[project.pk])).status_code == 405


# --- work packages, staff, indicators ------------------------------------------------------------


def _management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def test_work_package_with_measures_is_saved_together(client, coordinator, sub_implementer):
    client.force_login(coordinator)
    data = {"wp-code": "TP1", "wp-name": "Tilannekuva", "wp-description": ""}
    data |= _management("measures", 2)
    data |= {
        "measures-0-code": "1.1",
        "measures-0-name": "Alkukartoitus",
        "measures-0-timing": "9/2020–12/2020",
    }
    data |= {"measures-1-code": "1.2", "measures-1-name": "Kuvaus", "measures-1-timing": ""}
    response = client.post(reverse("projects:work_package_add", args=[sub_implementer.pk]), data)
    assert response.status_code == 302
    package = WorkPackage.objects.get(implementer=sub_implementer)
    assert list(package.measures.values_list("code", flat=True)) == ["1.1", "1.2"]


def test_a_bad_measure_saves_nothing_and_keeps_the_rows(client, coordinator, sub_implementer):
    client.force_login(coordinator)
    data = {"wp-code": "TP1", "wp-name": "Tilannekuva"} | _management("measures", 2)
    data |= {"measures-0-code": "1.1", "measures-0-name": "Alkukartoitus"}
    data |= {"measures-1-code": "1.2", "measures-1-name": ""}  # name missing
    data["measures-1-timing"] = "kirjoitettu ajoitus"
    response = client.post(reverse("projects:work_package_add", args=[sub_implementer.pk]), data)
    assert response.status_code == 200
    assert "kirjoitettu ajoitus" in response.content.decode()
    assert not WorkPackage.objects.exists() and not Measure.objects.exists()


def test_work_package_edit_member_403_outsider_404_and_405(client, member, outsider, sub_implementer):
    package = WorkPackageFactory(implementer=sub_implementer)
    url = reverse("projects:work_package_edit", args=[sub_implementer.pk, package.pk])
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.put(url).status_code == 405


def test_staff_rows_and_person_years(client, coordinator, sub_implementer):
    client.force_login(coordinator)
    data = _management("staff", 1) | {
        "staff-0-role_title": "kehittämissuunnittelija",
        "staff-0-fte_percent": "50",
        "staff-0-start_date": "2020-09-01",
        "staff-0-end_date": "2022-12-31",
    }
    assert client.post(reverse("projects:staff_edit", args=[sub_implementer.pk]), data).status_code == 302
    post = sub_implementer.staff.get()
    assert str(post.person_years) == "1.17"  # 28 months / 12 × 50 %


def test_person_years_of_a_full_time_post():
    post = StaffResourceFactory.build(start_date=__import__("datetime").date(2020, 8, 1))
    assert str(post.person_years) == "2.42"  # 8/2020–12/2022 = 29 months


def test_indicators_edit_by_coordinator_403_for_member(client, coordinator, member, project):
    IndicatorFactory(project=project, name="Työpajat")
    client.force_login(member)
    assert client.get(reverse("projects:indicators_edit", args=[project.pk])).status_code == 403
    client.force_login(coordinator)
    assert client.get(reverse("projects:indicators_edit", args=[project.pk])).status_code == 200
    assert client.get(reverse("projects:participants_edit", args=[project.pk])).status_code == 200


def test_history_shows_the_changed_field_with_who(client, coordinator, project):
    client.force_login(coordinator)
    client.post(reverse("projects:edit", args=[project.pk]), project_data(project, background="Versio 2"))
    body = client.get(reverse("projects:history", args=[project.pk])).content.decode()
    assert "Versio 2" in body
    assert coordinator.get_full_name() in body


def test_implementer_organisation_cannot_be_changed(client, coordinator, sub_implementer):
    client.force_login(coordinator)
    data = {
        "organisation": OrganisationFactory().pk,
        "start_date": "2020-09-01",
        "end_date": "2022-12-31",
        "version": sub_implementer.version,
    }
    client.post(reverse("projects:implementer_edit", args=[sub_implementer.pk]), data)
    assert Implementer.objects.get(pk=sub_implementer.pk).organisation_id == sub_implementer.organisation_id


def test_organisation_filter_names_only_partners_of_visible_projects(
    client, member, project, sub_implementer
):
    from tests.projects.factories import ImplementerFactory, ProjectFactory

    hidden = ImplementerFactory(project=ProjectFactory(), main=True)
    client.force_login(member)
    form = client.get(reverse("projects:list")).context["form"]
    organisations = set(form.fields["organisation"].queryset)
    assert sub_implementer.organisation in organisations
    assert hidden.organisation not in organisations


def test_indicator_values_are_entered_per_period(client, coordinator, member, project):
    from projects.models import IndicatorValue

    indicator = IndicatorFactory(project=project, name="Työpajat")
    foreign = IndicatorFactory(name="Muun hankkeen indikaattori")
    url = reverse("projects:indicator_values_edit", args=[project.pk])
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    data = _management("values", 1) | {
        "values-0-indicator": indicator.pk,
        "values-0-period": "2021",
        "values-0-value": "7",
    }
    assert client.post(url, data).status_code == 302
    assert indicator.realised() == 7
    data = _management("values", 1) | {
        "values-0-indicator": foreign.pk,
        "values-0-period": "2021",
        "values-0-value": "1",
    }
    assert client.post(url, data).status_code == 200  # another project's indicator is not a choice
    assert IndicatorValue.objects.count() == 1


def test_history_shows_a_changed_cost_line_side_by_side(client, coordinator, project):
    from decimal import Decimal

    from tests.funding.factories import CostLineFactory

    line = CostLineFactory(implementer=project.main_implementer, amount=Decimal(200000))
    line.amount = Decimal(436068)
    line.save()
    client.force_login(coordinator)
    body = client.get(reverse("projects:history", args=[project.pk])).content.decode().replace("\xa0", " ")
    assert "200 000,00" in body and "436 068,00" in body
