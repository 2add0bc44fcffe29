"""ESR programmes, calls and projects with their implementers, work packages, indicators, participant
targets and staff resources."""

from decimal import Decimal

from django.conf import settings
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
        """Projects the user may change: as a coordinator of an implementing organisation."""
        if is_administrator(user):
            return self.all()
        ids = Project.objects.filter(
            implementers__organisation_id__in=coordinated_organisation_ids(user)
        ).values("pk")
        return self.filter(pk__in=ids)

    def for_list(self) -> "ProjectQuerySet":
        return self.select_related("call__priority_axis__programme").prefetch_related(
            Prefetch("implementers", queryset=Implementer.objects.select_related("organisation"))
        )

    def for_page(self) -> "ProjectQuerySet":
        return self.select_related(
            "call__priority_axis__programme", "call__funding_authority"
        ).prefetch_related(
            Prefetch("implementers", queryset=Implementer.objects.select_related("organisation")),
            "regions",
            "municipalities",
        )


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
    register_number = models.CharField(_("register number (Dnro)"), max_length=40, blank=True)
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
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=40)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="indicator_unique_name"),
            models.CheckConstraint(condition=Q(target__gte=0), name="indicator_target_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name

    def realised(self) -> Decimal:
        return sum((v.value for v in self.values.all()), Decimal(0))


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
    year = models.PositiveSmallIntegerField(_("year"))
    semester = models.CharField(_("semester"), max_length=6, choices=Semester.choices)
    target = models.PositiveIntegerField(_("target"))
    actual = models.PositiveIntegerField(_("actual"), null=True, blank=True)

    class Meta:
        ordering = ["year", "-semester"]
        verbose_name = _("participant target")
        verbose_name_plural = _("participant targets")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "semester"], name="participant_target_unique_semester"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_semester_display()} {self.year}"


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
