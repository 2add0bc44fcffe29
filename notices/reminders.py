"""Reminders on a schedule: each app declares in its own ``reminders.py`` a function that finds what
is due and calls ``notify`` (idempotently, by key). ``manage.py send_reminders`` runs them all, then
queues the daily digests; run it from cron or a systemd timer (README)."""

from collections.abc import Callable
from datetime import date

from django.utils.module_loading import autodiscover_modules

_reminders: dict[str, Callable[[date], int]] = {}


def register(name: str):
    """``@register("aftercare.periods")`` on ``def remind(today) -> int`` (notices made)."""

    def decorator(func: Callable[[date], int]):
        _reminders[name] = func
        return func

    return decorator


def registered() -> dict[str, Callable[[date], int]]:
    autodiscover_modules("reminders")
    return dict(sorted(_reminders.items()))
