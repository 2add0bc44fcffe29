"""Journey 3 of the walking skeleton: the board member reads the board's meeting and its PDF."""

import pytest
from django.contrib.auth import get_user_model

from governance.models import Meeting
from tests.conftest import pdf_text


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_board_member_reads_the_meeting_and_its_pdf(live_server, login, page, demo, tmp_path):
    users = get_user_model().objects
    meeting = Meeting.objects.get(group__kind="board", year=2020)

    login(users.get(username="jasen"))
    page.locator('a[href="/governance/"]').first.click()
    page.get_by_role("link", name="SONet BOTNIA -johtoryhmä 2/2020").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("SONet BOTNIA -johtoryhmä")
    with page.expect_download() as download:
        page.get_by_role("link", name="Lataa PDF").click()
    text = pdf_text(open(download.value.path(), "rb").read(), tmp_path)  # noqa: SIM115
    for number in ("6 §", "8 §", "9 §"):
        assert number in text
    for title in (
        "Elämässä eteenpäin",
        "Sosiaaliasiamiestoiminnan selvitystyön työsuunnitelma",
        "talousasiat",
    ):
        assert title in " ".join(text.split())
    assert "24 800,00 €" in text and "1 / " in text

    page.get_by_role("button", name="Kirjaudu ulos").click()
    login(users.get(username="esihenkilo-varha"))  # not on the board
    for path in (meeting.get_absolute_url(), f"{meeting.get_absolute_url()}pdf/"):
        assert page.goto(f"{live_server.url}{path}").status == 404
