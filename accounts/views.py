from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from accounts.providers import end_session_url, signed_in_with


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """End the portal session; if it began at an organisation's service, end that session too."""
    provider_id = signed_in_with(request) if request.user.is_authenticated else None
    provider_logout = end_session_url(request, provider_id) if provider_id else None
    logout(request)
    return redirect(provider_logout or settings.LOGOUT_REDIRECT_URL)
