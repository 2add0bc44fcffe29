"""A coordinator drafts a meeting in the browser and publishes its agenda; a member reads it and its PDF."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.aftercare.factories import AreaReportFactory, StaffingLineFactory
from tests.conftest import pdf_text
from tests.funding.factories import FundingPartyFactory, FundingYearFactory
from tests.governance.factories import OrganisationFactory

# The second embedded section is aftercare's caseload table, reached through the section registry
# only: governance imports no other app; the test sets up the figures with aftercare's factories.
SECOND_EMBED_KEY = "aftercare.caseload"

SECTIONS = [
    ("Jälkihuollon kehittämishanke", "Hankkeen tausta ja tavoitteet."),
    ("Asiakasmitoitus", "Asiakkaita on noin 900."),
    ("Kuntarahoitus 2021", "Kuntarahoitus jaetaan perussopimusosapuolten kesken."),
]


def fill_params(page, params: dict) -> None:
    """Fill a report section's own parameter form, whatever its fields are."""
    for name, value in params.items():
        if isinstance(value, list):  # a group of checkboxes
            for choice in value:
                page.locator(f'[name="params-{name}"][value="{choice}"]').check()
            continue
        field = page.locator(f'[name="params-{name}"]')
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def embed(page, section_title: str, key: str, params: dict) -> None:
    section = page.locator("section.agenda-section", has_text=section_title)
    section.get_by_role("link", name="Upota raporttiosio").click()
    page.get_by_label("Raporttiosio").select_option(key)
    page.get_by_role("button", name="Seuraava").click()
    fill_params(page, params)
    page.get_by_role("button", name="Upota").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_coordinator_drafts_and_publishes_member_reads_web_and_pdf(
    live_server, login, page, coordinator, board, member, tmp_path
):
    funding_year = FundingYearFactory(centre=board.owner, key="fixed")
    for name, amount in [("Seinäjoki", "24800"), ("Vaasa", "26232"), ("Soite", "28968")]:
        FundingPartyFactory(
            funding_year=funding_year,
            organisation=OrganisationFactory(name=name),
            label=name,
            fixed_amount=Decimal(amount),
        )

    report = AreaReportFactory(
        submitted=True, clients_total=912, wellbeing_area__name_fi="Testialueen hyvinvointialue"
    )
    StaffingLineFactory(report=report, fte_filled=Decimal("12"))
    second_embed_params = {"areas": [str(report.wellbeing_area.pk)], "periods": [str(report.period.pk)]}

    login(coordinator)
    page.goto(f"{live_server.url}{board.get_absolute_url()}")
    page.get_by_role("link", name="Uusi kokous").click()
    page.get_by_label("Päivä ja kellonaika").fill("2021-02-03T13:00")
    page.get_by_label("Paikka").fill("Seinäjoki")
    page.get_by_role("button", name="Tallenna").click()
    for title, presentation in SECTIONS:
        page.get_by_role("link", name="Lisää pykälä").click()
        page.get_by_label("Otsikko").fill(title)
        page.get_by_label("Esittely").fill(presentation)
        page.get_by_label("Päätösehdotus").fill("Merkitään tiedoksi.")
        page.get_by_role("button", name="Tallenna pykälä").click()
    embed(page, "Kuntarahoitus 2021", "funding.shares", {"funding_year": str(funding_year.pk)})
    embed(page, "Asiakasmitoitus", SECOND_EMBED_KEY, second_embed_params)
    page.get_by_role("button", name="Julkaise esityslista").click()
    assert page.locator(".messages").inner_text().startswith("Kokouksen tila on nyt: esityslista julkaistu")
    meeting_url = page.url.split("#")[0]

    page.get_by_role("button", name="Kirjaudu ulos").click()
    login(member)
    page.goto(f"{live_server.url}{reverse('governance:home')}")
    page.locator(f'a[href="{meeting_url.removeprefix(live_server.url)}"]').first.click()
    text = page.locator("main").inner_text().replace("\xa0", " ")
    for number, (title, _presentation) in enumerate(SECTIONS, start=1):
        assert f"{number} §" in text and title in text
    # Headings are upper-cased by the stylesheet; inner_text reports them as shown.
    assert "24 800,00 €" in text and "testialueen hyvinvointialue" in text.lower() and "912" in text
    assert page.get_by_role("link", name="Lisää pykälä").count() == 0

    with page.expect_download() as download:
        page.get_by_role("link", name="Lataa PDF").click()
    pdf = pdf_text(open(download.value.path(), "rb").read(), tmp_path)  # noqa: SIM115
    for number, (title, _presentation) in enumerate(SECTIONS, start=1):
        assert f"{number} §" in pdf and title in pdf
    assert "24 800,00 €" in pdf and "28 968,00 €" in pdf and "80 000,00 €" in pdf
    assert "Testialueen hyvinvointialue" in pdf and "912" in pdf
    assert "1 /" in pdf
