"""Programme → priority axis → specific objective → call, kept by administrators on portal pages
in one flow: the tree page offers "add" at each level, each form comes back to the tree."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.db.models import Model, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from config.access import require_perm
from config.forms import VersionedModelForm
from projects.forms import LocalizedNumbersMixin
from projects.models import Call, PriorityAxis, Programme, SpecificObjective

PERM = "projects.manage_programmes"


class ProgrammeForm(VersionedModelForm):
    class Meta:
        model = Programme
        fields = ["name", "start_year", "end_year"]


class PriorityAxisForm(VersionedModelForm):
    class Meta:
        model = PriorityAxis
        fields = ["programme", "number", "name"]


class SpecificObjectiveForm(VersionedModelForm):
    class Meta:
        model = SpecificObjective
        fields = ["priority_axis", "code", "name"]


class CallForm(LocalizedNumbersMixin, VersionedModelForm):
    class Meta:
        model = Call
        fields = ["priority_axis", "specific_objective", "code", "name", "aid_rate", "funding_authority"]

    def clean(self):
        cleaned = super().clean()
        axis, objective = cleaned.get("priority_axis"), cleaned.get("specific_objective")
        if axis and objective and objective.priority_axis_id != axis.pk:
            self.add_error(
                "specific_objective", _("The specific objective must be under the call's priority axis.")
            )
        return cleaned


@dataclass(frozen=True)
class Level:
    model: type[Model]
    form: type[forms.ModelForm]
    parent_field: str | None
    title: str


LEVELS = {
    "programme": Level(Programme, ProgrammeForm, None, gettext_lazy("programme")),
    "axis": Level(PriorityAxis, PriorityAxisForm, "programme", gettext_lazy("priority axis")),
    "objective": Level(
        SpecificObjective, SpecificObjectiveForm, "priority_axis", gettext_lazy("specific objective")
    ),
    "call": Level(Call, CallForm, "priority_axis", gettext_lazy("call")),
}


@require_GET
def programme_tree(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, PERM)
    axes = PriorityAxis.objects.prefetch_related(
        "objectives", Prefetch("calls", queryset=Call.objects.select_related("specific_objective"))
    )
    programmes = Programme.objects.prefetch_related(Prefetch("priority_axes", queryset=axes))
    return render(request, "projects/programmes.html", {"programmes": programmes})


@require_http_methods(["GET", "POST"])
def programme_part_edit(request: HttpRequest, level: str, pk: int | None = None) -> HttpResponse:
    require_perm(request.user, PERM)
    if level not in LEVELS:
        raise Http404
    spec = LEVELS[level]
    instance = get_object_or_404(spec.model, pk=pk) if pk else spec.model()
    initial = {}
    if pk is None and spec.parent_field and request.GET.get("parent", "").isdigit():
        initial[spec.parent_field] = int(request.GET["parent"])
    form = spec.form(request.POST or None, instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("%(part)s was saved.") % {"part": saved})
        return redirect("projects:programmes")
    return render(request, "projects/programme_form.html", {"form": form, "spec": spec, "instance": instance})
