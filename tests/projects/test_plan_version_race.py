"""Two plan versions frozen at once get consecutive numbers: the freeze takes the project's row lock
first. Two real connections on PostgreSQL (SQLite serialises write transactions; skipped there)."""

import psycopg
import pytest
from django.db import connection

from projects import services
from projects.models import PlanVersion, Project
from tests.governance.test_race import _conninfo, _in_thread, _wait_for_lock_waits

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_concurrent_change_applications_are_numbered_one_after_the_other(
    project, coordinator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    Project.objects.filter(pk=project.pk).update(status=Project.Status.RUNNING)

    def freeze():
        fresh = Project.objects.get(pk=project.pk)
        return services.plan_version_change_application(project=fresh, user=coordinator).number

    results: dict = {}
    with psycopg.connect(_conninfo()) as holder:
        holder.execute("SELECT id FROM projects_project WHERE id = %s FOR UPDATE", [project.pk])
        threads = [_in_thread(freeze, results, key) for key in ("a", "b")]
        _wait_for_lock_waits(2)
        holder.rollback()
    for thread in threads:
        thread.join()
    assert sorted(results.values()) == [1, 2], results
    assert list(PlanVersion.objects.filter(project=project).values_list("number", flat=True)) == [2, 1]
