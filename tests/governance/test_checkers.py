"""Online scrutiny as Finnish minutes are approved: two minutes checkers named from the attendees
approve the minutes in the portal; the minutes and their PDF say so, with signature lines."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance import services
from governance.models import Meeting
from tests.conftest import pdf_text
from tests.governance.factories import (
    AgendaSectionFactory,
    AttendanceFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)

STATEMENT = "Pöytäkirja tarkastettu ja hyväksytty"


def _checker(term, meeting, username: str, last_name: str):
    user = UserFactory(username=username)
    person = PersonFactory(user=user, last_name=last_name, first_name="Testi")
    AttendanceFactory(meeting=meeting, membership=MembershipFactory(term=term, person=person))
    return user


@pytest.fixture
def scrutiny(term, secretary, member):
    """Drafted minutes with two present attendees who will check them, a chair and a secretary."""
    MembershipFactory(term=term, chair=True, person=PersonFactory(last_name="Puheenjohtajanen"))
    meeting = MeetingFactory(term=term, number=3, minutes_drafted=True)
    AgendaSectionFactory(meeting=meeting, number=30, title="Talousarvio", decision="Hyväksyttiin.")
    first = _checker(term, meeting, "tarkastaja1", "Ensimmäinen")
    second = _checker(term, meeting, "tarkastaja2", "Toinen")
    AttendanceFactory(meeting=meeting, membership=MembershipFactory(term=term), status="absent")
    return meeting, first, second


@pytest.mark.django_db
def test_checkers_approve_online_and_the_pdf_says_so(client, scrutiny, secretary, tmp_path):
    meeting, first, second = scrutiny
    client.force_login(secretary)
    response = client.post(
        reverse("governance:checkers", args=[meeting.pk]),
        {"first": first.person.pk, "second": second.person.pk},
    )
    assert response.status_code == 302
    client.post(reverse("governance:meeting_transition", args=[meeting.pk]), {"action": "send_for_checking"})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_CHECKING

    for checker in (first, second):
        client.force_login(checker)
        home = client.get(reverse("governance:home")).content.decode()
        assert "Tarkastettavat pöytäkirjat" in home and meeting.get_absolute_url() in home
        client.post(reverse("governance:minutes_check", args=[meeting.pk]), {"approve": "1"})
    meeting.refresh_from_db()
    assert meeting.is_locked

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert STATEMENT in page and "Testi Ensimmäinen" in page and "Testi Toinen" in page
    text = pdf_text(client.get(reverse("governance:meeting_pdf", args=[meeting.pk])).content, tmp_path)
    assert STATEMENT in text
    assert text.count("Pöytäkirjantarkastaja") == 2
    assert "Puheenjohtaja" in text and "Sihteeri" in text


@pytest.mark.django_db
def test_a_comment_keeps_the_minutes_with_the_checkers(scrutiny):
    meeting, first, second = scrutiny
    services.checkers_set(meeting=meeting, person_ids=[first.person.pk, second.person.pk])
    services.send_minutes_for_checking(meeting=meeting)
    check = meeting.checks.get(person__user=first)
    with pytest.raises(ValidationError):
        services.minutes_check_approve(check=check, approve=False, comment=" ")
    services.minutes_check_approve(check=check, approve=False, comment="2 §:n päätös puuttuu.")
    services.minutes_check_approve(check=meeting.checks.get(person__user=second), approve=True)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_CHECKING
    # While the checkers read them the minutes do not change; returned to drafting, they do.
    section = meeting.sections.get()
    section.decision = "Muutettu."
    with pytest.raises(ValidationError):
        section.save()
    services.meeting_transition(meeting=meeting, action="return_to_drafting")
    section.save()
    assert section.decision == "Muutettu."


@pytest.mark.django_db
def test_checkers_come_from_those_present(scrutiny):
    meeting, first, _second = scrutiny
    absent = meeting.attendances.get(status="absent").person
    with pytest.raises(ValidationError):
        services.checkers_set(meeting=meeting, person_ids=[first.person.pk, absent.pk])
    with pytest.raises(ValidationError):
        services.send_minutes_for_checking(meeting=meeting)  # nobody named yet


@pytest.mark.django_db
def test_agenda_pdf_has_no_signatures(client, scrutiny, secretary, tmp_path):
    meeting, _first, _second = scrutiny
    agenda = MeetingFactory(term=meeting.term, number=7, published=True)
    AgendaSectionFactory(meeting=agenda, number=70)
    client.force_login(secretary)
    text = pdf_text(client.get(reverse("governance:meeting_pdf", args=[agenda.pk])).content, tmp_path)
    assert "ESITYSLISTA" in text
    assert "Puheenjohtaja" not in text and "Pöytäkirjantarkastaja" not in text


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_checkers_approve_in_the_browser(live_server, login, page, scrutiny, secretary, tmp_path):
    meeting, first, second = scrutiny
    login(secretary)
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Nimeä pöytäkirjantarkastajat").click()
    page.get_by_label("Ensimmäinen pöytäkirjantarkastaja").select_option(str(first.person.pk))
    page.get_by_label("Toinen pöytäkirjantarkastaja").select_option(str(second.person.pk))
    page.get_by_role("button", name="Tallenna pöytäkirjantarkastajat").click()
    page.get_by_role("button", name="Lähetä pöytäkirja tarkastettavaksi").click()
    assert page.get_by_text("pöytäkirja tarkastettavana").first.is_visible()

    for checker in (first, second):
        page.context.clear_cookies()
        login(checker)
        page.goto(f"{live_server.url}{reverse('governance:home')}")
        page.get_by_role("link", name=f"{meeting.group} {meeting.number}/{meeting.year}").first.click()
        page.get_by_role("button", name="Hyväksyn pöytäkirjan").click()

    statement = page.locator("#minutes-checked")
    assert STATEMENT in statement.inner_text()
    assert "Testi Ensimmäinen" in statement.inner_text() and "Testi Toinen" in statement.inner_text()
    page.screenshot(path="/tmp/r/checked-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/r/checked-390.png", full_page=True)
    pdf = page.request.get(f"{live_server.url}{reverse('governance:meeting_pdf', args=[meeting.pk])}").body()
    (tmp_path / "m.pdf").write_bytes(pdf)
    open("/tmp/r/checked.pdf", "wb").write(pdf)  # noqa: SIM115 – kept for looking at
    assert STATEMENT in pdf_text(pdf, tmp_path)
