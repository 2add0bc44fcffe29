"""Journey: a coordinator publishes an agenda; the member finds the notice in the portal and the
e-mail in a real SMTP server (aiosmtpd on 127.0.0.1)."""

import pytest

from tests.governance.factories import AgendaSectionFactory
from tests.notices.smtp import smtp_mailer, smtp_sink  # noqa: F401 - fixtures


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_member_hears_of_a_published_agenda(
    live_server,
    login,
    page,
    coordinator,
    member,
    draft_meeting,
    smtp_mailer,  # noqa: F811 - the imported fixture
    settings,
    tmp_path,
):
    settings.PORTAL_URL = live_server.url
    member.email = "jasen@example.fi"
    member.save()
    AgendaSectionFactory(meeting=draft_meeting, title="Jälkihuollon kehittämishanke")

    login(coordinator)
    page.goto(f"{live_server.url}{draft_meeting.get_absolute_url()}")
    page.get_by_role("button", name="Julkaise esityslista").click()
    assert page.locator(".messages").inner_text().startswith("Kokouksen tila on nyt: esityslista julkaistu")
    page.get_by_role("button", name="Kirjaudu ulos").click()

    login(member)
    header_link = page.locator("header").get_by_role("link", name="Ilmoitukset")
    assert header_link.inner_text().split() == ["Ilmoitukset", "1", "lukematonta"]
    header_link.click()
    page.screenshot(path=tmp_path / "notices-1280.png", full_page=True)
    title = f"Esityslista julkaistu: {draft_meeting}"
    page.get_by_role("link", name=title).click()
    page.wait_for_url(f"{live_server.url}{draft_meeting.get_absolute_url()}")
    assert "Jälkihuollon kehittämishanke" in page.locator("main").inner_text()
    # Read now: the count is gone from the header.
    assert page.locator("header").get_by_role("link", name="Ilmoitukset").inner_text() == "Ilmoitukset"

    [(recipients, message)] = smtp_mailer.messages
    assert recipients == ["jasen@example.fi"]
    assert message["Subject"] == title
    body = message.get_content()
    assert f"{live_server.url}{draft_meeting.get_absolute_url()}" in body
    assert f"{live_server.url}/governance/meetings/{draft_meeting.pk}/pdf/" in body
    assert f"{live_server.url}/notices/settings/" in body
    assert not message.is_multipart()  # the PDF is linked, never attached

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/notices/settings/")
    page.screenshot(path=tmp_path / "settings-390.png", full_page=True)
    print(tmp_path)
