"""Reads for project pages: the plan of a project and its history, in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
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
    return list(project.indicators.select_related("implementer__organisation").prefetch_related("values"))


def plan(project: Project) -> dict:
    """Everything the plan page and the plan PDF print (the same, so the PDF leaves nothing out)."""
    implementers = implementers_for_plan(project)
    return {
        "project": project,
        "implementers": implementers,
        "person_years": sum((i.person_years() for i in implementers), Decimal(0)),
        "indicators": indicators_for_plan(project),
        "participant_targets": list(
            project.participant_targets.select_related("work_package__implementer__organisation")
        ),
    }


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
    if isinstance(model_field, models.ManyToManyField) and isinstance(value, list):
        # simple-history gives the rows of the through table; a person reads the names.
        key = model_field.m2m_reverse_field_name()
        ids = [row[key] for row in value]
        names = {obj.pk: str(obj) for obj in model_field.related_model._base_manager.filter(pk__in=ids)}
        return ", ".join(sorted(names.get(pk, str(pk)) for pk in ids))
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


def _entries(records, model, what, *, with_created: bool = True) -> list[HistoryEntry]:
    """Each historical record compared with the one before it (records ordered newest first)."""
    by_object: dict[int, list] = {}
    for record in records:
        by_object.setdefault(record.id, []).append(record)
    entries = []
    for versions in by_object.values():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        previous = None
        for record in versions:
            if record.history_type == "+" and not with_created:
                previous = record
                continue
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


def _line_models():
    """Models with a history whose rows belong to the project: directly (indicators, targets), through
    an implementer (work packages, staff, cost and financing lines, regional split), or one step
    further (measures of a work package, values of an indicator). Found through the app registry, so
    projects names no model of the apps that build on it. Yields (model, foreign key, parent model)."""
    owned = {Project: None, Implementer: None}
    # Tracked models only: the tables simple-history keeps of the project area's regions and
    # municipalities also have a ``history`` (a key to the project's record) but are read with it.
    candidates = [
        m
        for m in apps.get_models()
        if m not in owned and hasattr(m._meta, "simple_history_manager_attribute")
    ]
    for _depth in range(2):
        for model in candidates:
            if model in owned:
                continue
            for f in model._meta.fields:
                if f.is_relation and f.many_to_one and f.related_model in owned and f.name != "changed_by":
                    owned[model] = (f.attname, f.related_model)
                    break
    for model, link in owned.items():
        if link is not None:
            yield model, link[0], link[1]


def project_history(project: Project) -> list[HistoryEntry]:
    """Every recorded version of the project (its regions and municipalities too) and of its
    implementers, and every creation, change or deletion of its rows (work packages and their
    measures, staff, indicators and their values, participant targets, costs, financing, regional
    split, frozen plan versions), newest first. Rows deleted since are
    found through their parents' history too."""
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
    # The ids of every row that ever belonged to the project, per model, parents before children.
    ids = {Project: {project.pk}, Implementer: set(implementers.values_list("id", flat=True))}
    lines = sorted(_line_models(), key=lambda line: line[2] not in (Project, Implementer))
    for model, key, parent in lines:
        records = list(
            model.history.filter(**{f"{key}__in": ids.get(parent, set())}).select_related("history_user")
        )
        ids[model] = {r.id for r in records}
        label = str(model._meta.verbose_name).capitalize()

        def what(record, label=label, key=key, parent=parent) -> str:
            owner_name = organisations.get(getattr(record, key)) if parent is Implementer else None
            return " · ".join(part for part in (label, owner_name, str(record.instance)) if part)

        entries += _entries(records, model, what)
    return sorted(entries, key=lambda e: e.when, reverse=True)
