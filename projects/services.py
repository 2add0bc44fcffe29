"""Writes to projects: each a function with keyword-only arguments, validated, in one transaction."""

from django.db import transaction
from django.forms import BaseInlineFormSet, ModelForm
from django.utils import timezone

from governance.models import Organisation
from projects.models import Implementer, Project, StatusChange


@transaction.atomic
def project_create(*, form: ModelForm, main_organisation: Organisation) -> Project:
    """Save a new project from its form and make ``main_organisation`` its main implementer."""
    project = form.save()
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


@transaction.atomic
def form_with_rows_save(*, form: ModelForm | None, formsets: list[BaseInlineFormSet]) -> None:
    """Save a form and its inline rows together: all of them or (on an error) none."""
    if form is not None:
        form.save()
    for formset in formsets:
        formset.save()
