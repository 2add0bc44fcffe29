# ruff: noqa: F811 -- the governance fixtures imported below are used as pytest fixtures
"""A competence centre's municipal funding and budget: the pages, the statement (PDF, XLSX), the
report sections, who sees them, and the old governance addresses that now lead here."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from config.sections import registry
from funding.models import BudgetActual, BudgetLine, CentreBudget, FundingYear
from governance.models import SectionEmbed
from tests.conftest import pdf_text
from tests.funding.factories import FundingPartyFactory, FundingYearFactory
from tests.governance.conftest import board, meeting, member, other_member, term  # noqa: F401
from tests.governance.factories import AgendaSectionFactory, MeetingFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def funding_year(board):
    year = FundingYearFactory(centre=board.owner, key="fixed")
    for name, amount in [("Seinäjoki", "24800"), ("Vaasa", "26232"), ("=Soite", "28968")]:
        FundingPartyFactory(
            funding_year=year,
            organisation=OrganisationFactory(name=name),
            label=name,
            fixed_amount=Decimal(amount),
        )
    return year


def test_funding_year_page(client, member, funding_year, other_member):
    url = reverse("funding:funding_year", args=[funding_year.pk])
    page = login(client, member).get(url).content.decode().replace("\xa0", " ")
    assert "24 800,00 €" in page and "26 232,00 €" in page and "80 000,00 €" in page
    assert client.post(url).status_code == 405
    assert login(client, other_member).get(url).status_code == 404


def test_funding_statement_pdf(client, coordinator, funding_year, tmp_path):
    response = login(client, coordinator).get(reverse("funding:funding_year_pdf", args=[funding_year.pk]))
    text = pdf_text(response.content, tmp_path)
    assert "24 800,00 €" in text and "28 968,00 €" in text and "1 / 1" in text


def test_funding_statement_xlsx_keeps_numbers_and_defuses_formulas(client, coordinator, funding_year):
    response = login(client, coordinator).get(reverse("funding:funding_year_xlsx", args=[funding_year.pk]))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]]
    assert [row[3] for row in rows] == [24800, 26232, 28968, 80000]
    assert rows[2][0] == "'=Soite"


@pytest.mark.parametrize(
    ("old", "name"),
    [("", "funding_year"), ("pdf/", "funding_year_pdf"), ("xlsx/", "funding_year_xlsx")],
)
def test_the_old_governance_addresses_redirect_permanently(client, coordinator, funding_year, old, name):
    response = login(client, coordinator).get(f"/governance/funding/{funding_year.pk}/{old}")
    assert response.status_code == 301
    assert response["Location"] == reverse(f"funding:{name}", args=[funding_year.pk])


def test_my_groups_lists_the_centres_funding_years_to_its_members(client, member, funding_year, other_member):
    url = funding_year.get_absolute_url()
    assert url in login(client, member).get(reverse("governance:home")).content.decode()
    assert url not in login(client, other_member).get(reverse("governance:home")).content.decode()


def test_funding_shares_section_renders_three_equal_parts(coordinator):
    year = FundingYearFactory(key="equal")
    for _ in range(3):
        FundingPartyFactory(funding_year=year)
    for media in ("web", "pdf"):
        html = registry.render(
            "funding.shares", {"funding_year": str(year.pk)}, viewer=coordinator, media=media
        )
        html = html.replace("\xa0", " ")
        # each share appears in the table, beside its bar and in the chart's text alternative
        assert html.count("26 666,67 €") == 6 and html.count("26 666,66 €") == 3 and "80 000,00 €" in html
        assert 'role="img"' in html and "<desc" in html and "26 666,66 € (33,33 %)</desc>" in html


def test_stale_params_give_a_message_not_an_error(coordinator):
    html = registry.render("funding.shares", {"funding_year": "999999"}, viewer=coordinator)
    assert "section-error" in html


def test_centre_budget_vs_actual_at_a_date(coordinator):
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
        "funding.centre_budget", {"budget": str(budget.pk), "as_of": "2020-04-30"}, viewer=coordinator
    ).replace("\xa0", " ")
    # 97 500 / 300 000 = 32,5 %; the line without an actual shows none; totals 365 000 and 97 500.
    assert "97 500,00 €" in html and "32,5 %" in html and "365 000,00 €" in html and "30.4.2020" in html


def test_embed_stores_dates_in_iso_form(client, coordinator, meeting):
    section = AgendaSectionFactory(meeting=meeting)
    budget = CentreBudget.objects.create(
        centre=meeting.group.owner, year=2020, total=100, state_grant_estimate=0
    )
    response = login(client, coordinator).post(
        reverse("governance:embed_create", args=[section.pk]),
        {"section_key": "funding.centre_budget", "params-budget": budget.pk, "params-as_of": "30.4.2020"},
    )
    assert response.status_code == 302
    assert SectionEmbed.objects.get().params == {"budget": str(budget.pk), "as_of": "2020-04-30"}


@pytest.mark.parametrize(
    "persona", ["coordinator", "member", "other_member", "outsider", "plain_user", "administrator"]
)
def test_funding_years_queryset_agrees_with_the_rule(request, board, persona):
    FundingYearFactory(centre=board.owner)
    FundingYearFactory()
    MeetingFactory(term=board.terms.get(), number=7, approved=True)
    user = request.getfixturevalue(persona)
    visible = set(FundingYear.objects.visible_to(user))
    allowed = {obj for obj in FundingYear.objects.all() if user.has_perm("funding.view_fundingyear", obj)}
    assert visible == allowed


@pytest.mark.parametrize("name", ["funding_year", "funding_year_pdf", "funding_year_xlsx"])
def test_every_funding_year_url_hides_the_year_from_others(
    client, name, funding_year, other_member, outsider
):
    url = reverse(f"funding:{name}", args=[funding_year.pk])
    assert client.get(url)["Location"].startswith("/accounts/login/?next=")  # anonymous
    for user in (other_member, outsider):
        client.force_login(user)
        statuses = {client.get(url).status_code, client.post(url).status_code}
        assert statuses == {404, 405}, (name, user, statuses)
