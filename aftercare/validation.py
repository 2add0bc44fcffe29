"""Checks on one area's figures, shared by the entry form and the spreadsheet upload.

Hard errors stop saving. Soft warnings do not, but the manager must acknowledge them with a
comment: known data is better than missing data.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from aftercare.calculations import Figures, clients_per_fte, percent_change

CHANGE_WARNING_PERCENT = Decimal(30)


@dataclass(frozen=True)
class Problem:
    field: str  # a Figures attribute ("clients_total", "age_bands", "workers", "staffing:<role>")
    message: str


def _role_label(role: str) -> str:
    from aftercare.models import Role

    return str(Role(role).label) if role in Role.values else role


def hard_errors(figures: Figures) -> list[Problem]:
    problems: list[Problem] = []
    total = figures.clients_total
    if total is None:
        problems.append(Problem("clients_total", _("Give the number of aftercare clients in total.")))
    for name in Figures.COUNT_FIELDS:
        value = getattr(figures, name)
        if value is not None and value < 0:
            problems.append(Problem(name, _("A number of clients cannot be negative.")))
    for label, value in figures.age_bands.items():
        if value is not None and value < 0:
            problems.append(
                Problem("age_bands", _("Age band %(band)s: the number cannot be negative.") % {"band": label})
            )
    for role, (filled, vacant) in figures.staffing.items():
        if filled < 0 or vacant < 0:
            problems.append(
                Problem(
                    f"staffing:{role}",
                    _("%(role)s: FTE cannot be negative.") % {"role": _role_label(role).capitalize()},
                )
            )
    for label, _role, clients in figures.workers:
        if clients < 0:
            problems.append(
                Problem("workers", _("Worker %(label)s: the number cannot be negative.") % {"label": label})
            )
    if total is None or total < 0:
        return problems

    for name in ("new_clients", "neet_clients", "other_area_clients"):
        value = getattr(figures, name)
        if value is not None and value > total:
            problems.append(
                Problem(
                    name, _("This cannot be more than the clients in total (%(total)s).") % {"total": total}
                )
            )
    band_values = [v for v in figures.age_bands.values() if v is not None]
    if band_values and sum(band_values) != total:
        problems.append(
            Problem(
                "age_bands",
                _("The age bands add up to %(sum)s, but the clients in total are %(total)s.")
                % {"sum": sum(band_values), "total": total},
            )
        )
    seen = Counter(label for label, _role, _clients in figures.workers)
    duplicates = sorted(label for label, times in seen.items() if times > 1)
    if duplicates:
        problems.append(
            Problem(
                "workers", _("Worker labels must be unique: %(labels)s.") % {"labels": ", ".join(duplicates)}
            )
        )
    # Every client may have a worker of each role, so the limit applies role by role.
    per_role: dict[str, int] = {}
    for _label, role, clients in figures.workers:
        per_role[role] = per_role.get(role, 0) + max(clients, 0)
    for role, summed in per_role.items():
        if summed > total:
            problems.append(
                Problem(
                    "workers",
                    _(
                        "The caseloads of the workers in the role %(role)s add up to %(sum)s, "
                        "more than the clients in total (%(total)s)."
                    )
                    % {"role": _role_label(role), "sum": summed, "total": total},
                )
            )
    return problems


def soft_warnings(
    figures: Figures, *, previous: Figures | None, norms: dict[str, tuple[int, int | None]]
) -> list[str]:
    """Warnings that need an acknowledgement: a change over 30 % from the previous period, a role
    whose clients per FTE exceed its norm."""
    warnings: list[str] = []
    total = figures.clients_total or 0
    if previous is not None:
        change = percent_change(previous.clients_total, figures.clients_total)
        if change is not None and abs(change) > CHANGE_WARNING_PERCENT:
            warnings.append(
                _(
                    "The clients in total changed by %(change)s %% from the previous period "
                    "(%(old)s → %(new)s)."
                )
                % {"change": _fmt(change), "old": previous.clients_total, "new": figures.clients_total}
            )
        for role, (filled, _vacant) in figures.staffing.items():
            old = previous.staffing.get(role, (None, None))[0]
            change = percent_change(old, filled)
            if change is not None and abs(change) > CHANGE_WARNING_PERCENT:
                warnings.append(
                    _("%(role)s: the FTE filled changed by %(change)s %% from the previous period.")
                    % {"role": _role_label(role).capitalize(), "change": _fmt(change)}
                )
    for role, (filled, _vacant) in figures.staffing.items():
        target = norms.get(role, (None, None))[0]
        ratio = clients_per_fte(total, filled)
        if target and ratio is not None and ratio > target:
            warnings.append(
                _("%(role)s: %(ratio)s clients per FTE, above the norm of %(target)s.")
                % {"role": _role_label(role).capitalize(), "ratio": _fmt(ratio), "target": target}
            )
    return warnings


def _fmt(value: Decimal) -> str:
    from django.utils.formats import number_format

    return number_format(value, decimal_pos=1, force_grouping=True)
