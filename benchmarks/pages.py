"""The pages people wait for, by persona, and their query counts (shared by the benchmarks)."""

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

# Not queries the page asks for: the transaction of ATOMIC_REQUESTS and its savepoints.
TRANSACTION = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def targets() -> list[tuple[str, str, str]]:
    """(name, persona, path) on the demo data (plus national data, if generated), looked up by name."""
    project = apps.get_model("projects", "Project").objects.get(acronym__startswith="Elämässä")
    meeting = apps.get_model("governance", "Meeting").objects.get(group__name__contains="johtoryhmä")
    return [
        ("project list", "koordinaattori", "/projects/"),
        ("project page", "koordinaattori", f"/projects/{project.pk}/"),
        ("cost estimate", "koordinaattori", f"/funding/projects/{project.pk}/budget/"),
        ("aftercare overview", "esihenkilo-varha", "/aftercare/overview/"),
        ("area page", "esihenkilo-varha", "/aftercare/areas/varha/"),
        ("meeting list", "koordinaattori", "/governance/"),
        ("group page", "koordinaattori", f"/governance/groups/{meeting.group_id}/"),
        ("meeting page", "jasen", f"/governance/meetings/{meeting.pk}/"),
        ("search", "koordinaattori", "/search/?q=j%C3%A4lkihuolto"),
    ]


def counted(queries: CaptureQueriesContext) -> int:
    return sum(1 for query in queries.captured_queries if not query["sql"].upper().startswith(TRANSACTION))


def query_count(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return counted(queries)
