"""What the API adds to the person's own page (slot ``accounts.security``): their API tokens."""

from config.extensions import Part, extensions


def _security_context(obj, viewer) -> dict:
    from api.models import ApiToken

    return {"active": ApiToken.objects.active().filter(user=viewer).count()}


extensions.add_part(
    "accounts.security",
    Part(key="api.tokens", template_name="api/extensions/security.html", get_context=_security_context),
)
