"""A coordinator owns their organisation's part of a plan: a change by someone from another
organisation notifies them (once a day per part and editor); their own changes do not."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from notices.models import Kind, Notice
from tests.funding.factories import PaymentClaimFactory
from tests.projects.factories import StaffResourceFactory

pytestmark = pytest.mark.django_db


def _management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def _add_work_package(client, implementer, code):
    data = {"wp-code": code, "wp-name": "Tilannekuva", "wp-description": ""} | _management("measures", 0)
    response = client.post(reverse("projects:work_package_add", args=[implementer.pk]), data)
    assert response.status_code == 302


def test_the_owners_hear_of_a_change_by_another_organisation(
    client, coordinator, sub_implementer, sub_coordinator
):
    client.force_login(coordinator)  # the main implementer's coordinator edits the sub-implementer's plan
    _add_work_package(client, sub_implementer, "TP1")
    _add_work_package(client, sub_implementer, "TP2")  # the same day: no second notice
    [notice] = Notice.objects.filter(kind=Kind.PLAN_CHANGED)
    assert notice.recipient == sub_coordinator
    assert notice.title == (
        f"{coordinator.get_full_name()} muutti suunnitelmaa: työpaketit – {sub_implementer.organisation}, "
        f"{sub_implementer.project}"
    )
    assert notice.url == reverse("projects:plan", args=[sub_implementer.project_id])


def test_own_changes_notify_nobody(client, sub_implementer, sub_coordinator):
    client.force_login(sub_coordinator)
    _add_work_package(client, sub_implementer, "TP1")
    assert not Notice.objects.exists()


def test_a_staff_save_without_changes_notifies_nobody(client, coordinator, sub_implementer, sub_coordinator):
    staff = StaffResourceFactory(implementer=sub_implementer)
    client.force_login(coordinator)
    url = reverse("projects:staff_edit", args=[sub_implementer.pk])
    data = _management("staff", 1, 1) | {
        "staff-0-version": staff.version,
        "staff-0-id": staff.pk,
        "staff-0-implementer": sub_implementer.pk,
        "staff-0-role_title": staff.role_title,
        "staff-0-fte_percent": "100,00",
        "staff-0-start_date": "2020-08-01",
        "staff-0-end_date": "2022-12-31",
    }
    assert client.post(url, data).status_code == 302
    assert not Notice.objects.exists()
    data["staff-0-fte_percent"] = "50,00"
    assert client.post(url, data).status_code == 302
    assert Notice.objects.filter(kind=Kind.PLAN_CHANGED, recipient=sub_coordinator).count() == 1


def test_an_unsubmitted_claim_is_due_after_its_period(time_machine, sub_implementer, sub_coordinator):
    PaymentClaimFactory(
        implementer=sub_implementer,
        period_start=datetime.date(2021, 1, 1),
        period_end=datetime.date(2021, 6, 30),
        submitted_on=None,
    )
    time_machine.move_to(datetime.datetime(2021, 6, 30, 12, tzinfo=datetime.UTC), tick=False)
    call_command("send_reminders", stdout=StringIO())
    assert not Notice.objects.filter(kind=Kind.CLAIM_DUE).exists()
    time_machine.move_to(datetime.datetime(2021, 7, 1, 12, tzinfo=datetime.UTC), tick=False)
    call_command("send_reminders", stdout=StringIO())
    call_command("send_reminders", stdout=StringIO())
    [notice] = Notice.objects.filter(kind=Kind.CLAIM_DUE)
    assert notice.recipient == sub_coordinator
    assert "1.1.2021–30.6.2021" in notice.title
