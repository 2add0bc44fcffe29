"""Every governance URL: a member of another group gets 404, an anonymous visitor the login page.

The patterns are enumerated from governance.urls, so a URL added without an entry here fails.
"""

import pytest
from django.urls import reverse

from governance.models import Attachment
from governance.urls import urlpatterns
from tests.governance.factories import AgendaSectionFactory, MembershipFactory, SectionEmbedFactory

# URL name → which object's pk fills it.
OBJECT_OF = {
    "group": "group",
    "meeting_create": "group",
    "meeting": "meeting",
    "meeting_pdf": "meeting",
    "meeting_pdf_job": "meeting",
    "meeting_edit": "meeting",
    "meeting_transition": "meeting",
    "section_create": "meeting",
    "attendance": "meeting",
    "correction_create": "meeting",
    "checkers": "meeting",
    "minutes_check": "meeting",
    "meeting_history": "meeting",
    "attachment_create": "section",
    "attachment": "attachment",
    "section_edit": "section",
    "embed_create": "section",
    "embed_delete": "embed",
    "term_create": "group",
    "term_edit": "term",
    "membership_create": "term",
    "membership_edit": "membership",
    "membership_delete": "membership",
    "person_roles": "person_user",
}
# The calendar feed is keyed by a person's secret, not by an object (tests/governance/test_calendar.py).
# An invitation is keyed by a one-time token (tests/governance/test_people.py).
PER_OBJECT = [
    p.name for p in urlpatterns if p.pattern.converters and p.name not in ("calendar_feed", "invitation")
]


@pytest.fixture
def objects(board, meeting, draft_meeting, coordinator):
    section = AgendaSectionFactory(meeting=meeting, number=6)
    AgendaSectionFactory(meeting=draft_meeting, number=7)
    return {
        "group": board,
        "meeting": meeting,
        "section": section,
        "embed": SectionEmbedFactory(section=section),
        "attachment": Attachment.objects.create(section=section, title="Liite"),
        "term": meeting.term,
        "membership": MembershipFactory(term=meeting.term),
        "person_user": coordinator,
    }


def test_every_pattern_is_mapped():
    assert set(PER_OBJECT) == set(OBJECT_OF)


@pytest.mark.django_db
@pytest.mark.parametrize("name", PER_OBJECT)
def test_member_of_another_group_gets_404(client, name, objects, other_member, outsider):
    url = reverse(f"governance:{name}", args=[objects[OBJECT_OF[name]].pk])
    for user in (other_member, outsider):
        client.force_login(user)
        statuses = {client.get(url).status_code, client.post(url).status_code}
        # The allowed method answers 404; the other one 405, which says nothing about the object.
        assert 404 in statuses and statuses <= {404, 405}, (name, user, statuses)


@pytest.mark.django_db
@pytest.mark.parametrize("name", [name for name in PER_OBJECT if OBJECT_OF.get(name) == "meeting"])
def test_member_gets_404_for_drafts(client, name, board, draft_meeting, member):
    """Nothing unpublished: a member cannot reach any URL of a draft meeting."""
    url = reverse(f"governance:{name}", args=[draft_meeting.pk])
    client.force_login(member)
    statuses = {client.get(url).status_code, client.post(url).status_code}
    assert 404 in statuses and statuses <= {404, 405}, statuses


@pytest.mark.django_db
@pytest.mark.parametrize("name", PER_OBJECT + ["home"])
def test_anonymous_visitor_gets_the_login_page(client, name, objects):
    url = reverse(f"governance:{name}", args=[objects[OBJECT_OF[name]].pk] if name in OBJECT_OF else [])
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next="), name
