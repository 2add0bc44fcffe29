"""`make bench`: how long the pages and PDFs people wait for take, on the demo data.

Prints median and worst wall-clock times over repeated requests through Django's test client
(no network). Measures; asserts nothing about speed (a timed test would be flaky on a busy machine).
"""

import statistics
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

RUNS = 10


def _targets() -> list[tuple[str, str]]:
    """(persona, path) on the demo data, looked up by name rather than by primary key."""
    from django.apps import apps

    project = apps.get_model("projects", "Project").objects.get(acronym__startswith="Elämässä")
    meeting = apps.get_model("governance", "Meeting").objects.get(group__name__contains="johtoryhmä")
    return [
        ("koordinaattori", "/"),
        ("koordinaattori", "/projects/"),
        ("koordinaattori", f"/projects/{project.pk}/"),
        ("koordinaattori", f"/funding/projects/{project.pk}/budget/"),
        ("koordinaattori", f"/funding/projects/{project.pk}/plan.pdf"),
        ("esihenkilo-varha", "/aftercare/overview/"),
        ("esihenkilo-varha", "/aftercare/areas/varha/"),
        ("jasen", f"/governance/meetings/{meeting.pk}/"),
        ("jasen", f"/governance/meetings/{meeting.pk}/pdf/"),
    ]


def _measure(client, path: str) -> tuple[float, float, int, int]:
    client.get(path)  # warm-up: template compilation and catalogue loading are one-off costs
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return statistics.median(timings), max(timings), len(queries), len(response.content)


@pytest.mark.django_db
def test_bench(client, demo):
    rows = []
    for username, path in _targets():
        client.force_login(get_user_model().objects.get(username=username))
        median, worst, queries, size = _measure(client, path)
        rows.append((username, path, median * 1000, worst * 1000, queries, size // 1024))
    print(f"\n{'persona':<18}{'path':<48}{'median ms':>10}{'worst ms':>10}{'queries':>9}{'KiB':>7}")
    for row in rows:
        print(f"{row[0]:<18}{row[1]:<48}{row[2]:>10.1f}{row[3]:>10.1f}{row[4]:>9}{row[5]:>7}")
