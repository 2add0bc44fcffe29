"""The portal speaks the language a person chose, not the one their browser asks for.

Finnish unless chosen otherwise: a signed-in person's saved language (notices.Profile, read once at
sign-in and kept in the session), before that the language switch's cookie. The language buttons
save the choice for a signed-in person, so it follows them to another browser and into their
notices.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from notices import selectors, services

SESSION_KEY = "_portal_language"
LANGUAGES = dict(settings.LANGUAGES)


def remember_language(request, language: str) -> None:
    """Use ``language`` for this person's pages from the next one on."""
    if hasattr(request, "session"):
        request.session[SESSION_KEY] = language


def on_sign_in(sender, request, user, **kwargs) -> None:
    """A ``user_logged_in`` receiver: the saved language replaces whatever the login page used."""
    if request is not None:
        remember_language(request, selectors.language_of(user))


class PersonLanguageMiddleware:
    """After AuthenticationMiddleware (and in place of LocaleMiddleware's look at Accept-Language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self.language_of(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if self.is_language_switch(request) and request.user.is_authenticated:
            chosen = request.POST.get("language")
            if chosen in LANGUAGES:
                services.preferences_save(user=request.user, deliveries={}, language=chosen)
                remember_language(request, chosen)
        return response

    @staticmethod
    def language_of(request) -> str:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = request.session.get(SESSION_KEY)
            if language not in LANGUAGES:
                language = selectors.language_of(user)
                remember_language(request, language)
            return language
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        return chosen if chosen in LANGUAGES else settings.LANGUAGE_CODE

    @staticmethod
    def is_language_switch(request) -> bool:
        return request.method == "POST" and request.path_info == reverse("set_language")
