"""Issue 11 (3): a project table from a client system's report, with its own headers and labels, is
mapped once on the mapping page; the answers are the implementer organisation's, so its other
coordinators import the same report without questions, and other organisations are still asked."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from config.models import ImportBatch, MappingProfile
from funding.models import CostLine
from tests.aftercare.test_import_finnish_excel import csv_bytes
from tests.governance.factories import AffiliationFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = ["Toteuttava taho", "Kululaji", "Vuosi", "Euroa yhteensä"]


def report(name: str) -> bytes:
    """A ledger's report: its own headers, a title row, its own words for the categories."""
    return csv_bytes(
        [
            ["Kirjanpidon raportti 31.12.2021"],
            HEADER,
            [name, "Henkilöstökulut", "2021", "52 000,00"],
            [name, "Matkat", "2021", "1 500,50"],
            [name, "henkilöstökulut", "2022", "10 000"],
        ]
    )


def upload(client, project, content, **data):
    url = reverse("funding:import", args=[project.pk, "cost-lines"])
    return client.post(url, {"file": SimpleUploadedFile("kirjanpito.csv", content), **data})


def answer(client, project, response, data):
    batch = re.search(r'name="mapping" value="(\d+)"', response.content.decode())[1]
    url = reverse("funding:import", args=[project.pk, "cost-lines"])
    return client.post(url, {"mapping": batch, **data})


def confirm(client, project, response):
    batch = re.search(r'name="batch" value="(\d+)"', response.content.decode())[1]
    url = reverse("funding:import_confirm", args=[project.pk, "cost-lines"])
    return client.post(url, {"batch": batch})


def test_the_organisations_coordinators_share_the_mapping(
    client, coordinator, sub_coordinator, project, sub_implementer
):
    name = sub_implementer.organisation.short_name
    client.force_login(coordinator)
    response = upload(client, project, report(name))
    body = response.content.decode()
    assert response.status_code == 200 and 'name="map-A"' in body and 'name="batch"' not in body
    assert "Centre" in body  # remember for the coordinator's organisation
    response = answer(
        client,
        project,
        response,
        {"map-A": "implementer", "map-B": "category", "map-D": "amount", "save": "1"},
    )
    body = response.content.decode()
    assert "Henkilöstökulut" in body and 'name="label-0"' in body and 'name="label-1"' not in body
    assert 'value="salaries"' in body and 'value="lump_sum"' in body
    response = answer(client, project, response, {"label-0": "salaries", "save": "1"})
    assert 'name="batch"' in response.content.decode()
    assert confirm(client, project, response).status_code == 200
    assert sorted(CostLine.objects.values_list("category", "year", "amount")) == [
        ("salaries", 2021, Decimal("52000.00")),
        ("salaries", 2022, Decimal("10000.00")),
        ("travel", 2021, Decimal("1500.50")),
    ]
    profile = MappingProfile.objects.get()
    assert profile.owner == f"organisation:{project.main_implementer.organisation_id}"
    assert profile.labels == {"category": {"henkilostokulut": "salaries"}}

    colleague = UserFactory(username="colleague")
    AffiliationFactory(
        user=colleague, organisation=project.main_implementer.organisation, is_coordinator=True
    )
    client.force_login(colleague)
    response = upload(client, project, report(name))
    assert 'name="batch"' in response.content.decode()  # no questions

    client.force_login(sub_coordinator)  # another organisation's coordinator is asked
    response = upload(client, project, report(name))
    assert 'name="map-A"' in response.content.decode()


def test_replace_mode_survives_the_mapping_page(client, coordinator, project, sub_implementer):
    from tests.funding.factories import CostLineFactory

    gone = CostLineFactory(implementer=sub_implementer)
    name = sub_implementer.organisation.short_name
    client.force_login(coordinator)
    response = upload(client, project, report(name), replace="1")
    assert 'name="replace" value="1"' in response.content.decode()
    response = answer(
        client,
        project,
        response,
        {"map-A": "implementer", "map-B": "category", "map-D": "amount", "replace": "1"},
    )
    response = answer(client, project, response, {"label-0": "salaries", "replace": "1"})
    assert ImportBatch.objects.get().preview["counts"]["deleted"] == 1
    confirm(client, project, response)
    assert not CostLine.objects.filter(pk=gone.pk).exists() and CostLine.objects.count() == 3


def test_an_administrator_maps_a_file_for_that_file_only(client, administrator, project, sub_implementer):
    client.force_login(administrator)
    response = upload(client, project, report(sub_implementer.organisation.short_name))
    assert 'name="map-A"' in response.content.decode()
    assert 'name="save"' not in response.content.decode()


def test_a_wrong_column_choice_says_why_and_asks_again(client, coordinator, project, sub_implementer):
    client.force_login(coordinator)
    response = upload(client, project, report(sub_implementer.organisation.short_name))
    response = answer(client, project, response, {"map-A": "implementer", "map-B": "amount"})
    body = response.content.decode()
    assert response.status_code == 400 and 'name="map-A"' in body
    assert re.search(r"Rivi 3, sarake B \(Kululaji\)", body)
    assert not CostLine.objects.exists() and not MappingProfile.objects.exists()


def test_a_batch_numbered_in_thousands_is_confirmed(client, coordinator, project, sub_implementer):
    """Finnish number formatting must not reach the form: batch 12 345 is posted back as 12345."""
    client.force_login(coordinator)
    upload(client, project, report(sub_implementer.organisation.short_name))
    ImportBatch.objects.update(id=12345)  # as after years of imports
    columns = {"map-A": "implementer", "map-B": "category", "map-D": "amount"}
    url = reverse("funding:import", args=[project.pk, "cost-lines"])
    response = client.post(url, {"mapping": "12345", **columns})
    assert 'name="mapping" value="12345"' in response.content.decode()
    response = answer(client, project, response, {"label-0": "salaries"})
    assert 'name="batch" value="12345"' in response.content.decode()
    assert confirm(client, project, response).status_code == 200
    assert CostLine.objects.count() == 3
