"""Report sections projects offers to steering-group meeting reports."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from config.sections import ReportSection, registry
from projects.models import Project


class ProjectParams(forms.Form):
    project = forms.ModelChoiceField(label=_("project"), queryset=Project.objects.all())

    def limit_choices_to_user(self, user) -> None:
        self.fields["project"].queryset = Project.objects.visible_to(user)


def status_context(params: Mapping[str, Any], viewer) -> dict:
    """A project's status summary. Aggregate figures only; the meeting's own rules decide who reads it."""
    project = Project.objects.for_page().get(pk=params["project"].pk)
    indicators = list(project.indicators.prefetch_related("values"))
    targets = list(project.participant_targets.all())
    return {
        "project": project,
        "status_changes": list(project.status_changes.all()[:3]),
        "indicators": indicators,
        "participants_target": sum(t.target for t in targets),
        "participants_actual": sum(t.actual or 0 for t in targets),
    }


registry.register(
    ReportSection(
        key="projects.status",
        title=_("Project status"),
        template_name="projects/sections/status.html",
        params_form=ProjectParams,
        get_context=status_context,
    )
)
