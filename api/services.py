"""Creating and revoking personal API tokens."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import TOKEN_PREFIX, ApiToken, hash_token


@transaction.atomic
def api_token_create(*, user, name: str, days: int) -> tuple[ApiToken, str]:
    """A new read-only token of ``user`` valid for ``days`` days; returns it with its plaintext,
    which is never stored and cannot be shown again."""
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError(
            {"days": _("A token is valid from 1 to %(max)s days.") % {"max": settings.API_TOKEN_MAX_DAYS}}
        )
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken(
        user=user,
        name=name.strip(),
        key_hash=hash_token(plaintext),
        hint=plaintext[: len(TOKEN_PREFIX) + 4],
        created_at=now,
        expires_at=now + datetime.timedelta(days=days),
    )
    token.full_clean(exclude=["created_at"])
    token.save()
    return token, plaintext


def api_token_revoke(*, user, token_id: int) -> ApiToken | None:
    """Revoke ``user``'s own token; None if they have no such token (another's is not touched)."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        return None
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
