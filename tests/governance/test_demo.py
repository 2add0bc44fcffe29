"""The governance demo: the documents' figures, who sees what, and idempotence."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from governance.models import (
    AgendaSection,
    Meeting,
    Membership,
    SectionEmbed,
    SteeringGroup,
)

pytestmark = pytest.mark.django_db


def user(username: str):
    return get_user_model().objects.get(username=username)


def test_board_2020_2021(demo):
    board = SteeringGroup.objects.get(kind="board", owner__short_name="SONet BOTNIA")
    term = board.terms.get()
    assert str(term) == "2020–2021"
    roles = dict(
        term.memberships.values_list("role", "person__organisation__short_name").filter(
            role__in=["chair", "vice_chair"]
        )
    )
    assert roles == {"chair": "Soite", "vice_chair": "Vaasa"}
    assert Membership.objects.filter(term=term, person__user__username="jasen", role="member").exists()
    assert term.memberships.filter(role="secretary").count() == 1
    assert term.memberships.filter(role="expert").count() >= 3


def test_board_meeting_sections_and_embeds(demo):
    meeting = Meeting.objects.get(group__kind="board", year=2020)
    assert meeting.status == "approved"
    assert list(meeting.sections.values_list("number", flat=True)) == [6, 8, 9]
    assert "Elämässä eteenpäin" in AgendaSection.objects.get(meeting=meeting, number=6).title
    keys = set(
        SectionEmbed.objects.filter(section__meeting=meeting, section__number=9).values_list(
            "section_key", flat=True
        )
    )
    assert keys == {"funding.shares", "funding.centre_budget"}


def test_who_sees_the_demo_meetings(demo):
    board_meeting = Meeting.objects.get(group__kind="board")
    reflection = Meeting.objects.get(kind="peer_reflection")
    assert reflection.starts_at.date().isoformat() == "2023-03-29"
    assert user("jasen").has_perm("governance.view_meeting", board_meeting)
    assert not user("jasen").has_perm("governance.view_meeting", reflection)
    assert not user("jasen").has_perm("governance.change_meeting", board_meeting)
    assert user("koordinaattori").has_perm("governance.correct_meeting", board_meeting)
    assert user("esihenkilo-varha").has_perm("governance.view_meeting", reflection)
    assert not user("esihenkilo-varha").has_perm("governance.view_meeting", board_meeting)


def test_loading_the_demo_twice_changes_nothing(demo):
    models = [Meeting, AgendaSection, Membership, SectionEmbed]
    before = {m: (m.objects.count(), m.history.count()) for m in models}
    call_command("load_demo", demo=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert {m: (m.objects.count(), m.history.count()) for m in models} == before
