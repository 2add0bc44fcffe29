"""The permission predicates and the queryset verbs state the same rule."""

import pytest

from governance.models import Meeting, SteeringGroup
from tests.governance.factories import MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(board, term, meeting, draft_meeting, other_member):
    approved = MeetingFactory(term=term, number=7, approved=True)
    return {"approved": approved}


@pytest.mark.parametrize(
    "persona",
    ["coordinator", "member", "secretary", "other_member", "outsider", "plain_user", "administrator"],
)
def test_querysets_agree_with_predicates(request, world, persona):
    user = request.getfixturevalue(persona)
    for model, perm in [
        (Meeting, "governance.view_meeting"),
        (SteeringGroup, "governance.view_steeringgroup"),
    ]:
        visible = set(model.objects.visible_to(user))
        allowed = {obj for obj in model.objects.all() if user.has_perm(perm, obj)}
        assert visible == allowed, (persona, model)
    preparable = set(Meeting.objects.preparable_by(user))
    assert preparable == {
        m
        for m in Meeting.objects.all()
        if user.has_perm("governance.change_meeting", m)
        or (m.status == "approved" and user.has_perm("governance.correct_meeting", m))
    }


def test_member_reads_published_but_never_changes(member, meeting, draft_meeting):
    assert member.has_perm("governance.view_meeting", meeting)
    assert not member.has_perm("governance.view_meeting", draft_meeting)
    assert not member.has_perm("governance.change_meeting", meeting)


def test_secretary_prepares_only_their_terms_meetings(secretary, meeting):
    assert secretary.has_perm("governance.change_meeting", meeting)
    elsewhere = MeetingFactory()
    MembershipFactory(term=elsewhere.term, person=secretary.person)
    assert not secretary.has_perm("governance.change_meeting", elsewhere)
