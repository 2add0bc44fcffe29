"""The portal's permission vocabulary: django-rules predicates.

Every app states its permissions as ``rules.add_perm("<app>.<verb>_<noun>", predicate)`` in its own
``permissions.py`` (loaded by ``rules.apps.AutodiscoverRulesConfig``), built from the role
predicates here. Views ask through ``config.access``, templates with ``{% has_perm %}`` (``rules``
template tags), the admin through ``has_perm`` as usual. Lists are filtered by queryset verbs that
state the same rule (``visible_to(user)``, ``editable_by(user)``) and are tested against it.
"""

import rules

from governance.models import Affiliation, AreaManager


def _cached(user, attr: str, compute):
    # The same user object is asked many times per request; one query each is enough.
    if not hasattr(user, attr):
        setattr(user, attr, compute())
    return getattr(user, attr)


def organisation_ids(user) -> frozenset[int]:
    """Organisations the user belongs to."""
    if not user.is_authenticated:
        return frozenset()
    return _cached(
        user,
        "_portal_organisation_ids",
        lambda: frozenset(Affiliation.objects.filter(user=user).values_list("organisation_id", flat=True)),
    )


def coordinated_organisation_ids(user) -> frozenset[int]:
    """Organisations in which the user is a coordinator."""
    if not user.is_authenticated:
        return frozenset()
    return _cached(
        user,
        "_portal_coordinated_ids",
        lambda: frozenset(
            Affiliation.objects.filter(user=user, is_coordinator=True).values_list(
                "organisation_id", flat=True
            )
        ),
    )


def managed_area_id(user) -> int | None:
    """The wellbeing area the user manages, if any."""
    if not user.is_authenticated:
        return None
    return _cached(
        user,
        "_portal_managed_area_id",
        lambda: AreaManager.objects.filter(user=user).values_list("wellbeing_area_id", flat=True).first(),
    )


@rules.predicate
def is_administrator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


@rules.predicate
def is_coordinator(user) -> bool:
    return bool(coordinated_organisation_ids(user))


@rules.predicate
def is_area_manager(user) -> bool:
    return managed_area_id(user) is not None


@rules.predicate
def coordinates_organisation(user, organisation) -> bool:
    return organisation is not None and organisation.pk in coordinated_organisation_ids(user)


@rules.predicate
def manages_area(user, area) -> bool:
    return area is not None and managed_area_id(user) == area.pk


rules.add_perm("governance.view_organisation", rules.is_authenticated)
rules.add_perm("governance.change_organisation", is_administrator)
