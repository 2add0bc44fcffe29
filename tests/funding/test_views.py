"""Funding views: cost estimate and financing pages and their edit pages (the cost grid itself:
test_cost_grid.py)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from funding.models import FinancingLine, RegionalSplit
from tests.funding.factories import ActualCostFactory, CostLineFactory, CostModelFactory, FinancingLineFactory

pytestmark = pytest.mark.django_db


def _management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def test_budget_page_shows_computed_flat_rate_totals_and_shares(client, member, project, sub_implementer):
    main = project.main_implementer
    CostModelFactory(implementer=main, flat_rate_percent=Decimal(40))
    CostLineFactory(implementer=main, amount=Decimal("1001.25"))
    FinancingLineFactory(implementer=main, amount=Decimal("1121.80"))
    FinancingLineFactory(implementer=main, own=True, amount=Decimal("280.45"))
    client.force_login(member)
    body = text(client.get(reverse("funding:budget", args=[project.pk])))
    assert "401,00 €" in body  # 40 % of 1 001,25 rounded to whole euros
    assert "1 402,25 €" in body  # total costs
    # shares to two decimals, as a funding decision prints them: 1 121,80 / 1 402,25 = 80 %
    assert "80,00 %" in body and "20,00 %" in body


def test_budget_page_warns_about_mismatch_and_aid_rate(client, member, project):
    main = project.main_implementer
    CostLineFactory(implementer=main, amount=Decimal(10000))
    FinancingLineFactory(implementer=main, amount=Decimal(9000))
    client.force_login(member)
    body = text(client.get(reverse("funding:budget", args=[project.pk])))
    assert "−1 000,00 €" in body  # typographic minus, not a hyphen
    assert "-1 000,00 €" not in body
    assert "100,00 %" in body  # EU share of the financing, warned against the 80 % aid rate
    assert body.count('class="warnings"') >= 2


def test_budget_and_actuals_refuse_post(client, member, project):
    client.force_login(member)
    assert client.post(reverse("funding:budget", args=[project.pk])).status_code == 405
    assert client.post(reverse("funding:actuals", args=[project.pk])).status_code == 405


def test_actuals_page_shows_realisation_at_a_date(client, member, project):
    main = project.main_implementer
    CostLineFactory(implementer=main, amount=Decimal(1000))
    ActualCostFactory(implementer=main, amount=Decimal(250))
    client.force_login(member)
    body = text(client.get(reverse("funding:actuals", args=[project.pk]), {"as_of": "2021-06-30"}))
    assert "25,0 %" in body and "750,00 €" in body
    body = text(client.get(reverse("funding:actuals", args=[project.pk]), {"as_of": "2021-01-01"}))
    assert "25,0 %" not in body


def test_sub_coordinator_may_not_edit_the_main_implementers_costs(client, sub_coordinator, project):
    client.force_login(sub_coordinator)
    assert client.get(reverse("funding:costs_edit", args=[project.main_implementer.pk])).status_code == 403


def test_member_gets_403_on_finance_edit_pages(client, member, sub_implementer):
    client.force_login(member)
    for name in ("funding:costs_edit", "funding:financing_edit", "funding:actuals_edit"):
        assert client.get(reverse(name, args=[sub_implementer.pk])).status_code == 403, name


def test_financing_lines_and_regional_split(client, coordinator, sub_implementer):
    from tests.governance.factories import RegionFactory

    region = RegionFactory()
    client.force_login(coordinator)
    data = _management("financing", 2) | _management("splits", 1)
    data |= {"financing-0-kind": "eu_state", "financing-0-amount": "8000"}
    data |= {"financing-1-kind": "own_municipal", "financing-1-amount": "2000", "financing-1-source": "Vaasa"}
    data |= {"splits-0-region": region.pk, "splits-0-amount": "8000"}
    response = client.post(reverse("funding:financing_edit", args=[sub_implementer.pk]), data)
    assert response.status_code == 302
    assert FinancingLine.objects.filter(implementer=sub_implementer).count() == 2
    split = RegionalSplit.objects.get(implementer=sub_implementer)
    assert (split.region, split.amount) == (region, Decimal("8000.00"))


def test_a_bad_regional_split_row_saves_no_financing_line_either(client, coordinator, sub_implementer):
    """The financing lines and the regional split are saved together: all or nothing."""
    client.force_login(coordinator)
    data = _management("financing", 1) | _management("splits", 1)
    data |= {"financing-0-kind": "eu_state", "financing-0-amount": "8000"}
    data |= {"splits-0-region": "", "splits-0-amount": "8000"}
    response = client.post(reverse("funding:financing_edit", args=[sub_implementer.pk]), data)
    assert response.status_code == 200
    assert not FinancingLine.objects.filter(implementer=sub_implementer).exists()
    assert not RegionalSplit.objects.exists()


def test_edit_pages_refuse_put(client, coordinator, sub_implementer):
    client.force_login(coordinator)
    for name in ("funding:costs_edit", "funding:financing_edit", "funding:actuals_edit"):
        assert client.put(reverse(name, args=[sub_implementer.pk])).status_code == 405


def test_actual_costs_are_saved(client, coordinator, sub_implementer):
    client.force_login(coordinator)
    data = (
        _management("actuals", 1)
        | _management("claims", 0)
        | {
            "actuals-0-category": "salaries",
            "actuals-0-as_of": "2020-04-30",
            "actuals-0-amount": "1234,50",
        }
    )
    response = client.post(reverse("funding:actuals_edit", args=[sub_implementer.pk]), data)
    assert response.status_code == 302
    assert sub_implementer.actual_costs.get().amount == Decimal("1234.50")


def test_payment_claims_are_saved_and_shown_cumulatively(
    client, coordinator, member, sub_implementer, project
):
    CostLineFactory(implementer=sub_implementer, amount=Decimal(10000))
    client.force_login(coordinator)
    data = _management("actuals", 0) | _management("claims", 2)
    data |= {
        "claims-0-period_start": "2021-01-01",
        "claims-0-period_end": "2021-06-30",
        "claims-0-claimed": "2 500,00",
    }
    data |= {
        "claims-1-period_start": "2021-07-01",
        "claims-1-period_end": "2021-12-31",
        "claims-1-claimed": "1500",
    }
    response = client.post(reverse("funding:actuals_edit", args=[sub_implementer.pk]), data)
    assert response.status_code == 302
    client.force_login(member)
    body = text(client.get(reverse("funding:actuals", args=[project.pk]), {"as_of": "2022-01-31"}))
    assert "4 000,00 €" in body  # cumulative
    assert "40,00 %" in body  # of the 10 000 € budget


def test_payment_claim_period_must_be_ordered(client, coordinator, sub_implementer):
    client.force_login(coordinator)
    data = _management("actuals", 0) | _management("claims", 1)
    data |= {
        "claims-0-period_start": "2021-07-01",
        "claims-0-period_end": "2021-06-30",
        "claims-0-claimed": "1",
    }
    response = client.post(reverse("funding:actuals_edit", args=[sub_implementer.pk]), data)
    assert response.status_code == 200
    assert not sub_implementer.payment_claims.exists()


def test_cost_edit_page_shows_the_computed_flat_rate_next_to_the_lines(client, coordinator, sub_implementer):
    CostModelFactory(implementer=sub_implementer, flat_rate_percent=Decimal(40))
    CostLineFactory(implementer=sub_implementer, amount=Decimal("1001.25"))
    client.force_login(coordinator)
    body = text(client.get(reverse("funding:costs_edit", args=[sub_implementer.pk])))
    assert "401,00 €" in body and "1 402,25 €" in body
    body = text(client.get(reverse("funding:financing_edit", args=[sub_implementer.pk])))
    assert "−1 402,25 €" in body  # nothing financed yet: the whole cost total is missing
