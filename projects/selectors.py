"""Reads for project pages: the plan of a project and its history, in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import Prefetch
from django.utils import formats

from projects.models import Implementer, Indicator, Measure, Project, WorkPackage

HIDDEN_FIELDS = {"version", "updated_at", "created_at", "id"}


def implementers_for_plan(project: Project) -> list[Implementer]:
    """The project's implementers with their work packages, measures and staff (four queries)."""
    implementers = list(
        Implementer.objects.filter(project=project)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "work_packages",
                queryset=WorkPackage.objects.prefetch_related(
                    Prefetch("measures", queryset=Measure.objects.all())
                ),
            ),
            "staff",
        )
    )
    for implementer in implementers:
        # The page's project, with its implementers already loaded, answers the permission questions.
        implementer.project = project
    return implementers


def indicators_for_plan(project: Project) -> list[Indicator]:
    return list(project.indicators.prefetch_related("values"))


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    what: str
    kind: str  # "+" created, "~" changed, "-" deleted (simple_history's codes)
    changes: list[tuple[str, object, object]] = field(default_factory=list)


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a field removed since the record was written
        return name


def _display(model, name: str, value):
    """A historical value as a person reads it: choice labels, Finnish dates and numbers."""
    try:
        model_field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001
        return value
    if value is None or value == "":
        return value
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(model_field, models.DateField) and not isinstance(value, datetime.datetime):
        value = datetime.date.fromisoformat(value) if isinstance(value, str) else value
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return value


def _entries(records, model, what) -> list[HistoryEntry]:
    """Each historical record compared with the one before it (records ordered newest first)."""
    by_object: dict[int, list] = {}
    for record in records:
        by_object.setdefault(record.id, []).append(record)
    entries = []
    for versions in by_object.values():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        previous = None
        for record in versions:
            user = record.history_user
            entry = HistoryEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.get_username()) if user else "",
                what=what(record),
                kind=record.history_type,
            )
            if previous is not None and record.history_type == "~":
                delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
                entry.changes = [
                    (_label(model, c.field), _display(model, c.field, c.old), _display(model, c.field, c.new))
                    for c in delta.changes
                ]
                if not entry.changes:
                    previous = record
                    continue
            entries.append(entry)
            previous = record
    return entries


def project_history(project: Project) -> list[HistoryEntry]:
    """Every recorded version of the project and of its implementers, newest first."""
    projects = project.history.select_related("history_user")
    implementers = Implementer.history.filter(project_id=project.pk).select_related("history_user")
    organisations = {i.pk: str(i.organisation) for i in project.implementers.all()}
    implementer_label = str(Implementer._meta.verbose_name).capitalize()
    entries = _entries(projects, Project, lambda r: str(Project._meta.verbose_name).capitalize())
    entries += _entries(
        implementers,
        Implementer,
        lambda r: f"{implementer_label}: {organisations.get(r.id, r.organisation_id)}",
    )
    return sorted(entries, key=lambda e: e.when, reverse=True)
