"""A coordinator submits the plan, changes a cost, and the comparison of the frozen version with the
plan now shows the change (in a real browser)."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.funding.factories import CostLineFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_submit_change_a_cost_and_compare(login, coordinator, project, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    CostLineFactory(
        implementer=project.main_implementer, category="travel", year=2021, amount=Decimal("5000")
    )
    page = login(coordinator)
    page.get_by_role("link", name="Hankkeet", exact=True).click()
    page.get_by_role("link", name=str(project)).first.click()
    page.get_by_label("Uusi tila").select_option(label="jätetty")
    page.get_by_role("button", name="Vaihda tila").click()
    page.get_by_role("link", name="Suunnitelman versiot").click()
    expect(page.get_by_role("row", name="1 Jätetty rahoittajalle")).to_be_visible()

    page.get_by_role("link", name="Yleiskuva ja toteuttajat").click()
    page.get_by_role("link", name="Muokkaa kustannusarviota").first.click()
    page.get_by_label("2021 (rivi 1)").fill("7250,00")  # the cost grid: category × year
    page.get_by_role("button", name="Tallenna").click()

    page.get_by_role("link", name="Suunnitelman versiot").click()
    page.get_by_role("link", name="Versio 1 verrattuna nykyiseen suunnitelmaan").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("Suunnitelman versioiden vertailu")
    changed = page.locator("table.version-diff tr.row-changed", has_text="Matkakustannukset")
    expect(changed.locator("del").first).to_contain_text("5 000,00 €")
    expect(changed.locator("ins").first).to_contain_text("7 250,00 €")
    expect(changed).to_contain_text("muuttunut")
