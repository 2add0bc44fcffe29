"""Writes to funding. The row editors (cost lines, financing and regional split, actual costs and
claims) save all their rows at once through ``config.forms.save_all``; this gives them the record to
write to."""

from funding.models import CostModel
from projects.models import Implementer


def cost_model_for(*, implementer: Implementer) -> CostModel:
    """The implementer's cost model, or an unsaved default one (flat rate 0 %)."""
    return CostModel.objects.filter(implementer=implementer).first() or CostModel(implementer=implementer)
