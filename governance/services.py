"""Writes of steering groups, meetings and minutes. Each service validates before it saves."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from config.sections import registry
from governance import notifications
from governance.models import (
    AgendaSection,
    Attendance,
    Meeting,
    Membership,
    MinutesCorrection,
    SectionEmbed,
)

# The lifecycle: each step names the status it starts from.
TRANSITIONS = {
    "publish_agenda": (Meeting.Status.DRAFT, Meeting.Status.AGENDA_PUBLISHED),
    "draft_minutes": (Meeting.Status.AGENDA_PUBLISHED, Meeting.Status.MINUTES_DRAFTED),
    "approve": (Meeting.Status.MINUTES_DRAFTED, Meeting.Status.APPROVED),
}


def next_section_number(*, group_id: int, year: int) -> int:
    """Section numbers continue within the group's year: one past the highest used so far."""
    highest = AgendaSection.objects.filter(meeting__group_id=group_id, meeting__year=year).aggregate(
        n=Max("number")
    )["n"]
    return (highest or 0) + 1


def next_meeting_number(*, group_id: int, year: int) -> int:
    highest = Meeting.objects.filter(group_id=group_id, year=year).aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


@transaction.atomic
def meeting_transition(*, meeting: Meeting, action: str) -> Meeting:
    """Move a meeting one step along draft → agenda published → minutes drafted → approved."""
    if action not in TRANSITIONS:
        raise ValidationError(_("Unknown action."), code="action")
    source, target = TRANSITIONS[action]
    if meeting.status != source:
        raise ValidationError(
            _("The meeting is %(status)s: this step is not possible now."),
            params={"status": meeting.get_status_display()},
            code="status",
        )
    if action == "publish_agenda" and not meeting.sections.exists():
        raise ValidationError(_("Add at least one section before publishing the agenda."), code="empty")
    if action == "approve":
        undecided = [str(s) for s in meeting.sections.all() if not s.decision.strip()]
        if undecided:
            raise ValidationError(
                _("Write the decision of every section before approving: %(sections)s."),
                params={"sections": ", ".join(undecided)},
                code="undecided",
            )
        meeting.approved_at = timezone.now()
    meeting.status = target
    meeting.save()
    if action == "publish_agenda":
        notifications.notify_agenda_published(meeting)
    elif action == "approve":
        notifications.notify_minutes_approved(meeting)
    return meeting


@transaction.atomic
def embed_add(
    *, section: AgendaSection, section_key: str, params: Mapping[str, Any], editor=None
) -> SectionEmbed:
    """Embed a registered report section with parameters its own form accepts (from the choices the
    ``editor`` may see, when an editor is given)."""
    report = registry.get(section_key)
    if report is None:
        raise ValidationError(_("Unknown report section."), code="section_key")
    form = report.validate(params) if editor is None else report.params_form_for(editor, params)
    if not form.is_valid():
        raise ValidationError(_("The settings of the embedded section are not valid."), code="params")
    order = (section.embeds.aggregate(n=Max("order"))["n"] or 0) + 1
    embed = SectionEmbed(section=section, section_key=section_key, params=dict(params), order=order)
    embed.full_clean()
    embed.save()
    return embed


@transaction.atomic
def attendance_set(
    *, meeting: Meeting, statuses: Mapping[int, str], deputies: Mapping[int, int | None] | None = None
) -> None:
    """Record each membership's attendance (``statuses``: membership id → status); a deputy present
    for a member is recorded under the deputy with the member they stood in for."""
    deputies = deputies or {}
    memberships = {m.pk: m for m in Membership.objects.filter(term=meeting.term).select_related("person")}
    for membership_id, status in statuses.items():
        membership = memberships[membership_id]
        deputy_for = None
        if status == Attendance.Status.DEPUTY_PRESENT:
            deputy_for = memberships.get(deputies.get(membership_id) or 0) or membership.deputy_of
            if deputy_for is None:
                raise ValidationError(
                    _("%(person)s is marked present as deputy: name the member they stand in for."),
                    params={"person": membership.person},
                    code="deputy_for",
                )
        attendance = Attendance.objects.filter(
            meeting=meeting, person=membership.person
        ).first() or Attendance(meeting=meeting, person=membership.person)
        attendance.membership = membership
        attendance.status = status
        attendance.deputy_for = deputy_for
        attendance.full_clean()
        attendance.save()


@transaction.atomic
def minutes_correct(
    *, section: AgendaSection, field: str, corrected_text: str, reason: str, user
) -> MinutesCorrection:
    """Correct approved minutes: the change is recorded with the old text, the new text and why."""
    meeting = section.meeting
    if meeting.status != Meeting.Status.APPROVED:
        raise ValidationError(
            _("Only approved minutes are corrected; edit the draft instead."), code="status"
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the minutes are corrected.")})
    previous = getattr(section, field)
    if previous == corrected_text:
        raise ValidationError({"corrected_text": _("The corrected text is the same as the approved text.")})
    correction = MinutesCorrection(
        meeting=meeting,
        section=section,
        field=field,
        previous_text=previous,
        corrected_text=corrected_text,
        reason=reason,
        corrected_by=user if user.is_authenticated else None,
    )
    correction.full_clean()
    correction.save()
    setattr(section, field, corrected_text)
    section._allow_locked_save = True  # the correction record above is what makes this change visible
    section.save()
    return correction
