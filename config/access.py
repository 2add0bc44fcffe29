"""How views ask the permission vocabulary: one call that answers 404 to outsiders.

Someone who may not see an object must not even learn that it exists, so "may not view" is a 404.
Someone who may view but not change it (a read-only member) gets 403 on the change.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404


def get_for_user[M: Model](
    user, queryset: QuerySet[M] | type[M], view_perm: str, *, change_perm: str | None = None, **lookup
) -> M:
    """The object matching ``lookup``, if ``user`` may see it (else 404) and, when ``change_perm``
    is given, may change it (else 403)."""
    return _checked(user, get_object_or_404(queryset, **lookup), view_perm, change_perm)


def get_compiled_for_user(user, query, view_perm: str, *args, change_perm: str | None = None):
    """``get_for_user`` for the one object a ``config.compiled.CompiledQuery`` finds by ``args``
    (a page's query of a fixed shape, compiled once per process): 404 if there is none."""
    found = query.objects(*args)
    if not found:
        raise Http404
    return _checked(user, found[0], view_perm, change_perm)


def _checked(user, obj, view_perm: str, change_perm: str | None):
    if not user.has_perm(view_perm, obj):
        raise Http404
    if change_perm is not None and not user.has_perm(change_perm, obj):
        raise PermissionDenied
    return obj


def require_perm(user, perm: str, obj=None) -> None:
    """404 unless ``user`` holds ``perm`` (on ``obj``)."""
    if not user.has_perm(perm, obj):
        raise Http404
