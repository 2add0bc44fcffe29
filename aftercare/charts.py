"""A small server-side SVG chart builder, so a web page and its PDF show the same picture.

No JavaScript and no chart library: the charts are plain SVG strings with a <title> and a
<desc> for screen readers, and fonts set explicitly (WeasyPrint draws the same SVG).
"""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#0b5394", "#c27c0e", "#2e7d32", "#8e24aa", "#c62828", "#00838f", "#5d4037", "#546e7a"]
FONT = 'font-family="DejaVu Sans, sans-serif"'
Number = int | float | Decimal


def _fmt(value: Number) -> str:
    places = 0 if float(value).is_integer() else 1
    return number_format(value, decimal_pos=places, force_grouping=True)


def _nice_max(value: float) -> float:
    """A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    # Steps divisible by 4, so the five gridlines fall on round numbers.
    for step in (1, 2, 4, 6, 8, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


class _Canvas:
    def __init__(self, width: int, height: int, title: str, desc: str) -> None:
        self.width, self.height = width, height
        self.parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" {FONT} font-size="12">',
            f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
            f'<rect width="{width}" height="{height}" fill="#fff"/>',
        ]

    def add(self, fragment: str) -> None:
        self.parts.append(fragment)

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        anchor: str = "start",
        size: int = 12,
        fill: str = "#1b2430",
        weight: str = "normal",
    ) -> None:
        self.add(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{fill}" '
            f'font-weight="{weight}">{escape(content)}</text>'
        )

    def title(self, x: float, content: str) -> None:
        """The chart's heading, made smaller rather than cut off when it is long."""
        size = max(9, min(13, int((self.width - x - 8) / (0.62 * max(len(content), 1)))))
        self.text(x, 20, content, size=size, weight="bold")

    def render(self) -> SafeString:
        return mark_safe("".join([*self.parts, "</svg>"]))  # noqa: S308 — every text part is escaped


def _axes(canvas: _Canvas, left: int, top: int, plot_w: int, plot_h: int, y_max: float) -> None:
    for i in range(5):
        value = y_max * i / 4
        y = top + plot_h - plot_h * i / 4
        canvas.add(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#e1e6ec"/>')
        canvas.text(left - 6, y + 4, _fmt(value), anchor="end", size=11, fill="#5a6472")
    canvas.add(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#5a6472"/>'
    )


def line_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Number | None]]],
    *,
    width: int = 640,
    height: int = 300,
) -> SafeString:
    """One line per series over the ``labels`` (periods); None leaves a gap."""
    values = [float(v) for _name, points in series for v in points if v is not None]
    desc = "; ".join(
        f"{name}: "
        + ", ".join(f"{label} {_fmt(v)}" for label, v in zip(labels, points, strict=False) if v is not None)
        for name, points in series
    )
    canvas = _Canvas(width, height, title, desc)
    left, top, right = 56, 34, 16
    legend_h = 22 * ((len(series) + 1) // 2)
    plot_w, plot_h = width - left - right, height - top - 34 - legend_h
    canvas.title(left, title)
    y_max = _nice_max(max(values, default=0))
    _axes(canvas, left, top, plot_w, plot_h, y_max)
    step = plot_w / max(len(labels), 1)
    for i, label in enumerate(labels):
        canvas.text(left + step * (i + 0.5), top + plot_h + 16, label, anchor="middle", size=11)
    for index, (name, points) in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        coords = [
            (left + step * (i + 0.5), top + plot_h - plot_h * float(v) / y_max)
            for i, v in enumerate(points)
            if v is not None
        ]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            canvas.add(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        for x, y in coords:
            canvas.add(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')
        lx = left + (index % 2) * (plot_w / 2)
        ly = top + plot_h + 38 + 22 * (index // 2)
        canvas.add(f'<rect x="{lx:.1f}" y="{ly - 9:.1f}" width="12" height="12" fill="{colour}"/>')
        canvas.text(lx + 17, ly + 1, name, size=11)
    return canvas.render()


def bar_chart(
    title: str,
    bars: Sequence[tuple[str, Number | None]],
    *,
    reference: Number | None = None,
    reference_label: str = "",
    width: int = 640,
    height: int = 260,
) -> SafeString:
    """Vertical bars (e.g. worker caseloads) with an optional reference line (the norm).

    A bar whose value is None (a suppressed count) is drawn as an empty outline labelled "<5".
    """
    values = [float(v) for _label, v in bars if v is not None]
    desc = ", ".join(f"{label}: {_fmt(v) if v is not None else '<5'}" for label, v in bars)
    if reference is not None:
        desc += f"; {reference_label} {_fmt(reference)}"
    canvas = _Canvas(width, height, title, desc)
    # The norm's label sits in the right margin, clear of the bars.
    left, top, right, bottom = 56, 34, 16 if reference is None else 92, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    canvas.title(left, title)
    # A suppressed bar is drawn at the height of 5, so the axis must reach it.
    floor = 5.0 if any(v is None for _label, v in bars) else 0.0
    y_max = _nice_max(max([*values, float(reference or 0), floor], default=0))
    _axes(canvas, left, top, plot_w, plot_h, y_max)
    step = plot_w / max(len(bars), 1)
    bar_w = min(step * 0.6, 48)
    for i, (label, value) in enumerate(bars):
        x = left + step * (i + 0.5) - bar_w / 2
        if value is None:
            h = plot_h * 5 / y_max
            canvas.add(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="none" stroke="#5a6472" stroke-dasharray="3 2"/>'
            )
            canvas.text(x + bar_w / 2, top + plot_h - h - 4, "<5", anchor="middle", size=11)
        else:
            h = plot_h * float(value) / y_max
            over = reference is not None and float(value) > float(reference)
            colour = "#c62828" if over else PALETTE[0]
            canvas.add(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{colour}"/>'
            )
            canvas.text(x + bar_w / 2, top + plot_h - h - 4, _fmt(value), anchor="middle", size=11)
        canvas.text(left + step * (i + 0.5), top + plot_h + 16, label, anchor="middle", size=11)
    if reference is not None:
        y = top + plot_h - plot_h * float(reference) / y_max
        canvas.add(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#c27c0e" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
        )
        canvas.text(left + plot_w + 6, y + 4, f"{reference_label} {_fmt(reference)}", size=11, fill="#8a4b00")
    return canvas.render()


# --- the aftercare charts ----------------------------------------------------------------------


def clients_trend_chart(
    title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[Number | None]]]
) -> SafeString:
    return line_chart(title, labels, series)


def caseload_charts(
    summary, *, role_labels: dict[str, str], title_format: str, norm_label: str
) -> list[SafeString]:
    """One bar chart per role with anonymous workers, the role's norm as a reference line.
    Suppressed caseloads (outside the area, under 5) are drawn as outlines."""
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
            )
        )
    return charts
