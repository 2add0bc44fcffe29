"""Governance's report sections render through the registry, on the web and in the PDF."""

import pytest

from config.sections import registry
from tests.governance.factories import FundingPartyFactory, FundingYearFactory

pytestmark = pytest.mark.django_db


def test_funding_shares_section_renders_three_equal_parts(coordinator):
    year = FundingYearFactory(key="equal")
    for _ in range(3):
        FundingPartyFactory(funding_year=year)
    for media in ("web", "pdf"):
        html = registry.render(
            "governance.funding_shares", {"funding_year": str(year.pk)}, viewer=coordinator, media=media
        )
        html = html.replace("\xa0", " ")
        # each share appears in the table and in the chart
        assert html.count("26 666,67 €") == 4 and html.count("26 666,66 €") == 2 and "80 000,00 €" in html


def test_stale_params_give_a_message_not_an_error(coordinator):
    html = registry.render("governance.funding_shares", {"funding_year": "999999"}, viewer=coordinator)
    assert "section-error" in html


def test_budget_vs_actual_at_a_date(coordinator):
    import datetime
    from decimal import Decimal

    from governance.models import BudgetActual, BudgetLine, CentreBudget
    from tests.governance.factories import OrganisationFactory

    budget = CentreBudget.objects.create(
        centre=OrganisationFactory(),
        year=2020,
        total=Decimal("365000"),
        state_grant_estimate=Decimal("240000"),
    )
    salaries = BudgetLine.objects.create(budget=budget, label="Palkat", amount=Decimal("300000"), order=1)
    BudgetLine.objects.create(budget=budget, label="Muut", amount=Decimal("65000"), order=2)
    BudgetActual.objects.create(line=salaries, as_of=datetime.date(2020, 4, 30), amount=Decimal("97500"))
    html = registry.render(
        "governance.centre_budget", {"budget": str(budget.pk), "as_of": "2020-04-30"}, viewer=coordinator
    ).replace("\xa0", " ")
    # 97 500 / 300 000 = 32,5 %; the line without an actual shows none; totals 365 000 and 97 500.
    assert "97 500,00 €" in html and "32,5 %" in html and "365 000,00 €" in html and "30.4.2020" in html


def test_embed_stores_dates_in_iso_form(client, coordinator, meeting):
    from django.urls import reverse

    from governance.models import CentreBudget, SectionEmbed
    from tests.governance.factories import AgendaSectionFactory

    section = AgendaSectionFactory(meeting=meeting)
    budget = CentreBudget.objects.create(
        centre=meeting.group.owner, year=2020, total=100, state_grant_estimate=0
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("governance:embed_create", args=[section.pk]),
        {"section_key": "governance.centre_budget", "params-budget": budget.pk, "params-as_of": "30.4.2020"},
    )
    assert response.status_code == 302
    assert SectionEmbed.objects.get().params == {"budget": str(budget.pk), "as_of": "2020-04-30"}
