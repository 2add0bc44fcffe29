"""What aftercare managers hear: a period opens, its due date nears, it is overdue, a report of
theirs was reopened. Names the period and the area, never a figure."""

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from aftercare.models import AreaReport, ReportingPeriod
from governance.models import AreaManager
from notices.models import Kind
from notices.services import notify


def _managers_by_area() -> dict[int, list]:
    by_area: dict[int, list] = {}
    for manager in AreaManager.objects.select_related("user", "wellbeing_area"):
        by_area.setdefault(manager.wellbeing_area_id, []).append(manager)
    return by_area


def _entry_url(area, period: ReportingPeriod) -> str:
    return reverse("aftercare:entry", args=[area.slug, period.pk])


def _due(period: ReportingPeriod):
    return lambda: date_format(period.due_date, "SHORT_DATE_FORMAT") if period.due_date else ""


def remind_periods(today: date) -> int:
    """Notices for every open period: opened (once), due in N days (once per step), overdue (once),
    to the managers of each area that has not submitted its figures for the period."""
    made = 0
    steps = sorted(settings.NOTICES_DUE_REMINDER_DAYS)
    by_area = _managers_by_area()
    for period in ReportingPeriod.objects.open():
        submitted = set(
            AreaReport.objects.submitted().filter(period=period).values_list("wellbeing_area_id", flat=True)
        )
        for area_id, managers in by_area.items():
            if area_id in submitted:
                continue
            users = [m.user for m in managers]
            params = {"period": period, "area": managers[0].wellbeing_area, "due": _due(period)}
            url = _entry_url(managers[0].wellbeing_area, period)
            made += len(
                notify(
                    kind=Kind.PERIOD_OPENED,
                    recipients=users,
                    title=_("Reporting period %(period)s is open for %(area)s"),
                    detail=_("Enter the aftercare figures of %(area)s for %(period)s.")
                    if not period.due_date
                    else _("Enter the aftercare figures of %(area)s for %(period)s by %(due)s."),
                    params=params,
                    url=url,
                    key=f"period_opened:period:{period.pk}:area:{area_id}",
                )
            )
            if period.due_date is None:
                continue
            days_left = (period.due_date - today).days
            if days_left < 0:
                made += len(
                    notify(
                        kind=Kind.PERIOD_OVERDUE,
                        recipients=users,
                        title=_("Overdue: the figures of %(area)s for %(period)s"),
                        detail=_("They were due on %(due)s."),
                        params=params,
                        url=url,
                        key=f"period_overdue:period:{period.pk}:area:{area_id}",
                    )
                )
                continue
            step = next((n for n in steps if days_left <= n), None)
            if step is not None:
                made += len(
                    notify(
                        kind=Kind.PERIOD_DUE,
                        recipients=users,
                        title=_("Due on %(due)s: the figures of %(area)s for %(period)s"),
                        params=params,
                        url=url,
                        key=f"period_due:period:{period.pk}:area:{area_id}:days:{step}",
                    )
                )
    return made


def notify_report_reopened(report: AreaReport, reason: str, reopening_pk: int) -> int:
    managers = AreaManager.objects.filter(wellbeing_area_id=report.wellbeing_area_id).select_related("user")
    return len(
        notify(
            kind=Kind.REPORT_REOPENED,
            recipients=[m.user for m in managers],
            title=_("Reopened: the figures of %(area)s for %(period)s"),
            detail=_("Reason: %(reason)s"),
            params={"area": report.wellbeing_area, "period": report.period, "reason": reason},
            url=_entry_url(report.wellbeing_area, report.period),
            key=f"report_reopened:reopening:{reopening_pk}",
        )
    )
