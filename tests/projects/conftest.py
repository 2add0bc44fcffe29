"""Projects fixtures: a group project of the coordinator persona's organisation with one sub-project,
and the people around it."""

import pytest

from tests.governance.factories import AffiliationFactory, UserFactory
from tests.projects.factories import ImplementerFactory, ProjectFactory


@pytest.fixture
def project(coordinator):
    """A project whose main implementer is the coordinator persona's organisation."""
    project = ProjectFactory()
    ImplementerFactory(project=project, organisation=coordinator.affiliations.get().organisation, main=True)
    return project


@pytest.fixture
def sub_implementer(project):
    return ImplementerFactory(project=project)


@pytest.fixture
def sub_coordinator(sub_implementer):
    """The coordinator of the sub-implementer's organisation."""
    user = UserFactory(username="sub-coordinator")
    AffiliationFactory(user=user, organisation=sub_implementer.organisation, is_coordinator=True)
    return user


@pytest.fixture
def member(project):
    """A read-only member of the main implementer's organisation (not a coordinator)."""
    user = UserFactory(username="member")
    AffiliationFactory(user=user, organisation=project.main_implementer.organisation, is_coordinator=False)
    return user
