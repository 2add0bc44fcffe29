"""The portal's one chart builder: server-side SVG, so a web page and its PDF show the same picture.

No JavaScript and no chart library: each chart is a plain SVG string that WeasyPrint draws as the
browser does. Every chart

- is ``role="img"`` with a ``<title>`` (its accessible name) and a ``<desc>`` holding the same
  figures as the picture (its text alternative), both referenced by ``aria-labelledby``;
- never tells things apart by colour alone: lines differ by marker shape and dash pattern, a bar
  over the reference line is hatched as well as red, a missing bar is a dashed outline with a label,
  and every bar carries its figure as text.

The builder knows nothing about the data: callers pass labels and figures already as they may be
shown (aftercare suppresses its small counts before they reach a chart).
"""

import itertools
from collections.abc import Callable, Sequence
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#0b5394", "#c27c0e", "#2e7d32", "#8e24aa", "#c62828", "#00838f", "#5d4037", "#546e7a"]
OVER = "#c62828"
MUTED = "#5a6472"
INK = "#1b2430"
FONT = 'font-family="DejaVu Sans, sans-serif"'
# Lines are told apart by their marker and dash as well as by their colour.
MARKERS = ["circle", "square", "triangle", "diamond"]
DASHES = ["", "6 3", "2 3", "9 3 2 3"]
Number = int | float | Decimal

_ids = itertools.count(1)


def figure(value: Number) -> str:
    """A chart's figure the Finnish way: whole numbers without decimals, others with one."""
    places = 0 if float(value).is_integer() else 1
    return number_format(value, decimal_pos=places, force_grouping=True)


def _nice_max(value: float) -> float:
    """A round upper bound for an axis, divisible by 4 so the five gridlines fall on round numbers."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 4, 6, 8, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover — 10 × magnitude always holds the value


class _Canvas:
    def __init__(self, width: int, height: int, title: str, desc: str) -> None:
        self.width, self.height = width, height
        uid = f"chart{next(_ids)}"
        self.parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-labelledby="{uid}-t {uid}-d" {FONT} font-size="12">',
            f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>',
            f'<defs><pattern id="{uid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{OVER}"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern></defs>',
            f'<rect width="{width}" height="{height}" fill="#fff"/>',
        ]
        self.hatch = f"url(#{uid}-hatch)"

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
        fill: str = INK,
        weight: str = "normal",
    ) -> None:
        self.add(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{fill}" '
            f'font-weight="{weight}">{escape(content)}</text>'
        )

    def heading(self, x: float, content: str) -> None:
        """The chart's heading, made smaller rather than cut off when it is long."""
        size = max(9, min(13, int((self.width - x - 8) / (0.62 * max(len(content), 1)))))
        self.text(x, 20, content, size=size, weight="bold")

    def marker(self, shape: str, x: float, y: float, colour: str) -> None:
        if shape == "square":
            self.add(f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>')
        elif shape == "triangle":
            points = f"{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y + 3.5:.1f} {x - 4.5:.1f},{y + 3.5:.1f}"
            self.add(f'<polygon points="{points}" fill="{colour}"/>')
        elif shape == "diamond":
            points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
            self.add(f'<polygon points="{points}" fill="{colour}"/>')
        else:
            self.add(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')

    def render(self) -> SafeString:
        return mark_safe("".join([*self.parts, "</svg>"]))  # noqa: S308 — every text part is escaped


def _axes(canvas: _Canvas, left: int, top: int, plot_w: int, plot_h: int, y_max: float) -> None:
    for i in range(5):
        value = y_max * i / 4
        y = top + plot_h - plot_h * i / 4
        canvas.add(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#e1e6ec"/>')
        canvas.text(left - 6, y + 4, figure(value), anchor="end", size=11, fill=MUTED)
    canvas.add(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{MUTED}"/>'
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
        + ", ".join(f"{label} {figure(v)}" for label, v in zip(labels, points, strict=False) if v is not None)
        for name, points in series
    )
    canvas = _Canvas(width, height, title, desc)
    left, top, right = 56, 34, 16
    legend_h = 22 * ((len(series) + 1) // 2)
    plot_w, plot_h = width - left - right, height - top - 34 - legend_h
    canvas.heading(left, title)
    y_max = _nice_max(max(values, default=0))
    _axes(canvas, left, top, plot_w, plot_h, y_max)
    step = plot_w / max(len(labels), 1)
    for i, label in enumerate(labels):
        canvas.text(left + step * (i + 0.5), top + plot_h + 16, label, anchor="middle", size=11)
    for index, (name, points) in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        shape, dash = MARKERS[index % len(MARKERS)], DASHES[index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        coords = [
            (left + step * (i + 0.5), top + plot_h - plot_h * float(v) / y_max)
            for i, v in enumerate(points)
            if v is not None
        ]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            canvas.add(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
            )
        for x, y in coords:
            canvas.marker(shape, x, y, colour)
        # The legend repeats the line's dash and marker, so it reads without colour.
        lx = left + (index % 2) * (plot_w / 2)
        ly = top + plot_h + 38 + 22 * (index // 2)
        canvas.add(
            f'<line x1="{lx:.1f}" y1="{ly - 3:.1f}" x2="{lx + 22:.1f}" y2="{ly - 3:.1f}" stroke="{colour}" '
            f'stroke-width="2.5"{dash_attr}/>'
        )
        canvas.marker(shape, lx + 11, ly - 3, colour)
        canvas.text(lx + 28, ly + 1, name, size=11)
    return canvas.render()


def bar_chart(
    title: str,
    bars: Sequence[tuple[str, Number | None]],
    *,
    reference: Number | None = None,
    reference_label: str = "",
    missing_label: str = "–",
    width: int = 640,
    height: int = 260,
) -> SafeString:
    """Vertical bars (e.g. worker caseloads) with an optional reference line (e.g. the norm).

    A bar above the reference is red and hatched. A bar whose value is None (not shown, e.g. a
    suppressed count) is a low dashed outline labelled ``missing_label``.
    """
    values = [float(v) for _label, v in bars if v is not None]
    desc = ", ".join(f"{label}: {figure(v) if v is not None else missing_label}" for label, v in bars)
    if reference is not None:
        desc += f"; {reference_label} {figure(reference)}"
    canvas = _Canvas(width, height, title, desc)
    # The reference's label sits in the right margin, clear of the bars.
    left, top, right, bottom = 56, 34, 16 if reference is None else 92, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    canvas.heading(left, title)
    y_max = _nice_max(max([*values, float(reference or 0)], default=0))
    _axes(canvas, left, top, plot_w, plot_h, y_max)
    step = plot_w / max(len(bars), 1)
    bar_w = min(step * 0.6, 48)
    for i, (label, value) in enumerate(bars):
        x = left + step * (i + 0.5) - bar_w / 2
        if value is None:
            h = plot_h / 10
            canvas.add(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="none" stroke="{MUTED}" stroke-dasharray="3 2"/>'
            )
            canvas.text(x + bar_w / 2, top + plot_h - h - 4, missing_label, anchor="middle", size=11)
        else:
            h = plot_h * float(value) / y_max
            over = reference is not None and float(value) > float(reference)
            canvas.add(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{canvas.hatch if over else PALETTE[0]}"/>'
            )
            canvas.text(x + bar_w / 2, top + plot_h - h - 4, figure(value), anchor="middle", size=11)
        canvas.text(left + step * (i + 0.5), top + plot_h + 16, label, anchor="middle", size=11)
    if reference is not None:
        y = top + plot_h - plot_h * float(reference) / y_max
        canvas.add(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#c27c0e" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
        )
        note = f"{reference_label} {figure(reference)}"
        canvas.text(left + plot_w + 6, y + 4, note, size=11, fill="#8a4b00")
    return canvas.render()


def hbar_chart(
    title: str,
    bars: Sequence[tuple[str, Number]],
    *,
    maximum: Number | None = None,
    value_text: Callable[[Number], str] = figure,
    width: int = 640,
) -> SafeString:
    """Horizontal bars, one per labelled row, each followed by its figure as ``value_text`` writes it.

    With ``maximum`` (e.g. 100 for a percentage) each bar runs in a light track up to it and a
    bar beyond it stops at the track's end, hatched; without it the longest bar fills the width.
    """
    desc = ", ".join(f"{label}: {value_text(value)}" for label, value in bars)
    row_h, top = 26, 32
    height = top + row_h * len(bars) + 8
    canvas = _Canvas(width, height, title, desc)
    label_w, value_w = min(200, width // 3), 130
    plot_w = width - label_w - value_w - 16
    canvas.heading(0, title)
    scale = float(maximum) if maximum else max([float(v) for _label, v in bars] + [0.0]) or 1.0
    for i, (label, value) in enumerate(bars):
        y = top + i * row_h
        room = int(label_w / 6.5)  # characters of 11 px DejaVu Sans that fit before the bar
        short = label if len(label) <= room else label[: room - 1] + "…"
        canvas.text(0, y + 13, short, size=11)
        if maximum:
            canvas.add(
                f'<rect x="{label_w}" y="{y:.1f}" width="{plot_w}" height="16" fill="#e6ebf1" '
                f'stroke="{MUTED}" stroke-width="0.5"/>'
            )
        over = float(value) > scale
        w = plot_w * min(float(value), scale) / scale
        canvas.add(
            f'<rect x="{label_w}" y="{y:.1f}" width="{max(w, 0):.1f}" height="16" '
            f'fill="{canvas.hatch if over else PALETTE[0]}"/>'
        )
        canvas.text(label_w + plot_w + 8, y + 13, value_text(value), size=11)
    return canvas.render()
