"""Writes of the aftercare app: save, submit and reopen an area's report."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftercare.calculations import Figures
from aftercare.models import (
    AgeBand,
    AgeBandCount,
    AreaReport,
    Reopening,
    ReportingPeriod,
    StaffingLine,
    WarningAcknowledgement,
    WorkerCaseload,
)
from aftercare.notifications import notify_report_reopened
from aftercare.validation import hard_errors
from config.bulk import bulk_write, insert_rows
from config.models import ConcurrentEditError
from governance.models import WellbeingArea

FIRST_REPORT_CONFLICT = gettext_lazy(
    "Someone else entered the figures of this period while you were filling in the form, so yours "
    "were not saved. Reload the page to see their figures, then make your changes again."
)


def _sync(obj, **values) -> None:
    """Save ``obj`` only if something changed: no empty history rows, no needless version bumps."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if obj.pk is None or changed:
        for name, value in values.items():
            setattr(obj, name, value)
        obj.full_clean()
        obj.save()


@transaction.atomic
def report_save(
    *,
    area: WellbeingArea,
    period: ReportingPeriod,
    figures: Figures,
    user,
    note: str = "",
    warnings: list[str] | None = None,
    comment: str = "",
    version: int | None = None,
) -> AreaReport:
    """Create or update ``area``'s report for ``period`` with ``figures`` (all or nothing).

    ``version`` is the one read with the form: if someone saved the report since, nothing is
    saved (optimistic locking). Hard errors raise ``ValidationError``; acknowledged ``warnings``
    are recorded with the ``comment``.
    """
    problems = hard_errors(figures)
    if problems:
        raise ValidationError([p.message for p in problems])
    report = AreaReport.objects.select_for_update().filter(wellbeing_area=area, period=period).first()
    if report is None:
        report = AreaReport(wellbeing_area=area, period=period)
    elif version == 0:
        raise ConcurrentEditError(FIRST_REPORT_CONFLICT)
    elif version is not None and version != report.version:
        raise ConcurrentEditError(ConcurrentEditError.message)
    if report.pk and report.is_submitted:
        raise ValidationError(_("This report has been submitted and is locked."), code="locked")
    try:
        # A savepoint: two tabs creating the same first report meet at the unique constraint.
        with transaction.atomic():
            _sync(
                report,
                note=note,
                **{name: getattr(figures, name) or 0 for name in Figures.COUNT_FIELDS},
            )
    except IntegrityError as error:
        raise ConcurrentEditError(FIRST_REPORT_CONFLICT) from error

    _write_lines([(report, figures)], user=user, clean=True)
    if warnings:
        WarningAcknowledgement.objects.create(
            report=report, warnings="\n".join(warnings), comment=comment, acknowledged_by=user
        )
    return report


def _lines_diff(report: AreaReport, figures: Figures, bands: dict[str, AgeBand], writes: dict) -> None:
    """Add to ``writes`` (model → new, changed, deleted) what makes ``report``'s lines equal to
    ``figures``. ``report``'s lines are read through its prefetch, or not at all for a new report."""

    def sync(model, existing, obj, **values) -> None:
        new, changed, _deleted = writes.setdefault(model, ([], [], []))
        if existing is None:
            new.append(obj)
        elif any(getattr(existing, name) != value for name, value in values.items()):
            changed.append(existing)
        else:
            return
        for name, value in values.items():
            setattr(obj if existing is None else existing, name, value)

    fresh = report._state.adding or report.pk is None or getattr(report, "_fresh", False)
    counts = {} if fresh else {count.band_id: count for count in report.age_counts.all()}
    for label, clients in figures.age_bands.items():
        band = bands[label]
        count = counts.pop(band.pk, None)
        if clients is None:
            if count is not None:
                writes.setdefault(AgeBandCount, ([], [], []))[2].append(count)
            continue
        sync(AgeBandCount, count, AgeBandCount(report=report, band=band), clients=clients)

    lines = {} if fresh else {line.role: line for line in report.staffing.all()}
    for role, (filled, vacant) in figures.staffing.items():
        line = lines.pop(role, None)
        sync(StaffingLine, line, StaffingLine(report=report, role=role), fte_filled=filled, fte_vacant=vacant)
    writes.setdefault(StaffingLine, ([], [], []))[2].extend(lines.values())

    workers = {} if fresh else {worker.label: worker for worker in report.workers.all()}
    for label, role, clients in figures.workers:
        worker = workers.pop(label, None)
        sync(WorkerCaseload, worker, WorkerCaseload(report=report, label=label), role=role, clients=clients)
    writes.setdefault(WorkerCaseload, ([], [], []))[2].extend(workers.values())


LINE_FIELDS = {
    AgeBandCount: ["clients"],
    StaffingLine: ["fte_filled", "fte_vacant"],
    WorkerCaseload: ["role", "clients"],
}


def _write_lines(items: list[tuple[AreaReport, Figures]], *, user, clean: bool = False) -> None:
    """The age counts, staffing lines and worker caseloads of saved reports, a few queries in all.
    ``clean`` checks each line as a form would (the import has checked its rows itself)."""
    bands = {band.label: band for band in AgeBand.objects.all()}
    writes: dict = {}
    for report, figures in items:
        _lines_diff(report, figures, bands, writes)
    for model in (AgeBandCount, StaffingLine, WorkerCaseload):
        new, changed, deleted = writes.get(model, ([], [], []))
        for obj in [*new, *changed] if clean else []:
            obj.full_clean(exclude=["report", "band"], validate_unique=False, validate_constraints=False)
        bulk_write(model, user=user, new=new, changed=changed, fields=LINE_FIELDS[model], deleted=deleted)


@transaction.atomic
def reports_save_many(*, items: list[tuple[WellbeingArea, ReportingPeriod, Figures]], user) -> None:
    """Create or update many areas' reports at once (the national backfill): all or nothing, with
    history, in a few queries per model whatever the number of reports. Notes stay as they are;
    a submitted report is refused as ``report_save`` refuses it."""
    for _area, _period, figures in items:
        problems = hard_errors(figures)
        if problems:
            raise ValidationError([p.message for p in problems])
    wanted = {(area.pk, period.pk) for area, period, _figures in items}
    found = {
        (r.wellbeing_area_id, r.period_id): r
        for r in AreaReport.objects.select_for_update(of=("self",))
        .filter(
            wellbeing_area__in={area_pk for area_pk, _p in wanted},
            period__in={period_pk for _a, period_pk in wanted},
        )
        .prefetch_related("staffing", "workers", "age_counts")
    }
    new, changed, pairs = [], [], []
    for area, period, figures in items:
        values = {name: getattr(figures, name) or 0 for name in Figures.COUNT_FIELDS}
        report = found.get((area.pk, period.pk))
        if report is None:
            new.append((area.pk, period.pk, figures))
            continue
        if report.is_submitted:
            locked = _("%(report)s: the report is submitted and locked; reopen it first.")
            raise ValidationError(locked % {"report": report}, code="locked")
        if any(getattr(report, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(report, name, value)
            changed.append(report)
        pairs.append((report, figures))
    bulk_write(AreaReport, user=user, changed=changed, fields=Figures.COUNT_FIELDS)
    _write_lines(pairs, user=user)
    _insert_new_reports(new, user=user)


def _insert_new_reports(items: list[tuple[int, int, Figures]], *, user) -> None:
    """New reports and their lines as plain rows: a national backfill creates thousands, and a
    model instance for each of their lines would cost more than writing them."""
    ids = insert_rows(
        AreaReport,
        ["wellbeing_area_id", "period_id", *Figures.COUNT_FIELDS],
        [
            (area, period, *(getattr(f, name) or 0 for name in Figures.COUNT_FIELDS))
            for area, period, f in items
        ],
        user=user,
    )
    bands = {band.label: band.pk for band in AgeBand.objects.all()}
    reports = list(zip(ids, (figures for _a, _p, figures in items), strict=True))
    insert_rows(
        AgeBandCount,
        ["report_id", "band_id", "clients"],
        [
            (pk, bands[label], clients)
            for pk, figures in reports
            for label, clients in figures.age_bands.items()
            if clients is not None
        ],
        user=user,
    )
    insert_rows(
        StaffingLine,
        ["report_id", "role", "fte_filled", "fte_vacant"],
        [
            (pk, role, filled, vacant)
            for pk, figures in reports
            for role, (filled, vacant) in figures.staffing.items()
        ],
        user=user,
    )
    insert_rows(
        WorkerCaseload,
        ["report_id", "label", "role", "clients"],
        [(pk, label, role, clients) for pk, figures in reports for label, role, clients in figures.workers],
        user=user,
    )


@transaction.atomic
def report_submit(
    *, report: AreaReport, user, warnings: list[str] | None = None, comment: str = ""
) -> AreaReport:
    """Submit the report: it is locked until a coordinator or administrator reopens it. Its soft
    ``warnings`` (if any) are recorded with the one ``comment`` that explains them."""
    if report.is_submitted:
        raise ValidationError(_("This report has already been submitted."), code="submitted")
    if warnings:
        if not comment.strip():
            raise ValidationError(
                _("Explain the warnings in a comment to submit the figures."), code="comment"
            )
        WarningAcknowledgement.objects.create(
            report=report, warnings="\n".join(warnings), comment=comment.strip(), acknowledged_by=user
        )
    report.status = AreaReport.Status.SUBMITTED
    report.submitted_by = user
    report.submitted_at = timezone.now()
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_reopen(*, report: AreaReport, user, reason: str) -> AreaReport:
    """Unlock a submitted report so its area can correct it; the reason stays on record."""
    if not report.is_submitted:
        raise ValidationError(_("Only a submitted report can be reopened."), code="not_submitted")
    if not reason.strip():
        raise ValidationError(_("Give a reason for reopening."), code="reason")
    if not report.period.can_be_corrected():
        raise ValidationError(_("The period of this report can no longer be corrected."), code="closed")
    reopening = Reopening(report=report, reopened_by=user, reason=reason.strip())
    reopening.full_clean()
    reopening.save()
    report.status = AreaReport.Status.DRAFT
    report.submitted_at = None
    report.submitted_by = None
    report.save()
    notify_report_reopened(report, reopening.reason, reopening.pk)
    return report
