"""Writes to funding. The row editors (financing and regional split, actual costs and claims) save
all their rows at once through ``config.forms.save_all``; the cost estimate is saved as a grid
through ``cost_estimate_save``."""

from decimal import Decimal

from django.db import transaction

from config.models import ConcurrentEditError
from funding.models import CostLine, CostModel
from funding.selectors import cost_lines_stamp
from projects.models import Implementer


def cost_model_for(*, implementer: Implementer) -> CostModel:
    """The implementer's cost model, or an unsaved default one (flat rate 0 %)."""
    return CostModel.objects.filter(implementer=implementer).first() or CostModel(implementer=implementer)


@transaction.atomic
def cost_estimate_save(
    *,
    implementer: Implementer,
    flat_rate_percent: Decimal,
    salary_reporting: str,
    cost_model_version: int | None,
    cells: list[dict],
    stamp: str,
) -> None:
    """Save an implementer's cost model and its whole cost estimate from the grid's ``cells``
    (category, description, year, amount, line_id): a cell with a saved line's id updates that line,
    one without adds a line, and saved lines no cell names are deleted. All or nothing."""
    Implementer.objects.select_for_update().filter(pk=implementer.pk).first()  # one grid save at a time
    saved = {line.pk: line for line in CostLine.objects.filter(implementer=implementer)}
    if cost_lines_stamp(saved.values()) != stamp:
        raise ConcurrentEditError(ConcurrentEditError.message)
    model = cost_model_for(implementer=implementer)
    if model.pk is None or (model.flat_rate_percent, model.salary_reporting) != (
        flat_rate_percent,
        salary_reporting,
    ):
        if model.pk is not None and cost_model_version is not None:
            model.version = cost_model_version
        model.flat_rate_percent, model.salary_reporting = flat_rate_percent, salary_reporting
        model.full_clean()
        model.save()
    kept: set[int] = set()
    for cell in cells:
        line = saved.get(cell["line_id"]) if cell["line_id"] not in kept else None
        if line is None:
            line = CostLine(implementer=implementer)
        values = {k: cell[k] for k in ("category", "description", "year", "amount")}
        if line.pk is not None:
            kept.add(line.pk)
            if all(getattr(line, k) == v for k, v in values.items()):
                continue
        for name, value in values.items():
            setattr(line, name, value)
        line.full_clean()
        line.save()
    for pk, line in saved.items():
        if pk not in kept:
            line.delete()
