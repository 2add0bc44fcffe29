"""A competence centre's municipal funding years (their key and parties) and its budgets (their
lines), kept in the portal by the centre's coordinators (administrators for every centre): no
detour through the admin."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from config.access import get_for_user, require_perm
from config.forms import save_all
from funding.forms import BudgetLineFormSet, CentreBudgetForm, FundingPartyFormSet, FundingYearForm
from funding.models import CentreBudget, FundingYear
from governance.models import Organisation
from governance.permissions import coordinated_organisation_ids, is_administrator


def _centres(user):
    """The centres whose funding ``user`` keeps."""
    if is_administrator(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=coordinated_organisation_ids(user))


@require_http_methods(["GET", "POST"])
def funding_year_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "funding.add_fundingyear")
    return _editor(request, FundingYear())


@require_http_methods(["GET", "POST"])
def funding_year_edit(request: HttpRequest, pk: int) -> HttpResponse:
    funding_year = get_for_user(
        request.user,
        FundingYear.objects.select_related("centre"),
        "funding.view_fundingyear",
        change_perm="funding.change_fundingyear",
        pk=pk,
    )
    return _editor(request, funding_year)


def _editor(request: HttpRequest, funding_year: FundingYear) -> HttpResponse:
    return _with_rows(
        request,
        FundingYearForm,
        FundingPartyFormSet,
        funding_year,
        name="funding_year",
        rows="parties",
        template="funding/funding_year_form.html",
        saved=_("The municipal funding was saved."),
        after=lambda instance: instance,
    )


def _with_rows(request, form_class, formset_class, instance, *, name, rows, template, saved, after):
    """A centre's record and its rows (a funding year's parties, a budget's lines) on one page:
    the rows are checked against the record as typed, and both are saved together or not at all."""
    data = request.POST if request.method == "POST" else None
    form = form_class(data, instance=instance, centres=_centres(request.user))
    form_ok = form.is_valid() if data is not None else False
    formset = formset_class(data, instance=form.instance, prefix=rows)
    if data is not None and form_ok and formset.is_valid():
        save_all(form, formset)
        messages.success(request, saved)
        return redirect(after(form.instance))
    return render(request, template, {"form": form, rows: formset, name: instance})


@require_http_methods(["GET", "POST"])
def budget_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "funding.add_centrebudget")
    return _budget_editor(request, CentreBudget())


@require_http_methods(["GET", "POST"])
def budget_edit(request: HttpRequest, pk: int) -> HttpResponse:
    budget = get_for_user(
        request.user,
        CentreBudget.objects.select_related("centre"),
        "funding.view_centrebudget",
        change_perm="funding.change_centrebudget",
        pk=pk,
    )
    return _budget_editor(request, budget)


def _budget_editor(request: HttpRequest, budget: CentreBudget) -> HttpResponse:
    return _with_rows(
        request,
        CentreBudgetForm,
        BudgetLineFormSet,
        budget,
        name="budget",
        rows="lines",
        template="funding/budget_form.html",
        saved=_("The budget was saved."),
        after=lambda _instance: "governance:home",
    )
