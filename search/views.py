from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from search import selectors
from search.forms import SearchForm


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, user=request.user)
    groups = []
    if form.is_valid():
        data = form.cleaned_data
        groups = selectors.search(
            request.user,
            data["q"],
            kind=data["kind"],
            group=data["group"],
            year=data["year"],
            decision_type=data["decision_type"],
        )
    searched = form.is_bound and form.is_valid() and bool(form.cleaned_data["q"].strip())
    return render(request, "search/results.html", {"form": form, "groups": groups, "searched": searched})
