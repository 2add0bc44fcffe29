import logging

import requests
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.oidc.provider import OrganisationAdapter
from accounts.providers import provider_name

logger = logging.getLogger(__name__)


@login_not_required
def login(request: HttpRequest, provider_id: str) -> HttpResponse:
    """Send the browser to the organisation's sign-in page (a POST from the login page)."""
    try:
        return OAuth2LoginView.adapter_view(OrganisationAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
    except requests.RequestException as exc:
        # The provider's discovery document did not come: the service is down or unreachable.
        logger.warning("Sign-in service %s did not answer: %s", provider_id, exc)
        messages.error(request, unavailable_message(provider_id))
        return redirect("login")


@login_not_required
def callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    """The organisation's service sends the browser back here with a code to exchange."""
    try:
        return OAuth2CallbackView.adapter_view(OrganisationAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
    except requests.RequestException as exc:
        logger.warning("Sign-in service %s did not answer: %s", provider_id, exc)
        messages.error(request, unavailable_message(provider_id))
        return redirect("login")


def unavailable_message(provider_id: str) -> str:
    return _(
        "The sign-in service %(name)s is not answering just now. Try again later, "
        "or log in with your username and password."
    ) % {"name": provider_name(provider_id)}
