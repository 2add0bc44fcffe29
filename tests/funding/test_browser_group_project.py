"""A coordinator builds a group project in the browser: two sub-projects, salary lines, financing
plans; sees the computed flat rate, totals and shares; downloads the plan PDF."""

import pytest
from playwright.sync_api import expect

from tests.conftest import pdf_text
from tests.governance.factories import OrganisationFactory
from tests.projects.factories import CallFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_costs(page, flat_rate: str, lines: list[tuple[str, str]]):
    page.locator("#id_flat_rate_percent").fill(flat_rate)
    page.locator("#id_grid-0-category").select_option("salaries")  # the grid's first row
    for year, amount in lines:
        page.locator(f"#id_grid-0-y{year}").fill(amount)
    page.get_by_role("button", name="Tallenna").click()
    expect(page.locator(".messages")).to_contain_text("Kustannusarvio tallennettiin.")


def fill_financing(page, eu: str, own: str):
    page.locator("#id_financing-0-kind").select_option("eu_state")
    page.locator("#id_financing-0-amount").fill(eu)
    page.locator("#id_financing-1-kind").select_option("own_municipal")
    page.locator("#id_financing-1-amount").fill(own)
    page.get_by_role("button", name="Tallenna").click()
    expect(page.locator(".messages")).to_contain_text("Rahoitussuunnitelma tallennettiin.")


def add_sub_implementer(page, name: str):
    page.get_by_role("link", name="Lisää osatoteuttaja").click()
    page.locator("#id_organisation").select_option(label=name)
    page.locator("#id_start_date").fill("2025-03-01")
    page.locator("#id_end_date").fill("2026-12-31")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.locator(".messages")).to_contain_text("Osatoteuttaja lisättiin.")


def edit_link(page, organisation: str, link: str):
    page.locator("article.implementer", has_text=organisation).get_by_role("link", name=link).click()


def test_coordinator_builds_a_group_project_and_downloads_its_plan(coordinator, login, live_server, tmp_path):
    call = CallFactory(code="ESR-TEST", name="Testihaku")
    OrganisationFactory(name="Alfan kuntayhtymä", short_name="Alfa")
    OrganisationFactory(name="Beetan kaupunki", short_name="Beeta")
    page = login(coordinator)
    page.get_by_role("link", name="Hankkeet", exact=True).click()
    page.get_by_role("link", name="Uusi hanke").click()
    page.locator("#id_name").fill("Ryhmähanke selaimessa")
    page.locator("#id_acronym").fill("RYSE")
    page.locator("#id_call").select_option(str(call.pk))
    page.locator("#id_start_date").fill("2025-01-01")
    page.locator("#id_end_date").fill("2026-12-31")
    page.locator("#id_main_organisation").select_option(label="Centre")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.locator(".messages")).to_contain_text("Hanke luotiin.")

    add_sub_implementer(page, "Alfa")
    add_sub_implementer(page, "Beeta")

    # Alfa: 40 % flat rate; 1 001,25 € of salaries in 2026 gives 400,50 → 401 €.
    edit_link(page, "Alfan kuntayhtymä", "Muokkaa kustannusarviota")
    fill_costs(page, "40", [("2025", "10000"), ("2026", "1001,25")])
    page.get_by_role("link", name="Yleiskuva ja toteuttajat").click()
    edit_link(page, "Alfan kuntayhtymä", "Muokkaa rahoitussuunnitelmaa")
    fill_financing(page, "12321,80", "3080,45")
    # Beeta: 24 % of 20 000 € = 4 800 €.
    page.get_by_role("link", name="Yleiskuva ja toteuttajat").click()
    edit_link(page, "Beetan kaupunki", "Muokkaa kustannusarviota")
    fill_costs(page, "24", [("2025", "20000")])
    page.get_by_role("link", name="Yleiskuva ja toteuttajat").click()
    edit_link(page, "Beetan kaupunki", "Muokkaa rahoitussuunnitelmaa")
    fill_financing(page, "19840", "4960")

    body = page.locator("main").inner_text().replace("\xa0", " ")
    assert "401,00 €" in body and "4 401,00 €" in body  # Alfa's flat rate by year and in total
    assert "4 800,00 €" in body  # Beeta's
    assert "15 402,25 €" in body and "24 800,00 €" in body  # the sub-projects' totals
    assert "40 202,25 €" in body  # the group's total: their sum
    assert "32 161,80 €" in body  # EU and state funding of the whole project
    assert "80,00 %" in body and "20,00 %" in body
    expect(page.locator(".warnings")).to_have_count(0)

    with page.expect_download() as download:
        page.get_by_role("link", name="Hankesuunnitelma (PDF)").click()
    text = pdf_text(open(download.value.path(), "rb").read(), tmp_path)  # noqa: SIM115
    for figure in ("40 202,25 €", "15 402,25 €", "24 800,00 €", "32 161,80 €", "8 040,45 €", "80,00 %"):
        assert figure in text, figure
