"""The meeting page and its queries: a fixed number whatever the sections and attendees."""

import pytest
from django.urls import reverse

from tests.governance.factories import AgendaSectionFactory, AttendanceFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _meeting_with(term, size: int, number: int):
    meeting = MeetingFactory(term=term, number=number, published=True)
    for index in range(size):
        AgendaSectionFactory(meeting=meeting, number=number * 100 + index)
        AttendanceFactory(meeting=meeting)
    return meeting


def _count_queries(client, member, meeting, django_assert_num_queries, expected: int) -> None:
    client.force_login(member)
    url = reverse("governance:meeting", args=[meeting.pk])
    client.get(url)  # warm up the session and the caches that do not depend on the meeting
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_meeting_page_queries_do_not_grow(client, member, term, size, django_assert_num_queries):
    meeting = _meeting_with(term, size, number=size)
    # session + user, the meeting, attendances, corrections, minutes checkers, signers (7 SELECTs),
    # what the permission rules know of the user (their organisations, area, memberships and
    # groups: 1 SELECT, once per request), the header's count of unread notices (1 SELECT), and the
    # request's savepoint and its release. The sections of a published agenda, with their embeds
    # and attachments (3 SELECTs), were read and rendered by the first request, then cached.
    _count_queries(client, member, meeting, django_assert_num_queries, expected=11)
