"""Reminders of reporting periods, with the clock moved: opened, due in 7 and 1 days, overdue;
``send_reminders`` run twice notifies nobody twice; a reopened report tells its managers why."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from aftercare.services import report_reopen
from notices.models import Kind, Notice
from tests.aftercare.factories import AreaReportFactory, ReportingPeriodFactory
from tests.governance.factories import AreaManagerFactory, UserFactory

pytestmark = pytest.mark.django_db
HELSINKI = datetime.timezone(datetime.timedelta(hours=2))


@pytest.fixture
def period(db):
    return ReportingPeriodFactory(
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 3, 31),
        is_open=True,
        due_date=datetime.date(2023, 4, 30),
    )


@pytest.fixture
def manager(db):
    user = UserFactory(username="manager", email="manager@example.fi")
    return AreaManagerFactory(user=user).user


@pytest.fixture
def done_manager(period):
    """The manager of an area that has already submitted its figures: never reminded."""
    user = UserFactory(username="done", email="done@example.fi")
    manager = AreaManagerFactory(user=user)
    AreaReportFactory(wellbeing_area=manager.wellbeing_area, period=period, submitted=True)
    return user


def _run(time_machine, day: datetime.date) -> list[tuple[str, str]]:
    time_machine.move_to(datetime.datetime.combine(day, datetime.time(7, 0), tzinfo=HELSINKI), tick=False)
    before = set(Notice.objects.values_list("pk", flat=True))
    call_command("send_reminders", stdout=StringIO())
    call_command("send_reminders", stdout=StringIO())  # a second run the same day adds nothing
    new = Notice.objects.exclude(pk__in=before).order_by("pk")
    return [(n.kind, n.recipient.username) for n in new]


def test_managers_are_reminded_once_per_step(time_machine, period, manager, done_manager):
    assert _run(time_machine, datetime.date(2023, 4, 1)) == [(Kind.PERIOD_OPENED, "manager")]
    assert _run(time_machine, datetime.date(2023, 4, 22)) == []
    # A week before the due date, then the day before, then overdue.
    assert _run(time_machine, datetime.date(2023, 4, 23)) == [(Kind.PERIOD_DUE, "manager")]
    assert _run(time_machine, datetime.date(2023, 4, 25)) == []
    assert _run(time_machine, datetime.date(2023, 4, 29)) == [(Kind.PERIOD_DUE, "manager")]
    assert _run(time_machine, datetime.date(2023, 4, 30)) == []
    assert _run(time_machine, datetime.date(2023, 5, 1)) == [(Kind.PERIOD_OVERDUE, "manager")]
    assert _run(time_machine, datetime.date(2023, 5, 8)) == []

    due = Notice.objects.filter(kind=Kind.PERIOD_DUE).first()
    assert due.title == f"Määräpäivä 30.4.2023: {manager.area_manager.wellbeing_area} – {period} luvut"
    assert due.url == f"/aftercare/areas/{manager.area_manager.wellbeing_area.slug}/{period.pk}/"
    assert [m.to for m in mail.outbox] == [["manager@example.fi"]] * 4


def test_the_reminder_days_are_a_setting(time_machine, settings, period, manager):
    settings.NOTICES_DUE_REMINDER_DAYS = [3]
    _run(time_machine, datetime.date(2023, 4, 1))
    assert _run(time_machine, datetime.date(2023, 4, 23)) == []
    assert _run(time_machine, datetime.date(2023, 4, 27)) == [(Kind.PERIOD_DUE, "manager")]


def test_a_reopened_report_tells_its_managers_why(period, manager, coordinator):
    area = manager.area_manager.wellbeing_area
    report = AreaReportFactory(wellbeing_area=area, period=period, submitted=True)
    report_reopen(report=report, user=coordinator, reason="Henkilöstömäärät puuttuvat.")
    [notice] = Notice.objects.filter(kind=Kind.REPORT_REOPENED)
    assert notice.recipient == manager
    assert "Henkilöstömäärät puuttuvat." in notice.detail
    assert "Henkilöstömäärät puuttuvat." in mail.outbox[0].body
    # No figure of the report is in the e-mail.
    assert str(report.clients_total) not in mail.outbox[0].body
