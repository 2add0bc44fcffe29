from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from config.access import get_compiled_for_user, get_for_user
from config.compiled import CompiledQuery
from config.forms import save_all
from config.pdf import pdf_response
from funding import selectors, services
from funding.forms import (
    ActualCostFormSet,
    AsOfForm,
    CostGridFormSet,
    CostModelForm,
    FinancingLineFormSet,
    PaymentClaimFormSet,
    RegionalSplitFormSet,
)
from funding.models import FundingYear
from funding.reports import shares_chart
from funding.statements import funding_statement_xlsx
from projects.models import Implementer, Project

VIEW, CHANGE = "funding.view_finances", "funding.change_finances"


# The project of every funding tab, with its call and implementers: compiled once per process.
PROJECT_TAB = CompiledQuery(lambda pk: Project.objects.for_tab().filter(pk=pk))


def _project(request, pk: int) -> Project:
    return get_compiled_for_user(request.user, PROJECT_TAB, VIEW, pk)


def _implementer(request, pk: int) -> Implementer:
    queryset = Implementer.objects.select_related("organisation", "project__call")
    return get_for_user(request.user, queryset, "projects.view_implementer", change_perm=CHANGE, pk=pk)


@require_GET
def budget(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    finances = selectors.project_finances(project)
    return render(request, "funding/budget.html", {"project": project, "tab": "budget", "finances": finances})


@require_GET
def actuals(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    form = AsOfForm(request.GET or None)
    as_of = form.as_of_date()
    rows = selectors.budget_vs_actual(selectors.project_finances(project), as_of)
    context = {"project": project, "tab": "actuals", "form": form, "as_of": as_of, "tables": rows}
    return render(request, "funding/actuals.html", context)


@require_http_methods(["GET", "POST"])
def costs_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The cost estimate as a category × year grid (totals update as one types: static/funding/
    cost-grid.js; without script the same form saves the same figures and shows the totals)."""
    implementer = _implementer(request, pk)
    model_form = CostModelForm(
        request.POST or None, instance=services.cost_model_for(implementer=implementer)
    )
    grid = selectors.cost_grid(implementer)
    formset = CostGridFormSet(
        request.POST or None,
        initial=grid.initial,
        prefix="grid",
        years=grid.years,
        project_years=grid.project_years,
        stamp=grid.stamp,
    )
    if request.method == "POST" and all([model_form.is_valid(), formset.is_valid()]):
        services.cost_estimate_save(
            implementer=implementer,
            flat_rate_percent=model_form.cleaned_data["flat_rate_percent"],
            salary_reporting=model_form.cleaned_data["salary_reporting"],
            cost_model_version=model_form.cleaned_data.get("version"),
            cells=formset.cells(),
            stamp=grid.stamp,
        )
        messages.success(request, _("The cost estimate was saved."))
        return redirect("funding:budget", pk=implementer.project_id)
    percent = model_form.cleaned_data.get("flat_rate_percent") if model_form.is_bound else None
    if not model_form.is_bound:
        percent = model_form.instance.flat_rate_percent
    context = {
        "implementer": implementer,
        "project": implementer.project,
        "form": model_form,
        "formset": formset,
        "totals": formset.totals(percent),
        "saved": selectors.implementer_finances(implementer),
    }
    return render(request, "funding/costs_form.html", context)


@require_http_methods(["GET", "POST"])
def financing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    implementer = _implementer(request, pk)
    formset = FinancingLineFormSet(request.POST or None, instance=implementer, prefix="financing")
    splits = RegionalSplitFormSet(request.POST or None, instance=implementer, prefix="splits")
    if request.method == "POST" and formset.is_valid() and splits.is_valid():
        save_all(formset, splits)
        messages.success(request, _("The financing plan was saved."))
        return redirect("funding:budget", pk=implementer.project_id)
    context = {
        "implementer": implementer,
        "project": implementer.project,
        "formset": formset,
        "splits": splits,
        "saved": selectors.implementer_finances(implementer),
    }
    return render(request, "funding/financing_form.html", context)


@require_http_methods(["GET", "POST"])
def actuals_edit(request: HttpRequest, pk: int) -> HttpResponse:
    implementer = _implementer(request, pk)
    formset = ActualCostFormSet(request.POST or None, instance=implementer, prefix="actuals")
    claims = PaymentClaimFormSet(request.POST or None, instance=implementer, prefix="claims")
    if request.method == "POST" and formset.is_valid() and claims.is_valid():
        save_all(formset, claims)
        messages.success(request, _("The actual costs were saved."))
        return redirect("funding:actuals", pk=implementer.project_id)
    context = {
        "implementer": implementer,
        "project": implementer.project,
        "formset": formset,
        "claims": claims,
    }
    return render(request, "funding/actuals_form.html", context)


def _funding_year(request: HttpRequest, pk: int) -> FundingYear:
    return get_for_user(
        request.user, FundingYear.objects.select_related("centre"), "funding.view_fundingyear", pk=pk
    )


@require_GET
def funding_year_detail(request: HttpRequest, pk: int) -> HttpResponse:
    table = selectors.funding_shares(_funding_year(request, pk))
    context = {"table": table, "funding_year": table.funding_year, "chart": shares_chart(table)}
    return render(request, "funding/funding_year.html", context)


@require_GET
def funding_year_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    table = selectors.funding_shares(_funding_year(request, pk))
    name = _("Municipal funding %(year)s") % {"year": table.funding_year.year}
    return pdf_response(
        "funding/funding_year_pdf.html",
        {"table": table, "funding_year": table.funding_year, "chart": shares_chart(table)},
        request=request,
        filename=name,
    )


@require_GET
def funding_year_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    funding_year = _funding_year(request, pk)
    response = HttpResponse(
        funding_statement_xlsx(selectors.funding_shares(funding_year)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="kuntarahoitus-{funding_year.year}.xlsx"'
    return response
