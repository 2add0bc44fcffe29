"""Meeting notices: agenda published and minutes approved reach the term's people; the minutes'
checkers are notified through ``notify_minutes_checking`` (called by the checking feature)."""

import pytest
from django.core import mail

from governance.notifications import notify_minutes_checking
from governance.services import meeting_transition
from notices.models import Kind, Notice
from tests.governance.factories import AgendaSectionFactory, MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy(term, member):
    user = UserFactory(username="deputy", email="deputy@example.fi")
    PersonFactory(user=user)
    MembershipFactory(term=term, person=user.person, role="deputy", deputy_of=member.person.memberships.get())
    return user


def test_publishing_the_agenda_notifies_members_and_deputies(draft_meeting, member, deputy, other_member):
    member.email = "member@example.fi"
    member.save()
    AgendaSectionFactory(meeting=draft_meeting)
    meeting_transition(meeting=draft_meeting, action="publish_agenda")

    notices = Notice.objects.filter(kind=Kind.AGENDA_PUBLISHED)
    assert {n.recipient for n in notices} == {member, deputy}
    notice = notices.get(recipient=member)
    assert notice.url == draft_meeting.get_absolute_url()
    assert str(draft_meeting) in notice.title
    assert "12.6.2020 9.00" in notice.detail
    # The PDF is linked, never attached.
    assert {m.to[0] for m in mail.outbox} == {"member@example.fi", "deputy@example.fi"}
    message = next(m for m in mail.outbox if m.to == ["member@example.fi"])
    assert f"http://testserver/governance/meetings/{draft_meeting.pk}/pdf/" in message.body
    assert message.attachments == []


def test_approving_the_minutes_notifies_once(meeting, member):
    AgendaSectionFactory(meeting=meeting, decision="Hyväksyttiin.")
    meeting_transition(meeting=meeting, action="draft_minutes")
    assert not Notice.objects.exists()
    meeting_transition(meeting=meeting, action="approve")
    assert list(Notice.objects.values_list("kind", "recipient")) == [(Kind.MINUTES_APPROVED, member.pk)]


def test_checkers_are_notified_once_per_round(meeting, member, secretary):
    assert notify_minutes_checking(meeting, [member]) == 1
    assert notify_minutes_checking(meeting, [member]) == 0
    [notice] = Notice.objects.filter(kind=Kind.MINUTES_CHECKING)
    assert notice.recipient == member
    assert notice.title == f"Tarkastettava pöytäkirja: {meeting}"
    assert notify_minutes_checking(meeting, [member], round_key="2") == 1
