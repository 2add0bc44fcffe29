"""Reads of the aftercare app, shaped for pages, PDFs and report sections.

Each function runs a fixed number of queries whatever the number of areas or periods.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import CharField, DecimalField, IntegerField, Value
from django.db.models.functions import Cast

from aftercare.calculations import Figures, RoleFigures, suppress
from aftercare.models import (
    AgeBand,
    AgeBandCount,
    AreaReport,
    CaseloadNorm,
    ReportingPeriod,
    StaffingLine,
    WorkerCaseload,
)
from aftercare.permissions import sees_in_full
from aftercare.suppression import visible
from aftercare.validation import soft_warnings
from governance.models import WellbeingArea
from governance.permissions import managed_area_id


@dataclass
class Summary:
    """One area's report for one period as a viewer may see it."""

    area: WellbeingArea
    period: ReportingPeriod
    report: AreaReport | None
    full: bool
    figures: Figures | None = None
    roles: list[RoleFigures] = field(default_factory=list)
    norms: dict[str, tuple[int, int | None]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Suppressed here, once, before anything reads a figure of an area the viewer does not
        # manage: every page, chart, export and report below sees only what it may show.
        if self.report is not None and self.figures is None:
            self.figures = Figures.from_report(self.report)
        if self.figures is not None:
            self.figures, self.roles = visible(self.figures, self.norms, full=self.full)

    def count(self, name: str):
        return suppress(getattr(self.figures, name), full=self.full) if self.figures else None

    @property
    def shown(self) -> dict:
        return {name: self.count(name) for name in Figures.COUNT_FIELDS}

    @property
    def age_bands(self) -> list[tuple[str, int | str | None]]:
        if not self.figures:
            return []
        return [(label, suppress(value, full=self.full)) for label, value in self.figures.age_bands.items()]

    @property
    def workers(self) -> list[tuple[str, str, int | str]]:
        if not self.figures:
            return []
        return [
            (label, role, suppress(clients, full=self.full)) for label, role, clients in self.figures.workers
        ]


def norms_by_area(on, area_ids: Iterable[int] | None = None) -> dict[int, dict[str, tuple[int, int | None]]]:
    """{area id: {role: (target, ideal)}} in force on ``on`` (one query)."""
    queryset = CaseloadNorm.objects.all()
    if area_ids is not None:
        queryset = queryset.filter(wellbeing_area_id__in=list(area_ids))
    result: dict[int, dict[str, tuple[int, int | None]]] = {}
    for (area_id, role), norm in queryset.in_force(on).items():
        result.setdefault(area_id, {})[role] = (norm.target, norm.ideal)
    return result


def previous_report(area: WellbeingArea, period: ReportingPeriod) -> AreaReport | None:
    """The area's report for the latest earlier period of the same frequency."""
    return (
        AreaReport.objects.for_page()
        .filter(wellbeing_area=area, period__frequency=period.frequency, period__end__lt=period.start)
        .order_by("-period__start")
        .first()
    )


def report_warnings(report: AreaReport) -> list[str]:
    """The soft warnings of a saved report that still need explaining: none if the same warnings were
    already acknowledged (e.g. when the figures were uploaded)."""
    report = AreaReport.objects.for_page().get(pk=report.pk)
    previous = previous_report(report.wellbeing_area, report.period)
    norms = norms_by_area(report.period.end, [report.wellbeing_area_id]).get(report.wellbeing_area_id, {})
    warnings = soft_warnings(
        Figures.from_report(report), previous=Figures.from_report(previous) if previous else None, norms=norms
    )
    latest = report.acknowledgements.first()
    if warnings and latest is not None and latest.warnings == "\n".join(warnings):
        return []
    return warnings


def _lines(report_ids: list[int]) -> dict[int, dict]:
    """{report id: {"staffing", "age_bands", "workers"}} of these reports, read in one query of plain
    values (a UNION ALL of the three tables, no model instances): an area page at national scale
    reads thousands of anonymous worker rows, and building a model object for each was most of its
    time. Age bands come in band order and workers in label order, as ``AreaReport.for_page`` gives."""
    if not report_ids:
        return {}
    amount = DecimalField(max_digits=12, decimal_places=2)

    def text(name: str | None):
        return Cast(name, CharField()) if name else Value("", output_field=CharField())

    def number(name: str | None, output_field):
        return Cast(name, output_field) if name else Value(0, output_field=output_field)

    def columns(kind: str, *, filled, label=None, role=None, vacant=None, lower=None, upper=None):
        return {
            "kind": Value(kind, output_field=CharField()),
            "text": text(label),
            "role_": text(role),
            "amount": Cast(filled, amount),
            "vacant": number(vacant, amount),
            "lower": number(lower, IntegerField()),
            "upper": number(upper, IntegerField()),
        }

    fields = ["report_id", "kind", "text", "role_", "amount", "vacant", "lower", "upper"]
    staffing = (
        StaffingLine.objects.filter(report_id__in=report_ids)
        .order_by()
        .values("report_id", **columns("s", label="role", filled="fte_filled", vacant="fte_vacant"))
    )
    ages = (
        AgeBandCount.objects.filter(report_id__in=report_ids)
        .order_by()
        .values("report_id", **columns("a", filled="clients", lower="band__lower", upper="band__upper"))
    )
    workers = (
        WorkerCaseload.objects.filter(report_id__in=report_ids)
        .order_by()
        .values("report_id", **columns("w", label="label", role="role", filled="clients"))
    )
    rows = staffing.values_list(*fields).union(
        ages.values_list(*fields), workers.values_list(*fields), all=True
    )
    result: dict[int, dict] = {pk: {"staffing": {}, "age_bands": {}, "workers": []} for pk in report_ids}
    ordered = rows.order_by("kind", "lower", "text")
    for report_id, kind, label, role, filled, vacant, lower, upper in ordered:
        lines = result[report_id]
        if kind == "s":
            lines["staffing"][label] = (filled, vacant)
        elif kind == "a":
            lines["age_bands"][AgeBand(lower=lower, upper=upper).label] = int(filled)
        else:
            lines["workers"].append((label, role, int(filled)))
    return result


def summaries(
    viewer, *, areas: Iterable[WellbeingArea], periods: Iterable[ReportingPeriod], embedded: bool = False
) -> list[Summary]:
    """A Summary for every (area, period), figures only where ``viewer`` may see them.

    ``embedded``: for a meeting report, whose readers the meeting decides; it shows submitted
    figures only, suppressed outside the viewer's own area.
    """
    areas, periods = list(areas), list(periods)
    visible = AreaReport.objects.submitted() if embedded else AreaReport.objects.visible_to(viewer)
    reports = {
        (r.wellbeing_area_id, r.period_id): r
        for r in visible.select_related("wellbeing_area", "period").filter(
            wellbeing_area__in=areas, period__in=periods
        )
    }
    lines = _lines([r.pk for r in reports.values()])
    # Every norm of these areas in one query; the one in force at each period's end wins.
    all_norms = list(CaseloadNorm.objects.filter(wellbeing_area__in=areas).order_by("valid_from"))
    managed = managed_area_id(viewer)
    result = []
    for area in areas:
        for period in periods:
            area_norms = {
                n.role: (n.target, n.ideal)
                for n in all_norms
                if n.wellbeing_area_id == area.pk and n.valid_from <= period.end
            }
            report = reports.get((area.pk, period.pk))
            result.append(
                Summary(
                    area=area,
                    period=period,
                    report=report,
                    full=managed == area.pk,
                    norms=area_norms,
                    figures=Figures.from_report(report, **lines[report.pk]) if report else None,
                )
            )
    return result


def overview(viewer, period: ReportingPeriod) -> list[Summary]:
    return summaries(viewer, areas=WellbeingArea.objects.all(), periods=[period])


def completeness(areas: Iterable[WellbeingArea], periods: Iterable[ReportingPeriod]) -> list[tuple]:
    """[(area, [status or None per period])]: which areas have submitted which periods."""
    periods = list(periods)
    statuses = {
        (area_id, period_id): status
        for area_id, period_id, status in AreaReport.objects.filter(period__in=periods).values_list(
            "wellbeing_area_id", "period_id", "status"
        )
    }
    return [(area, [statuses.get((area.pk, p.pk)) for p in periods]) for area in areas]


def period_status(area: WellbeingArea | None, periods: list[ReportingPeriod]) -> list[tuple]:
    """[(period, the area's report or None, number of areas that submitted)] for the home page."""
    from django.db.models import Count, Q

    counted = {
        p.pk: p.submitted
        for p in ReportingPeriod.objects.filter(pk__in=[p.pk for p in periods]).annotate(
            submitted=Count("reports", filter=Q(reports__status=AreaReport.Status.SUBMITTED))
        )
    }
    own = (
        {r.period_id: r for r in AreaReport.objects.filter(wellbeing_area=area, period__in=periods)}
        if area
        else {}
    )
    return [(p, own.get(p.pk), counted.get(p.pk, 0)) for p in periods]


def age_bands() -> list[AgeBand]:
    return list(AgeBand.objects.filter(is_active=True))


__all__ = ["Summary", "completeness", "overview", "previous_report", "sees_in_full", "summaries"]
