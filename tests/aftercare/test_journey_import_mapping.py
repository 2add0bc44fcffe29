"""In a real browser: the Varha manager uploads a client system's report whose headers the portal
does not know, says which column is which once, and the same report then imports without questions."""

import pytest
from django.urls import reverse

from tests.aftercare.test_import_finnish_excel import ROWS, csv_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = ["Luku", "Ryhmä", "Tehtävänimike", "Lukumäärä", "Täytetyt", "Avoimet", "Kausi"]


def test_a_saved_mapping_makes_the_second_import_question_free(demo, login, live_server, tmp_path):
    from aftercare.models import AreaReport, ReportingPeriod

    period = ReportingPeriod.objects.get(is_open=True)
    path = tmp_path / "effica.csv"
    path.write_bytes(csv_bytes([["Effica-raportti"], HEADER, *ROWS]))
    page = login("esihenkilo-varha")
    url = f"{live_server.url}{reverse('aftercare:import', args=['varha', period.pk])}"
    page.goto(url)
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Tarkista tiedosto").click()
    page.get_by_label("Sarake C: Tehtävänimike").select_option("rooli")
    page.get_by_label("Sarake D: Lukumäärä").select_option("asiakkaita")
    page.get_by_label("Sarake E: Täytetyt").select_option("htv_taytetty")
    page.get_by_label("Sarake F: Avoimet").select_option("htv_avoin")
    page.screenshot(path=str(tmp_path / "mapping.png"), full_page=True)
    page.get_by_role("button", name="Tarkista tiedosto").click()
    page.get_by_role("button", name="Tallenna nämä luvut").wait_for()
    page.screenshot(path=str(tmp_path / "preview.png"), full_page=True)
    if page.get_by_label("Kommentti varoituksiin").count():
        page.locator("#id_acknowledge").check()
        page.get_by_label("Kommentti varoituksiin").fill("Uusi asiakastietojärjestelmä.")
    page.get_by_role("button", name="Tallenna nämä luvut").click()
    page.wait_for_url(f"{live_server.url}{reverse('aftercare:area', args=['varha'])}")
    assert AreaReport.objects.get(wellbeing_area__slug="varha", period=period).clients_total == 1210

    page.goto(url)
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Tarkista tiedosto").click()
    page.get_by_role("button", name="Tallenna nämä luvut").wait_for()  # no questions this time
    assert page.locator("select").count() == 0
