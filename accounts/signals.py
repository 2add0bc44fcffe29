import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.middleware import SESSION_SEEN, SESSION_STARTED


@receiver(user_logged_in)
def start_session_clock(sender, request, user, **kwargs) -> None:
    """The idle and absolute limits of a session count from here."""
    if getattr(request, "session", None) is not None:
        now = time.time()
        request.session[SESSION_STARTED] = now
        request.session[SESSION_SEEN] = now
