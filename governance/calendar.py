"""Each person's meetings as an iCalendar feed at a secret address (``notices.CalendarToken``).

A calendar that subscribes to the address sees a meeting move or change: each meeting keeps one UID
and its SEQUENCE is the meeting's version, which grows with every save. Times are in Europe/Helsinki
(with the zone's VTIMEZONE), so they stay right across daylight saving changes.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_GET, require_POST
from icalendar import Calendar, Event

from governance.models import Meeting
from notices.selectors import language_of, user_for_calendar_token
from notices.services import calendar_token_renew

HELSINKI = ZoneInfo("Europe/Helsinki")
DEFAULT_LENGTH = timedelta(hours=2)


def meetings_for_calendar(user):
    """Published meetings the person may see, from a year back on (drafts never)."""
    since = timezone.now() - timedelta(days=365)
    return (
        Meeting.objects.visible_to(user)
        .exclude(status=Meeting.Status.DRAFT)
        .filter(starts_at__gte=since)
        .select_related("group")
        .order_by("starts_at")
    )


def calendar_for(user) -> bytes:
    host = settings.PORTAL_URL.split("://")[-1].split("/")[0] or "portal"
    calendar = Calendar()
    calendar.add("prodid", "-//Jalkihuoltoportaali//Meetings//FI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Steering group meetings"))
    calendar.add("x-wr-timezone", "Europe/Helsinki")
    for meeting in meetings_for_calendar(user):
        starts = meeting.starts_at.astimezone(HELSINKI)
        ends = (meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH).astimezone(HELSINKI)
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("sequence", meeting.version)
        event.add("dtstamp", meeting.updated_at)
        event.add("last-modified", meeting.updated_at)
        event.add("dtstart", starts)
        event.add("dtend", ends)
        summary = f"{meeting.group} {meeting.number}/{meeting.year}"
        if meeting.title:
            summary += f": {meeting.title}"
        event.add("summary", summary)
        location = meeting.place or (_("Online") if meeting.online else "")
        if location:
            event.add("location", location)
        event.add("url", settings.PORTAL_URL.rstrip("/") + meeting.get_absolute_url())
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


@login_not_required
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: no login (calendar programs cannot log in); the secret is the address."""
    user = user_for_calendar_token(token)
    if user is None:
        raise Http404
    with override(language_of(user)):
        body = calendar_for(user)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@require_POST
def calendar_renew(request: HttpRequest) -> HttpResponse:
    calendar_token_renew(user=request.user)
    messages.success(request, _("Your calendar address was renewed. The old address no longer works."))
    return redirect("notices:preferences")
