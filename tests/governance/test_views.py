"""Every governance view: happy path, outsider 404, read-only member 403, wrong method 405."""

import datetime
import re

import pytest
from django.urls import reverse

from governance.models import AgendaSection, Attendance, Meeting, MinutesCorrection, SectionEmbed
from tests.conftest import pdf_text
from tests.governance.conftest import TEST_SECTION_KEY
from tests.governance.factories import (
    AgendaSectionFactory,
    MeetingFactory,
    SectionEmbedFactory,
)

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def section(meeting):
    return AgendaSectionFactory(meeting=meeting, number=6, title="Jälkihuollon hanke")


# --- reading ------------------------------------------------------------------------------------


def test_my_groups_lists_the_members_meetings_only(client, member, meeting, draft_meeting, other_member):
    page = login(client, member).get(reverse("governance:home")).content.decode()
    assert "Testijohtoryhmä" in page
    assert reverse("governance:meeting", args=[meeting.pk]) in page
    assert reverse("governance:meeting", args=[draft_meeting.pk]) not in page
    other = MeetingFactory._meta.model.objects.exclude(group=meeting.group).get()
    assert reverse("governance:meeting", args=[other.pk]) not in page


def test_group_page(client, member, board, other_member):
    assert login(client, member).get(reverse("governance:group", args=[board.pk])).status_code == 200
    assert client.post(reverse("governance:group", args=[board.pk])).status_code == 405
    assert login(client, other_member).get(reverse("governance:group", args=[board.pk])).status_code == 404


def test_meeting_page_shows_sections_and_hides_decisions_until_approved(client, member, section):
    page = (
        login(client, member).get(reverse("governance:meeting", args=[section.meeting_id])).content.decode()
    )
    assert "6 §" in page and "Jälkihuollon hanke" in page and "Päätösehdotus." in page
    assert "Hyväksyttiin." not in page  # the decision is not public before the minutes are approved
    assert reverse("governance:section_edit", args=[section.pk]) not in page


def test_meeting_page_status_and_methods(client, member, meeting, draft_meeting, other_member, plain_user):
    url = reverse("governance:meeting", args=[meeting.pk])
    assert login(client, member).post(url).status_code == 405
    assert client.get(reverse("governance:meeting", args=[draft_meeting.pk])).status_code == 404
    assert login(client, other_member).get(url).status_code == 404
    assert login(client, plain_user).get(url).status_code == 404


def test_meeting_pdf(client, member, section, tmp_path, other_member):
    response = login(client, member).get(reverse("governance:meeting_pdf", args=[section.meeting_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "6 §" in text and "Jälkihuollon hanke" in text and "1 / 1" in text
    assert (
        login(client, other_member)
        .get(reverse("governance:meeting_pdf", args=[section.meeting_id]))
        .status_code
        == 404
    )


def test_meeting_pdf_in_swedish(client, member, section, tmp_path):
    login(client, member).post(reverse("set_language"), {"language": "sv", "next": "/"})
    text = pdf_text(
        client.get(reverse("governance:meeting_pdf", args=[section.meeting_id])).content, tmp_path
    )
    assert "Förslag" in text and "6 §" in text


# --- preparing ----------------------------------------------------------------------------------


def test_coordinator_creates_a_meeting(client, coordinator, board, term):
    url = reverse("governance:meeting_create", args=[board.pk])
    assert login(client, coordinator).get(url).status_code == 200
    response = client.post(
        url,
        {
            "term": term.pk,
            "number": 4,
            "kind": "minutes",
            "starts_at": "2021-02-03T13:00",
            "place": "Seinäjoki",
        },
    )
    meeting = Meeting.objects.get(number=4)
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert (meeting.year, meeting.status, meeting.group) == (2021, "draft", board)
    assert meeting.starts_at == datetime.datetime(2021, 2, 3, 11, 0, tzinfo=datetime.UTC)


def test_meeting_outside_the_term_is_refused_with_a_message(client, coordinator, board, term):
    response = login(client, coordinator).post(
        reverse("governance:meeting_create", args=[board.pk]),
        {"term": term.pk, "number": 4, "kind": "minutes", "starts_at": "2023-02-03T13:00"},
    )
    assert response.status_code == 200 and not Meeting.objects.filter(number=4).exists()
    assert "toimikauden" in response.content.decode() or "within the term" in response.content.decode()


def test_member_may_not_prepare(client, member, board, meeting, section):
    login(client, member)
    for name, pk in [
        ("meeting_create", board.pk),
        ("meeting_edit", meeting.pk),
        ("section_create", meeting.pk),
        ("section_edit", section.pk),
        ("embed_create", section.pk),
        ("attendance", meeting.pk),
    ]:
        assert client.get(reverse(f"governance:{name}", args=[pk])).status_code == 403, name
    assert (
        client.post(
            reverse("governance:meeting_transition", args=[meeting.pk]), {"action": "draft_minutes"}
        ).status_code
        == 403
    )
    embed = SectionEmbedFactory(section=section)
    assert client.post(reverse("governance:embed_delete", args=[embed.pk])).status_code == 403
    assert client.get(reverse("governance:correction_create", args=[meeting.pk])).status_code == 403


def test_edit_meeting_and_stale_version(client, secretary, meeting):
    url = reverse("governance:meeting_edit", args=[meeting.pk])
    data = {
        "term": meeting.term_id,
        "number": 2,
        "kind": "minutes",
        "starts_at": "2020-06-12T10:00",
        "place": "Vaasa",
        "version": meeting.version,
    }
    assert login(client, secretary).post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Vaasa"
    response = client.post(url, {**data, "place": "Kokkola", "version": meeting.version - 1})
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.place == "Vaasa"
    assert client.delete(url).status_code == 405


def test_sections_get_the_next_number_of_the_year(client, coordinator, meeting, section):
    url = reverse("governance:section_create", args=[meeting.pk])
    page = login(client, coordinator).get(url).content.decode()
    assert 'value="7"' in page
    response = client.post(url, {"number": 7, "title": "Talousasiat", "proposal": "Hyväksytään."})
    assert response.status_code == 302
    assert AgendaSection.objects.get(number=7).title == "Talousasiat"
    assert client.put(url).status_code == 405


def test_a_double_submitted_section_form_creates_one_section(client, coordinator, meeting):
    url = reverse("governance:section_create", args=[meeting.pk])
    page = login(client, coordinator).get(url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    data = {"number": 7, "title": "Talousasiat", "proposal": "Hyväksytään.", "form_token": token}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data)["Location"] == url  # back to the form, with a message
    assert AgendaSection.objects.filter(meeting=meeting, number=7).count() == 1


def test_section_edit(client, coordinator, section):
    url = reverse("governance:section_edit", args=[section.pk])
    response = login(client, coordinator).post(
        url, {"number": 6, "title": "Uusi otsikko", "version": section.version}
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.title == "Uusi otsikko"


def test_approved_minutes_refuse_every_edit_view(client, coordinator, term):
    meeting = MeetingFactory(term=term, number=9, minutes_drafted=True)
    section = AgendaSectionFactory(meeting=meeting)
    login(client, coordinator).post(
        reverse("governance:meeting_transition", args=[meeting.pk]), {"action": "approve"}
    )
    meeting.refresh_from_db()
    assert meeting.status == "approved"
    # Refused with a clear message on the meeting page (not an error page), and nothing changes.
    for response in (
        client.get(reverse("governance:meeting_edit", args=[meeting.pk]), follow=True),
        client.post(reverse("governance:section_edit", args=[section.pk]), {"title": "x"}, follow=True),
    ):
        assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
        assert "Kokouksen pöytäkirja on hyväksytty ja lukittu." in response.content.decode()
    section.refresh_from_db()
    assert section.title != "x"


def test_embed_a_section_in_two_steps(client, coordinator, section):
    url = reverse("governance:embed_create", args=[section.pk])
    page = login(client, coordinator).get(url).content.decode()
    assert TEST_SECTION_KEY in page
    page = client.get(url, {"section_key": TEST_SECTION_KEY}).content.decode()
    assert 'name="params-label"' in page and 'name="params-value"' in page
    bad = client.post(
        url, {"section_key": TEST_SECTION_KEY, "params-label": "Asiakkaat", "params-value": "abc"}
    )
    assert bad.status_code == 200 and not SectionEmbed.objects.exists()
    response = client.post(
        url, {"section_key": TEST_SECTION_KEY, "params-label": "Asiakkaat", "params-value": "900"}
    )
    assert response.status_code == 302
    embed = SectionEmbed.objects.get()
    assert (embed.section_key, embed.params) == (TEST_SECTION_KEY, {"label": "Asiakkaat", "value": "900"})
    page = (
        client.get(reverse("governance:meeting", args=[section.meeting_id]))
        .content.decode()
        .replace("\xa0", " ")
    )
    assert "900,00 €" in page


def test_embed_delete(client, coordinator, section):
    embed = SectionEmbedFactory(section=section)
    url = reverse("governance:embed_delete", args=[embed.pk])
    assert login(client, coordinator).get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not SectionEmbed.objects.exists()


def test_publish_agenda(client, coordinator, draft_meeting, member):
    AgendaSectionFactory(meeting=draft_meeting)
    url = reverse("governance:meeting_transition", args=[draft_meeting.pk])
    assert login(client, coordinator).get(url).status_code == 405
    client.post(url, {"action": "publish_agenda"})
    draft_meeting.refresh_from_db()
    assert draft_meeting.status == "agenda_published"
    assert login(client, member).get(draft_meeting.get_absolute_url()).status_code == 200


def test_attendance(client, coordinator, meeting, member):
    membership = member.person.memberships.get()
    url = reverse("governance:attendance", args=[meeting.pk])
    assert login(client, coordinator).get(url).status_code == 200
    assert client.post(url, {f"m{membership.pk}": "absent"}).status_code == 302
    assert Attendance.objects.get(meeting=meeting).status == "absent"
    response = client.post(url, {f"m{membership.pk}": "deputy_present"})
    assert response.status_code == 200 and Attendance.objects.get(meeting=meeting).status == "absent"


def test_correction_of_approved_minutes(client, coordinator, term):
    meeting = MeetingFactory(term=term, number=9, minutes_drafted=True)
    section = AgendaSectionFactory(meeting=meeting, decision="Hyväksyttiin.")
    url = reverse("governance:correction_create", args=[meeting.pk])
    assert login(client, coordinator).get(url).status_code == 403  # not approved yet: edit instead
    client.post(reverse("governance:meeting_transition", args=[meeting.pk]), {"action": "approve"})
    response = client.post(
        url,
        {
            "section": section.pk,
            "field": "decision",
            "corrected_text": "Hyväksyttiin muutettuna.",
            "reason": "Kirjausvirhe.",
        },
    )
    assert response.status_code == 302
    assert MinutesCorrection.objects.get().previous_text == "Hyväksyttiin."
    assert "Kirjausvirhe." in client.get(meeting.get_absolute_url()).content.decode()


def test_duplicate_numbers_are_form_errors_not_500(client, coordinator, meeting, section):
    login(client, coordinator)
    response = client.post(
        reverse("governance:section_create", args=[meeting.pk]), {"number": section.number, "title": "Toinen"}
    )
    assert response.status_code == 200
    assert "Kokouksessa on jo tämännumeroinen pykälä." in response.content.decode()
    response = client.post(
        reverse("governance:meeting_create", args=[meeting.group_id]),
        {
            "term": meeting.term_id,
            "number": meeting.number,
            "kind": "minutes",
            "starts_at": "2020-09-01T10:00",
        },
    )
    assert response.status_code == 200
    assert "Ryhmällä on jo tämännumeroinen kokous tänä vuonna." in response.content.decode()


def test_second_chair_through_a_form_is_a_form_error(coordinator, term):
    from django.forms import modelform_factory

    from governance.models import Membership
    from tests.governance.factories import MembershipFactory, PersonFactory

    MembershipFactory(term=term, chair=True)
    form_class = modelform_factory(Membership, fields=["term", "person", "role"])
    form = form_class(data={"term": term.pk, "person": PersonFactory().pk, "role": "chair"})
    assert not form.is_valid()
    assert form.non_field_errors() == [
        "Toimikaudella on jo puheenjohtaja. Ryhmällä on yksi puheenjohtaja toimikautta kohden."
    ]


def test_section_approved_meanwhile_is_a_message(client, coordinator, term):
    """Someone approves the minutes while the section is being edited: a message, not a 500."""
    from governance import services

    meeting = MeetingFactory(term=term, number=9, minutes_drafted=True)
    section = AgendaSectionFactory(meeting=meeting)
    login(client, coordinator)
    assert client.get(reverse("governance:section_edit", args=[section.pk])).status_code == 200
    services.approve_minutes(meeting=meeting)
    response = client.post(
        reverse("governance:section_edit", args=[section.pk]),
        {"number": section.number, "title": "Uusi", "version": section.version},
        follow=True,
    )
    assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert "Kokouksen pöytäkirja on hyväksytty ja lukittu." in response.content.decode()
    section.refresh_from_db()
    assert section.title != "Uusi"
