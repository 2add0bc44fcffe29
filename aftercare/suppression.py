"""Small-count suppression: the one rule for every figure of an area seen from outside it.

Finnish statistics practice: a count under 5 reads "<5" outside the area that entered it. Hiding
the cell is not enough when another shown figure lets a reader work it out again, so this module
also hides what would give it away (complementary suppression):

- an age band: the bands add up to the total, so one hidden band would be the total minus the
  others; a second band (the smallest shown) is hidden with it;
- the total: when it is under 5, every figure computed from it goes (clients per FTE, the FTE
  needed, the gap), and so do the changes from and to it;
- a worker's caseload: the spread of the role (lowest, mean, deviation, variation) would give it
  back, so only the number of workers and the highest caseload (when shown) remain.

``visible`` is applied in ``selectors.Summary`` before any figure of another area is used, so the
tables, the charts and their text alternatives, the CSV and XLSX exports, the PDF and the meeting
report all read the same suppressed values and need not know the rule.
"""

from dataclasses import replace

from aftercare.calculations import SUPPRESSION_LIMIT, Figures, RoleFigures, Spread, role_figures

HIDDEN = f"<{SUPPRESSION_LIMIT}"


def is_hidden(value) -> bool:
    return isinstance(value, str)


def _hide(value):
    """A single count as shown outside its area: under the limit it reads "<5"."""
    if value is None or is_hidden(value) or value >= SUPPRESSION_LIMIT:
        return value
    return HIDDEN


def _age_bands(bands: dict[str, int | None], total_hidden: bool) -> dict[str, int | str | None]:
    shown = {label: _hide(value) for label, value in bands.items()}
    hidden = [label for label, value in shown.items() if is_hidden(value)]
    if len(hidden) == 1 and not total_hidden:
        # The total minus the shown bands would give the hidden one: hide the smallest other band.
        others = [(value, label) for label, value in shown.items() if isinstance(value, int)]
        if others:
            shown[min(others)[1]] = HIDDEN
    return shown


def _role(row: RoleFigures, figures: Figures, total_hidden: bool) -> RoleFigures:
    changes = {}
    if total_hidden:
        changes.update(clients_per_fte=None, fte_needed=None, gap=None, fte_needed_ideal=None)
    caseloads = [clients for _label, role, clients in figures.workers if role == row.role]
    if any(is_hidden(clients) for clients in caseloads):
        shown = [clients for clients in caseloads if not is_hidden(clients)]
        changes["spread"] = Spread(
            count=len(caseloads),
            lowest=HIDDEN,
            highest=max(shown) if shown else HIDDEN,
            mean=None,
            stdev=None,
            cv_percent=None,
        )
    return replace(row, **changes) if changes else row


def visible(
    figures: Figures, norms: dict[str, tuple[int, int | None]], *, full: bool
) -> tuple[Figures, list[RoleFigures]]:
    """The figures and their derived role figures as a viewer may see them.

    ``full``: the viewer is the area's own manager and sees everything as entered. Otherwise every
    count under 5 reads "<5" and everything that would give a hidden count away is hidden too.
    """
    roles = role_figures(figures, norms)
    if full:
        return figures, roles
    total = _hide(figures.clients_total)
    total_hidden = is_hidden(total)
    shown = Figures(
        **{name: _hide(getattr(figures, name)) for name in Figures.COUNT_FIELDS},
        age_bands=_age_bands(figures.age_bands, total_hidden),
        staffing=dict(figures.staffing),
        workers=[(label, role, _hide(clients)) for label, role, clients in figures.workers],
    )
    return shown, [_role(row, shown, total_hidden) for row in roles]


def chart_value(value):
    """A figure for a chart: a hidden count leaves a gap (or an outline), never its true height."""
    return None if is_hidden(value) else value
