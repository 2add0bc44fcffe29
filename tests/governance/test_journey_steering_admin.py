"""Issue 12 journeys without /admin/: a coordinator sets up a term, its members and a meeting for
today; an administrator invites a coordinator, who sets a password through the e-mailed link and
edits their organisation's project."""

import re

import pyotp
import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import Meeting, Membership
from projects.models import Project
from tests.governance.factories import TOTP_SECRET, OrganisationFactory
from tests.projects.factories import ImplementerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_creates_a_term_its_members_and_a_meeting_for_today(
    login, live_server, coordinator, board
):
    today = timezone.localdate()
    page = login(coordinator)
    page.goto(f"{live_server.url}{board.get_absolute_url()}")
    page.get_by_role("link", name="Uusi toimikausi").click()
    page.get_by_label("Ensimmäinen vuosi").fill(str(today.year))
    page.get_by_label("Viimeinen vuosi").fill(str(today.year + 1))
    page.get_by_role("button", name="Tallenna toimikausi").click()
    expect(page.get_by_role("status")).to_contain_text("tallennettiin")

    term = board.terms.get(start_year=today.year)
    page.locator(f"#term-{term.pk}").get_by_role("link", name="Lisää jäsen").click()
    page.get_by_label("Etunimi").fill("Aino")
    page.get_by_label("Sukunimi").fill("Aaltonen")
    page.get_by_label("Rooli").select_option("chair")
    page.get_by_role("button", name="Tallenna ja lisää seuraava").click()
    page.get_by_label("Etunimi").fill("Ville")
    page.get_by_label("Sukunimi").fill("Varanen")
    page.get_by_label("Rooli").select_option("vice_chair")
    page.get_by_role("button", name="Tallenna jäsen", exact=True).click()
    members = page.locator(f"#term-{term.pk}")
    expect(members.get_by_role("row", name=re.compile("Aino Aaltonen"))).to_contain_text("Puheenjohtaja")
    expect(members.get_by_role("row", name=re.compile("Ville Varanen"))).to_be_visible()

    page.get_by_role("link", name="Uusi kokous").click()
    page.get_by_label("Päivä ja kellonaika").fill(f"{today:%Y-%m-%d}T13:00")
    page.get_by_label("Paikka").fill("Seinäjoki")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_role("status")).to_contain_text("Kokous luotiin")
    meeting = Meeting.objects.get(group=board, term=term)
    assert timezone.localtime(meeting.starts_at).date() == today
    assert set(Membership.objects.filter(term=term).values_list("role", flat=True)) == {"chair", "vice_chair"}


def test_administrator_invites_a_coordinator_who_sets_a_password_and_edits_their_project(
    live_server, page, administrator
):
    organisation = OrganisationFactory(name="Testikeskus", short_name="Testikeskus")
    project = ImplementerFactory(organisation=organisation, is_main=True).project

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Käyttäjätunnus").fill(administrator.username)
    page.get_by_label("Salasana").fill("test-password-1")
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.locator("input[name=code]").fill(pyotp.TOTP(TOTP_SECRET).now())
    page.locator("input[name=code]").press("Enter")
    page.get_by_role("link", name="Henkilöt ja roolit").first.click()
    page.get_by_role("link", name="Kutsu henkilö").click()
    page.get_by_label("Etunimi").fill("Kaisa")
    page.get_by_label("Sukunimi").fill("Koordinaattori")
    page.get_by_label("Sähköpostiosoite").fill("kaisa@example.fi")
    page.get_by_role("combobox", name="Organisaatio").select_option(str(organisation.pk))
    page.get_by_label("Organisaation koordinaattori").check()
    page.get_by_role("button", name="Lähetä kutsu").click()
    expect(page.get_by_role("status")).to_contain_text("kaisa@example.fi")
    page.context.clear_cookies()  # the administrator leaves; the invited person opens their mail

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/governance/invitation/\S+/", message.body).group(0)
    page.goto(live_server.url + "/" + link.split("://", 1)[1].split("/", 1)[1])
    page.locator("input[name=new_password1]").fill("Kaisan-oma-salasana-7")
    page.locator("input[name=new_password2]").fill("Kaisan-oma-salasana-7")
    page.get_by_role("button", name="Aseta salasana").click()
    page.get_by_label("Käyttäjätunnus").fill("kaisa@example.fi")
    page.get_by_label("Salasana").fill("Kaisan-oma-salasana-7")
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("link", name="Hankkeet", exact=True).click()
    page.get_by_role("link", name=project.acronym).click()
    page.get_by_role("link", name="Muokkaa hanketta").click()
    page.get_by_label("Tausta").fill("Kutsuttu koordinaattori kirjoitti taustan.")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_role("status")).to_contain_text("Hanke tallennettiin.")
    assert Project.objects.get(pk=project.pk).background == "Kutsuttu koordinaattori kirjoitti taustan."
