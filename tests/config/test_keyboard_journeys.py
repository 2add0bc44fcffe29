"""The three people's main tasks with the keyboard only: Tab to move, Enter or Space to act, typing
to fill in. No mouse click anywhere in these tests."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What a screen reader would announce for the focused element: its label, or its text.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "";
  const label = e.labels && e.labels.length ? e.labels[0].textContent : "";
  const name = label || e.getAttribute("aria-label") || e.textContent || e.value || "";
  return name.trim().replace(/\\s+/g, " ");
}"""


def tab_to(page, name: str, *, limit: int = 200) -> None:
    """Press Tab until the focused element is announced as ``name`` (from its start)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED).startswith(name):
            return
    raise AssertionError(f"{name!r} was not reached with Tab")


def activate(page, name: str) -> None:
    tab_to(page, name)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def keyboard_login(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    tab_to(page, "Käyttäjätunnus")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(live_server, page):
    page.goto(f"{live_server.url}/accessibility/")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "Siirry sisältöön"
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_coordinator_edits_a_cost_line_by_keyboard(demo, live_server, page):
    from funding.models import CostLine

    keyboard_login(page, live_server.url, "koordinaattori")
    activate(page, "Hankkeet")
    activate(page, "Elämässä eteenpäin")
    activate(page, "Kustannusarvio ja rahoitus")
    activate(page, "Muokkaa kustannusarviota")
    tab_to(page, "2021 (rivi 1)")  # the cost grid: salaries × 2021
    page.keyboard.press("Control+A")
    page.keyboard.type("1234,50")
    activate(page, "Tallenna")
    expect(page.locator(".messages")).to_contain_text("Kustannusarvio tallennettiin.")
    assert CostLine.objects.filter(amount=Decimal("1234.50")).exists()


def test_manager_enters_and_submits_a_period_by_keyboard(demo, live_server, page):
    from aftercare.models import AreaReport, ReportingPeriod

    period = ReportingPeriod.objects.get(is_open=True)
    keyboard_login(page, live_server.url, "esihenkilo-varha")
    activate(page, "Jälkihuollon luvut")
    activate(page, f"Tallenna luvut {period.label}")
    tab_to(page, "Jälkihuollon asiakkaita yhteensä")
    page.keyboard.type("910")
    activate(page, "Tallenna luvut")
    activate(page, f"Lähetä {period}")
    report = AreaReport.objects.get(wellbeing_area__slug="varha", period=period)
    assert report.is_submitted and report.clients_total == 910


def test_member_reads_a_meeting_and_downloads_its_pdf_by_keyboard(demo, live_server, page):
    keyboard_login(page, live_server.url, "jasen")
    activate(page, "Ohjausryhmät")
    activate(page, "SONet BOTNIA -johtoryhmä 2/2020")
    expect(page.get_by_role("heading", level=1)).to_contain_text("SONet BOTNIA -johtoryhmä")
    tab_to(page, "Lataa PDF")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")
