"""Stale and concurrent entry forms (issue 10, holes 4 and 6): refused with a clear message,
never a 500 and never a silent overwrite; a create form sent twice makes one object."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from aftercare.models import AreaReport
from config.models import ConcurrentEditError
from tests.aftercare.factories import ReportingPeriodFactory
from tests.aftercare.test_entry import form_data
from tests.governance.factories import AreaManagerFactory, UserFactory


def _conflict(body: str) -> bool:
    """The page says the form was stale: reload and make the changes again (in Finnish, the default)."""
    with translation.override("fi"):
        return escape(str(ConcurrentEditError.message)) in body


def _token(html: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


@pytest.fixture
def manager(db):
    user = UserFactory(username="manager")
    AreaManagerFactory(user=user)
    return user


@pytest.fixture
def entry_url(manager):
    period = ReportingPeriodFactory(open=True)
    return reverse("aftercare:entry", args=[manager.area_manager.wellbeing_area.slug, period.pk])


@pytest.mark.django_db
def test_a_stale_form_without_its_version_is_refused(client, manager, entry_url):
    client.force_login(manager)
    assert client.post(entry_url, form_data(clients_total=100, version=0)).status_code == 302
    response = client.post(entry_url, form_data(clients_total=200))  # no version field at all
    assert response.status_code == 200
    assert _conflict(response.content.decode())
    assert AreaReport.objects.get().clients_total == 100


@pytest.mark.django_db
def test_the_second_tab_creating_the_first_report_gets_a_conflict(client, manager, entry_url):
    client.force_login(manager)
    first_tab, second_tab = client.get(entry_url).content.decode(), client.get(entry_url).content.decode()
    assert 'name="version" value="0"' in first_tab and 'name="version" value="0"' in second_tab
    data = form_data(clients_total=100, version=0, form_token=_token(first_tab))
    assert client.post(entry_url, data).status_code == 302
    data = form_data(clients_total=200, version=0, form_token=_token(second_tab))
    response = client.post(entry_url, data)
    assert response.status_code == 200
    assert _conflict(response.content.decode())
    assert AreaReport.objects.get().clients_total == 100


@pytest.mark.django_db
def test_the_same_create_form_sent_twice_saves_once(client, manager, entry_url):
    client.force_login(manager)
    data = form_data(clients_total=100, version=0, form_token=_token(client.get(entry_url).content.decode()))
    assert client.post(entry_url, data).status_code == 302
    again = client.post(entry_url, data, follow=True)
    with translation.override("fi"):
        assert escape(
            translation.gettext("This form had already been sent, so it was not saved a second time.")
        ) in (again.content.decode())
    assert AreaReport.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_four_tabs_creating_the_first_report_at_once(manager, entry_url):
    """Four posts at the same moment, each from its own opened page: one saves, three conflict."""
    clients = [Client() for _ in range(4)]
    for c in clients:
        c.force_login(manager)
    pages = [c.get(entry_url).content.decode() for c in clients]
    barrier = threading.Barrier(4)
    statuses, bodies = [], []

    def post(c, page, n):
        barrier.wait()
        response = c.post(entry_url, form_data(clients_total=100 + n, version=0, form_token=_token(page)))
        statuses.append(response.status_code)
        bodies.append(response.content.decode())
        connection.close()

    threads = [threading.Thread(target=post, args=(c, p, n)) for n, (c, p) in enumerate(zip(clients, pages))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200, 200, 200, 302], statuses
    assert all(_conflict(b) or "Joku muu" in b for b, s in zip(bodies, statuses, strict=True) if s == 200)
    assert AreaReport.objects.count() == 1
