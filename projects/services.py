"""Writes to projects: each a function with keyword-only values (never a form), validated, in one
transaction. ``version`` is the one the editor's page was opened with: a newer save in between makes
the save fail (``config.models.PortalModel``)."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.models import save_values
from config.pdf import render_pdf
from governance.models import Municipality, Organisation, Region
from projects import selectors, versions
from projects.models import Implementer, PlanVersion, Project, StatusChange


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
    if status == Project.Status.SUBMITTED:
        plan_version_freeze(project=project, reason=PlanVersion.Reason.SUBMITTED, user=user)
    return change


# A change application (muutoshakemus) is made for a plan the funding authority has decided on.
CHANGE_APPLICATION_STATUSES = (Project.Status.APPROVED, Project.Status.RUNNING)


@transaction.atomic
def plan_version_change_application(*, project: Project, user) -> PlanVersion:
    """Freeze the plan as it goes to the funding authority in a change application."""
    if project.status not in CHANGE_APPLICATION_STATUSES:
        raise ValidationError(
            _("A change application is made for an approved or running project; this one is %(status)s."),
            params={"status": project.get_status_display()},
            code="status",
        )
    return plan_version_freeze(project=project, reason=PlanVersion.Reason.CHANGE_APPLICATION, user=user)


@transaction.atomic
def plan_version_freeze(*, project: Project, reason: str, user=None) -> PlanVersion:
    """A new frozen version of the whole plan: its tables as shown now and its PDF rendered now.

    The project row is locked first, so two versions made at once get consecutive numbers."""
    Project.objects.select_for_update().filter(pk=project.pk).first()
    project = Project.objects.for_page().get(pk=project.pk)
    number = (project.plan_versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = PlanVersion(
        project=project,
        number=number,
        reason=reason,
        frozen_by=user if user is not None and user.is_authenticated else None,
        data={"tables": versions.plan_tables(project)},
    )
    version.full_clean(exclude=["pdf"])
    now = timezone.localtime()
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            **selectors.plan(project),
            "plan_version": version,
            "exported_by": (user.get_full_name() or user.get_username()) if version.frozen_by else "",
            "exported_at": now,
        }
        pdf = render_pdf("projects/pdf/plan.html", context)
    version.pdf.save(f"plan-{number}.pdf", ContentFile(pdf), save=False)
    version.save()
    return version
