"""Issue 12 part 6 in the browser: the cost grid's totals update as one types, "Add a row" adds a
row without saving, and the save stores the same lines as the post without script
(tests/funding/test_cost_grid.py: TYPED and SAVED)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from funding.models import CostLine
from tests.funding.test_cost_grid import SAVED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_grid_totals_update_as_one_types_and_save_the_same_figures(
    coordinator, sub_implementer, login, live_server
):
    page = login(coordinator)
    page.goto(live_server.url + reverse("funding:costs_edit", args=[sub_implementer.pk]))
    grand = page.locator("[data-grand-total]")
    expect(grand).to_have_text("0,00\xa0€")

    page.get_by_label("Kustannuslaji (rivi 1)").select_option("salaries")
    page.get_by_label("2021 (rivi 1)").fill("52 000")
    row = page.locator("tr[data-grid-row]").first
    expect(row.locator("[data-row-total]")).to_have_text("52\xa0000,00\xa0€")
    expect(grand).to_have_text("52\xa0000,00\xa0€")
    page.locator("#id_flat_rate_percent").fill("24")  # the flat rate is computed: 12 480 €
    expect(page.locator("[data-flat-total]")).to_have_text("12\xa0480,00\xa0€")
    expect(grand).to_have_text("64\xa0480,00\xa0€")

    rows_before = page.locator("tr[data-grid-row]").count()
    page.get_by_role("button", name="Lisää rivi").click()
    expect(page.locator("tr[data-grid-row]")).to_have_count(rows_before + 1)
    new = rows_before + 1
    page.get_by_label(f"Kustannuslaji (rivi {new})").select_option("travel")
    page.get_by_label(f"Kuvaus (rivi {new})").fill("Seminaarimatkat")
    page.get_by_label(f"2022 (rivi {new})").fill("1 500,50")
    expect(grand).to_have_text("65\xa0980,50\xa0€")
    assert not CostLine.objects.exists()  # nothing saved while typing

    page.get_by_role("button", name="Tallenna").click()
    expect(page.locator(".messages")).to_contain_text("Kustannusarvio tallennettiin.")
    saved = {(x.category, x.description, x.year, x.amount) for x in CostLine.objects.all()}
    assert saved == SAVED
