from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.middleware import SECOND_FACTORS
from accounts.providers import end_session_url, provider_name, signed_in_with


@login_not_required  # also cancels a login halfway, at the second factor
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """End the portal session; if it began at an organisation's service, end that session too."""
    provider_id = signed_in_with(request) if request.user.is_authenticated else None
    provider_logout = end_session_url(request, provider_id) if provider_id else None
    logout(request)
    return redirect(provider_logout or settings.LOGOUT_REDIRECT_URL)


@require_GET
def security(request: HttpRequest) -> HttpResponse:
    """The person's own sign-in settings: second factor, organisation accounts, sessions, password."""
    user = request.user
    return render(
        request,
        "accounts/security.html",
        {
            "has_second_factor": Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists(),
            "organisation_accounts": [
                (provider_name(account.provider), account.uid) for account in user.socialaccount_set.all()
            ],
            "signed_in_with": provider_name(provider) if (provider := signed_in_with(request)) else "",
            "session_count": UserSession.objects.filter(user=user).count(),
        },
    )
