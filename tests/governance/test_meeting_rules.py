"""The meeting record's own rules, asked of the model directly: messages, transitions, locks."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from governance.models import Meeting, Membership, MinutesCheck, MinutesCorrection, MinutesLocked
from tests.governance.factories import (
    AgendaSectionFactory,
    AttendanceFactory,
    MeetingFactory,
    MembershipFactory,
    SectionEmbedFactory,
    SteeringGroupFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (
            Meeting.Status.APPROVED,
            "The minutes of this meeting are approved and locked. Record a correction instead.",
        ),
        (
            Meeting.Status.MINUTES_CHECKING,
            "The minutes are with the minutes checkers. Return them to drafting to change them.",
        ),
        (Meeting.Status.MINUTES_DRAFTED, "Only approved minutes are corrected; edit the draft instead."),
    ],
)
def test_the_lock_says_why_for_each_status(status, message):
    error = MinutesLocked(status, meeting_id=7)
    assert error.messages == [message]
    assert error.code == "minutes_locked"
    assert error.meeting_id == 7


def test_a_one_year_term_is_named_by_its_year():
    assert str(TermFactory(start_year=2022, end_year=2022)) == "2022"
    assert str(TermFactory(start_year=2020, end_year=2021)) != "2020"


def test_a_meeting_is_refused_a_term_of_another_group_and_a_date_outside_its_term(term):
    other_term = TermFactory(group=SteeringGroupFactory())
    meeting = MeetingFactory.build(term=other_term, group=term.group, number=99)
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert error.value.message_dict["term"] == ["The term must be a term of the same group."]

    late = MeetingFactory.build(
        term=term,
        group=term.group,
        number=98,
        starts_at=datetime.datetime(2023, 1, 10, 9, tzinfo=timezone.get_default_timezone()),
    )
    with pytest.raises(ValidationError) as error:
        late.full_clean()
    assert error.value.message_dict["starts_at"] == ["The meeting date must fall within the term."]


@pytest.mark.parametrize(
    ("status", "action", "expected"),
    [
        (Meeting.Status.DRAFT, "publish_agenda", Meeting.Status.AGENDA_PUBLISHED),
        (Meeting.Status.DRAFT, "approve", None),
        (Meeting.Status.MINUTES_CHECKING, "checked", Meeting.Status.APPROVED),
        (Meeting.Status.MINUTES_DRAFTED, "no_such_action", None),
    ],
)
def test_only_the_listed_transitions_lead_anywhere(status, action, expected):
    assert Meeting(status=status).next_status(action) == expected


def test_an_approved_meeting_is_not_deleted_and_the_error_names_it(term):
    meeting = MeetingFactory(term=term, approved=True)
    with pytest.raises(MinutesLocked) as error:
        meeting.delete()
    assert error.value.meeting_id == meeting.pk
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_minutes_checker_of_approved_minutes_is_neither_added_nor_removed(term):
    meeting = MeetingFactory(term=term, minutes_drafted=True)
    check = MinutesCheck.objects.create(meeting=meeting, person=MembershipFactory(term=term).person)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.APPROVED)
    with pytest.raises(MinutesLocked) as error:
        MinutesCheck.objects.create(meeting=meeting, person=MembershipFactory(term=term).person)
    assert error.value.meeting_id == meeting.pk
    with pytest.raises(MinutesLocked):
        check.delete()
    assert list(meeting.checks.all()) == [check]


def test_a_part_of_a_section_is_locked_with_its_own_meeting_not_one_sharing_the_sections_id(term):
    meeting = MeetingFactory(term=term, minutes_drafted=True)
    # The section's id is also the id of a meeting that is not locked (ids given, as PostgreSQL's
    # sequences do not restart between tests).
    shared_id = meeting.pk + 1000
    MeetingFactory(term=term, pk=shared_id)
    section = AgendaSectionFactory(meeting=meeting, pk=shared_id)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.APPROVED)
    with pytest.raises(MinutesLocked):
        SectionEmbedFactory(section=section)
    assert not section.embeds.exists()


def _page_queries(client, user, meeting) -> int:
    client.force_login(user)
    url = reverse("governance:meeting", args=[meeting.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _approved_with(term, size: int, number: int) -> Meeting:
    meeting = MeetingFactory(term=term, number=number, minutes_drafted=True)
    for index in range(size):
        section = AgendaSectionFactory(meeting=meeting, number=number * 100 + index)
        attendance = AttendanceFactory(meeting=meeting)
        deputy = MembershipFactory(term=term, role=Membership.Role.DEPUTY, deputy_of=attendance.membership)
        AttendanceFactory(
            meeting=meeting, membership=deputy, status="deputy_present", deputy_for=attendance.membership
        )
        MinutesCheck.objects.create(meeting=meeting, person=attendance.person)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.APPROVED)
    for section in meeting.sections.all():
        MinutesCorrection.objects.create(
            meeting=meeting, section=section, field="title", previous_text="a", corrected_text="b", reason="c"
        )
    return meeting


def test_approved_minutes_with_corrections_checkers_and_deputies_cost_the_same_queries(client, member, term):
    small = _approved_with(term, 1, number=1)
    large = _approved_with(term, 4, number=2)
    assert _page_queries(client, member, small) == _page_queries(client, member, large)
