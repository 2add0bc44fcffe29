"""Reads of notices: a person's list and unread count, their language and choices."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count

from config.compiled import CompiledQuery
from notices.models import CalendarToken, Delivery, Kind, Notice, NoticePreference, Profile


def language_of(user) -> str:
    """The language a person reads their notices in (Finnish unless they chose otherwise)."""
    profile = getattr(user, "_notice_profile_cache", None)
    if profile is None:
        profile = Profile.objects.filter(user=user).first()
    return profile.language if profile else settings.LANGUAGE_CODE


def delivery_for(user, kind: str) -> str:
    from notices.services import DEFAULT_DELIVERY

    chosen = NoticePreference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True).first()
    return chosen or DEFAULT_DELIVERY.get(kind, Delivery.IMMEDIATELY)


def deliveries_of(user) -> dict[str, str]:
    """Every kind with the person's choice (or the default)."""
    from notices.services import DEFAULT_DELIVERY

    chosen = dict(NoticePreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, DEFAULT_DELIVERY.get(kind, Delivery.IMMEDIATELY)) for kind in Kind.values}


def notices_of(user):
    return Notice.objects.filter(recipient=user)


def _unread(user_id):
    return (
        Notice.objects.filter(recipient_id=user_id)
        .unread()
        .order_by()
        .values("recipient_id")
        .annotate(unread=Count("pk"))
        .values_list("unread")
    )


# In the header of every page: compiled once (config.compiled), read fresh each time.
UNREAD = CompiledQuery(_unread)


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    rows = UNREAD(user.pk)
    return rows[0][0] if rows else 0


def user_for_calendar_token(token: str):
    """The active user whose calendar address has this secret, or None."""
    if not token:
        return None
    found = CalendarToken.objects.filter(token=token, user__is_active=True).select_related("user").first()
    return found.user if found else None


def administrators():
    return get_user_model().objects.filter(is_superuser=True, is_active=True)
