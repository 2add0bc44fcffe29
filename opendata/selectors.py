"""What open data publishes: released, closed periods' submitted figures of every area, suppressed
exactly as for a reader outside every area (``aftercare.selectors.summaries``, ``full=False``)."""

from django.contrib.auth.models import AnonymousUser

from aftercare.calculations import Figures
from aftercare.models import ReportingPeriod, Role
from aftercare.selectors import summaries
from governance.models import WellbeingArea

COLUMNS = [
    "area",
    "area_fi",
    "area_sv",
    "period",
    "period_start",
    "period_end",
    *Figures.COUNT_FIELDS,
    *[f"fte_{role}" for role in Role.values],
]


def released_periods():
    return ReportingPeriod.objects.filter(open_data_release__isnull=False, is_open=False).order_by("start")


def rows(periods=None) -> list[dict]:
    """One row per area and released period with submitted figures."""
    periods = list(released_periods() if periods is None else periods)
    result = []
    # An anonymous viewer manages no area: every count is suppressed as for outsiders.
    for summary in summaries(
        AnonymousUser(), areas=WellbeingArea.objects.all(), periods=periods, embedded=True
    ):
        if summary.figures is None:
            continue
        staffing = summary.figures.staffing
        result.append(
            {
                "area": summary.area.slug,
                "area_fi": summary.area.name_fi,
                "area_sv": summary.area.name_sv,
                "period": f"{summary.period.start.isoformat()}/{summary.period.end.isoformat()}",
                "period_start": summary.period.start.isoformat(),
                "period_end": summary.period.end.isoformat(),
                **summary.shown,
                **{
                    f"fte_{role}": str(staffing[role][0]) if role in staffing else None
                    for role in Role.values
                },
            }
        )
    return result
