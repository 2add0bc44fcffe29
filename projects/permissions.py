"""Who may see and change ESR projects.

- A project is visible to members of any implementing organisation, and to administrators.
- The main implementer's coordinators change the project's shared data (basic data, indicators,
  participant targets, status); a sub-implementer's coordinator changes only its own implementer's
  part (work packages, staff, costs, financing) and reads the rest. The main implementer's
  coordinator changes every sub-project too. A project without a main implementer (not yet set up)
  is changed by the coordinators of any implementing organisation.
- Anyone else gets 404 (``config.access.get_for_user``).
The queryset verbs ``Project.objects.visible_to``/``editable_by`` and ``Implementer.objects.editable_by``
state the same rules for lists (tests/projects/test_permissions.py checks they agree).
"""

import rules

from governance.permissions import (
    coordinated_organisation_ids,
    is_administrator,
    organisation_ids,
    overseen_organisation_ids,
)


@rules.predicate
def is_project_member(user, project) -> bool:
    return project is not None and bool(project.implementer_organisation_ids() & organisation_ids(user))


@rules.predicate
def coordinates_project(user, project) -> bool:
    return project is not None and bool(
        project.implementer_organisation_ids() & coordinated_organisation_ids(user)
    )


@rules.predicate
def coordinates_main_implementer(user, project) -> bool:
    """The project's shared data belongs to the main implementer (issue 12)."""
    if project is None:
        return False
    main = project.main_implementer
    if main is None:
        return coordinates_project(user, project)
    return main.organisation_id in coordinated_organisation_ids(user)


@rules.predicate
def is_implementer_member(user, implementer) -> bool:
    return implementer is not None and is_project_member(user, implementer.project)


@rules.predicate
def coordinates_implementer(user, implementer) -> bool:
    if implementer is None:
        return False
    coordinated = coordinated_organisation_ids(user)
    if implementer.organisation_id in coordinated:
        return True
    main = implementer.project.main_implementer
    return main is not None and main.organisation_id in coordinated


@rules.predicate
def oversees_project(user, project) -> bool:
    """A steering-group member reads the projects of the organisation whose group they sit on."""
    return project is not None and bool(
        project.implementer_organisation_ids() & overseen_organisation_ids(user)
    )


can_view_project = is_administrator | is_project_member | oversees_project
can_change_project = is_administrator | coordinates_main_implementer
# A coordinator of any implementer: may open the import page; each row is then checked against
# ``can_change_implementer`` (own part) or ``can_change_project`` (shared tables).
can_change_own_part = is_administrator | coordinates_project


@rules.predicate
def oversees_implementer(user, implementer) -> bool:
    return implementer is not None and oversees_project(user, implementer.project)


can_view_implementer = is_administrator | is_implementer_member | oversees_implementer
can_change_implementer = is_administrator | coordinates_implementer

rules.add_perm("projects.view_project", can_view_project)
rules.add_perm("projects.change_project", can_change_project)
rules.add_perm("projects.view_implementer", can_view_implementer)
rules.add_perm("projects.change_implementer", can_change_implementer)
# Creating a project: any coordinator (the new project's main implementer is their organisation).
rules.add_perm(
    "projects.add_project",
    is_administrator | rules.predicate(lambda u: bool(coordinated_organisation_ids(u))),
)


# Programmes, priority axes, specific objectives and calls: reference data of the administrators.
rules.add_perm("projects.manage_programmes", is_administrator)
