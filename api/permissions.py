"""The API's own gate: read-only, signed in (by token or session). What each person may read is
decided by the apps' own rules and querysets in the views."""

from rest_framework.permissions import SAFE_METHODS, BasePermission


class ReadOnlyAuthenticated(BasePermission):
    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.method in SAFE_METHODS)
