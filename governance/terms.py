"""A group's terms and their members, kept by the group's preparers in the portal (no admin detour).

Who: administrators, coordinators of the owning organisation and the group's secretaries
(``governance.change_steeringgroup``); members read the same lists on the group page (403 here),
everyone else gets 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from config.access import get_for_user
from governance import services
from governance.forms import MembershipForm, TermForm
from governance.models import Membership, SteeringGroup, Term

VIEW = "governance.view_steeringgroup"
CHANGE = "governance.change_steeringgroup"


def _group(request: HttpRequest, pk: int) -> SteeringGroup:
    return get_for_user(
        request.user, SteeringGroup.objects.select_related("owner"), VIEW, change_perm=CHANGE, pk=pk
    )


def _term(request: HttpRequest, pk: int) -> Term:
    term = get_for_user(
        request.user, Term.objects.select_related("group__owner"), "governance.view_term", pk=pk
    )
    _group(request, term.group_id)
    return term


@require_http_methods(["GET", "POST"])
def term_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk)
    latest = group.terms.first()
    initial = {"start_year": latest.end_year + 1, "end_year": latest.end_year + 2} if latest else None
    return _term_form(request, group, Term(group=group), initial)


@require_http_methods(["GET", "POST"])
def term_edit(request: HttpRequest, pk: int) -> HttpResponse:
    term = _term(request, pk)
    return _term_form(request, term.group, term, None)


def _term_form(request: HttpRequest, group: SteeringGroup, term: Term, initial) -> HttpResponse:
    form = TermForm(request.POST or None, instance=term, group=group, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            term = services.term_save(term=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Term %(term)s was saved.") % {"term": term})
            return redirect(f"{group.get_absolute_url()}#term-{term.pk}")
    context = {"form": form, "group": group, "term": term}
    return render(request, "governance/term_form.html", context)


@require_http_methods(["GET", "POST"])
def membership_create(request: HttpRequest, pk: int) -> HttpResponse:
    term = _term(request, pk)
    return _membership_form(request, term, Membership(term=term))


@require_http_methods(["GET", "POST"])
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_for_user(
        request.user, Membership.objects.select_related("term", "person"), "governance.view_membership", pk=pk
    )
    term = _term(request, membership.term_id)
    return _membership_form(request, term, membership)


def _membership_form(request: HttpRequest, term: Term, membership: Membership) -> HttpResponse:
    form = MembershipForm(request.POST or None, instance=membership, term=term)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_save(
                membership=form.save(commit=False), new_person=form.new_person()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(membership)s was saved.") % {"membership": membership})
            if "another" in request.POST:
                return redirect("governance:membership_create", term.pk)
            return redirect(f"{term.group.get_absolute_url()}#term-{term.pk}")
    context = {"form": form, "group": term.group, "term": term, "membership": membership}
    return render(request, "governance/membership_form.html", context)


@require_POST
def membership_delete(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_for_user(
        request.user, Membership.objects.select_related("term", "person"), "governance.view_membership", pk=pk
    )
    term = _term(request, membership.term_id)
    try:
        services.membership_remove(membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(person)s was removed from term %(term)s.") % {"person": membership.person, "term": term},
        )
    return redirect(f"{term.group.get_absolute_url()}#term-{term.pk}")
