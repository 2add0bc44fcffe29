"""Journey 2 of the walking skeleton, in a real browser: the Varha manager enters the client count for
a period and sees it on the area page; the Pohjois-Pohjanmaa manager gets 404 on Varha's entry form."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_varha_manager_enters_the_client_count_and_sees_it(demo, login, live_server):
    from aftercare.models import ReportingPeriod

    period = ReportingPeriod.objects.get(is_open=True)
    page = login("esihenkilo-varha")
    page.get_by_role("link", name="Jälkihuollon luvut").first.click()
    page.get_by_role("link", name=f"Tallenna luvut {period.label}").click()
    page.get_by_label("Jälkihuollon asiakkaita yhteensä").fill("910")
    page.get_by_role("button", name="Tallenna luvut").click()
    page.wait_for_url(f"{live_server.url}{reverse('aftercare:area', args=['varha'])}")
    assert "Luvut tallennettiin" in page.content()
    row = page.locator("table").first.locator("tr", has_text=str(period.label))
    assert "910" in row.inner_text()
    assert "luonnos" in row.inner_text()

    page.context.clear_cookies()
    login("esihenkilo-pp")
    response = page.goto(f"{live_server.url}{reverse('aftercare:entry', args=['varha', period.pk])}")
    assert response.status == 404
