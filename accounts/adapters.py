"""allauth adapters: nobody signs up, and an organisation account only finds an existing portal user."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.base import AuthError
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.providers import provider_name

logger = logging.getLogger(__name__)


class PortalAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Administrators create users and give roles; nobody signs up.
        return False


class PortalSocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        """Match the organisation account to a portal user by verified e-mail, or refuse.

        Once matched, the organisation account is linked to the user (by the service's subject id),
        so later sign-ins find the user even if an address changes. No user is ever created here, and
        no role is given: roles come from the portal alone.
        """
        if sociallogin.is_existing:
            return
        name = provider_name(sociallogin.account.provider)
        verified = [address.email for address in sociallogin.email_addresses if address.verified]
        if not verified:
            refuse(
                request,
                _(
                    "The sign-in service %(name)s did not give a verified e-mail address, so the portal "
                    "cannot tell who you are. Log in with your username and password, or ask the "
                    "portal's administrator."
                )
                % {"name": name},
            )
        users = list(get_user_model().objects.filter(email__iexact=verified[0], is_active=True)[:2])
        if len(users) != 1:
            logger.info("Organisation sign-in refused: %d portal users match", len(users))
            refuse(
                request,
                _(
                    "No portal user has the e-mail address %(email)s. Ask the portal's administrator "
                    "to add your address to your user account, then sign in again."
                )
                % {"email": verified[0]},
            )
        sociallogin.connect(request, users[0])

    def on_authentication_error(
        self, request: HttpRequest, provider, error=None, exception=None, extra_context=None
    ) -> None:
        if error == AuthError.CANCELLED:
            refuse(request, _("Signing in with your organisation account was cancelled."))
        logger.warning("Organisation sign-in failed (%s): %r", error, exception)
        refuse(
            request,
            _(
                "Signing in through %(name)s failed: the answer of the sign-in service could not be "
                "verified. Try again, or log in with your username and password."
            )
            % {"name": provider.name},
        )


def refuse(request: HttpRequest, message: str) -> None:
    messages.error(request, message)
    raise ImmediateHttpResponse(redirect("login"))
