"""The read replica router: reads go to the replica, writes and reads after a write to the primary.

Tested with a second database alias (``replica``) in the settings; the router only names aliases,
so no second server is needed to check its decisions.
"""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from config import routers
from governance.models import Organisation


@pytest.fixture
def replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": {**settings.DATABASES["default"]}}
    settings.DATABASE_ROUTERS = ["config.routers.PrimaryReplicaRouter"]
    return routers.PrimaryReplicaRouter()


def _through_middleware(request, view):
    return routers.PrimaryAfterWriteMiddleware(view)(request)


def test_reads_go_to_the_replica_and_writes_to_the_primary(replica):
    seen = []

    def view(request):
        seen.append(replica.db_for_read(Organisation))
        seen.append(replica.db_for_write(Organisation))
        seen.append(replica.db_for_read(Organisation))  # read right after a write: the primary
        return HttpResponse()

    response = _through_middleware(RequestFactory().get("/"), view)
    assert seen == ["replica", "default", "default"]
    # The browser reads from the primary for a moment after the write.
    assert response.cookies[routers.COOKIE]["max-age"] == 5


def test_a_post_reads_from_the_primary_from_the_start(replica):
    seen = []
    _through_middleware(
        RequestFactory().post("/"), lambda r: seen.append(replica.db_for_read(Organisation)) or HttpResponse()
    )
    assert seen == ["default"]


def test_a_browser_that_just_wrote_reads_from_the_primary(replica):
    request = RequestFactory().get("/")
    request.COOKIES[routers.COOKIE] = "1"
    seen = []
    response = _through_middleware(
        request, lambda r: seen.append(replica.db_for_read(Organisation)) or HttpResponse()
    )
    assert seen == ["default"]
    assert routers.COOKIE not in response.cookies  # a reading request does not extend it


def test_the_pin_ends_with_the_request(replica):
    _through_middleware(RequestFactory().post("/"), lambda r: HttpResponse())
    assert replica.db_for_read(Organisation) == "replica"


def test_without_a_replica_everything_is_the_primary(settings):
    router = routers.PrimaryReplicaRouter()
    assert router.db_for_read(Organisation) == "default"
    assert router.allow_migrate("replica", "governance") is False


@pytest.mark.django_db(databases=["default"])
def test_real_querysets_follow_the_router_with_a_second_alias(replica):
    # The replica alias names the same test database here; the router picks it for a plain read.
    seen = []

    def view(request):
        seen.append(Organisation.objects.all().db)
        seen.append(Organisation.objects.select_for_update().db)  # a read that locks: the primary
        seen.append(Organisation.objects.all().db)
        return HttpResponse()

    _through_middleware(RequestFactory().get("/"), view)
    assert seen == ["replica", "default", "default"]
