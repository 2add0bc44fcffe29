"""Municipal funding years kept in the portal by the centre's coordinators (issue 12)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from funding.models import FundingParty, FundingYear
from tests.funding.factories import FundingPartyFactory, FundingYearFactory
from tests.governance.factories import OrganisationFactory


def _data(centre, parties, *, key="fixed", total="80 000,00", year=2022, version=None, prefix="parties"):
    data = {"centre": centre.pk, "year": year, "total": total, "key": key, "note": ""}
    if version is not None:
        data["version"] = version
    data.update({f"{prefix}-TOTAL_FORMS": len(parties), f"{prefix}-INITIAL_FORMS": 0})
    for i, (organisation, amount) in enumerate(parties):
        data.update({f"{prefix}-{i}-organisation": organisation.pk, f"{prefix}-{i}-fixed_amount": amount})
        data[f"{prefix}-{i}-order"] = i
    return data


@pytest.mark.django_db
def test_coordinator_creates_a_year_whose_fixed_parts_sum_to_the_total(client, coordinator):
    centre = coordinator.affiliations.get().organisation
    parties = [
        (OrganisationFactory(), "24 800,00"),
        (OrganisationFactory(), "26 232,00"),
        (OrganisationFactory(), "28 968,00"),
    ]
    client.force_login(coordinator)
    response = client.post(reverse("funding:funding_year_create"), _data(centre, parties))
    assert response.status_code == 302
    funding_year = FundingYear.objects.get(centre=centre, year=2022)
    assert funding_year.total == Decimal("80000.00")
    assert sorted(funding_year.parties.values_list("fixed_amount", flat=True)) == [
        Decimal("24800.00"),
        Decimal("26232.00"),
        Decimal("28968.00"),
    ]
    assert funding_year.history.first().history_user == coordinator


@pytest.mark.django_db
def test_fixed_parts_that_do_not_sum_to_the_total_are_refused_and_nothing_is_written(client, coordinator):
    centre = coordinator.affiliations.get().organisation
    client.force_login(coordinator)
    response = client.post(
        reverse("funding:funding_year_create"), _data(centre, [(OrganisationFactory(), "1 000,00")])
    )
    assert response.status_code == 200
    assert response.context["parties"].non_form_errors()
    assert not FundingYear.objects.exists() and not FundingParty.objects.exists()


@pytest.mark.django_db
def test_a_coordinator_cannot_create_for_another_centre_nor_edit_its_years(client, coordinator, outsider):
    other = outsider.affiliations.get().organisation
    client.force_login(coordinator)
    response = client.post(reverse("funding:funding_year_create"), _data(other, [], key="equal"))
    assert response.status_code == 200 and "centre" in response.context["form"].errors
    assert (
        client.get(
            reverse("funding:funding_year_edit", args=[FundingYearFactory(centre=other).pk])
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_the_centres_coordinator_edits_a_year_a_stale_form_is_refused(client, coordinator):
    centre = coordinator.affiliations.get().organisation
    funding_year = FundingYearFactory(centre=centre, key="equal")
    FundingPartyFactory(funding_year=funding_year)
    client.force_login(coordinator)
    url = reverse("funding:funding_year_edit", args=[funding_year.pk])
    assert client.get(url).status_code == 200
    stale = _data(centre, [], key="equal", year=2021, total="90 000,00", version=funding_year.version - 1)
    stale["parties-INITIAL_FORMS"] = 0
    response = client.post(url, stale)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    funding_year.refresh_from_db()
    assert funding_year.total == Decimal("80000.00")


@pytest.mark.django_db
def test_people_without_a_coordinator_role_get_404_wrong_method_405(client, plain_user, coordinator):
    client.force_login(plain_user)
    assert client.get(reverse("funding:funding_year_create")).status_code == 404
    client.force_login(coordinator)
    assert client.put(reverse("funding:funding_year_create")).status_code == 405


@pytest.mark.django_db
def test_coordinator_keeps_the_centre_budget_and_its_lines_a_grant_over_the_total_is_refused(
    client, coordinator
):
    from funding.models import CentreBudget

    centre = coordinator.affiliations.get().organisation
    client.force_login(coordinator)
    data = {
        "centre": centre.pk,
        "year": 2021,
        "total": "365 000,00",
        "state_grant_estimate": "400 000,00",
        "lines-TOTAL_FORMS": 1,
        "lines-INITIAL_FORMS": 0,
        "lines-0-label": "Henkilöstökulut",
        "lines-0-amount": "300 000,00",
        "lines-0-order": 1,
    }
    response = client.post(reverse("funding:budget_create"), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not CentreBudget.objects.exists()
    data["state_grant_estimate"] = "240 000,00"
    assert client.post(reverse("funding:budget_create"), data).status_code == 302
    budget = CentreBudget.objects.get(centre=centre)
    assert (budget.total, budget.lines.get().amount) == (Decimal("365000.00"), Decimal("300000.00"))
    assert "Henkilöstö" not in client.get(reverse("governance:home")).content.decode()  # lines are not listed
    assert client.get(reverse("funding:budget_edit", args=[budget.pk])).status_code == 200
