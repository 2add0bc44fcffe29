"""Writes to funding: each validated and in one transaction."""

from django.db import transaction
from django.forms import BaseInlineFormSet, ModelForm

from funding.models import CostModel
from projects.models import Implementer


def cost_model_for(*, implementer: Implementer) -> CostModel:
    """The implementer's cost model, or an unsaved default one (flat rate 0 %)."""
    return CostModel.objects.filter(implementer=implementer).first() or CostModel(implementer=implementer)


@transaction.atomic
def rows_save(*, form: ModelForm | None, formsets: list[BaseInlineFormSet]) -> None:
    """Save a form and its inline rows together: all or (on an error) none."""
    if form is not None:
        form.save()
    for formset in formsets:
        formset.save()
