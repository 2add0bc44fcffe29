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

    bands = {band.label: band for band in AgeBand.objects.all()}
    existing_counts = {count.band_id: count for count in report.age_counts.all()}
    for label, clients in figures.age_bands.items():
        band = bands[label]
        count = existing_counts.pop(band.pk, None)
        if clients is None:
            if count is not None:
                count.delete()
            continue
        _sync(count or AgeBandCount(report=report, band=band), clients=clients)

    existing_lines = {line.role: line for line in report.staffing.all()}
    for role, (filled, vacant) in figures.staffing.items():
        _sync(
            existing_lines.pop(role, None) or StaffingLine(report=report, role=role),
            fte_filled=filled,
            fte_vacant=vacant,
        )
    for line in existing_lines.values():
        line.delete()

    existing_workers = {worker.label: worker for worker in report.workers.all()}
    for label, role, clients in figures.workers:
        _sync(
            existing_workers.pop(label, None) or WorkerCaseload(report=report, label=label),
            role=role,
            clients=clients,
        )
    for worker in existing_workers.values():
        worker.delete()

    if warnings:
        WarningAcknowledgement.objects.create(
            report=report, warnings="\n".join(warnings), comment=comment, acknowledged_by=user
        )
    return report


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
