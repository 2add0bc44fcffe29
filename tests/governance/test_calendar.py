"""The meeting calendar: a secret address per person, parsed as a calendar program would."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from governance.models import Meeting
from notices.services import calendar_token_for
from tests.governance.factories import MeetingFactory

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")


def _feed(client, user):
    url = reverse("governance:calendar_feed", args=[calendar_token_for(user).token])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _events(calendar):
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def summer_meeting(term):
    # 12.6.2020 at 9.00 in Helsinki is 6.00 UTC (summer time, UTC+3).
    return MeetingFactory(
        term=term,
        number=5,
        status=Meeting.Status.AGENDA_PUBLISHED,
        starts_at=datetime.datetime(2020, 6, 12, 6, 0, tzinfo=datetime.UTC),
        title="Kevätkokous",
    )


@pytest.fixture
def winter_meeting(term):
    # 15.12.2020 at 13.00 in Helsinki is 11.00 UTC (UTC+2).
    return MeetingFactory(
        term=term,
        number=6,
        status=Meeting.Status.AGENDA_PUBLISHED,
        starts_at=datetime.datetime(2020, 12, 15, 11, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2020, 12, 15, 12, 30, tzinfo=datetime.UTC),
    )


@pytest.fixture
def frozen_2020(time_machine):
    time_machine.move_to(datetime.datetime(2020, 5, 1, 12, tzinfo=HELSINKI), tick=False)


def test_the_feed_has_the_members_meetings_in_helsinki_time(
    client, frozen_2020, member, summer_meeting, winter_meeting, draft_meeting, other_member
):
    events = _events(_feed(client, member))
    assert len(events) == 2  # the draft and the other group's meeting are not there
    summer = events[f"meeting-{summer_meeting.pk}@testserver"]
    assert summer["dtstart"].dt == datetime.datetime(2020, 6, 12, 9, 0, tzinfo=HELSINKI)
    assert summer["dtstart"].params["TZID"] == "Europe/Helsinki"
    assert summer["dtstart"].dt.utcoffset() == datetime.timedelta(hours=3)
    assert "Kevätkokous" in str(summer["summary"])
    winter = events[f"meeting-{winter_meeting.pk}@testserver"]
    assert winter["dtstart"].dt.replace(tzinfo=None) == datetime.datetime(2020, 12, 15, 13, 0)
    assert winter["dtstart"].dt.utcoffset() == datetime.timedelta(hours=2)
    assert winter["dtend"].dt.replace(tzinfo=None) == datetime.datetime(2020, 12, 15, 14, 30)
    assert str(winter["url"]) == f"http://testserver{winter_meeting.get_absolute_url()}"


def test_a_moved_meeting_keeps_its_uid_and_raises_its_sequence(client, frozen_2020, member, summer_meeting):
    before = _events(_feed(client, member))[f"meeting-{summer_meeting.pk}@testserver"]
    summer_meeting.starts_at += datetime.timedelta(hours=2)
    summer_meeting.save()
    after = _events(_feed(client, member))[f"meeting-{summer_meeting.pk}@testserver"]
    assert int(after["sequence"]) > int(before["sequence"])
    assert after["dtstart"].dt == datetime.datetime(2020, 6, 12, 11, 0, tzinfo=HELSINKI)


def test_renewing_the_address_retires_the_old_one(client, member, summer_meeting):
    old = reverse("governance:calendar_feed", args=[calendar_token_for(member).token])
    client.force_login(member)
    response = client.post(reverse("governance:calendar_renew"))
    assert response.status_code == 302
    client.logout()
    assert client.get(old).status_code == 404
    new = reverse("governance:calendar_feed", args=[calendar_token_for(member).token])
    assert new != old and client.get(new).status_code == 200


def test_an_unknown_address_is_not_found(client):
    assert client.get(reverse("governance:calendar_feed", args=["not-a-token"])).status_code == 404


def test_the_settings_page_shows_the_calendar_address(client, member):
    client.force_login(member)
    response = client.get(reverse("notices:preferences"))
    token = calendar_token_for(member).token
    assert f"http://testserver/governance/calendar/{token}/meetings.ics" in response.content.decode()
