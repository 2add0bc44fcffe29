"""The read API (issue 15): every endpoint per persona, personal tokens, and responses that match
the OpenAPI schema."""

import datetime

import jsonschema
import pytest
from django.core.cache import caches
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from aftercare.models import AreaReport
from api.models import ApiToken
from api.services import api_token_create
from api.throttling import UserThrottle
from tests.aftercare.factories import AreaReportFactory, ReportingPeriodFactory
from tests.governance.factories import AreaManagerFactory, UserFactory, WellbeingAreaFactory
from tests.search import world

ENDPOINTS = ["projects", "groups", "meetings", "decisions", "aftercare/figures"]
# What each persona reads (counts per endpoint, in the order of ENDPOINTS). Members read published
# meetings and approved decisions; figures need an aftercare role.
COUNTS = {
    "coordinator": (1, 1, 3, 1, 2),
    "member": (1, 1, 2, 1, 2),  # the overseen project; the figures, suppressed as for an outsider
    "outsider": (1, 0, 0, 0, 2),
    "area_manager": (0, 0, 0, 0, 2),
    "plain_user": (0, 0, 0, 0, None),
    "administrator": (2, 1, 3, 1, 3),  # administrators also read drafts of figures, as on the pages
}


@pytest.fixture
def built(coordinator, outsider, area_manager):
    small = {"new_clients": 1, "ended_clients": 1, "neet_clients": 1, "other_area_clients": 1}
    data = world.build(coordinator, outsider)
    period = ReportingPeriodFactory()
    own = area_manager.area_manager.wellbeing_area
    AreaReportFactory(
        wellbeing_area=own, period=period, status=AreaReport.Status.SUBMITTED, clients_total=3, **small
    )
    AreaReportFactory(
        wellbeing_area=WellbeingAreaFactory(),
        period=period,
        status=AreaReport.Status.SUBMITTED,
        clients_total=4,
        **small,
    )
    AreaReportFactory(
        wellbeing_area=WellbeingAreaFactory(), period=period, clients_total=2, **small
    )  # a draft
    data["period"] = period
    data["own_area"] = own
    return data


def _token(user) -> dict:
    _token_obj, plaintext = api_token_create(user=user, name="test", days=30)
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def _validate(schema, path: str, body) -> None:
    """The body against the 200 response schema of ``path``'s GET (OpenAPI 3.0 ``nullable`` as JSON
    Schema's null type)."""

    def convert(node):
        if isinstance(node, dict):
            node = {k: convert(v) for k, v in node.items()}
            if node.pop("nullable", False):
                return {"anyOf": [node, {"type": "null"}]}
            return node
        if isinstance(node, list):
            return [convert(v) for v in node]
        return node

    response = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    document = convert({**response, "components": schema["components"]})
    jsonschema.validate(body, document)


@pytest.mark.parametrize("persona", sorted(COUNTS))
def test_every_endpoint_per_persona(request, client, built, schema, persona):
    user = built["member"] if persona == "member" else request.getfixturevalue(persona)
    headers = _token(user)
    for endpoint, expected in zip(ENDPOINTS, COUNTS[persona], strict=True):
        response = client.get(f"/api/v1/{endpoint}/", **headers)
        if expected is None:
            assert response.status_code == 404, endpoint
            continue
        assert response.status_code == 200, (endpoint, response.content)
        assert response.json()["count"] == expected, endpoint
        _validate(schema, f"/api/v1/{endpoint}/", response.json())


def test_figures_are_suppressed_as_on_the_pages(client, built, area_manager, coordinator):
    own = {
        r["area"]["slug"]: r
        for r in client.get("/api/v1/aftercare/figures/", **_token(area_manager)).json()["results"]
    }
    assert own[built["own_area"].slug]["clients_total"] == 3  # the manager's own area, in full
    assert "<5" in [r["clients_total"] for slug, r in own.items() if slug != built["own_area"].slug]
    others = client.get("/api/v1/aftercare/figures/", **_token(coordinator)).json()["results"]
    assert sorted(r["clients_total"] for r in others) == ["<5", "<5"]


def test_outsiders_get_404_on_a_single_object(client, built, outsider, coordinator):
    headers = _token(outsider)
    for path in (f"/api/v1/projects/{built['alfa'].pk}/", f"/api/v1/meetings/{built['approved'].pk}/"):
        assert client.get(path, **headers).status_code == 404
    assert client.get(f"/api/v1/projects/{built['alfa'].pk}/", **_token(coordinator)).status_code == 200


def test_a_member_reads_no_unapproved_decision(client, built):
    decisions = client.get("/api/v1/decisions/", **_token(built["member"])).json()["results"]
    assert [d["decision"] for d in decisions] == ["Päätettiin jatkaa etapäätös mukaisesti."]


def test_filters(client, built, coordinator):
    headers = _token(coordinator)
    assert client.get("/api/v1/meetings/", {"year": 2021}, **headers).json()["count"] == 1
    assert client.get("/api/v1/meetings/", {"group": built["group"].pk}, **headers).json()["count"] == 3
    assert client.get("/api/v1/projects/", {"year": 1999}, **headers).json()["count"] == 0
    area = built["own_area"].slug
    assert client.get("/api/v1/aftercare/figures/", {"area": area}, **headers).json()["count"] == 1
    bad = client.get("/api/v1/projects/", {"year": "viime"}, **headers)
    assert bad.status_code == 400 and "year" in bad.json()


def test_pagination(client, built, coordinator):
    body = client.get("/api/v1/meetings/", {"page_size": 2}, **_token(coordinator)).json()
    assert len(body["results"]) == 2 and body["next"]


def test_anonymous_gets_401(client, built):
    for endpoint in ENDPOINTS:
        assert client.get(f"/api/v1/{endpoint}/").status_code == 401


def test_the_api_is_read_only(client, built, coordinator):
    response = client.post("/api/v1/projects/", {}, **_token(coordinator))
    assert response.status_code == 403


def test_an_expired_or_revoked_token_stops_working(client, built, coordinator):
    token, plaintext = api_token_create(user=coordinator, name="x", days=1)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
    assert client.get("/api/v1/projects/", **headers).status_code == 200
    past = timezone.now() - datetime.timedelta(days=2)
    ApiToken.objects.filter(pk=token.pk).update(created_at=past, expires_at=past + datetime.timedelta(days=1))
    assert client.get("/api/v1/projects/", **headers).status_code == 401
    token2, plaintext2 = api_token_create(user=coordinator, name="y", days=1)
    client.force_login(coordinator)
    assert client.post(f"/api/tokens/{token2.pk}/revoke/").status_code == 302
    client.logout()
    assert client.get("/api/v1/projects/", HTTP_AUTHORIZATION=f"Bearer {plaintext2}").status_code == 401
    assert client.get("/api/v1/projects/", HTTP_AUTHORIZATION="Bearer jhp_made-up").status_code == 401


def test_tokens_are_created_on_the_own_page_shown_once_and_stored_hashed(client, coordinator):
    client.force_login(coordinator)
    assert "/api/tokens/" in client.get("/accounts/security/").content.decode()
    body = client.post("/api/tokens/", {"name": "THL-raportointi", "days": 30}).content.decode()
    token = ApiToken.objects.get(user=coordinator)
    plaintext = body.split('id="new-token">')[1].split("<")[0]
    assert plaintext.startswith("jhp_") and token.key_hash != plaintext and plaintext not in token.key_hash
    assert plaintext not in client.get("/api/tokens/").content.decode()
    assert token.scope == "read" and token.expires_at > timezone.now() + datetime.timedelta(days=29)


def test_a_bad_lifetime_is_a_message(client, coordinator):
    client.force_login(coordinator)
    for days in ("0", "100000", "kauan"):
        response = client.post("/api/tokens/", {"name": "x", "days": days})
        assert response.status_code == 200 and 'class="error"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_nobody_revokes_anothers_token(client, coordinator, outsider):
    token, _plaintext = api_token_create(user=coordinator, name="x", days=1)
    client.force_login(outsider)
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_rate_limit_answers_429(client, monkeypatch, coordinator):
    """Counted in the database cache, so every app server counts the same requests."""
    monkeypatch.setattr(UserThrottle, "THROTTLE_RATES", {"user": "2/min", "anon": "1/min"})
    headers = _token(coordinator)
    codes = [client.get("/api/v1/groups/", **headers).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert caches["api_throttle"].get(f"throttle_user_{coordinator.pk}")


def test_the_schema_validates_and_the_docs_load_their_scripts_locally(db, client):
    from drf_spectacular.validation import validate_schema

    validate_schema(SchemaGenerator().get_schema(request=None, public=True))
    docs = client.get("/api/v1/docs/").content.decode()
    assert "cdn." not in docs and "/static/drf_spectacular_sidecar/" in docs
    assert client.get("/api/v1/schema/").status_code == 200


def test_a_user_made_inactive_loses_api_access(client, built):
    user = UserFactory(username="leaver")
    AreaManagerFactory(user=user)
    headers = _token(user)
    assert client.get("/api/v1/aftercare/figures/", **headers).status_code == 200
    user.is_active = False
    user.save()
    assert client.get("/api/v1/aftercare/figures/", **headers).status_code == 401
