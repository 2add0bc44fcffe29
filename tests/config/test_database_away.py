"""The database away (issue 10, hardening): a friendly translated 503, and service again once it is
back, without a restart. The connection is cut the way a database restart or failover cuts it."""

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="cuts PostgreSQL connections")


def _cut_connections() -> None:
    """Terminate every connection of this test database from a connection of its own."""
    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"],
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [connection.settings_dict["NAME"]],
        )


@pytest.mark.django_db(transaction=True)
def test_a_cut_connection_gives_a_friendly_503_then_the_portal_serves_again(coordinator):
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    assert client.get("/").status_code == 200
    _cut_connections()
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "Server Error" not in body and '<html lang="fi">' in body
    assert "tietokanta" in body.lower()  # the Finnish text: the portal cannot reach its database
    # The database is back (it never left): the next request is served, by the same process.
    assert client.get("/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_503_page_is_in_swedish_too(coordinator):
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    assert client.get("/").status_code == 200
    _cut_connections()
    response = client.get("/")
    assert response.status_code == 503 and '<html lang="sv">' in response.content.decode()
