"""Filters of the aftercare pages: counts that may be suppressed, role names."""

from django import template

from aftercare.calculations import suppress
from aftercare.models import Role
from config.templatetags.portal import num

register = template.Library()


@register.filter
def count(value, places: int = 0) -> str:
    """A figure the Finnish way; a suppressed count ("<5") or a missing one as it is."""
    if value is None or value == "":
        return "–"
    if isinstance(value, str):
        return value
    return num(value, places)


@register.filter
def suppressed(value, full: bool) -> str:
    """Suppress a raw count for a viewer who does not see the area in full, then format it."""
    return count(suppress(value, full=bool(full)))


@register.filter
def role_label(value: str) -> str:
    return str(Role(value).label).capitalize() if value in Role.values else value


@register.filter
def split_roles(value: str) -> list[str]:
    return value.split()


@register.filter
def role_row(summary, role: str):
    """The derived figures of one role in a Summary, or None."""
    return next((r for r in summary.roles if r.role == role), None)
