"""Writes of steering groups, meetings and minutes. Each service validates before it saves."""

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from config.models import save_values
from config.sections import registry
from governance import notifications
from governance.models import (
    AgendaSection,
    Attachment,
    Attendance,
    Meeting,
    Membership,
    MinutesCheck,
    MinutesCorrection,
    MinutesLocked,
    Person,
    SectionEmbed,
    SteeringGroup,
    Term,
)


def next_section_number(*, group_id: int, year: int) -> int:
    """Section numbers continue within the group's year: one past the highest used so far."""
    highest = AgendaSection.objects.filter(meeting__group_id=group_id, meeting__year=year).aggregate(
        n=Max("number")
    )["n"]
    return (highest or 0) + 1


def next_meeting_number(*, group_id: int, year: int) -> int:
    highest = Meeting.objects.filter(group_id=group_id, year=year).aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


def _locked(meeting: Meeting) -> Meeting:
    """The meeting re-read under its row lock (SELECT … FOR UPDATE) for the rest of the transaction:
    what a transition or an edit decides on is what is stored, not what a page read earlier."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.status, meeting.version, meeting.approved_at = locked.status, locked.version, locked.approved_at
    return meeting


def freeze_embeds(meeting: Meeting, *, at=None) -> int:
    """Store every embedded report section of ``meeting`` as it renders now, for the page and the PDF.

    Frozen sections are rendered for no one in particular (an anonymous reader), so a snapshot never
    holds figures that only some readers may see, e.g. unsuppressed small counts. Returns how many.
    """
    now = at or timezone.now()
    reader = AnonymousUser()
    embeds = SectionEmbed.objects.filter(section__meeting=meeting).order_by("pk")
    for embed in embeds:
        _freeze(embed, reader, now)
    return len(embeds)


def _freeze(embed: SectionEmbed, reader, now) -> None:
    embed.frozen_web = registry.render(embed.section_key, embed.params, viewer=reader, media="web")
    embed.frozen_pdf = registry.render(embed.section_key, embed.params, viewer=reader, media="pdf")
    embed.frozen_at = now
    embed.save()


@transaction.atomic
def meetings_freeze_missing(*, dated_by_meeting: bool = False) -> int:
    """Freeze every embedded section of a published, checked or approved meeting that has no
    snapshot yet (meetings made before snapshots existed, e.g. by an old ``load_demo``). Only a
    missing snapshot is written, never one that exists, so running it twice changes nothing; each
    one is recorded in the embed's history. Returns how many were frozen.

    ``dated_by_meeting`` dates the snapshots at the meeting's start (the demo, whose minutes were
    approved in the meeting); otherwise at now, the time the figures were actually read."""
    from simple_history.utils import bulk_update_with_history

    reader = AnonymousUser()
    missing = SectionEmbed.objects.filter(
        section__meeting__status__in=Meeting.FROZEN_STATUSES, frozen_at__isnull=True
    ).select_related("section__meeting")
    embeds = list(missing.order_by("pk"))
    now = timezone.now()
    for embed in embeds:
        embed.frozen_web = registry.render(embed.section_key, embed.params, viewer=reader, media="web")
        embed.frozen_pdf = registry.render(embed.section_key, embed.params, viewer=reader, media="pdf")
        embed.frozen_at = embed.section.meeting.starts_at if dated_by_meeting else now
    # The meetings are locked for edits; a missing snapshot is the one write allowed past the lock,
    # so it goes through the plain manager (the guarded one refuses every change of such rows).
    bulk_update_with_history(
        embeds,
        SectionEmbed,
        ["frozen_web", "frozen_pdf", "frozen_at"],
        manager=SectionEmbed._base_manager,
        default_change_reason="freeze_approved_meetings",
    )
    return len(embeds)


@transaction.atomic
def meeting_transition(*, meeting: Meeting, action: str, user=None) -> Meeting:
    """Move a meeting one step along its lifecycle (``Meeting.TRANSITIONS``), under its row lock.

    Publishing the agenda freezes the embedded sections; so do sending the minutes to the checkers
    and approving them in the next meeting. The checkers' own approval is ``minutes_check_approve``.
    """
    if action not in Meeting.TRANSITIONS or action == "checked":
        raise ValidationError(_("Unknown action."), code="action")
    _locked(meeting)
    target = meeting.next_status(action)
    if target is None:
        raise ValidationError(
            _("The meeting is %(status)s: this step is not possible now."),
            params={"status": meeting.get_status_display()},
            code="status",
        )
    if action == "publish_agenda" and not meeting.sections.exists():
        raise ValidationError(_("Add at least one section before publishing the agenda."), code="empty")
    if action in ("approve", "send_for_checking"):
        undecided = [str(s) for s in meeting.sections.all() if not s.decision.strip()]
        if undecided:
            raise ValidationError(
                _("Write the decision of every section before approving: %(sections)s."),
                params={"sections": ", ".join(undecided)},
                code="undecided",
            )
    if action == "send_for_checking":
        checks = list(meeting.checks.all())
        if len(checks) < 2:
            raise ValidationError(_("Name two minutes checkers before sending the minutes for checking."))
        for check in checks:
            check.approved_at = None
            check.save()
    if target in Meeting.FROZEN_STATUSES and action != "checked":
        freeze_embeds(meeting)  # while the meeting still accepts edits
    if target == Meeting.Status.APPROVED:
        meeting.approved_at = timezone.now()
    meeting.status = target
    meeting.save()
    if action == "publish_agenda":
        notifications.notify_agenda_published(meeting)
    elif action == "send_for_checking":
        checkers = [c.person.user for c in meeting.checks.select_related("person__user") if c.person.user]
        notifications.notify_minutes_checking(meeting, checkers, round_key=str(meeting.version))
    elif action == "approve":
        notifications.notify_minutes_approved(meeting)
    return meeting


def publish_agenda(*, meeting: Meeting, user=None) -> Meeting:
    """Publish the agenda: members see it, its embedded sections are frozen as of now."""
    return meeting_transition(meeting=meeting, action="publish_agenda", user=user)


def send_minutes_for_checking(*, meeting: Meeting, user=None) -> Meeting:
    """Send the drafted minutes to the two minutes checkers, who approve them online."""
    return meeting_transition(meeting=meeting, action="send_for_checking", user=user)


def approve_minutes(*, meeting: Meeting, user=None) -> Meeting:
    """Approve the minutes in the next meeting (as a section of it): the minutes are frozen and locked."""
    return meeting_transition(meeting=meeting, action="approve", user=user)


@transaction.atomic
def agenda_refresh(*, meeting: Meeting, user=None) -> int:
    """Freeze a published agenda's embedded sections again with today's figures (before the meeting
    only: never once the minutes are drafted). The new snapshot is in each embed's history."""
    _locked(meeting)
    if meeting.status != Meeting.Status.AGENDA_PUBLISHED:
        raise ValidationError(_("Only a published agenda is refreshed, before the meeting."), code="status")
    return freeze_embeds(meeting)


@transaction.atomic
def checkers_set(*, meeting: Meeting, person_ids: list[int]) -> list[MinutesCheck]:
    """Name the meeting's two minutes checkers from the people recorded present."""
    _locked(meeting)
    if not meeting.accepts_edits:
        raise MinutesLocked(meeting.status, meeting_id=meeting.pk)
    present = set(
        meeting.attendances.filter(status__in=Attendance.PRESENT_STATUSES).values_list("person_id", flat=True)
    )
    if len(set(person_ids)) != 2 or not set(person_ids) <= present:
        raise ValidationError(_("Choose two different minutes checkers from those present."), code="checkers")
    meeting.checks.exclude(person_id__in=person_ids).delete()
    return [MinutesCheck.objects.get_or_create(meeting=meeting, person_id=pk)[0] for pk in person_ids]


@transaction.atomic
def minutes_check_approve(*, check: MinutesCheck, approve: bool, comment: str = "") -> Meeting:
    """A checker approves the minutes (or comments on them). When the last checker approves, the
    minutes are approved: "Pöytäkirja tarkastettu ja hyväksytty", locked with the snapshot the
    checkers read."""
    meeting = _locked(check.meeting)
    if meeting.status != Meeting.Status.MINUTES_CHECKING:
        raise ValidationError(_("The minutes are not with the checkers now."), code="status")
    check.refresh_from_db()
    check.comment = comment.strip()
    if not approve and not check.comment:
        raise ValidationError({"comment": _("Write what should be changed.")})
    check.approved_at = timezone.now() if approve else None
    check.save()
    if approve and not meeting.checks.filter(approved_at__isnull=True).exists():
        meeting.approved_at = check.approved_at
        meeting.status = meeting.next_status("checked")
        meeting.save()
        notifications.notify_minutes_approved(meeting)
    return meeting


@transaction.atomic
def embed_add(
    *, section: AgendaSection, section_key: str, params: Mapping[str, Any], editor=None
) -> SectionEmbed:
    """Embed a registered report section with parameters its own form accepts (from the choices the
    ``editor`` may see, when an editor is given)."""
    _locked(section.meeting)
    if not section.meeting.accepts_edits:
        raise MinutesLocked(section.meeting.status, meeting_id=section.meeting_id)
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
    if section.meeting.shows_frozen:  # added to a published agenda: frozen from the start
        _freeze(embed, AnonymousUser(), timezone.now())
    return embed


@transaction.atomic
def embed_remove(*, embed: SectionEmbed) -> None:
    embed.delete()


@transaction.atomic
def meeting_create(
    *, group: SteeringGroup, version: int | None = None, template: Meeting | None = None, **fields
) -> Meeting:
    """A new meeting of ``group`` (``fields``: model field names; the year follows the start).

    With a ``template`` (an earlier meeting of the group) its sections are copied as the new
    agenda's starting point: titles, presentations and proposals, numbered on from the group's
    year, without decisions or embedded figures."""
    meeting = save_values(Meeting(group=group), fields)
    if template is not None:
        if template.group_id != group.pk:
            raise ValidationError(_("The template must be a meeting of the same group."), code="template")
        number = next_section_number(group_id=group.pk, year=meeting.year)
        for offset, source in enumerate(template.sections.order_by("number")):
            AgendaSection.objects.create(
                meeting=meeting,
                number=number + offset,
                title=source.title,
                presentation=source.presentation,
                proposal=source.proposal,
            )
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, version: int | None = None, **fields) -> Meeting:
    """Change a meeting's details while its record may change (``Meeting.save`` locks and checks)."""
    return save_values(meeting, fields, version=version)


@transaction.atomic
def section_save(
    *, meeting: Meeting, section: AgendaSection | None = None, version: int | None = None, **fields
) -> AgendaSection:
    """Add a section to ``meeting``, or change ``section`` of it, while the meeting accepts edits
    (the meeting's row lock is taken first, in ``AgendaSection.save``)."""
    if section is None:
        return save_values(AgendaSection(meeting=meeting), fields)
    return save_values(section, fields, version=version)


@transaction.atomic
def attendance_set(
    *, meeting: Meeting, statuses: Mapping[int, str], deputies: Mapping[int, int | None] | None = None
) -> None:
    """Record each membership's attendance (``statuses``: membership id → status); a deputy present
    for a member is recorded under the deputy with the member they stood in for."""
    _locked(meeting)
    if not meeting.accepts_edits:
        raise MinutesLocked(meeting.status, meeting_id=meeting.pk)
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
    meeting = _locked(section.meeting)
    if not meeting.is_locked:
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
    section.save(correction=correction)  # the correction record is what makes this change visible
    return correction


@transaction.atomic
def attachment_add(*, section: AgendaSection, title: str, confidential: bool, upload) -> Attachment:
    """Attach a file to a section: its type judged by content, at most 20 MB, kept through the
    storage API (a local folder, or an S3-compatible store set through the environment)."""
    from governance.files import validate_upload

    content_type = validate_upload(upload)
    attachment = Attachment(
        section=section, title=title, confidential=confidential, content_type=content_type, size=upload.size
    )
    attachment.full_clean(exclude=["file"])
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment


# --- terms and memberships -------------------------------------------------------------------


@transaction.atomic
def term_save(*, term: Term) -> Term:
    """Create or change a term of a group; its meetings must still fall within it."""
    term.full_clean()
    if term.pk:
        outside = term.meetings.exclude(year__gte=term.start_year, year__lte=term.end_year)
        if outside.exists():
            raise ValidationError(
                _("The term has meetings outside these years: %(meetings)s."),
                params={"meetings": ", ".join(str(m) for m in outside)},
                code="meetings_outside",
            )
    term.save()
    return term


@transaction.atomic
def membership_save(*, membership: Membership, new_person: Mapping[str, Any] | None = None) -> Membership:
    """Create or change a membership; ``new_person`` (first and last name, title, organisation)
    adds the person to the registry in the same transaction."""
    if new_person:
        person = Person(**new_person)
        person.full_clean()
        person.save()
        membership.person = person
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Remove a membership recorded by mistake. One that meetings' attendance already names stays:
    the minutes keep who was there, so the membership is ended with an end date instead."""
    named = Attendance.objects.filter(Q(membership=membership) | Q(deputy_for=membership)).exists()
    if named or membership.deputies.exists():
        raise ValidationError(
            _(
                "%(person)s is named in meetings' attendance or as someone's deputy: give the "
                "membership an end date instead of removing it."
            ),
            params={"person": membership.person},
            code="membership_in_use",
        )
    membership.delete()


# --- people and roles ----------------------------------------------------------------------------


def invitation_url(user) -> str:
    """The one-time address at which an invited person sets their password.

    Django's password-reset tokens: the token is made from the password hash and the last login,
    so it stops working once the password is set (and after PASSWORD_RESET_TIMEOUT in any case).
    """
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    path = reverse(
        "governance:invitation",
        args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)],
    )
    return settings.PORTAL_URL.rstrip("/") + path


def invitation_send(*, user, invited_by) -> None:
    """E-mail ``user`` the link to set their password (through EMAIL_URL), in the inviter's language."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    context = {
        "user": user,
        "invited_by": invited_by,
        "url": invitation_url(user),
        "portal": settings.PORTAL_URL,
    }
    send_mail(
        _("Invitation to the aftercare development portal"),
        render_to_string("governance/email/invitation.txt", context),
        None,
        [user.email],
    )


@transaction.atomic
def person_invite(
    *, first_name: str, last_name: str, email: str, organisation, is_coordinator: bool, invited_by
):
    """Create a user (no password yet) and their person, give the first role, and send the link."""
    from django.contrib.auth import get_user_model

    from governance.models import Affiliation

    users = get_user_model()
    email = users.objects.normalize_email(email).strip()
    if users.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists():
        raise ValidationError(
            _("%(email)s already has an account: give them the role on their page instead."),
            params={"email": email},
            code="email_taken",
        )
    user = users(username=email.lower(), email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    person = Person(user=user, first_name=first_name, last_name=last_name, organisation=organisation)
    person.full_clean()
    person.save()
    Affiliation.objects.create(user=user, organisation=organisation, is_coordinator=is_coordinator)
    transaction.on_commit(lambda: invitation_send(user=user, invited_by=invited_by))
    return user


@transaction.atomic
def role_affiliation_set(*, user, organisation, is_coordinator: bool):
    """Give ``user`` a place in ``organisation`` (coordinator or not), or change it."""
    from governance.models import Affiliation

    affiliation = Affiliation.objects.filter(user=user, organisation=organisation).first()
    if affiliation is None:
        affiliation = Affiliation(user=user, organisation=organisation)
    affiliation.is_coordinator = is_coordinator
    affiliation.full_clean()
    affiliation.save()
    return affiliation


@transaction.atomic
def role_affiliation_remove(*, affiliation) -> None:
    affiliation.delete()


@transaction.atomic
def role_area_set(*, user, wellbeing_area) -> None:
    """Make ``user`` the aftercare manager of ``wellbeing_area``, or (None) take the role away."""
    from governance.models import AreaManager

    current = AreaManager.objects.filter(user=user).first()
    if wellbeing_area is None:
        if current is not None:
            current.delete()
        return
    if current is None:
        current = AreaManager(user=user)
    current.wellbeing_area = wellbeing_area
    current.full_clean()
    current.save()


@transaction.atomic
def role_administrator_set(*, user, administrator: bool, by) -> None:
    """Administrators are superusers and staff (the admin asks them for a second factor)."""
    if not administrator and user.pk == by.pk:
        raise ValidationError(
            _("You cannot take away your own administrator role: ask another administrator."),
            code="own_role",
        )
    user.is_superuser = user.is_staff = administrator
    user.save(update_fields=["is_superuser", "is_staff"])
