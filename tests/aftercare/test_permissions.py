"""Who sees and enters what: the rules, the querysets that state them, and every URL for outsiders."""

import datetime

import pytest
import rules
from django.urls import URLPattern, get_resolver, reverse

from aftercare.models import AreaReport
from tests.aftercare.factories import AreaReportFactory

pytestmark = pytest.mark.django_db


def test_a_manager_enters_only_their_own_area(varha, pp, varha_manager, pp_manager):
    assert varha_manager.has_perm("aftercare.enter_figures", varha)
    assert not varha_manager.has_perm("aftercare.enter_figures", pp)
    assert not pp_manager.has_perm("aftercare.enter_figures", varha)


def test_a_user_with_no_area_cannot_enter_anything(varha, coordinator_user, plain_user, administrator):
    for user in (coordinator_user, plain_user, administrator):
        # The rule itself: a superuser's has_perm is always true, so the views ask rules.has_perm.
        assert not rules.has_perm("aftercare.enter_figures", user, varha)


def test_an_administrator_gets_404_on_an_entry_form(client, administrator, varha, open_period):
    client.force_login(administrator)
    assert client.get(reverse("aftercare:entry", args=[varha.slug, open_period.pk])).status_code == 404


def test_unsubmitted_figures_are_seen_only_by_their_area_and_administrators(
    varha, open_period, varha_manager, pp_manager, coordinator_user, administrator, plain_user
):
    draft = AreaReportFactory(wellbeing_area=varha, period=open_period)
    assert varha_manager.has_perm("aftercare.view_report", draft)
    assert administrator.has_perm("aftercare.view_report", draft)
    for user in (pp_manager, coordinator_user, plain_user):
        assert not user.has_perm("aftercare.view_report", draft)


def test_submitted_figures_are_seen_by_every_role_but_not_by_a_user_without_one(
    q4_report, pp_manager, coordinator_user, plain_user
):
    assert pp_manager.has_perm("aftercare.view_report", q4_report)
    assert coordinator_user.has_perm("aftercare.view_report", q4_report)
    assert not plain_user.has_perm("aftercare.view_report", q4_report)


def test_submitted_reports_are_locked_and_named_coordinators_may_reopen(
    q4_report, varha_manager, varha_coordinator
):
    assert not varha_manager.has_perm("aftercare.change_report", q4_report)
    assert not varha_manager.has_perm("aftercare.reopen_report", q4_report)
    assert not varha_coordinator.has_perm("aftercare.reopen_report", q4_report)  # the period is closed
    q4_report.period.corrections_until = datetime.date.today() + datetime.timedelta(days=1)
    assert varha_coordinator.has_perm("aftercare.reopen_report", q4_report)


@pytest.mark.parametrize(
    "username", ["esihenkilo-varha", "esihenkilo-pp", "koordinaattori", "admin", "plain"]
)
def test_visible_to_agrees_with_the_view_rule(username, varha, open_period, plain_user, django_user_model):
    AreaReportFactory(wellbeing_area=varha, period=open_period)
    user = django_user_model.objects.get(username=username)
    visible = set(AreaReport.objects.visible_to(user))
    assert visible == {r for r in AreaReport.objects.all() if user.has_perm("aftercare.view_report", r)}


def _aftercare_urls(kwargs):
    resolver = get_resolver().url_patterns
    aftercare = next(p for p in resolver if getattr(p, "namespace", None) == "aftercare")
    for pattern in aftercare.url_patterns:
        assert isinstance(pattern, URLPattern)
        names = pattern.pattern.converters.keys()
        yield pattern.name, reverse(f"aftercare:{pattern.name}", kwargs={k: kwargs[k] for k in names})


def test_every_aftercare_url_is_404_for_a_user_without_a_role(
    client, plain_user, varha, open_period, q4_report
):
    """A logged-in user with no aftercare role (no area, not a coordinator) learns nothing."""
    client.force_login(plain_user)
    kwargs = {"slug": varha.slug, "period": open_period.pk, "fmt": "csv", "pk": q4_report.pk}
    urls = list(_aftercare_urls(kwargs))
    assert len(urls) == 12  # with the national backfill
    for name, url in urls:
        method = client.post if name == "submit" else client.get
        assert method(url).status_code == 404, name


def test_another_areas_manager_gets_404_on_every_entry_url(client, pp_manager, varha, open_period):
    """Entry form (GET and POST), submit, template and import of Varha do not exist for the PP manager."""
    client.force_login(pp_manager)
    args = [varha.slug, open_period.pk]
    for url in (
        reverse("aftercare:entry", args=args),
        reverse("aftercare:import", args=args),
        reverse("aftercare:template", args=[*args, "xlsx"]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("aftercare:entry", args=args),
        reverse("aftercare:submit", args=args),
        reverse("aftercare:import", args=args),
    ):
        assert client.post(url, {"clients_total": "1"}).status_code == 404, url
    assert not AreaReport.objects.filter(wellbeing_area=varha, period=open_period).exists()


def test_a_coordinator_cannot_enter_figures_for_any_area(client, coordinator_user, varha, open_period):
    client.force_login(coordinator_user)
    assert client.get(reverse("aftercare:entry", args=[varha.slug, open_period.pk])).status_code == 404
    assert client.get(reverse("aftercare:home")).status_code == 200


def test_every_aftercare_url_answers_405_to_a_wrong_method(
    client, varha_manager, varha, open_period, q4_report
):
    client.force_login(varha_manager)
    kwargs = {"slug": varha.slug, "period": open_period.pk, "fmt": "csv", "pk": q4_report.pk}
    for name, url in _aftercare_urls(kwargs):
        assert client.put(url).status_code == 405, name
        assert client.delete(url).status_code == 405, name


def test_only_the_areas_own_manager_sees_its_small_counts(
    varha, pp, varha_manager, pp_manager, administrator
):
    from aftercare.permissions import sees_in_full

    assert sees_in_full(varha_manager, varha)
    assert not sees_in_full(pp_manager, varha)
    assert not sees_in_full(administrator, varha)
