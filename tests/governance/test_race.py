"""Transitions under a lock: an edit of a meeting's sections either lands before the approval or is
refused after it. Two real connections on PostgreSQL (SQLite serialises whole write transactions,
so the race cannot happen there and the test is skipped)."""

import threading

import psycopg
import pytest
from django.db import connection

from governance import services
from governance.models import AgendaSection, Meeting, MinutesLocked
from tests.governance.factories import AgendaSectionFactory, MeetingFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def _conninfo() -> str:
    s = connection.settings_dict
    return psycopg.conninfo.make_conninfo(
        dbname=s["NAME"],
        user=s["USER"],
        password=s["PASSWORD"] or None,
        host=s["HOST"],
        port=s["PORT"] or None,
    )


def _wait_for_lock_waits(count: int) -> None:
    """Until ``count`` backends of this database wait on a lock (a bounded poll, not a timing)."""
    with psycopg.connect(_conninfo(), autocommit=True) as probe:
        for _ in range(2000):
            waiting = probe.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND wait_event_type = 'Lock'"
            ).fetchone()[0]
            if waiting >= count:
                return
            probe.execute("SELECT pg_sleep(0.01)")
    pytest.fail(f"expected {count} connection(s) waiting on a lock: the row lock is not taken")


def _in_thread(target, results: dict, key: str) -> threading.Thread:
    def run():
        try:
            results[key] = target()
        except Exception as error:  # noqa: BLE001 – reported to the test below
            results[key] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _edit(section_pk: int):
    section = AgendaSection.objects.get(pk=section_pk)
    return services.section_save(
        meeting=section.meeting, section=section, version=section.version, title="Muokattu kesken hyväksynnän"
    )


@pytest.fixture
def drafted(term):
    meeting = MeetingFactory(term=term, number=4, minutes_drafted=True)
    section = AgendaSectionFactory(meeting=meeting, number=40, title="Alkuperäinen")
    return meeting, section


def test_an_edit_waits_for_the_approval_and_is_then_refused(drafted):
    meeting, section = drafted
    results: dict = {}
    with psycopg.connect(_conninfo()) as approval:  # an approval in flight, holding the meeting row
        approval.execute("SELECT id FROM governance_meeting WHERE id = %s FOR UPDATE", [meeting.pk])
        approval.execute("UPDATE governance_meeting SET status = 'approved' WHERE id = %s", [meeting.pk])
        editor = _in_thread(lambda: _edit(section.pk), results, "edit")
        _wait_for_lock_waits(1)  # the edit waits for the meeting row instead of reading a stale status
        approval.commit()
    editor.join()
    assert isinstance(results["edit"], MinutesLocked)
    section.refresh_from_db()
    assert section.title == "Alkuperäinen"


def test_an_edit_in_flight_lands_before_the_approval(drafted):
    meeting, section = drafted
    results: dict = {}
    with psycopg.connect(_conninfo()) as holder:  # the section row is busy: the edit stalls mid-way
        holder.execute("SELECT id FROM governance_agendasection WHERE id = %s FOR UPDATE", [section.pk])
        editor = _in_thread(lambda: _edit(section.pk), results, "edit")
        _wait_for_lock_waits(1)
        approver = _in_thread(
            lambda: services.approve_minutes(meeting=Meeting.objects.get(pk=meeting.pk)), results, "approve"
        )
        _wait_for_lock_waits(2)  # the approval waits for the edit, which holds the meeting row
        holder.commit()
    editor.join()
    approver.join()
    assert not isinstance(results["edit"], Exception), results["edit"]
    assert not isinstance(results["approve"], Exception), results["approve"]
    section.refresh_from_db()
    meeting.refresh_from_db()
    assert meeting.is_locked
    assert section.title == "Muokattu kesken hyväksynnän"
    assert section.updated_at <= meeting.approved_at
