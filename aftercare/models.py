"""Aftercare caseload and staffing per wellbeing area: aggregate figures only.

Nothing here describes an individual young person: counts per area and period, staffing per role,
and anonymous per-worker caseloads (worker A, B, …).
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.models import PortalModel
from governance.models import Organisation, WellbeingArea


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("social worker")
    COUNSELLOR = "counsellor", _("counsellor")
    SPECIAL_COUNSELLOR = "special_counsellor", _("special counsellor")


class ReportingPeriodQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)

    def with_report_of(self, area):
        """Each period with ``reported``: whether ``area`` has a report (in any state) for it."""
        return self.annotate(
            reported=models.Exists(
                AreaReport.objects.filter(period=models.OuterRef("pk"), wellbeing_area=area)
            )
        )

    def correctable(self, today: date | None = None):
        """Open periods, and closed ones whose correction time has not yet run out."""
        today = today or timezone.localdate()
        return self.filter(Q(is_open=True) | Q(corrections_until__gte=today))


class ReportingPeriod(PortalModel):
    """A period the areas report on; the administrator opens it and says which frequency applies."""

    class Frequency(models.TextChoices):
        MONTH = "month", _("month")
        QUARTER = "quarter", _("quarter")
        HALF_YEAR = "half_year", _("half-year")
        YEAR = "year", _("year")

    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    is_open = models.BooleanField(
        _("open for entry"), default=False, help_text=_("Managers can enter figures only for open periods.")
    )
    corrections_until = models.DateField(
        _("corrections until"),
        null=True,
        blank=True,
        help_text=_(
            "After the period is closed, a submitted report can be reopened and corrected until this "
            "date. Empty: only while the period is open."
        ),
    )
    due_date = models.DateField(
        _("due date"),
        null=True,
        blank=True,
        help_text=_("The areas' figures are due by this day; managers are reminded before it and after."),
    )

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["start", "end"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(fields=["start", "end"], name="aftercare_period_unique_dates"),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="aftercare_period_end_after_start"),
        ]

    def __str__(self) -> str:
        return self.label

    def can_be_corrected(self, today: date | None = None) -> bool:
        """Whether a submitted report of this period may still be reopened and corrected."""
        today = today or timezone.localdate()
        return self.is_open or (self.corrections_until is not None and self.corrections_until >= today)

    @property
    def label(self) -> str:
        """Q1/2023, H2/2023, 3/2023 or 2023, in the current language."""
        year, month = self.start.year, self.start.month
        if self.frequency == self.Frequency.QUARTER:
            return _("Q%(n)s/%(year)s") % {"n": (month - 1) // 3 + 1, "year": year}
        if self.frequency == self.Frequency.HALF_YEAR:
            return _("H%(n)s/%(year)s") % {"n": (month - 1) // 6 + 1, "year": year}
        if self.frequency == self.Frequency.MONTH:
            return f"{month}/{year}"
        return str(year)


class AgeBand(PortalModel):
    """An age band of the clients. The upper age limit is data: the law has changed it before."""

    lower = models.PositiveSmallIntegerField(_("lowest age"))
    upper = models.PositiveSmallIntegerField(_("highest age"))
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["lower"]
        verbose_name = _("age band")
        verbose_name_plural = _("age bands")
        constraints = [
            models.UniqueConstraint(fields=["lower"], name="aftercare_age_band_unique_lower"),
            models.CheckConstraint(
                condition=Q(upper__gte=F("lower")), name="aftercare_age_band_upper_ge_lower"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.lower}–{self.upper}"


class AftercareOrganisation(PortalModel):
    """An organisation named for the aftercare of a wellbeing area: its coordinators may reopen the
    area's submitted reports for correction (the area's own organisation, or a competence centre
    that supports it)."""

    wellbeing_area = models.ForeignKey(
        WellbeingArea,
        on_delete=models.CASCADE,
        related_name="aftercare_organisations",
        verbose_name=_("wellbeing area"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="aftercare_areas",
        verbose_name=_("organisation"),
    )

    class Meta:
        ordering = ["wellbeing_area", "organisation"]
        verbose_name = _("organisation named for aftercare")
        verbose_name_plural = _("organisations named for aftercare")
        constraints = [
            models.UniqueConstraint(
                fields=["wellbeing_area", "organisation"], name="aftercare_organisation_unique_area_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wellbeing_area} – {self.organisation}"


class CaseloadNormQuerySet(models.QuerySet):
    def in_force(self, on: date) -> dict[tuple[int, str], "CaseloadNorm"]:
        """The norm of each (area id, role) in force on ``on`` (one query)."""
        norms: dict[tuple[int, str], CaseloadNorm] = {}
        for norm in self.filter(valid_from__lte=on).order_by("valid_from"):
            norms[(norm.wellbeing_area_id, norm.role)] = norm
        return norms


class CaseloadNorm(PortalModel):
    """Target clients per full-time worker of a role in an area, valid from a date."""

    wellbeing_area = models.ForeignKey(
        WellbeingArea,
        on_delete=models.CASCADE,
        related_name="caseload_norms",
        verbose_name=_("wellbeing area"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    target = models.PositiveSmallIntegerField(_("target clients per FTE"))
    ideal = models.PositiveSmallIntegerField(_("ideal clients per FTE"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"))

    objects = CaseloadNormQuerySet.as_manager()

    class Meta:
        ordering = ["wellbeing_area", "role", "valid_from"]
        verbose_name = _("caseload norm")
        verbose_name_plural = _("caseload norms")
        constraints = [
            models.UniqueConstraint(
                fields=["wellbeing_area", "role", "valid_from"], name="aftercare_norm_unique_area_role_date"
            ),
            models.CheckConstraint(condition=Q(target__gt=0), name="aftercare_norm_target_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.wellbeing_area} – {self.get_role_display()}: {self.target}"


class AreaReportQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=AreaReport.Status.SUBMITTED)

    def visible_to(self, user):
        """The rule of ``aftercare.view_report`` as a filter: submitted reports for anyone with a
        role, and the manager's own area's reports in any state; administrators see all."""
        from aftercare.permissions import has_aftercare_role
        from governance.permissions import is_administrator, managed_area_id

        if is_administrator(user):
            return self
        if not has_aftercare_role(user):
            return self.none()
        return self.filter(Q(status=AreaReport.Status.SUBMITTED) | Q(wellbeing_area_id=managed_area_id(user)))

    def for_page(self):
        return self.select_related("wellbeing_area", "period").prefetch_related(
            "staffing",
            Prefetch("workers", queryset=WorkerCaseload.objects.order_by("label")),
            Prefetch(
                "age_counts", queryset=AgeBandCount.objects.select_related("band").order_by("band__lower")
            ),
        )


class AreaReport(PortalModel):
    """One wellbeing area's aftercare figures for one period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")

    wellbeing_area = models.ForeignKey(
        WellbeingArea,
        on_delete=models.PROTECT,
        related_name="aftercare_reports",
        verbose_name=_("wellbeing area"),
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="reports", verbose_name=_("period")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    clients_total = models.PositiveIntegerField(_("aftercare clients in total"))
    new_clients = models.PositiveIntegerField(_("new clients"), default=0)
    ended_clients = models.PositiveIntegerField(_("ended clients"), default=0)
    neet_clients = models.PositiveIntegerField(_("clients in the NEET situation"), default=0)
    other_area_clients = models.PositiveIntegerField(
        _("clients organised by another area than their residence"),
        default=0,
        help_text=_("Both areas then name a worker, so this shows the coordination load."),
    )
    note = models.TextField(_("note"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = AreaReportQuerySet.as_manager()

    class Meta:
        ordering = ["wellbeing_area__name_fi", "period__start"]
        verbose_name = _("area report")
        verbose_name_plural = _("area reports")
        constraints = [
            models.UniqueConstraint(
                fields=["wellbeing_area", "period"], name="aftercare_report_unique_area_period"
            ),
            models.CheckConstraint(
                condition=Q(new_clients__lte=F("clients_total")), name="aftercare_report_new_le_total"
            ),
            models.CheckConstraint(
                condition=Q(neet_clients__lte=F("clients_total")), name="aftercare_report_neet_le_total"
            ),
            models.CheckConstraint(
                condition=Q(other_area_clients__lte=F("clients_total")),
                name="aftercare_report_other_area_le_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wellbeing_area} {self.period}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class AgeBandCount(PortalModel):
    report = models.ForeignKey(AreaReport, on_delete=models.CASCADE, related_name="age_counts")
    band = models.ForeignKey(AgeBand, on_delete=models.PROTECT, related_name="+", verbose_name=_("age band"))
    clients = models.PositiveIntegerField(_("clients"))

    class Meta:
        ordering = ["band__lower"]
        verbose_name = _("clients by age band")
        verbose_name_plural = _("clients by age band")
        constraints = [
            models.UniqueConstraint(fields=["report", "band"], name="aftercare_age_count_unique_report_band"),
        ]

    def __str__(self) -> str:
        return f"{self.band}: {self.clients}"


class StaffingLine(PortalModel):
    report = models.ForeignKey(AreaReport, on_delete=models.CASCADE, related_name="staffing")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    fte_filled = models.DecimalField(_("FTE filled"), max_digits=6, decimal_places=2, default=0)
    fte_vacant = models.DecimalField(_("FTE vacant"), max_digits=6, decimal_places=2, default=0)

    class Meta:
        ordering = ["role"]
        verbose_name = _("staffing")
        verbose_name_plural = _("staffing")
        constraints = [
            models.UniqueConstraint(fields=["report", "role"], name="aftercare_staffing_unique_report_role"),
            models.CheckConstraint(
                condition=Q(fte_filled__gte=0, fte_vacant__gte=0), name="aftercare_staffing_fte_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.fte_filled}"


class WorkerCaseload(PortalModel):
    """One anonymous worker's client count: a label (A, B, …) and a role, never a name."""

    report = models.ForeignKey(AreaReport, on_delete=models.CASCADE, related_name="workers")
    label = models.CharField(_("worker"), max_length=10, help_text=_("An anonymous label: A, B, C…"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    clients = models.PositiveIntegerField(_("clients"))

    class Meta:
        ordering = ["label"]
        verbose_name = _("worker caseload")
        verbose_name_plural = _("worker caseloads")
        constraints = [
            models.UniqueConstraint(fields=["report", "label"], name="aftercare_worker_unique_report_label"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_role_display()}): {self.clients}"


class Reopening(PortalModel):
    """A coordinator or administrator unlocked a submitted report; the reason stays on record."""

    report = models.ForeignKey(AreaReport, on_delete=models.CASCADE, related_name="reopenings")
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reopening")
        verbose_name_plural = _("reopenings")

    def __str__(self) -> str:
        return f"{self.report} – {self.reason[:40]}"


class WarningAcknowledgement(PortalModel):
    """The manager saw soft warnings (big change, role above norm) and explained them."""

    report = models.ForeignKey(AreaReport, on_delete=models.CASCADE, related_name="acknowledgements")
    warnings = models.TextField(_("warnings"))
    comment = models.TextField(_("comment"))
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("acknowledged warning")
        verbose_name_plural = _("acknowledged warnings")

    def __str__(self) -> str:
        return f"{self.report} – {self.comment[:40]}"
