"""Steering groups, their terms and members, and their meetings with numbered sections."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config.models import PortalModel
from governance.models.registry import Organisation, Person, Region


class MinutesLocked(ValidationError):
    """The meeting's record cannot change now: approved minutes only through a correction record,
    minutes with the checkers only after they are returned to drafting."""

    def __init__(self, status: str = "approved", *, meeting_id: int | None = None) -> None:
        self.meeting_id = meeting_id
        if status == Meeting.Status.MINUTES_CHECKING:
            message = _("The minutes are with the minutes checkers. Return them to drafting to change them.")
        elif status not in Meeting.LOCKED_STATUSES:
            message = _("Only approved minutes are corrected; edit the draft instead.")
        else:
            message = _("The minutes of this meeting are approved and locked. Record a correction instead.")
        super().__init__(message, code="minutes_locked")


class SteeringGroupQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SteeringGroupQuerySet":
        """Groups the user belongs to, prepares, or (administrators) all."""
        from governance.permissions import member_group_ids, preparable_group_ids

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(pk__in=member_group_ids(user) | preparable_group_ids(user))


class SteeringGroup(PortalModel):
    """A board (johtoryhmä) of a competence centre or a project's steering group (ohjausryhmä)."""

    class Kind(models.TextChoices):
        BOARD = "board", _("board of a competence centre")
        PROJECT = "project", _("project steering group")
        NETWORK = "network", _("project network group")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="steering_groups",
        verbose_name=_("owner organisation"),
        help_text=_("Its coordinators prepare the group's meetings."),
    )
    name = models.CharField(_("name"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)

    objects = SteeringGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("steering group")
        verbose_name_plural = _("steering groups")
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="steeringgroup_unique_owner_name"),
        ]

    def __str__(self) -> str:
        # Swedish readers see the group's Swedish name where it has one (e.g. in a Swedish PDF).
        if self.name_sv and str(get_language()).startswith("sv"):
            return self.name_sv
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:group", kwargs={"pk": self.pk})


class Term(PortalModel):
    """A term of office of a group, e.g. 2020–2021."""

    group = models.ForeignKey(
        SteeringGroup, on_delete=models.CASCADE, related_name="terms", verbose_name=_("steering group")
    )
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))

    class Meta:
        ordering = ["group", "-start_year"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        constraints = [
            models.UniqueConstraint(fields=["group", "start_year"], name="term_unique_group_start"),
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="term_end_not_before_start",
                violation_error_message=_("The last year of a term cannot be before its first year."),
            ),
        ]

    def __str__(self) -> str:
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"


class Membership(PortalModel):
    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        VICE_CHAIR = "vice_chair", _("vice chair")
        MEMBER = "member", _("member")
        DEPUTY = "deputy", _("deputy member")
        EXPERT = "expert", _("invited expert")
        SECRETARY = "secretary", _("secretary")

    term = models.ForeignKey(
        Term, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("term")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    deputy_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputies",
        verbose_name=_("deputy of"),
    )
    represents_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("represents organisation"),
    )
    represents_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("represents region"),
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        ordering = ["term", "role", "person__last_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "person"],
                name="membership_one_per_person_per_term",
                violation_error_message=_("This person already has a membership in this term."),
            ),
            models.UniqueConstraint(
                fields=["term"],
                condition=Q(role="chair"),
                name="membership_one_chair_per_term",
                violation_error_message=_("This term already has a chair. A group has one chair per term."),
            ),
            models.UniqueConstraint(
                fields=["term"],
                condition=Q(role="vice_chair"),
                name="membership_one_vice_chair_per_term",
                violation_error_message=_(
                    "This term already has a vice chair. A group has one vice chair per term."
                ),
            ),
            models.CheckConstraint(
                condition=Q(role="deputy", deputy_of__isnull=False)
                | (~Q(role="deputy") & Q(deputy_of__isnull=True)),
                name="membership_deputy_names_member",
                violation_error_message=_(
                    "A deputy member names the member they stand in for, and only a deputy does."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="membership_end_not_before_start",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} ({self.term})"

    @property
    def rank(self) -> int:
        """Chair first, then vice chair, members, deputies, invited experts and the secretary."""
        return list(self.Role.values).index(self.role)

    @property
    def represents(self) -> str:
        return str(self.represents_organisation or self.represents_region or "")


# --- meetings ---------------------------------------------------------------------------------


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MeetingQuerySet":
        """What ``governance.view_meeting`` allows: the preparers see every meeting of their groups,
        members see the published ones of theirs."""
        from governance.permissions import member_group_ids, preparable_group_ids, secretary_term_ids

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(
            Q(group_id__in=preparable_group_ids(user))
            | Q(term_id__in=secretary_term_ids(user))
            | (Q(group_id__in=member_group_ids(user)) & ~Q(status=Meeting.Status.DRAFT))
        )

    def preparable_by(self, user) -> "MeetingQuerySet":
        from governance.permissions import preparable_group_ids, secretary_term_ids

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(
            Q(group_id__in=preparable_group_ids(user)) | Q(term_id__in=secretary_term_ids(user))
        )

    def delete(self):
        """Approved minutes are never deleted, not even by an administrator's "delete selected"."""
        if self.filter(status__in=Meeting.LOCKED_STATUSES).exists():
            raise MinutesLocked()
        return super().delete()

    delete.queryset_only = True

    def update(self, **kwargs):
        if self.filter(status__in=Meeting.LOCKED_STATUSES).exists():
            raise MinutesLocked()
        return super().update(**kwargs)

    def for_page(self, *, sections: bool = True) -> "MeetingQuerySet":
        """What the meeting page shows. ``sections=False`` leaves the sections (with their embeds
        and attachments) to be read only if their cached rendering is missing; the rows then carry
        the stamps that rendering is keyed by (``with_section_stamps``)."""
        queryset = self.select_related("group__owner", "term").prefetch_related(
            models.Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related(
                    "person__organisation", "membership", "deputy_for__person"
                ),
            ),
            models.Prefetch("corrections", queryset=MinutesCorrection.objects.select_related("section")),
            models.Prefetch("checks", queryset=MinutesCheck.objects.select_related("person")),
        )
        if sections:
            return queryset.prefetch_related(SECTIONS_FOR_PAGE)
        return queryset.with_section_stamps()

    def with_section_stamps(self) -> "MeetingQuerySet":
        """``stamp_sections``, ``stamp_embeds``, ``stamp_attachments``: text that changes whenever a
        section, an embedded section or an attachment of the meeting is added, changed, frozen or
        removed; ``unfrozen_embeds``: how many embedded sections have no snapshot (and so render
        live); ``embed_count``: how many there are in all. Subqueries of the same SELECT: no query
        of their own."""

        def stamp(model, meeting_path: str, *more) -> models.Subquery:
            rows = model._base_manager.filter(**{meeting_path: models.OuterRef("pk")}).order_by()
            parts = []
            for aggregate in (models.Max("updated_at"), models.Count("pk"), *more):
                parts += [Coalesce(Cast(aggregate, models.CharField()), models.Value("")), models.Value("/")]
            stamped = rows.values(meeting_path).annotate(
                stamp=Concat(*parts, output_field=models.CharField())
            )
            return models.Subquery(stamped.values("stamp")[:1], output_field=models.CharField())

        def embeds(**only) -> models.Subquery:
            rows = SectionEmbed._base_manager.filter(section__meeting=models.OuterRef("pk"), **only)
            counted = rows.order_by().values("section__meeting").annotate(n=models.Count("pk")).values("n")
            return Coalesce(models.Subquery(counted[:1], output_field=models.IntegerField()), 0)

        return self.annotate(
            stamp_sections=stamp(AgendaSection, "meeting"),
            stamp_embeds=stamp(SectionEmbed, "section__meeting", models.Max("frozen_at")),
            stamp_attachments=stamp(Attachment, "section__meeting"),
            unfrozen_embeds=embeds(frozen_at__isnull=True),
            embed_count=embeds(),
        )


class Meeting(PortalModel):
    class Kind(models.TextChoices):
        MINUTES = "minutes", _("minutes")
        MEMO = "memo", _("memo")
        PEER_REFLECTION = "peer_reflection", _("peer reflection")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        AGENDA_PUBLISHED = "agenda_published", _("agenda published")
        MINUTES_DRAFTED = "minutes_drafted", _("minutes drafted")
        MINUTES_CHECKING = "minutes_checking", _("minutes with the checkers")
        APPROVED = "approved", _("minutes approved")

    # The lifecycle in one place: each step names the statuses it starts from and where it leads.
    # Minutes are approved either online by the two minutes checkers (send_for_checking, then each
    # checker's approval) or in the next meeting, as a section of it (approve).
    TRANSITIONS = {
        "publish_agenda": ((Status.DRAFT,), Status.AGENDA_PUBLISHED),
        "draft_minutes": ((Status.AGENDA_PUBLISHED,), Status.MINUTES_DRAFTED),
        "send_for_checking": ((Status.MINUTES_DRAFTED,), Status.MINUTES_CHECKING),
        "return_to_drafting": ((Status.MINUTES_CHECKING,), Status.MINUTES_DRAFTED),
        "approve": ((Status.MINUTES_DRAFTED,), Status.APPROVED),
        "checked": ((Status.MINUTES_CHECKING,), Status.APPROVED),
    }
    # Nothing of an approved meeting changes or goes away; corrections are separate records.
    LOCKED_STATUSES = frozenset({Status.APPROVED})
    # What the checkers read does not change under them either.
    EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.AGENDA_PUBLISHED, Status.MINUTES_DRAFTED})
    # Embedded report sections are shown as frozen when the agenda is out and when the minutes
    # are checked or approved; drafts show the figures as they are now.
    FROZEN_STATUSES = frozenset({Status.AGENDA_PUBLISHED, Status.MINUTES_CHECKING, Status.APPROVED})

    group = models.ForeignKey(
        SteeringGroup, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("steering group")
    )
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("term"))
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveSmallIntegerField(_("number within the year"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("date and time"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online meeting"), default=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.MINUTES)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "year", "number"],
                name="meeting_unique_number_in_year",
                violation_error_message=_("The group already has a meeting with this number this year."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("A meeting cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.number}/{self.year}"

    def derive_year(self) -> None:
        """The year (which numbers the meeting and its sections) is the year of the meeting's date."""
        if self.starts_at:
            self.year = timezone.localtime(self.starts_at).year

    def clean_fields(self, exclude=None) -> None:
        # Derive the year before the fields and constraints ("one number per group and year") are checked.
        self.derive_year()
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        if self.term_id and self.group_id and self.term.group_id != self.group_id:
            raise ValidationError({"term": _("The term must be a term of the same group.")})
        if self.term_id and self.year and not (self.term.start_year <= self.year <= self.term.end_year):
            raise ValidationError({"starts_at": _("The meeting date must fall within the term.")})

    @classmethod
    def status_for_update(cls, pk: int | None) -> str | None:
        """The stored status of meeting ``pk``, its row locked until the transaction ends.

        Every lifecycle step and every change of a meeting's parts asks this first, so an edit in
        flight either lands before the approval or is refused after it (PostgreSQL row lock; on
        SQLite the write transaction serialises the same way). Call inside ``transaction.atomic``.
        """
        if pk is None:
            return None
        return cls._base_manager.select_for_update().filter(pk=pk).values_list("status", flat=True).first()

    @classmethod
    def check_editable(cls, pk: int | None) -> None:
        """Lock meeting ``pk`` and refuse (``MinutesLocked``) unless its record may change now."""
        status = cls.status_for_update(pk)
        if status is not None and status not in cls.EDITABLE_STATUSES:
            raise MinutesLocked(status, meeting_id=pk)

    def save(self, **kwargs) -> None:
        self.derive_year()
        with transaction.atomic():
            if self.pk and self.status_for_update(self.pk) in self.LOCKED_STATUSES:
                raise MinutesLocked(meeting_id=self.pk)
            super().save(**kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            if self.status_for_update(self.pk) in self.LOCKED_STATUSES:
                raise MinutesLocked(meeting_id=self.pk)
            return super().delete(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting", kwargs={"pk": self.pk})

    def next_status(self, action: str) -> str | None:
        """Where ``action`` leads from the current status; None if it is not possible now."""
        sources, target = self.TRANSITIONS.get(action, ((), None))
        return target if self.status in sources else None

    @property
    def is_locked(self) -> bool:
        """Approved: nothing changes any more but through a correction record."""
        return self.status in self.LOCKED_STATUSES

    @property
    def accepts_edits(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def shows_frozen(self) -> bool:
        return self.status in self.FROZEN_STATUSES

    @property
    def shows_decisions(self) -> bool:
        """Members read decisions once the minutes are approved; before that the agenda only."""
        return self.status == self.Status.APPROVED

    @property
    def document_name(self) -> str:
        if self.kind != self.Kind.MINUTES:
            return self.get_kind_display()
        return _("minutes") if self.status == self.Status.APPROVED else _("agenda")


class MeetingPartQuerySet(models.QuerySet):
    """Bulk deletes and updates (the admin's "delete selected") obey the same lock as single rows."""

    meeting_path = "meeting"

    def _touches_locked(self) -> bool:
        return self.exclude(**{f"{self.meeting_path}__status__in": Meeting.EDITABLE_STATUSES}).exists()

    def delete(self):
        with transaction.atomic():
            if self._touches_locked():
                raise MinutesLocked()
            return super().delete()

    delete.queryset_only = True

    def update(self, **kwargs):
        with transaction.atomic():
            if self._touches_locked():
                raise MinutesLocked()
            return super().update(**kwargs)


class SectionPartQuerySet(MeetingPartQuerySet):
    meeting_path = "section__meeting"


class LockedWithMeeting(PortalModel):
    """A part of a meeting's record: changed only while the meeting accepts edits, under the
    meeting's row lock (``Meeting.check_editable``)."""

    objects = MeetingPartQuerySet.as_manager()

    class Meta:
        abstract = True

    def _meeting_id(self) -> int | None:
        return self.meeting_id

    def save(self, **kwargs) -> None:
        with transaction.atomic():
            Meeting.check_editable(self._meeting_id())
            super().save(**kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            Meeting.check_editable(self._meeting_id())
            return super().delete(*args, **kwargs)


class LockedWithSection(LockedWithMeeting):
    """A part of an agenda section (an embed, an attachment): locked with the section's meeting."""

    objects = SectionPartQuerySet.as_manager()

    class Meta:
        abstract = True

    def _meeting_id(self) -> int | None:
        return (
            AgendaSection._base_manager.filter(pk=self.section_id)
            .values_list("meeting_id", flat=True)
            .first()
        )


class Attendance(LockedWithMeeting):
    class Status(models.TextChoices):
        PRESENT = "present", _("present")
        ABSENT = "absent", _("absent")
        DEPUTY_PRESENT = "deputy_present", _("present as deputy")

    PRESENT_STATUSES = (Status.PRESENT, Status.DEPUTY_PRESENT)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="attendances"
    )
    status = models.CharField(_("attendance"), max_length=16, choices=Status.choices, default=Status.PRESENT)
    deputy_for = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deputy for"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["membership__role", "person__last_name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique_person"),
            models.CheckConstraint(
                condition=Q(status="deputy_present") | Q(deputy_for__isnull=True),
                name="attendance_deputy_for_only_when_deputy",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_status_display()}"

    @property
    def rank(self) -> tuple:
        return (self.membership.rank if self.membership_id else 99, self.person.last_name)

    @property
    def role_display(self) -> str:
        if self.membership_id:
            return self.membership.get_role_display()
        return self.note


class AgendaSection(LockedWithMeeting):
    """A numbered section ("6 §") of a meeting."""

    class DecisionType(models.TextChoices):
        APPROVED = "approved", _("approved as proposed")
        AMENDED = "amended", _("approved amended")
        TABLED = "tabled", _("tabled")
        RETURNED = "returned", _("returned for preparation")
        NOTED = "noted", _("noted for information")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Section numbers continue within the group's year (6 §, 7 § …).")
    )
    title = models.CharField(_("title"), max_length=300)
    presentation = models.TextField(_("presentation"), blank=True)
    proposal = models.TextField(_("proposal"), blank=True)
    decision = models.TextField(_("decision"), blank=True)
    decision_type = models.CharField(
        _("decision type"), max_length=16, choices=DecisionType.choices, blank=True
    )

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("agenda section")
        verbose_name_plural = _("agenda sections")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="agendasection_unique_number",
                violation_error_message=_("The meeting already has a section with this number."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} § {self.title}"

    def save(self, *, correction: "MinutesCorrection | None" = None, **kwargs) -> None:
        """Save; approved minutes change only together with the saved ``correction`` record of this
        section that states the change (``services.minutes_correct``)."""
        if correction is None:
            return super().save(**kwargs)
        if not (
            correction.pk and correction.section_id == self.pk and correction.meeting_id == self.meeting_id
        ):
            raise MinutesLocked()
        if getattr(self, correction.field) != correction.corrected_text:
            raise MinutesLocked()
        with transaction.atomic():
            if Meeting.status_for_update(self.meeting_id) not in Meeting.LOCKED_STATUSES:
                raise MinutesLocked(Meeting.Status.MINUTES_DRAFTED)
            return PortalModel.save(self, **kwargs)

    def clean(self) -> None:
        if not self.meeting_id or not self.number:
            return
        meeting = self.meeting
        taken = (
            AgendaSection.objects.filter(
                meeting__group_id=meeting.group_id, meeting__year=meeting.year, number=self.number
            )
            .exclude(meeting_id=meeting.pk)
            .exists()
        )
        if taken:
            raise ValidationError(
                {
                    "number": ValidationError(
                        _("Section %(number)s § is already used in another meeting of this year."),
                        code="number_taken",
                        params={"number": self.number},
                    )
                }
            )


class SectionEmbed(LockedWithSection):
    """A report section of another app shown inside an agenda section, by registry key.

    When the agenda is published (and again when the minutes go to the checkers or are approved)
    the section is frozen: its rendering for the page and for the PDF is stored with the time, and
    from then on readers see that, not a query re-run on today's figures.
    """

    section = models.ForeignKey(AgendaSection, on_delete=models.CASCADE, related_name="embeds")
    section_key = models.CharField(_("report section"), max_length=100)
    params = models.JSONField(_("settings"), default=dict, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    frozen_web = models.TextField(_("frozen rendering (page)"), blank=True, editable=False)
    frozen_pdf = models.TextField(_("frozen rendering (PDF)"), blank=True, editable=False)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["section", "order", "pk"]
        verbose_name = _("embedded report section")
        verbose_name_plural = _("embedded report sections")

    def __str__(self) -> str:
        return self.section_key


def _attachment_path(instance: "Attachment", filename: str) -> str:
    # A random name: the stored path reveals neither the title nor the original file name.
    import uuid

    from governance.files import EXTENSIONS

    return f"attachments/{uuid.uuid4().hex}.{EXTENSIONS.get(instance.content_type, 'bin')}"


class Attachment(LockedWithSection):
    """An attachment of a section: a file kept through Django's storage API, served only through a
    view that checks permissions. Confidential ones reach only the group's members and preparers."""

    section = models.ForeignKey(AgendaSection, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=300)
    confidential = models.BooleanField(_("confidential"), default=False)
    file = models.FileField(_("file"), upload_to=_attachment_path, blank=True, max_length=200)
    content_type = models.CharField(_("content type"), max_length=100, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["section", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title

    @property
    def meeting(self) -> "Meeting":
        return self.section.meeting

    def get_absolute_url(self) -> str:
        return reverse("governance:attachment", kwargs={"pk": self.pk})


class MinutesCorrection(PortalModel):
    """A recorded correction of approved minutes: the old and new text and why."""

    class Field(models.TextChoices):
        TITLE = "title", _("title")
        PRESENTATION = "presentation", _("presentation")
        PROPOSAL = "proposal", _("proposal")
        DECISION = "decision", _("decision")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="corrections")
    section = models.ForeignKey(AgendaSection, on_delete=models.PROTECT, related_name="corrections")
    field = models.CharField(_("corrected field"), max_length=16, choices=Field.choices)
    previous_text = models.TextField(_("previous text"))
    corrected_text = models.TextField(_("corrected text"))
    reason = models.TextField(_("reason"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "created_at"]
        verbose_name = _("correction of minutes")
        verbose_name_plural = _("corrections of minutes")

    def __str__(self) -> str:
        return f"{self.section} – {self.get_field_display()}"


class MinutesCheck(PortalModel):
    """A minutes checker (pöytäkirjantarkastaja) of a meeting, named from its attendees, and their
    approval of the minutes online (or their comment)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="checks")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="minutes_checks", verbose_name=_("minutes checker")
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["meeting", "person__last_name", "person__first_name"]
        verbose_name = _("minutes checker")
        verbose_name_plural = _("minutes checkers")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="minutescheck_unique_person"),
        ]

    def __str__(self) -> str:
        return str(self.person)

    def save(self, **kwargs) -> None:
        with transaction.atomic():
            if Meeting.status_for_update(self.meeting_id) in Meeting.LOCKED_STATUSES:
                raise MinutesLocked(meeting_id=self.meeting_id)
            super().save(**kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            if Meeting.status_for_update(self.meeting_id) in Meeting.LOCKED_STATUSES:
                raise MinutesLocked(meeting_id=self.meeting_id)
            return super().delete(*args, **kwargs)


# The sections of a meeting page with what each shows (``MeetingQuerySet.for_page``).
SECTIONS_FOR_PAGE = models.Prefetch(
    "sections", queryset=AgendaSection.objects.prefetch_related("embeds", "attachments")
)
