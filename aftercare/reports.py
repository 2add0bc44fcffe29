"""The caseload report: a table and charts per area over chosen periods.

The same context feeds the web report page, the PDF and the ``aftercare.caseload`` section that a
steering-group meeting report can embed. Small counts are suppressed for viewers who are not the
area's own manager.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftercare.calculations import trend
from aftercare.charts import caseload_charts
from aftercare.forms import ReportChoiceForm
from aftercare.models import Role
from aftercare.selectors import summaries
from aftercare.suppression import chart_value
from config.charts import bar_chart, line_chart
from config.sections import ReportSection, registry


def caseload_context(viewer, areas, periods, *, embedded: bool = False) -> dict:
    areas = sorted(areas, key=lambda a: a.name_fi)
    periods = sorted(periods, key=lambda p: p.start)
    by_area: dict[int, list] = {}
    for summary in summaries(viewer, areas=areas, periods=periods, embedded=embedded):
        by_area.setdefault(summary.area.pk, []).append(summary)
    labels = [p.label for p in periods]
    role_labels = {value: str(label) for value, label in Role.choices}
    blocks = []
    for area in areas:
        rows = by_area.get(area.pk, [])
        shown = [s for s in rows if s.figures is not None]
        charts = []
        if shown:
            per_role = [
                (
                    role_labels[role],
                    [next((r.clients_per_fte for r in s.roles if r.role == role), None) for s in rows],
                )
                for role in Role.values
            ]
            charts.append(
                line_chart(
                    _("Clients per FTE by role"),
                    labels,
                    [(name, points) for name, points in per_role if any(p is not None for p in points)],
                )
            )
            latest = shown[-1]
            charts += caseload_charts(
                latest,
                role_labels=role_labels,
                title_format=_("%(period)s: clients per worker, %%(role)s") % {"period": latest.period},
                norm_label=_("norm"),
            )
        changes = trend([(s.period.label, s.figures.clients_total) for s in shown])
        blocks.append(
            {
                "area": area,
                "rows": rows,
                "shown": shown,
                "trend": [(s, change) for s, (_label, _value, change) in zip(shown, changes, strict=True)],
                "charts": charts,
            }
        )
    totals_chart = None
    if any(b["shown"] for b in blocks) and len(periods) > 1:
        totals_chart = line_chart(
            _("Aftercare clients in total"),
            labels,
            [
                (
                    str(b["area"]),
                    [chart_value(s.figures.clients_total) if s.figures else None for s in b["rows"]],
                )
                for b in blocks
                if b["shown"]
            ],
        )
    return {"blocks": blocks, "periods": periods, "totals_chart": totals_chart, "roles": Role.choices}


def section_context(params: Mapping[str, Any], viewer) -> dict:
    return caseload_context(viewer, params["areas"], params["periods"], embedded=True)


registry.register(
    ReportSection(
        key="aftercare.caseload",
        title=gettext_lazy("Aftercare caseload and staffing"),
        template_name="aftercare/partials/caseload_section.html",
        params_form=ReportChoiceForm,
        get_context=section_context,
    )
)


def overview_chart(rows):
    """Clients per social worker FTE by area, with each area's norm in the table beside it."""
    bars = []
    for summary in rows:
        ratio = next((r.clients_per_fte for r in summary.roles if r.role == Role.SOCIAL_WORKER), None)
        if ratio is not None:
            bars.append((str(summary.area), ratio))
    if not bars:
        return None
    return bar_chart(_("Clients per social worker FTE"), bars, width=max(320, 90 * len(bars)))
