"""ESR programmes, calls and projects with their implementers, work packages, indicators, participant
targets and staff resources."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.models import PortalModel
from config.money import CENT, round_to
from governance.models import Municipality, Organisation, Region
from governance.permissions import (
    coordinated_organisation_ids,
    is_administrator,
    organisation_ids,
    overseen_organisation_ids,
)


class Programme(PortalModel):
    """Ohjelma, e.g. 2014–2020 "Kestävää kasvua ja työtä"."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))

    class Meta:
        ordering = ["start_year"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="programme_years_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_year}–{self.end_year} {self.name}"


class PriorityAxis(PortalModel):
    """Toimintalinja."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="priority_axes")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("priority axis")
        verbose_name_plural = _("priority axes")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="priority_axis_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class SpecificObjective(PortalModel):
    """Erityistavoite."""

    priority_axis = models.ForeignKey(PriorityAxis, on_delete=models.PROTECT, related_name="objectives")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        ordering = ["priority_axis", "code"]
        verbose_name = _("specific objective")
        verbose_name_plural = _("specific objectives")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Call(PortalModel):
    """Hakuilmoitus: a call for applications under a priority axis, with its aid rate."""

    priority_axis = models.ForeignKey(PriorityAxis, on_delete=models.PROTECT, related_name="calls")
    specific_objective = models.ForeignKey(
        SpecificObjective, on_delete=models.PROTECT, null=True, blank=True, related_name="calls"
    )
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    aid_rate = models.DecimalField(
        _("aid rate (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_("The share of EU and state funding of the eligible costs, e.g. 80."),
    )
    funding_authority = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("funding authority"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [
            models.CheckConstraint(
                condition=Q(aid_rate__gte=0, aid_rate__lte=100), name="call_aid_rate_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ProjectQuerySet":
        """Projects the user may see: those of an organisation they belong to (all, for administrators).

        States the same rule as ``projects.view_project``."""
        if is_administrator(user):
            return self.all()
        readable = organisation_ids(user) | overseen_organisation_ids(user)
        ids = Project.objects.filter(implementers__organisation_id__in=readable).values("pk")
        return self.filter(pk__in=ids)

    def editable_by(self, user) -> "ProjectQuerySet":
        """Projects whose shared data the user may change: as a coordinator of the main implementer
        (of any implementer while there is no main one). States the same rule as
        ``projects.change_project``."""
        if is_administrator(user):
            return self.all()
        coordinated = coordinated_organisation_ids(user)
        as_main = Implementer.objects.filter(is_main=True, organisation_id__in=coordinated).values(
            "project_id"
        )
        without_main = (
            Project.objects.filter(implementers__organisation_id__in=coordinated)
            .exclude(implementers__is_main=True)
            .values("pk")
        )
        return self.filter(Q(pk__in=as_main) | Q(pk__in=without_main))

    def for_list(self) -> "ProjectQuerySet":
        return self.select_related("call__priority_axis__programme").prefetch_related(
            Prefetch("implementers", queryset=Implementer.objects.select_related("organisation"))
        )

    def for_tab(self) -> "ProjectQuerySet":
        """What every tab of a project shows around its own content: the call and the implementers."""
        return self.select_related(
            "call__priority_axis__programme", "call__funding_authority", "call__specific_objective"
        ).prefetch_related(
            Prefetch("implementers", queryset=Implementer.objects.select_related("organisation"))
        )

    def for_page(self) -> "ProjectQuerySet":
        return self.for_tab().prefetch_related("regions", "municipalities")


class Project(PortalModel):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("project status", "draft")
        SUBMITTED = "submitted", pgettext_lazy("project status", "submitted")
        APPROVED = "approved", pgettext_lazy("project status", "approved")
        RUNNING = "running", pgettext_lazy("project status", "running")
        CLOSED = "closed", pgettext_lazy("project status", "closed")

    class Scope(models.TextChoices):
        NATIONAL = "national", _("national")
        REGIONAL = "regional", _("regional")

    # The order a project moves through; a step back (e.g. an application returned) is allowed.
    NEXT_STATUS = {
        Status.DRAFT: [Status.SUBMITTED],
        Status.SUBMITTED: [Status.DRAFT, Status.APPROVED],
        Status.APPROVED: [Status.RUNNING],
        Status.RUNNING: [Status.CLOSED],
        Status.CLOSED: [],
    }

    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=60, blank=True)
    application_number = models.CharField(_("application number"), max_length=40, blank=True)
    application_received = models.DateField(_("application received"), null=True, blank=True)
    # A funding decision's Dnro may carry the authority's prefixes and several numbers.
    register_number = models.CharField(_("register number (Dnro)"), max_length=120, blank=True)
    group_code = models.CharField(
        _("group-project code"),
        max_length=60,
        blank=True,
        help_text=_("The code the funding authority gives the group project as a whole."),
    )
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="projects", verbose_name=_("call"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    scope = models.CharField(
        _("national or regional"), max_length=16, choices=Scope.choices, default=Scope.REGIONAL
    )
    background = models.TextField(_("background"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    budget_note = models.CharField(
        _("budget as stated in the plan"),
        max_length=200,
        blank=True,
        help_text=_(
            "The plan's own words on the budget, e.g. an early estimate; "
            "the figures come from the cost estimate."
        ),
    )
    regions = models.ManyToManyField(Region, blank=True, related_name="projects", verbose_name=_("regions"))
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="projects", verbose_name=_("municipalities")
    )
    # The project area's history too: simple-history records the regions and municipalities with
    # every change of them (the inherited HistoricalRecords reads this attribute).
    _history_m2m_fields = ["regions", "municipalities"]

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="project_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.acronym or self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", kwargs={"pk": self.pk})

    @property
    def main_implementer(self) -> "Implementer | None":
        return next((i for i in self.implementers.all() if i.is_main), None)

    @property
    def sub_implementers(self) -> list["Implementer"]:
        return [i for i in self.implementers.all() if not i.is_main]

    def implementer_organisation_ids(self) -> frozenset[int]:
        # Uses the prefetched implementers when the page already loaded them.
        return frozenset(i.organisation_id for i in self.implementers.all())

    def next_statuses(self) -> list[str]:
        return list(self.NEXT_STATUS[self.status])

    @property
    def years(self) -> range:
        """The calendar years the project runs in: a cost estimate has a column for each."""
        return range(self.start_date.year, self.end_date.year + 1)


class StatusChange(PortalModel):
    """Who moved a project from one status to another, and when."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=16, choices=Project.Status.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=Project.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")


def _plan_version_path(instance: "PlanVersion", filename: str) -> str:
    # A random name: the stored path tells nothing of the project to whoever lists the storage.
    import uuid

    return f"plan-versions/{uuid.uuid4().hex}.pdf"


class PlanVersionQuerySet(models.QuerySet):
    """A frozen version is changed or deleted by no path: not a bulk update or delete either."""

    def update(self, **kwargs):
        raise ValidationError(_("A plan version never changes."), code="frozen")

    def delete(self):
        raise ValidationError(_("A plan version never changes."), code="frozen")

    delete.queryset_only = True


class PlanVersion(PortalModel):
    """A frozen version of the whole plan, made when the plan is submitted to the funding authority
    and with every later change application: its tables as shown then (``projects.versions``) and
    its PDF as rendered then. It never changes afterwards, whatever happens to the project."""

    class Reason(models.TextChoices):
        SUBMITTED = "submitted", _("submitted to the funding authority")
        CHANGE_APPLICATION = "change_application", _("change application")

    # PROTECT: a project whose plan went to the funding authority is not deleted with its records.
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="plan_versions")
    number = models.PositiveSmallIntegerField(_("number"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("frozen by"),
    )
    data = models.JSONField(_("tables of the plan"), editable=False)
    pdf = models.FileField(_("PDF"), upload_to=_plan_version_path, max_length=200, editable=False)

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["project", "-number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="plan_version_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{_('Version')} {self.number} ({self.get_reason_display()})"

    def save(self, **kwargs) -> None:
        if not self._state.adding:
            raise ValidationError(_("A plan version never changes."), code="frozen")
        super().save(**kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A plan version never changes."), code="frozen")

    def get_absolute_url(self) -> str:
        return reverse("projects:version_pdf", kwargs={"pk": self.project_id, "number": self.number})


class ImplementerQuerySet(models.QuerySet):
    def editable_by(self, user) -> "ImplementerQuerySet":
        """Implementers whose data the user may change: coordinators of the implementer itself or of
        the project's main implementer. States the same rule as ``projects.change_implementer``."""
        if is_administrator(user):
            return self.all()
        coordinated = coordinated_organisation_ids(user)
        main_projects = Implementer.objects.filter(is_main=True, organisation_id__in=coordinated).values(
            "project_id"
        )
        return self.filter(Q(organisation_id__in=coordinated) | Q(project_id__in=main_projects))


class Implementer(PortalModel):
    """Päätoteuttaja or osatoteuttaja: an organisation carrying out (a sub-project of) a project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="implementers")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="implementations", verbose_name=_("organisation")
    )
    is_main = models.BooleanField(_("main implementer"), default=False)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    role = models.TextField(_("role and tasks"), blank=True)
    description = models.TextField(_("description"), blank=True)
    budget_note = models.CharField(
        _("budget as stated in the plan"),
        max_length=200,
        blank=True,
        help_text=_("The plan's own words on this sub-project's budget, e.g. a preliminary estimate."),
    )

    objects = ImplementerQuerySet.as_manager()

    class Meta:
        ordering = ["-is_main", "start_date", "pk"]
        verbose_name = _("implementer")
        verbose_name_plural = _("implementers")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="implementer_unique_organisation"
            ),
            models.UniqueConstraint(
                fields=["project"], condition=Q(is_main=True), name="implementer_one_main_per_project"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="implementer_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.project})"

    @property
    def business_id(self) -> str:
        return self.organisation.business_id

    def person_years(self) -> Decimal:
        """Henkilötyövuodet of this implementer's staff (the prefetched staff, when loaded)."""
        return sum((post.person_years for post in self.staff.all()), Decimal(0))


class WorkPackage(PortalModel):
    """Työpaketti (TP1 …) of a project or sub-project."""

    implementer = models.ForeignKey(Implementer, on_delete=models.CASCADE, related_name="work_packages")
    code = models.CharField(_("code"), max_length=10, help_text=_("e.g. TP1"))
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["code", "pk"]
        verbose_name = _("work package")
        verbose_name_plural = _("work packages")
        constraints = [
            models.UniqueConstraint(fields=["implementer", "code"], name="work_package_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Measure(PortalModel):
    """Toimenpide (1.1, 1.2 …) of a work package, with its timing."""

    work_package = models.ForeignKey(WorkPackage, on_delete=models.CASCADE, related_name="measures")
    code = models.CharField(_("code"), max_length=10, help_text=_("e.g. 1.1"))
    name = models.CharField(_("name"), max_length=300)
    timing = models.CharField(_("timing"), max_length=100, blank=True, help_text=_("e.g. 9/2020–6/2021"))
    outputs = models.TextField(_("outputs"), blank=True, help_text=_("One output (tuotos) per line."))

    class Meta:
        ordering = ["code", "pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def output_list(self) -> list[str]:
        return [line.strip() for line in self.outputs.splitlines() if line.strip()]


class Indicator(PortalModel):
    class Kind(models.TextChoices):
        OUTPUT = "output", _("output indicator")
        RESULT = "result", _("result indicator")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    implementer = models.ForeignKey(
        Implementer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("implementer"),
        help_text=_("In a group project the funding authority counts output indicators per implementer."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=40)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["kind", "implementer", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                condition=Q(implementer__isnull=True),
                name="indicator_unique_name",
            ),
            models.UniqueConstraint(
                fields=["project", "implementer", "name"],
                condition=Q(implementer__isnull=False),
                name="indicator_unique_name_per_implementer",
            ),
            models.CheckConstraint(condition=Q(target__gte=0), name="indicator_target_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name

    def realised(self) -> Decimal:
        return sum((v.value for v in self.values.all()), Decimal(0))

    def clean(self) -> None:
        super().clean()
        if self.implementer_id and self.implementer.project_id != self.project_id:
            raise ValidationError({"implementer": _("Choose an implementer of this project.")})


class IndicatorValue(PortalModel):
    """The realised value of an indicator in one reporting period (e.g. 2021)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.CharField(_("reporting period"), max_length=20, help_text=_("e.g. 2021 or 1–6/2021"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["period"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="indicator_value_unique_period"),
        ]


class ParticipantTarget(PortalModel):
    class Semester(models.TextChoices):
        SPRING = "spring", _("spring")
        AUTUMN = "autumn", _("autumn")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participant_targets")
    work_package = models.ForeignKey(
        WorkPackage,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participant_targets",
        verbose_name=_("work package"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    semester = models.CharField(_("semester"), max_length=6, choices=Semester.choices)
    target = models.PositiveIntegerField(_("target"))
    actual = models.PositiveIntegerField(_("actual"), null=True, blank=True)

    class Meta:
        ordering = ["year", "-semester", "work_package__code"]
        verbose_name = _("participant target")
        verbose_name_plural = _("participant targets")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "semester"],
                condition=Q(work_package__isnull=True),
                name="participant_target_unique_semester",
            ),
            models.UniqueConstraint(
                fields=["project", "work_package", "year", "semester"],
                condition=Q(work_package__isnull=False),
                name="participant_target_unique_semester_per_package",
            ),
        ]

    def __str__(self) -> str:
        text = f"{self.get_semester_display()} {self.year}"
        return f"{self.work_package.code} {text}" if self.work_package_id else text

    def clean(self) -> None:
        super().clean()
        if self.work_package_id and self.work_package.implementer.project_id != self.project_id:
            raise ValidationError({"work_package": _("Choose a work package of this project.")})


class StaffResource(PortalModel):
    """A post in the project: role title, FTE % (full-time 100, part-time 50) and period."""

    implementer = models.ForeignKey(Implementer, on_delete=models.CASCADE, related_name="staff")
    role_title = models.CharField(_("role title"), max_length=200)
    fte_percent = models.DecimalField(_("FTE %"), max_digits=5, decimal_places=2, default=Decimal(100))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        ordering = ["start_date", "role_title"]
        verbose_name = _("staff resource")
        verbose_name_plural = _("staff resources")
        constraints = [
            models.CheckConstraint(
                condition=Q(fte_percent__gt=0, fte_percent__lte=100), name="staff_fte_percent_range"
            ),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="staff_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.role_title

    @property
    def person_years(self) -> Decimal:
        return person_years(self.start_date, self.end_date, self.fte_percent)


def person_years(start, end, fte_percent: Decimal) -> Decimal:
    """Henkilötyövuodet: whole months from ``start`` to ``end`` (both inclusive) / 12 × FTE, to 0.01.

    8/2020–12/2022 full-time is 29 months = 2.42 person-years; half-time 1.21.
    """
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    value = Decimal(months) / Decimal(12) * Decimal(fte_percent) / Decimal(100)
    return round_to(value, CENT)
