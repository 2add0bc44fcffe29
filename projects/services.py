"""Writes to projects: each a function with keyword-only values (never a form), validated, in one
transaction. ``version`` is the one the editor's page was opened with: a newer save in between makes
the save fail (``config.models.PortalModel``)."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from config.models import save_values
from governance.models import Municipality, Organisation, Region
from projects.models import Implementer, Project, StatusChange


@transaction.atomic
def project_create(*, main_organisation: Organisation, version: int | None = None, **fields) -> Project:
    """A new project (``fields``: model field names) with ``main_organisation`` as its main
    implementer over the project's period."""
    project = save_values(Project(), fields)
    implementer = Implementer(
        project=project,
        organisation=main_organisation,
        is_main=True,
        start_date=project.start_date,
        end_date=project.end_date,
    )
    implementer.full_clean()
    implementer.save()
    return project


@transaction.atomic
def project_update(
    *,
    project: Project,
    version: int | None = None,
    regions: Iterable[Region] | None = None,
    municipalities: Iterable[Municipality] | None = None,
    **fields,
) -> Project:
    """Change the project's basic data (``fields``: model field names) and, when given, its area."""
    save_values(project, fields, version=version)
    if regions is not None:
        project.regions.set(regions)
    if municipalities is not None:
        project.municipalities.set(municipalities)
    return project


@transaction.atomic
def implementer_add(
    *, project: Project, organisation: Organisation, version: int | None = None, **fields
) -> Implementer:
    """A sub-implementer of ``project`` (never the main one: a project has that from its creation)."""
    return save_values(Implementer(project=project, organisation=organisation, is_main=False), fields)


@transaction.atomic
def implementer_update(
    *,
    implementer: Implementer,
    version: int | None = None,
    organisation: Organisation | None = None,
    **fields,
) -> Implementer:
    """Change an implementer's period and description; its organisation stays (another one would be a
    different sub-project)."""
    return save_values(implementer, fields, version=version)


@transaction.atomic
def project_change_status(*, project: Project, status: str, user) -> StatusChange:
    """Move ``project`` to ``status`` and record who did it and when."""
    if status not in project.next_statuses():
        raise ValueError(f"{project.status} → {status} is not allowed")
    change = StatusChange(
        project=project,
        from_status=project.status,
        to_status=status,
        changed_by=user,
        changed_at=timezone.now(),
    )
    project.status = status
    project.full_clean()
    project.save()
    change.full_clean()
    change.save()
    return change
