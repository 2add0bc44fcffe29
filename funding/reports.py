"""Report sections funding offers to steering-group meeting reports."""

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from config.sections import ReportSection, registry
from funding import selectors
from projects.models import Project


class BudgetVsActualParams(forms.Form):
    project = forms.ModelChoiceField(label=_("project"), queryset=Project.objects.all())
    as_of = forms.DateField(label=_("as of"), initial=datetime.date.today)

    def limit_choices_to_user(self, user) -> None:
        self.fields["project"].queryset = Project.objects.visible_to(user)


def budget_vs_actual_context(params: Mapping[str, Any], viewer) -> dict:
    project = Project.objects.for_page().get(pk=params["project"].pk)
    tables = selectors.budget_vs_actual(selectors.project_finances(project), params["as_of"])
    bars = []
    for index, table in enumerate(tables):
        total = table.total
        percent = float(total.realisation or 0)
        bars.append(
            {
                "label": str(table.implementer.organisation),
                "percent": total.realisation,
                "width": min(percent, 100) * 3,
                "y": 8 + index * 26,
            }
        )
    return {
        "project": project,
        "as_of": params["as_of"],
        "tables": tables,
        "bars": bars,
        "chart_height": 16 + 26 * len(bars),
    }


registry.register(
    ReportSection(
        key="funding.budget_vs_actual",
        title=_("Budget vs actual"),
        template_name="funding/sections/budget_vs_actual.html",
        params_form=BudgetVsActualParams,
        get_context=budget_vs_actual_context,
    )
)
