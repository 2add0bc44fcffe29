"""One-time form tokens: a create form sent twice (a double click, a resent request) makes one object.

A create form renders ``{% form_token %}`` (a random hidden value). ``FormTokenMiddleware`` lets a
POST with a token through only the first time it is seen: the token is added to the shared
``form_tokens`` cache (a database table, so every app server and worker agrees; the add is atomic,
so of two simultaneous posts only one wins). A repeat is answered with a redirect back to the
page and a message, without reaching the view.

A post without a token (a form that does not render one) is let through as before.
"""

import secrets

from django.contrib import messages
from django.core.cache import caches
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

FIELD = "form_token"
CACHE = "form_tokens"
LIFETIME = 60 * 60 * 24  # a day: long enough for a form left open, short enough to stay small


def new_token() -> str:
    return secrets.token_urlsafe(24)


def claim(token: str) -> bool:
    """True the first time ``token`` is claimed, False ever after (within ``LIFETIME``)."""
    if not token or len(token) > 64:
        return False
    return caches[CACHE].add(f"form-token:{token}", 1, timeout=LIFETIME)


class FormTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # In process_view, last in MIDDLEWARE: after the CSRF and login checks have passed.
        if request.method == "POST" and FIELD in request.POST and not claim(request.POST[FIELD]):
            messages.warning(
                request,
                _("This form had already been sent, so it was not saved a second time."),
            )
            return HttpResponseRedirect(request.get_full_path())
        return None
