"""People and roles: administrators for everyone, coordinators within their own organisations."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from governance.models import Affiliation, AreaManager
from tests.governance.factories import (
    AffiliationFactory,
    OrganisationFactory,
    UserFactory,
    WellbeingAreaFactory,
)


def _invite(client, organisation, email="uusi@example.fi", coordinator=True):
    data = {
        "first_name": "Uusi",
        "last_name": "Koordinaattori",
        "email": email,
        "organisation": organisation.pk,
    }
    if coordinator:
        data["is_coordinator"] = "on"
    return client.post(reverse("governance:person_invite"), data)


@pytest.mark.django_db(transaction=True)
def test_administrator_invites_and_the_link_sets_a_password_once(client, administrator):
    organisation = OrganisationFactory()
    client.force_login(administrator)
    response = _invite(client, organisation)
    assert response.status_code == 302
    invited = User.objects.get(email="uusi@example.fi")
    assert not invited.has_usable_password()
    assert Affiliation.objects.get(user=invited).is_coordinator
    assert invited.person.organisation == organisation
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/governance/invitation/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    assert client.get("/" + path).status_code == 200
    response = client.post(
        "/" + path, {"new_password1": "Pitkä-salasana-42", "new_password2": "Pitkä-salasana-42"}
    )
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.check_password("Pitkä-salasana-42")
    assert client.get("/" + path).status_code == 404  # once only


@pytest.mark.django_db
def test_an_address_already_in_use_is_refused_with_a_message(client, administrator):
    UserFactory(username="vanha", email="vanha@example.fi")
    client.force_login(administrator)
    users = User.objects.count()
    response = _invite(client, OrganisationFactory(), email="VANHA@example.fi")
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert User.objects.count() == users


@pytest.mark.django_db
def test_a_coordinator_invites_only_into_their_own_organisation(client, coordinator, outsider):
    client.force_login(coordinator)
    response = _invite(client, outsider.affiliations.get().organisation)
    assert response.status_code == 200 and "organisation" in response.context["form"].errors
    assert _invite(client, coordinator.affiliations.get().organisation).status_code == 302


@pytest.mark.django_db
def test_coordinator_sees_and_changes_only_their_organisations_people(client, coordinator, outsider):
    colleague = UserFactory(username="colleague")
    AffiliationFactory(user=colleague, organisation=coordinator.affiliations.get().organisation)
    client.force_login(coordinator)
    listed = [row["user"] for row in client.get(reverse("governance:people")).context["people"]]
    assert colleague in listed and outsider not in listed
    assert client.get(reverse("governance:person_roles", args=[outsider.pk])).status_code == 404
    url = reverse("governance:person_roles", args=[colleague.pk])
    organisation = coordinator.affiliations.get().organisation
    client.post(url, {"action": "affiliation", "organisation": organisation.pk, "is_coordinator": "on"})
    assert Affiliation.objects.get(user=colleague).is_coordinator
    client.post(url, {"action": "grant_admin"})  # not theirs to give
    colleague.refresh_from_db()
    assert not colleague.is_superuser


@pytest.mark.django_db
def test_administrator_gives_and_takes_area_and_administrator_roles(client, administrator, plain_user):
    area = WellbeingAreaFactory()
    client.force_login(administrator)
    url = reverse("governance:person_roles", args=[plain_user.pk])
    client.post(url, {"action": "area", "wellbeing_area": area.pk})
    assert AreaManager.objects.get(user=plain_user).wellbeing_area == area
    client.post(url, {"action": "area", "wellbeing_area": ""})
    assert not AreaManager.objects.filter(user=plain_user).exists()
    client.post(url, {"action": "grant_admin"})
    plain_user.refresh_from_db()
    assert plain_user.is_superuser and plain_user.is_staff
    own = client.post(reverse("governance:person_roles", args=[administrator.pk]), {"action": "revoke_admin"})
    assert own.status_code == 302
    administrator.refresh_from_db()
    assert administrator.is_superuser


@pytest.mark.django_db
def test_people_without_a_coordinator_role_get_404(client, plain_user, area_manager):
    for user in (plain_user, area_manager):
        client.force_login(user)
        assert client.get(reverse("governance:people")).status_code == 404
        assert client.get(reverse("governance:person_invite")).status_code == 404


@pytest.mark.django_db
def test_the_admin_offers_no_groups_or_permissions(client, administrator):
    from django.contrib import admin
    from django.contrib.auth.models import Group

    assert Group not in admin.site._registry
    fields = {f for _, options in admin.site._registry[User].fieldsets for f in options["fields"]}
    assert "groups" not in fields and "user_permissions" not in fields
