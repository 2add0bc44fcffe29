"""Reads of steering groups and meetings."""

import hashlib
import operator
from functools import reduce

import rules
from django.core.cache import cache
from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from config.compiled import CompiledQuery
from config.sections import registry
from governance.models import Meeting, Membership, SteeringGroup, Term
from governance.models.meetings import SECTIONS_FOR_PAGE
from governance.permissions import opens_confidential_attachments_of

LIST_LENGTH = 20


def my_groups(user) -> dict:
    """The "My groups" page: the user's groups, their upcoming meetings, agendas and minutes.

    The five lists of meetings are read in one query: each list is a (limited) subquery, the rows
    carry a flag per list they belong to, and are sorted into the lists here."""
    groups = list(SteeringGroup.objects.visible_to(user).select_related("owner"))
    meetings = Meeting.objects.visible_to(user).order_by("-starts_at", "-pk")  # ties in a stable order
    now = timezone.now()
    lists = {
        "upcoming": meetings.filter(starts_at__gte=now).order_by("starts_at", "pk")[:LIST_LENGTH],
        "agendas": meetings.filter(
            status__in=[Meeting.Status.AGENDA_PUBLISHED, Meeting.Status.MINUTES_DRAFTED], starts_at__lt=now
        )[:LIST_LENGTH],
        "minutes": meetings.filter(status=Meeting.Status.APPROVED)[:LIST_LENGTH],
        "drafts": Meeting.objects.preparable_by(user).filter(status=Meeting.Status.DRAFT),
        "to_check": meetings.filter(
            status=Meeting.Status.MINUTES_CHECKING,
            checks__person__user=user,
            checks__approved_at__isnull=True,
        )
        if user.is_authenticated
        else Meeting.objects.none(),
    }
    member_of = {name: Q(pk__in=queryset.values("pk")) for name, queryset in lists.items()}
    rows = list(
        Meeting.objects.filter(reduce(operator.or_, member_of.values()))
        .annotate(**{f"in_{name}": ExpressionWrapper(q, BooleanField()) for name, q in member_of.items()})
        .select_related("group", "term")
        .order_by("-starts_at", "-pk")  # newest first, as every list but the upcoming one is shown
    )
    result = {name: [m for m in rows if getattr(m, f"in_{name}")] for name in lists}
    result["upcoming"].reverse()
    return {"groups": groups, **result}


SECTIONS_CACHE_SECONDS = 30 * 24 * 3600


def meeting_page(meeting: Meeting, viewer, *, media: str) -> dict:
    """What the meeting page and its PDF show, with the embedded report sections rendered.

    ``meeting`` comes from ``Meeting.objects.for_page()``: the query count does not grow with the
    number of sections and attendees (embedded sections add their own, per embed). From
    ``for_page(sections=False)``, the sections of a published agenda or of minutes are rendered
    once and cached (``sections_html``), and read from the database only when that is missing.
    """
    from governance.models import Membership

    # has_perm says yes to every administrator; the state rules hold for them too.
    can_change = meeting.accepts_edits and viewer.has_perm("governance.change_meeting", meeting)
    shows_decisions = meeting.shows_decisions or can_change
    key = _sections_cache_key(meeting, viewer, media, can_change=can_change)
    sections_html = cache.get(key) if key else None
    sections = []
    if sections_html is None:
        sections = _sections(meeting, viewer, media)
        if key and _keyed_alike(sections, opens_confidential_attachments_of(viewer, meeting)):
            context = {"sections": sections, "media": media, "can_change": False}
            sections_html = render_to_string(
                "governance/partials/meeting_sections.html", context | {"shows_decisions": shows_decisions}
            )
            cache.set(key, sections_html, SECTIONS_CACHE_SECONDS)
    signers = {
        m.role: m
        for m in Membership.objects.filter(
            term_id=meeting.term_id, role__in=[Membership.Role.CHAIR, Membership.Role.SECRETARY]
        ).select_related("person")
    }
    checks = list(meeting.checks.all())
    my_check = next((c for c in checks if viewer.is_authenticated and c.person.user_id == viewer.pk), None)
    return {
        "meeting": meeting,
        "sections": sections,
        # Rendered by the portal itself from the meeting's own rows.
        "sections_html": mark_safe(sections_html) if sections_html is not None else None,  # noqa: S308
        "attendances": sorted(meeting.attendances.all(), key=lambda a: a.rank),
        "corrections": list(meeting.corrections.all()),
        "chair": signers.get(Membership.Role.CHAIR),
        "secretary": signers.get(Membership.Role.SECRETARY),
        "can_change": can_change,
        "can_send": not meeting.is_locked and viewer.has_perm("governance.send_meeting", meeting),
        "can_correct": meeting.is_locked and viewer.has_perm("governance.correct_meeting", meeting),
        "checks": checks,
        "checked": meeting.is_locked and bool(checks) and all(c.approved_at for c in checks),
        "my_check": my_check if viewer.has_perm("governance.check_meeting", meeting) else None,
        "shows_decisions": shows_decisions,
        "media": media,
    }


def _sections(meeting: Meeting, viewer, media: str) -> list:
    """The meeting's sections, each with its embeds rendered and its attachments as ``viewer``
    sees them: ``(attachment, may_open, hidden)``."""
    if (
        not hasattr(meeting, "_prefetched_objects_cache")
        or "sections" not in meeting._prefetched_objects_cache
    ):
        prefetch_related_objects([meeting], SECTIONS_FOR_PAGE)
    sections = list(meeting.sections.all())
    for section in sections:
        section.rendered_embeds = [_rendered(embed, meeting, viewer, media) for embed in section.embeds.all()]
        # rules.has_perm, not user.has_perm: a superuser is not thereby a reader of confidential files.
        # A confidential attachment is only "a confidential attachment" in the PDF and to other readers.
        section.shown_attachments = []
        for attachment in section.attachments.all():
            may_open = rules.has_perm("governance.view_attachment", viewer, attachment)
            hidden = attachment.confidential and (media == "pdf" or not may_open)
            section.shown_attachments.append((attachment, may_open, hidden))
    return sections


def _sections_cache_key(meeting: Meeting, viewer, media: str, *, can_change: bool) -> str | None:
    """The cache key of the rendered sections, or None if they must be rendered for this request:
    only published agendas and minutes whose embeds are all frozen snapshots, read by someone who
    changes nothing on the page. The key holds everything the rendering depends on: the meeting's
    state and the stamps of its rows, the medium, the language, and whether the reader opens the
    confidential attachments (never the reader themselves: one rendering serves each class)."""
    if not hasattr(meeting, "stamp_sections") or can_change:
        return None
    if not meeting.shows_frozen or meeting.unfrozen_embeds:
        return None
    opens = "confidential" if opens_confidential_attachments_of(viewer, meeting) else "public"
    stamps = f"{meeting.stamp_sections}|{meeting.stamp_embeds}|{meeting.stamp_attachments}"
    digest = hashlib.sha256(f"{meeting.status}|{meeting.version}|{stamps}".encode()).hexdigest()[:24]
    return f"meeting-sections:{meeting.pk}:{digest}:{media}:{get_language()}:{opens}"


def _keyed_alike(sections: list, opens_confidential: bool) -> bool:
    """Whether every attachment was shown as the key's class says (a public one opens for every
    reader of the meeting; a confidential one only for the class that opens them): if a rule ever
    said otherwise for one reader, that rendering is theirs alone and is not cached."""
    return all(
        may_open == (not attachment.confidential or opens_confidential)
        for section in sections
        for attachment, may_open, _hidden in section.shown_attachments
    )


def _rendered(embed, meeting: Meeting, viewer, media: str):
    """An embed as readers see it: the frozen rendering of a published agenda or of minutes with the
    checkers or approved, never re-run on today's figures; drafts render live for the viewer.

    Returns ``(embed, html, frozen_at)``; ``frozen_at`` is None for a live rendering.
    """
    if meeting.shows_frozen and embed.frozen_at is not None:
        stored = embed.frozen_pdf if media == "pdf" else embed.frozen_web
        return embed, mark_safe(stored), embed.frozen_at  # noqa: S308 – rendered by the portal itself
    return embed, registry.render(embed.section_key, embed.params, viewer=viewer, media=media), None


def meeting_history_sources(meeting: Meeting) -> list[tuple]:
    """(model, historical records) of the meeting and of every kind of row under it: sections,
    embedded sections, attachments, attendance, minutes checkers and corrections. Rows deleted since
    are found through the history of their parent sections."""
    from governance.models import (
        AgendaSection,
        Attachment,
        Attendance,
        MinutesCheck,
        MinutesCorrection,
        SectionEmbed,
    )

    section_ids = set(AgendaSection.history.filter(meeting_id=meeting.pk).values_list("id", flat=True))
    return [
        (Meeting, Meeting.history.filter(id=meeting.pk)),
        (AgendaSection, AgendaSection.history.filter(meeting_id=meeting.pk)),
        (SectionEmbed, SectionEmbed.history.filter(section_id__in=section_ids)),
        (Attachment, Attachment.history.filter(section_id__in=section_ids)),
        (Attendance, Attendance.history.filter(meeting_id=meeting.pk)),
        (MinutesCheck, MinutesCheck.history.filter(meeting_id=meeting.pk)),
        (MinutesCorrection, MinutesCorrection.history.filter(meeting_id=meeting.pk)),
    ]


def meeting_history(meeting: Meeting) -> list[dict]:
    """Every recorded creation, change and deletion of the meeting and of the rows under it
    (``meeting_history_sources``), with who and when, newest first."""
    sources = meeting_history_sources(meeting)
    hidden = {"version", "updated_at", "created_at", "frozen_web", "frozen_pdf"}
    entries = []
    for model, records in sources:
        previous: dict[int, object] = {}
        for record in records.select_related("history_user").order_by("history_date", "history_id"):
            changes = []
            before = previous.get(record.id)
            if record.history_type == "~" and before is not None:
                delta = record.diff_against(before, excluded_fields=hidden)
                changes = [str(model._meta.get_field(c.field).verbose_name) for c in delta.changes]
            previous[record.id] = record
            user = record.history_user
            entries.append(
                {
                    "when": record.history_date,
                    "who": (user.get_full_name() or user.get_username()) if user else "",
                    "what": f"{str(model._meta.verbose_name).capitalize()}: {record.instance}",
                    "kind": record.history_type,
                    "changes": changes,
                }
            )
    return sorted(entries, key=lambda e: e["when"], reverse=True)


def current_term(group: SteeringGroup) -> Term | None:
    """The term a new meeting belongs to: the one covering this year, else the latest."""
    year = timezone.localdate().year
    return group.terms.filter(start_year__lte=year, end_year__gte=year).first() or group.terms.first()


def _group_memberships(group_id):
    return Membership.objects.filter(term__group_id=group_id).select_related(
        "person__organisation", "represents_organisation", "represents_region", "deputy_of__person"
    )


# The group page's terms and members: two queries of a fixed shape, compiled once per process.
GROUP_TERMS = CompiledQuery(lambda group_id: Term.objects.filter(group_id=group_id))
GROUP_MEMBERSHIPS = CompiledQuery(_group_memberships)


def group_terms(group: SteeringGroup) -> dict:
    """The group page's terms, newest first, each with its members in rank order (chair first)."""
    terms = GROUP_TERMS.objects(group.pk)
    by_term: dict[int, list] = {term.pk: [] for term in terms}
    for membership in GROUP_MEMBERSHIPS.objects(group.pk):
        by_term[membership.term_id].append(membership)
    for term in terms:
        term.members = sorted(by_term[term.pk], key=lambda m: (m.rank, m.person.last_name))
    return {"terms": terms}


def people_with_roles(viewer) -> dict:
    """Everyone with an account whom ``viewer`` looks after, with their roles: all for an
    administrator, the people of their organisations for a coordinator."""
    from django.contrib.auth import get_user_model

    from governance.models import Affiliation, AreaManager
    from governance.permissions import coordinated_organisation_ids, is_administrator

    users = get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name", "username")
    if not is_administrator(viewer):
        users = users.filter(
            affiliations__organisation_id__in=coordinated_organisation_ids(viewer)
        ).distinct()
    users = users.prefetch_related(
        Prefetch("affiliations", queryset=Affiliation.objects.select_related("organisation")),
        Prefetch(
            "person__memberships",
            queryset=Membership.objects.select_related("term__group").order_by("-term__start_year"),
        ),
    ).select_related("person")
    managers = {m.user_id: m.wellbeing_area for m in AreaManager.objects.select_related("wellbeing_area")}
    rows = []
    for user in users:
        person = getattr(user, "person", None)
        rows.append(
            {
                "user": user,
                "affiliations": list(user.affiliations.all()),
                "area": managers.get(user.pk),
                "memberships": list(person.memberships.all()) if person else [],
                "invited": not user.has_usable_password() and user.last_login is None,
            }
        )
    return {"people": rows}
