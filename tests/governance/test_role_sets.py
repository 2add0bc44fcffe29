"""Whom the permission vocabulary counts as what: each set holds the user's own rows and nothing of
anybody else's, as ids of the right kind (a term's id, not its membership's)."""

import pytest

from aftercare.models import AftercareOrganisation
from aftercare.permissions import aftercare_area_ids
from governance import permissions as p
from governance.models import Membership
from tests.governance.factories import (
    AffiliationFactory,
    AreaManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SteeringGroupFactory,
    TermFactory,
    UserFactory,
    WellbeingAreaFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def someone_else():
    """Another person with every kind of role, so that a set leaking other people's rows shows."""
    other = UserFactory()
    organisation = OrganisationFactory()
    AffiliationFactory(user=other, organisation=organisation, is_coordinator=True)
    AreaManagerFactory(user=other)
    person = PersonFactory(user=other)
    MembershipFactory(person=person, role=Membership.Role.SECRETARY)
    SteeringGroupFactory(owner=organisation)
    AftercareOrganisation.objects.create(organisation=organisation, wellbeing_area=WellbeingAreaFactory())
    return other


def _fresh(user):
    del user._portal_permission_cache
    return user


def test_each_role_set_holds_only_the_users_own_rows(user, someone_else):
    TermFactory.create_batch(3)  # so that membership ids and term ids differ
    member_of, coordinator_of = OrganisationFactory(), OrganisationFactory()
    AffiliationFactory(user=user, organisation=member_of)
    AffiliationFactory(user=user, organisation=coordinator_of, is_coordinator=True)
    person = PersonFactory(user=user)
    secretary = MembershipFactory(person=person, role=Membership.Role.SECRETARY, term=TermFactory())
    member = MembershipFactory(person=person, term=TermFactory())
    owned = SteeringGroupFactory(owner=coordinator_of)
    SteeringGroupFactory(owner=member_of)  # a member, not a coordinator, of the owner prepares nothing
    network = MembershipFactory(person=person, term=TermFactory(group=SteeringGroupFactory(kind="network")))
    area = AreaManagerFactory(user=user).wellbeing_area
    covered = WellbeingAreaFactory()
    AftercareOrganisation.objects.create(organisation=coordinator_of, wellbeing_area=covered)
    AftercareOrganisation.objects.create(organisation=member_of, wellbeing_area=WellbeingAreaFactory())
    assert secretary.pk != secretary.term_id

    assert p.organisation_ids(user) == {member_of.pk, coordinator_of.pk}
    assert p.coordinated_organisation_ids(user) == {coordinator_of.pk}
    assert p.managed_area_id(user) == area.pk
    assert p.member_group_ids(user) == {secretary.term.group_id, member.term.group_id, network.term.group_id}
    assert p.secretary_term_ids(user) == {secretary.term_id}
    assert p.preparable_group_ids(user) == {owned.pk}
    assert p.overseen_organisation_ids(user) == {secretary.term.group.owner_id, member.term.group.owner_id}
    assert aftercare_area_ids(user) == {covered.pk}


def test_a_user_without_roles_has_empty_sets_and_an_anonymous_visitor_too(
    user, someone_else, django_user_model
):
    from django.contrib.auth.models import AnonymousUser

    for who in (user, AnonymousUser()):
        assert p.organisation_ids(who) == frozenset()
        assert p.coordinated_organisation_ids(who) == frozenset()
        assert p.managed_area_id(who) is None
        assert p.member_group_ids(who) == frozenset()
        assert p.secretary_term_ids(who) == frozenset()
        assert p.preparable_group_ids(who) == frozenset()
        assert p.overseen_organisation_ids(who) == frozenset()
        assert aftercare_area_ids(who) == frozenset()


def test_the_sets_are_asked_once_per_user_object(user, django_assert_num_queries):
    AffiliationFactory(user=user, is_coordinator=True)
    with django_assert_num_queries(1):  # every role set of the user in one query
        for _ in range(3):
            p.organisation_ids(user)
            p.coordinated_organisation_ids(user)
    assert p.organisation_ids(_fresh(user)) == p.coordinated_organisation_ids(user)


def test_a_user_coordinating_nothing_asks_no_aftercare_organisations(user, django_assert_num_queries):
    with django_assert_num_queries(1):  # only the role sets (the coordinated organisations among them)
        assert aftercare_area_ids(user) == frozenset()
