"""A create form sent twice makes one object (issue 10, hole 4): the project form as the example."""

import re

import pytest
from django.urls import reverse

from projects.models import Project
from tests.projects.factories import CallFactory

pytestmark = pytest.mark.django_db


def test_a_double_submitted_project_form_creates_one_project(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("projects:create")).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    data = {
        "name": "Uusi hanke",
        "call": CallFactory().pk,
        "start_date": "2025-01-01",
        "end_date": "2026-12-31",
        "scope": "regional",
        "main_organisation": coordinator.affiliations.get().organisation.pk,
        "form_token": token,
    }
    assert client.post(reverse("projects:create"), data).status_code == 302
    second = client.post(reverse("projects:create"), data)
    assert second.status_code == 302 and second["Location"] == reverse("projects:create")
    assert Project.objects.filter(name="Uusi hanke").count() == 1


def test_every_render_gives_a_new_token(client, coordinator):
    client.force_login(coordinator)
    tokens = {
        re.search(
            r'name="form_token" value="([^"]+)"', client.get(reverse("projects:create")).content.decode()
        )[1]
        for _ in range(2)
    }
    assert len(tokens) == 2
