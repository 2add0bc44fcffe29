"""``/healthz/`` for the load balancer: no login, answers from the database and the file storage."""

from unittest import mock

import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_healthy_portal_answers_200_without_login(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "storage": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_database_down_answers_503(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "storage": "ok"}


@pytest.mark.django_db
def test_storage_away_answers_503(client):
    with mock.patch("django.core.files.storage.default_storage.exists", side_effect=OSError("gone")):
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["storage"] == "unavailable"


@pytest.mark.django_db
def test_only_get(client):
    assert client.post("/healthz/").status_code == 405
