"""Aftercare's charts, drawn by the portal's one chart builder (``config.charts``).

The figures arrive already suppressed for the viewer: a worker's caseload shown as "<5" has no
number here, and the builder draws it as an outline labelled so.
"""

from django.utils.safestring import SafeString

from aftercare.calculations import SUPPRESSION_LIMIT
from config.charts import bar_chart


def caseload_charts(
    summary, *, role_labels: dict[str, str], title_format: str, norm_label: str
) -> list[SafeString]:
    """One bar chart per role with anonymous workers, the role's norm as a reference line."""
    charts = []
    for role in role_labels:
        bars = [
            (label, value if not isinstance(value, str) else None)
            for label, r, value in summary.workers
            if r == role
        ]
        if not bars:
            continue
        target = summary.norms.get(role, (None, None))[0]
        charts.append(
            bar_chart(
                title_format % {"role": role_labels[role]},
                bars,
                reference=target,
                reference_label=norm_label,
                missing_label=f"<{SUPPRESSION_LIMIT}",
            )
        )
    return charts
