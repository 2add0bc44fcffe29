"""Reads of steering groups and meetings."""

from django.utils import timezone

from governance.models import Meeting, SteeringGroup


def my_groups(user) -> dict:
    """The "My groups" page: the user's groups, their upcoming meetings, agendas and minutes."""
    groups = list(SteeringGroup.objects.visible_to(user).select_related("owner"))
    meetings = Meeting.objects.visible_to(user).select_related("group", "term")
    now = timezone.now()
    return {
        "groups": groups,
        "upcoming": list(meetings.filter(starts_at__gte=now).order_by("starts_at")[:20]),
        "agendas": list(
            meetings.filter(
                status__in=[Meeting.Status.AGENDA_PUBLISHED, Meeting.Status.MINUTES_DRAFTED],
                starts_at__lt=now,
            )[:20]
        ),
        "minutes": list(meetings.filter(status=Meeting.Status.APPROVED)[:20]),
        "drafts": list(Meeting.objects.preparable_by(user).filter(status=Meeting.Status.DRAFT)),
    }


def meeting_page(meeting: Meeting, viewer, *, media: str) -> dict:
    """What the meeting page and its PDF show, with the embedded report sections rendered.

    ``meeting`` comes from ``Meeting.objects.for_page()``: the query count does not grow with the
    number of sections and attendees (embedded sections add their own, per embed).
    """
    from config.sections import registry
    from governance.models import Membership

    sections = list(meeting.sections.all())
    for section in sections:
        section.rendered_embeds = [
            (embed, registry.render(embed.section_key, embed.params, viewer=viewer, media=media))
            for embed in section.embeds.all()
        ]
    signers = {
        m.role: m
        for m in Membership.objects.filter(
            term_id=meeting.term_id, role__in=[Membership.Role.CHAIR, Membership.Role.SECRETARY]
        ).select_related("person")
    }
    can_change = viewer.has_perm("governance.change_meeting", meeting)
    return {
        "meeting": meeting,
        "sections": sections,
        "attendances": sorted(meeting.attendances.all(), key=lambda a: a.rank),
        "corrections": list(meeting.corrections.all()),
        "chair": signers.get(Membership.Role.CHAIR),
        "secretary": signers.get(Membership.Role.SECRETARY),
        "can_change": can_change,
        "can_correct": viewer.has_perm("governance.correct_meeting", meeting),
        "shows_decisions": meeting.shows_decisions or can_change,
        "media": media,
    }
