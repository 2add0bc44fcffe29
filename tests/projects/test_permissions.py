"""Who sees and changes projects: the rules and the queryset verbs agree."""

import pytest

from projects.models import Implementer, Project
from tests.projects.factories import ImplementerFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_members_of_implementing_organisations_see_the_project(project, member, outsider, sub_coordinator):
    assert member.has_perm("projects.view_project", project)
    assert sub_coordinator.has_perm("projects.view_project", project)
    assert not outsider.has_perm("projects.view_project", project)


def test_only_the_main_implementers_coordinators_change_the_shared_data(
    project, coordinator, member, sub_coordinator, outsider
):
    assert coordinator.has_perm("projects.change_project", project)
    assert not sub_coordinator.has_perm("projects.change_project", project)
    assert not member.has_perm("projects.change_project", project)
    assert not outsider.has_perm("projects.change_project", project)


def test_main_coordinator_edits_every_sub_project_sub_coordinator_only_its_own(
    project, sub_implementer, coordinator, sub_coordinator
):
    main = project.main_implementer
    assert coordinator.has_perm("projects.change_implementer", main)
    assert coordinator.has_perm("projects.change_implementer", sub_implementer)
    assert sub_coordinator.has_perm("projects.change_implementer", sub_implementer)
    assert not sub_coordinator.has_perm("projects.change_implementer", main)


def test_administrator_sees_and_changes_everything(project, administrator):
    assert administrator.has_perm("projects.view_project", project)
    assert administrator.has_perm("projects.change_implementer", project.main_implementer)


@pytest.mark.parametrize(
    "persona", ["coordinator", "member", "sub_coordinator", "outsider", "plain_user", "administrator"]
)
def test_querysets_state_the_same_rules_as_the_predicates(request, project, sub_implementer, persona):
    other = ProjectFactory()
    ImplementerFactory(project=other, main=True)
    user = request.getfixturevalue(persona)
    for candidate in Project.objects.all():
        assert (candidate in Project.objects.visible_to(user)) == user.has_perm(
            "projects.view_project", candidate
        )
        assert (candidate in Project.objects.editable_by(user)) == user.has_perm(
            "projects.change_project", candidate
        )
    for implementer in Implementer.objects.all():
        assert (implementer in Implementer.objects.editable_by(user)) == user.has_perm(
            "projects.change_implementer", implementer
        )


def test_a_project_without_a_main_implementer_is_changed_by_any_implementers_coordinator(sub_coordinator):
    """Until a main implementer is named nobody would own the shared data; the partners do."""
    lone = ImplementerFactory(organisation=sub_coordinator.affiliations.get().organisation).project
    assert sub_coordinator.has_perm("projects.change_project", lone)
    assert lone in Project.objects.editable_by(sub_coordinator)
