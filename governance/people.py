"""People and roles, in the portal: administrators for everyone, coordinators within their own
organisations. Invite by e-mail (a one-time link to set a password), give and take roles, see who
has which. Django's groups and per-model permissions have no effect here and are not offered."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from config.access import get_for_user, require_perm
from governance import services
from governance.forms import AffiliationRoleForm, AreaRoleForm, InviteForm
from governance.models import Affiliation, Organisation
from governance.permissions import coordinated_organisation_ids, is_administrator
from governance.selectors import people_with_roles


def _organisations(user):
    """Organisations in which ``user`` may give roles."""
    if is_administrator(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=coordinated_organisation_ids(user))


@require_GET
def people(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "governance.manage_people")
    return render(request, "governance/people.html", people_with_roles(request.user))


@require_http_methods(["GET", "POST"])
def person_invite(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "governance.manage_people")
    form = InviteForm(request.POST or None, organisations=_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            invited = services.person_invite(**form.cleaned_data, invited_by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s was invited: a link to set a password was sent to %(email)s.")
                % {"name": invited.get_full_name(), "email": invited.email},
            )
            return redirect("governance:person_roles", invited.pk)
    return render(request, "governance/person_invite.html", {"form": form})


@require_http_methods(["GET", "POST"])
def person_roles(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "governance.manage_people")
    person_user = get_for_user(request.user, get_user_model(), "governance.change_roles", pk=pk)
    organisations = _organisations(request.user)
    action = request.POST.get("action") if request.method == "POST" else None
    data = {"affiliation": request.POST if action == "affiliation" else None, "area": None}
    if action == "area":
        data["area"] = request.POST
    affiliation_form = AffiliationRoleForm(data["affiliation"], organisations=organisations)
    area_form = AreaRoleForm(
        data["area"],
        initial={
            "wellbeing_area": getattr(getattr(person_user, "area_manager", None), "wellbeing_area", None)
        },
    )
    try:
        done = _apply(request, action, person_user, organisations, affiliation_form, area_form)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        done = True
    if done:
        return redirect("governance:person_roles", person_user.pk)
    context = {
        "person_user": person_user,
        "affiliations": person_user.affiliations.select_related("organisation").order_by(
            "organisation__name"
        ),
        "memberships": _memberships(person_user),
        "affiliation_form": affiliation_form,
        "area_form": area_form,
        "may_administer": is_administrator(request.user),
        "editable_organisation_ids": set(organisations.values_list("pk", flat=True)),
    }
    return render(request, "governance/person_roles.html", context)


def _memberships(person_user):
    from governance.models import Membership

    return (
        Membership.objects.filter(person__user=person_user)
        .select_related("term__group")
        .order_by("-term__start_year")
    )


def _apply(request, action, person_user, organisations, affiliation_form, area_form) -> bool:
    """Carry out one role change posted from the roles page; True when something was done."""
    administrator = is_administrator(request.user)
    if action == "affiliation" and affiliation_form.is_valid():
        services.role_affiliation_set(user=person_user, **affiliation_form.cleaned_data)
        messages.success(request, _("The role was saved."))
        return True
    if action == "remove_affiliation":
        affiliation = get_object_or_404(
            Affiliation, pk=request.POST.get("affiliation"), user=person_user, organisation__in=organisations
        )
        services.role_affiliation_remove(affiliation=affiliation)
        messages.success(request, _("The role was taken away."))
        return True
    if action == "area" and administrator and area_form.is_valid():
        services.role_area_set(user=person_user, wellbeing_area=area_form.cleaned_data["wellbeing_area"])
        messages.success(request, _("The role was saved."))
        return True
    if action in ("grant_admin", "revoke_admin") and administrator:
        services.role_administrator_set(
            user=person_user, administrator=action == "grant_admin", by=request.user
        )
        messages.success(request, _("The role was saved."))
        return True
    if action == "resend":
        services.invitation_send(user=person_user, invited_by=request.user)
        messages.success(
            request,
            _("The link to set a password was sent again to %(email)s.") % {"email": person_user.email},
        )
        return True
    return False


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The invited person sets their password here, once; then they log in."""
    users = get_user_model()
    try:
        invited = users.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))), is_active=True)
    except (ValueError, TypeError, OverflowError, users.DoesNotExist):
        invited = None
    if invited is None or not default_token_generator.check_token(invited, token):
        return render(request, "governance/invitation.html", {"invalid": True}, status=404)
    form = SetPasswordForm(invited, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your password was set. Log in with your username and the new password."))
        return redirect("login")
    return render(request, "governance/invitation.html", {"form": form, "invited": invited})
