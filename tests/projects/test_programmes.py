"""Programme → priority axis → specific objective → call on portal pages, for administrators
(issue 12); a coordinator whose call is missing is told whom to ask."""

import pytest
from django.urls import reverse

from projects.models import Call, PriorityAxis, Programme, SpecificObjective
from tests.governance.factories import UserFactory


@pytest.mark.django_db
def test_administrator_adds_programme_axis_objective_and_call_in_one_flow(client, administrator):
    client.force_login(administrator)
    new = lambda level: reverse("projects:programme_part_new", args=[level])  # noqa: E731
    response = client.post(
        new("programme"), {"name": "Uudistuva ja osaava Suomi", "start_year": 2021, "end_year": 2027}
    )
    assert response.url == reverse("projects:programmes")
    programme = Programme.objects.get()
    page = client.get(new("axis") + f"?parent={programme.pk}")
    assert page.context["form"].initial["programme"] == programme.pk
    client.post(new("axis"), {"programme": programme.pk, "number": 4, "name": "Osallisuus"})
    axis = PriorityAxis.objects.get()
    client.post(new("objective"), {"priority_axis": axis.pk, "code": "4.11", "name": "Syrjäytymisen ehkäisy"})
    objective = SpecificObjective.objects.get()
    response = client.post(
        new("call"),
        {
            "priority_axis": axis.pk,
            "specific_objective": objective.pk,
            "code": "ESR-2024",
            "name": "Haku",
            "aid_rate": "80,00",
        },
    )
    assert response.status_code == 302
    assert Call.objects.get().specific_objective == objective
    tree = client.get(reverse("projects:programmes")).content.decode()
    assert "ESR-2024" in tree and "4.11" in tree


@pytest.mark.django_db
def test_a_call_under_another_axis_objective_is_refused(client, administrator):
    programme = Programme.objects.create(name="P", start_year=2021, end_year=2027)
    axis, other = (PriorityAxis.objects.create(programme=programme, number=n, name=str(n)) for n in (1, 2))
    objective = SpecificObjective.objects.create(priority_axis=other, code="2.1", name="x")
    client.force_login(administrator)
    response = client.post(
        reverse("projects:programme_part_new", args=["call"]),
        {
            "priority_axis": axis.pk,
            "specific_objective": objective.pk,
            "code": "C",
            "name": "C",
            "aid_rate": "80",
        },
    )
    assert response.status_code == 200 and "specific_objective" in response.context["form"].errors
    assert not Call.objects.exists()


@pytest.mark.django_db
def test_coordinators_get_404_and_are_told_whom_to_ask_for_a_missing_call(client, coordinator):
    UserFactory(
        username="paakayttaja", first_name="Pia", last_name="Pääkäyttäjä", is_staff=True, is_superuser=True
    )
    client.force_login(coordinator)
    assert client.get(reverse("projects:programmes")).status_code == 404
    assert client.get(reverse("projects:programme_part_new", args=["call"])).status_code == 404
    page = client.get(reverse("projects:create"))
    assert "Pia Pääkäyttäjä" in page.content.decode()
