"""Who hears of a meeting's steps: notices to the members and deputies of the meeting's term."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from governance.models import Meeting, Membership
from notices.models import Kind
from notices.services import notify


def meeting_recipients(meeting: Meeting) -> list:
    """The users of the people who hold a membership in the meeting's term (members, deputies,
    the chairs, invited experts and the secretary)."""
    memberships = Membership.objects.filter(term_id=meeting.term_id, person__user__isnull=False)
    return [m.person.user for m in memberships.select_related("person__user")]


def _when(meeting: Meeting):
    # Called while the recipient's language is active, so the date reads their way.
    return lambda: date_format(timezone.localtime(meeting.starts_at), "SHORT_DATETIME_FORMAT")


def notify_agenda_published(meeting: Meeting) -> int:
    """The agenda is out: a link to the meeting page and to its PDF, never the PDF itself."""
    return len(
        notify(
            kind=Kind.AGENDA_PUBLISHED,
            recipients=meeting_recipients(meeting),
            title=_("Agenda published: %(meeting)s"),
            detail=_("Meeting %(meeting)s on %(when)s. The agenda as PDF: %(pdf)s"),
            params={
                "meeting": meeting,
                "when": _when(meeting),
                "pdf": _absolute(reverse("governance:meeting_pdf", args=[meeting.pk])),
            },
            url=meeting.get_absolute_url(),
            key=f"agenda_published:meeting:{meeting.pk}",
        )
    )


def notify_minutes_checking(meeting: Meeting, checkers: Iterable, *, round_key: str = "") -> int:
    """The minutes await checking by ``checkers`` (users). ``round_key`` names a new round when the
    same minutes are sent for checking again (e.g. the id of the checking round)."""
    return len(
        notify(
            kind=Kind.MINUTES_CHECKING,
            recipients=checkers,
            title=_("Minutes to check: %(meeting)s"),
            detail=_("The minutes of meeting %(meeting)s on %(when)s await your checking."),
            params={"meeting": meeting, "when": _when(meeting)},
            url=meeting.get_absolute_url(),
            key=f"minutes_checking:meeting:{meeting.pk}:{round_key}",
        )
    )


def notify_minutes_approved(meeting: Meeting) -> int:
    return len(
        notify(
            kind=Kind.MINUTES_APPROVED,
            recipients=meeting_recipients(meeting),
            title=_("Minutes approved: %(meeting)s"),
            params={"meeting": meeting},
            url=meeting.get_absolute_url(),
            key=f"minutes_approved:meeting:{meeting.pk}",
        )
    )


def _absolute(path: str) -> str:
    from django.conf import settings

    return settings.PORTAL_URL.rstrip("/") + path
