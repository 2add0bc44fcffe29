"""Database invariants of groups and meetings, and the lock on approved minutes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from governance import services
from governance.models import Membership, MinutesCorrection, MinutesLocked
from tests.governance.factories import (
    AgendaSectionFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    SectionEmbedFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


def approved_section(**kwargs):
    """A section of minutes that were then approved (sections cannot be added afterwards)."""
    section = AgendaSectionFactory(meeting=MeetingFactory(minutes_drafted=True), **kwargs)
    services.meeting_transition(meeting=section.meeting, action="approve")
    section.refresh_from_db()
    return section


def test_a_second_chair_in_the_same_term_is_refused_with_a_clear_message():
    term = TermFactory()
    MembershipFactory(term=term, chair=True)
    second = Membership(term=term, person=PersonFactory(), role=Membership.Role.CHAIR)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    # The default UI language is Finnish: the message says what is wrong, in Finnish.
    assert error.value.messages == [
        "Toimikaudella on jo puheenjohtaja. Ryhmällä on yksi puheenjohtaja toimikautta kohden."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_a_chair_in_another_term_is_fine():
    first = MembershipFactory(chair=True)
    other_term = TermFactory(group=first.term.group, start_year=2022, end_year=2023)
    Membership(term=other_term, person=first.person, role=Membership.Role.CHAIR).full_clean()


def test_a_second_vice_chair_is_refused():
    term = TermFactory()
    MembershipFactory(term=term, role=Membership.Role.VICE_CHAIR)
    with pytest.raises(ValidationError, match="jo varapuheenjohtaja"):
        Membership(term=term, person=PersonFactory(), role=Membership.Role.VICE_CHAIR).full_clean()


def test_one_membership_per_person_per_term():
    membership = MembershipFactory()
    with pytest.raises(ValidationError, match="jo jäsenyys"):
        Membership(term=membership.term, person=membership.person, role=Membership.Role.EXPERT).full_clean()


def test_a_deputy_names_the_member():
    member = MembershipFactory()
    with pytest.raises(ValidationError, match="Varajäsenelle nimetään"):
        Membership(term=member.term, person=PersonFactory(), role=Membership.Role.DEPUTY).full_clean()
    Membership(
        term=member.term, person=PersonFactory(), role=Membership.Role.DEPUTY, deputy_of=member
    ).full_clean()


def test_approved_minutes_cannot_be_edited():
    section = approved_section()
    meeting = section.meeting
    section.decision = "Toisin päätetty."
    with pytest.raises(MinutesLocked):
        section.save()
    meeting.place = "Muualla"
    with pytest.raises(MinutesLocked):
        meeting.save()
    with pytest.raises(MinutesLocked):
        AgendaSectionFactory(meeting=meeting, number=99)
    with pytest.raises(MinutesLocked):
        section.delete()
    section.refresh_from_db()
    assert section.decision == "Hyväksyttiin."


def test_embeds_of_approved_minutes_are_locked():
    embed = SectionEmbedFactory(section=AgendaSectionFactory(meeting=MeetingFactory(minutes_drafted=True)))
    services.meeting_transition(meeting=embed.section.meeting, action="approve")
    with pytest.raises(MinutesLocked):
        embed.delete()
    embed.refresh_from_db()  # still there
    embed.params = {"changed": True}
    with pytest.raises(MinutesLocked):
        embed.save()


def test_no_section_can_be_embedded_into_approved_minutes():
    section = approved_section()
    with pytest.raises(MinutesLocked):
        SectionEmbedFactory(section=section)
    assert not section.embeds.exists()


def test_a_correction_is_recorded_never_silent(coordinator):
    section = approved_section(decision="Hyväksyttiin.")
    correction = services.minutes_correct(
        section=section,
        field="decision",
        corrected_text="Hyväksyttiin muutettuna.",
        reason="Kirjausvirhe",
        user=coordinator,
    )
    section.refresh_from_db()
    assert section.decision == "Hyväksyttiin muutettuna."
    assert MinutesCorrection.objects.get() == correction
    assert (correction.previous_text, correction.corrected_by) == ("Hyväksyttiin.", coordinator)
    assert section.history.count() == 2


def test_a_correction_needs_a_reason(coordinator):
    section = approved_section()
    with pytest.raises(ValidationError):
        services.minutes_correct(
            section=section, field="decision", corrected_text="X", reason=" ", user=coordinator
        )


def test_lifecycle_goes_one_step_at_a_time():
    meeting = MeetingFactory()
    with pytest.raises(ValidationError, match="Lisää vähintään yksi pykälä"):
        services.meeting_transition(meeting=meeting, action="publish_agenda")
    AgendaSectionFactory(meeting=meeting, decision="")
    with pytest.raises(ValidationError):
        services.meeting_transition(meeting=meeting, action="approve")
    services.meeting_transition(meeting=meeting, action="publish_agenda")
    services.meeting_transition(meeting=meeting, action="draft_minutes")
    with pytest.raises(ValidationError, match="Kirjaa jokaisen pykälän päätös"):
        services.meeting_transition(meeting=meeting, action="approve")


def test_section_numbers_continue_within_the_groups_year():
    first = MeetingFactory(number=1)
    AgendaSectionFactory(meeting=first, number=5)
    second = MeetingFactory(term=first.term, number=2)
    assert services.next_section_number(group_id=second.group_id, year=second.year) == 6
    clash = AgendaSectionFactory.build(meeting=second, number=5)
    with pytest.raises(ValidationError, match="on jo käytetty toisessa"):
        clash.full_clean()


@pytest.mark.parametrize(("year", "fits"), [(2021, False), (2022, True), (2023, True), (2024, False)])
def test_meeting_must_fall_within_its_term(year, fits):
    """A meeting in the first or last year of its term is fine; a year before or after is refused."""
    meeting = MeetingFactory.build(
        term=TermFactory(start_year=2022, end_year=2023),
        starts_at=datetime.datetime(year, 6, 1, 10, tzinfo=datetime.UTC),
    )
    meeting.group = meeting.term.group
    if fits:
        meeting.full_clean()
    else:
        with pytest.raises(ValidationError, match="toimikauden sisälle"):
            meeting.full_clean()


def test_group_name_in_swedish_where_it_has_one():
    from django.utils import translation

    from tests.governance.factories import SteeringGroupFactory

    group = SteeringGroupFactory(name="SONet BOTNIA -johtoryhmä", name_sv="SONet BOTNIA ledningsgrupp")
    with translation.override("sv"):
        assert str(group) == "SONet BOTNIA ledningsgrupp"
    with translation.override("fi"):
        assert str(group) == "SONet BOTNIA -johtoryhmä"
    assert str(SteeringGroupFactory(name="Ohjausryhmä")) == "Ohjausryhmä"
