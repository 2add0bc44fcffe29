"""The API's own gate, asked directly: signed-in readers only, and reading only."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from api.permissions import ReadOnlyAuthenticated
from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("signed_in", "method", "allowed"),
    [
        (True, "get", True),
        (True, "head", True),
        (True, "options", True),
        (True, "post", False),
        (True, "delete", False),
        (False, "get", False),
    ],
)
def test_only_signed_in_readers_pass(signed_in, method, allowed):
    request = getattr(RequestFactory(), method)("/api/v1/")
    request.user = UserFactory() if signed_in else AnonymousUser()
    assert ReadOnlyAuthenticated().has_permission(request, view=None) is allowed


def test_a_request_without_a_user_does_not_pass():
    request = RequestFactory().get("/api/v1/")
    request.user = None
    assert ReadOnlyAuthenticated().has_permission(request, view=None) is False
