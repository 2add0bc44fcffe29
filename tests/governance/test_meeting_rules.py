"""The meeting record's own rules, asked of the model directly: messages, transitions, locks."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from governance.models import (
    AgendaSection,
    Attachment,
    Meeting,
    Membership,
    MinutesCheck,
    MinutesCorrection,
    MinutesLocked,
)
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


# --- the guards pass Django's own arguments on ---------------------------------------------------


def _parts(term) -> dict:
    meeting = MeetingFactory(term=term, minutes_drafted=True)
    section = AgendaSectionFactory(meeting=meeting)
    return {
        "meeting": meeting,
        "section": section,
        "attendance": AttendanceFactory(meeting=meeting),
        "embed": SectionEmbedFactory(section=section),
        "check": MinutesCheck.objects.create(meeting=meeting, person=MembershipFactory(term=term).person),
    }


@pytest.mark.parametrize("part", ["meeting", "section", "attendance", "embed", "check"])
def test_a_guarded_save_saves_only_the_fields_it_is_asked_to(term, part):
    record = _parts(term)[part]
    field = {"meeting": "place", "section": "title", "attendance": "note", "embed": "section_key"}.get(
        part, "comment"
    )
    other = {"meeting": "title", "section": "decision", "attendance": "status", "embed": "order"}.get(
        part, "approved_at"
    )
    setattr(record, field, "Muutettu")
    setattr(
        record, other, timezone.now() if other == "approved_at" else (7 if other == "order" else "absent")
    )
    record.save(update_fields=[field])
    stored = type(record).objects.get(pk=record.pk)
    assert getattr(stored, field) == "Muutettu"
    assert getattr(stored, other) != getattr(record, other)


@pytest.mark.parametrize("part", ["meeting", "section", "attendance", "embed", "check"])
@pytest.mark.parametrize("how", ["positional", "keyword"])
def test_a_guarded_delete_passes_the_database_alias_on(term, part, how):
    from django.utils.connection import ConnectionDoesNotExist

    parts = _parts(term)
    record = parts[part]
    with pytest.raises(ConnectionDoesNotExist):
        record.delete("no_such_database") if how == "positional" else record.delete(using="no_such_database")
    assert type(record).objects.filter(pk=record.pk).exists()


# --- which meeting and why, in every refusal -----------------------------------------------------


def test_a_part_of_minutes_with_the_checkers_is_refused_naming_the_meeting_and_why(term):
    meeting = MeetingFactory(term=term, minutes_drafted=True)
    section = AgendaSectionFactory(meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.MINUTES_CHECKING)
    section.title = "Muutettu"
    with pytest.raises(MinutesLocked) as error:
        section.save()
    assert error.value.meeting_id == meeting.pk
    assert error.value.messages == [
        "The minutes are with the minutes checkers. Return them to drafting to change them."
    ]


def test_saving_approved_minutes_is_refused_naming_the_meeting(term):
    meeting = MeetingFactory(term=term, approved=True)
    meeting.place = "Muualla"
    with pytest.raises(MinutesLocked) as error:
        meeting.save()
    assert error.value.meeting_id == meeting.pk
    assert Meeting.objects.get(pk=meeting.pk).place == "Teams"


def test_removing_a_checker_of_approved_minutes_is_refused_naming_the_meeting(term):
    meeting = MeetingFactory(term=term, minutes_drafted=True)
    check = MinutesCheck.objects.create(meeting=meeting, person=MembershipFactory(term=term).person)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.APPROVED)
    with pytest.raises(MinutesLocked) as error:
        check.delete()
    assert error.value.meeting_id == meeting.pk
    assert str(check) == str(check.person)


# --- corrections change approved minutes only with their own record ------------------------------


def _approved_section(term):
    meeting = MeetingFactory(term=term, minutes_drafted=True)
    section = AgendaSectionFactory(meeting=meeting, decision="Hyväksyttiin.")
    other = AgendaSectionFactory(meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.APPROVED)
    return meeting, section, other


def _correction(meeting, section, **saved) -> MinutesCorrection:
    values = {
        "meeting": meeting,
        "section": section,
        "field": "decision",
        "previous_text": "Hyväksyttiin.",
        "corrected_text": "Hyväksyttiin muutettuna.",
        "reason": "Kirjoitusvirhe.",
    }
    return MinutesCorrection.objects.create(**values) if saved else MinutesCorrection(**values)


def test_a_correction_record_changes_its_own_section_of_approved_minutes(term):
    meeting, section, _other = _approved_section(term)
    section.decision = "Hyväksyttiin muutettuna."
    section.save(correction=_correction(meeting, section, saved=True), update_fields=["decision"])
    assert AgendaSection.objects.get(pk=section.pk).decision == "Hyväksyttiin muutettuna."


def test_a_correction_of_another_section_or_not_yet_saved_changes_nothing(term):
    meeting, section, other = _approved_section(term)
    section.decision = "Hyväksyttiin muutettuna."
    with pytest.raises(MinutesLocked):
        section.save(correction=_correction(meeting, other, saved=True))
    with pytest.raises(MinutesLocked):
        section.save(correction=_correction(meeting, section))
    assert AgendaSection.objects.get(pk=section.pk).decision == "Hyväksyttiin."


# --- section numbers run within the group's year -------------------------------------------------


def _section_clean_errors(section) -> dict:
    try:
        section.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def test_a_section_number_is_refused_when_another_meeting_of_the_same_group_and_year_has_it(term):
    AgendaSectionFactory(meeting=MeetingFactory(term=term, number=1), number=6)
    second = MeetingFactory(term=term, number=2)
    errors = _section_clean_errors(AgendaSectionFactory.build(meeting=second, number=6))
    assert errors["number"] == ["Section 6 § is already used in another meeting of this year."]
    assert _section_clean_errors(AgendaSectionFactory.build(meeting=second, number=7)) == {}


def test_section_numbers_of_other_groups_and_other_years_are_free(term):
    AgendaSectionFactory(meeting=MeetingFactory(term=term, number=1), number=6)
    other_group = MeetingFactory(term=TermFactory(start_year=2020, end_year=2021), number=1)
    next_year = MeetingFactory(
        term=term,
        number=1,
        starts_at=datetime.datetime(2021, 3, 1, 9, tzinfo=timezone.get_default_timezone()),
    )
    assert _section_clean_errors(AgendaSectionFactory.build(meeting=other_group, number=6)) == {}
    assert _section_clean_errors(AgendaSectionFactory.build(meeting=next_year, number=6)) == {}


def test_a_section_without_a_meeting_is_told_so_not_crashed_on():
    errors = _section_clean_errors(AgendaSection(number=6, title="Asia"))
    assert list(errors) == ["meeting"]


def test_a_meeting_leaves_the_fields_it_is_told_to_skip_unchecked(term):
    meeting = MeetingFactory.build(term=term, group=term.group, title="x" * 300)
    meeting.clean_fields(exclude=["title", "term", "group"])
    with pytest.raises(ValidationError) as error:
        meeting.clean_fields(exclude=["term", "group"])
    assert list(error.value.message_dict) == ["title"]


def test_a_meeting_page_list_asks_nothing_more_for_groups_owners_and_terms(term, django_assert_num_queries):
    for number in (1, 2, 3):
        MeetingFactory(term=term, number=number)
    meetings = list(Meeting.objects.filter(group=term.group).for_page())
    with django_assert_num_queries(0):
        assert {(str(m.group.owner), str(m.term)) for m in meetings} == {(str(term.group.owner), "2020–2021")}


def test_an_attachment_is_stored_under_a_random_name_with_the_extension_of_its_type():
    from governance.models.meetings import _attachment_path

    first = _attachment_path(Attachment(title="Salainen", content_type="application/pdf"), "nimi.docx")
    second = _attachment_path(Attachment(title="Salainen", content_type="application/pdf"), "nimi.docx")
    unknown = _attachment_path(Attachment(title="x", content_type="text/plain"), "a.txt")
    assert first.startswith("attachments/") and first.endswith(".pdf")
    assert first != second
    assert "Salainen" not in first and "nimi" not in first
    assert len(first) == len("attachments/") + 32 + len(".pdf")
    assert unknown.endswith(".bin")


def test_a_correction_saves_only_the_field_it_corrects(term):
    meeting, section, _other = _approved_section(term)
    section.decision = "Hyväksyttiin muutettuna."
    section.title = "Ei kuulu korjaukseen"
    section.save(correction=_correction(meeting, section, saved=True), update_fields=["decision"])
    stored = AgendaSection.objects.get(pk=section.pk)
    assert stored.decision == "Hyväksyttiin muutettuna." and stored.title != "Ei kuulu korjaukseen"


def test_a_taken_section_number_is_refused_with_its_own_code(term):
    AgendaSectionFactory(meeting=MeetingFactory(term=term, number=1), number=6)
    section = AgendaSectionFactory.build(meeting=MeetingFactory(term=term, number=2), number=6)
    with pytest.raises(ValidationError) as error:
        section.clean()
    assert [e.code for e in error.value.error_dict["number"]] == ["number_taken"]
