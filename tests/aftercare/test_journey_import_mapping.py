"""In a real browser: the Varha manager uploads a client system's report whose headers the portal
does not know, says which column is which once, and the same report then imports without questions."""

import pytest
from django.urls import reverse

from tests.aftercare.test_import_finnish_excel import HEADER as HEADER_KNOWN
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


def test_unknown_labels_are_answered_once_and_then_asked_no_more(demo, login, live_server, tmp_path):
    """The report calls an age band "Nuoret 18-20" and a counsellor "Jälkihuoltotyöntekijä": the
    manager says what they mean once, with the file's first rows in view."""
    from aftercare.models import AreaReport, ReportingPeriod
    from config.models import MappingProfile
    from tests.aftercare.test_import_labels import with_own_labels

    period = ReportingPeriod.objects.get(is_open=True)
    path = tmp_path / "lifecare.csv"
    path.write_bytes(csv_bytes([["Lifecare-raportti"], HEADER_KNOWN, *with_own_labels(ROWS)]))
    page = login("esihenkilo-varha")
    url = f"{live_server.url}{reverse('aftercare:import', args=['varha', period.pk])}"
    page.goto(url)
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Tarkista tiedosto").click()
    page.get_by_role("heading", name="Mitä nämä nimikkeet tarkoittavat?").wait_for()
    assert page.get_by_role("cell", name="Lifecare-raportti").count() == 0  # rows from the header on
    page.get_by_label("Rivi 5, sarake B (Ikäryhmä / työntekijä): ”Nuoret 18-20”").select_option("18–20")
    page.get_by_label("Rivi 8, sarake C (Ammattinimike): ”Jälkihuoltotyöntekijä”").select_option("ohjaaja")
    page.screenshot(path=str(tmp_path / "labels.png"), full_page=True)
    page.get_by_role("button", name="Tarkista tiedosto").click()
    page.get_by_role("button", name="Tallenna nämä luvut").wait_for()
    if page.get_by_label("Kommentti varoituksiin").count():
        page.locator("#id_acknowledge").check()
        page.get_by_label("Kommentti varoituksiin").fill("Uusi asiakastietojärjestelmä.")
    page.get_by_role("button", name="Tallenna nämä luvut").click()
    page.wait_for_url(f"{live_server.url}{reverse('aftercare:area', args=['varha'])}")
    report = AreaReport.objects.get(wellbeing_area__slug="varha", period=period)
    assert {c.band.label: c.clients for c in report.age_counts.all()} == {"18–20": 730, "21–25": 480}
    assert MappingProfile.objects.get(owner__startswith="area:").labels["rooli"] == {
        "jalkihuoltotyontekija": "ohjaaja"
    }

    page.goto(url)
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Tarkista tiedosto").click()
    page.get_by_role("button", name="Tallenna nämä luvut").wait_for()  # straight to the preview
    assert page.locator("select").count() == 0
