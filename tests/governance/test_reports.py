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
