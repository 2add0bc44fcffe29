"""Keeping the search index current: one ``Document`` per searchable object, rewritten whenever the
object (or a part shown inside it) is saved or deleted.

Signals, not calls from the apps' services: the apps below must not know that search exists.
Bulk updates skip signals; ``manage.py search_reindex`` rebuilds everything.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone

from governance.models import AgendaSection, Attachment, Meeting, Organisation, Person
from projects.models import Measure, Project, WorkPackage
from search.models import Document, Kind

CONFIGS = ("finnish", "swedish")


def _join(*parts) -> str:
    return "\n".join(str(p) for p in parts if p)


def _project(project: Project) -> dict:
    return {
        "title": _join(project.name, project.acronym and f"({project.acronym})"),
        "body": _join(project.acronym, project.background, project.goals, project.target_groups),
        "url": project.get_absolute_url(),
        "year": project.start_date.year if project.start_date else None,
        "project_id": project.pk,
    }


def _work_package(package: WorkPackage) -> dict:
    measures = [_join(m.code, m.name, m.outputs) for m in package.measures.all()]
    project_id = package.implementer.project_id
    return {
        "title": f"{package.code} {package.name}",
        "body": _join(package.description, *measures),
        "url": reverse("projects:plan", kwargs={"pk": project_id}) + "#wp-heading",
        "project_id": project_id,
    }


def _meeting_keys(meeting: Meeting) -> dict:
    return {
        "year": timezone.localtime(meeting.starts_at).year,
        "meeting_id": meeting.pk,
        "group_id": meeting.group_id,
    }


def _meeting(meeting: Meeting) -> dict:
    return {
        "title": _join(str(meeting), meeting.title),
        "body": _join(meeting.place, meeting.get_kind_display()),
        "url": meeting.get_absolute_url(),
        **_meeting_keys(meeting),
    }


def _section(section: AgendaSection) -> dict:
    meeting = section.meeting
    return {
        "title": str(section),
        "body": _join(section.presentation, section.proposal),
        "decision": section.decision,
        "decision_type": section.decision_type,
        "url": meeting.get_absolute_url(),
        **_meeting_keys(meeting),
    }


def _attachment(attachment: Attachment) -> dict:
    meeting = attachment.section.meeting
    return {
        "title": attachment.title,
        "url": attachment.get_absolute_url(),
        "confidential": attachment.confidential,
        **_meeting_keys(meeting),
    }


def _organisation(organisation: Organisation) -> dict:
    return {
        "title": organisation.name,
        "body": _join(organisation.short_name, organisation.name_sv, organisation.get_kind_display()),
    }


def _person(person: Person) -> dict:
    return {
        "title": str(person),
        "body": _join(person.title, person.organisation),
    }


@dataclass(frozen=True)
class Source:
    kind: str
    model: type
    fields: Callable
    queryset: Callable  # every object, shaped for ``fields`` (for reindexing)


SOURCES = [
    Source(Kind.PROJECT, Project, _project, lambda: Project.objects.all()),
    Source(
        Kind.WORK_PACKAGE,
        WorkPackage,
        _work_package,
        lambda: WorkPackage.objects.select_related("implementer").prefetch_related("measures"),
    ),
    Source(Kind.MEETING, Meeting, _meeting, lambda: Meeting.objects.select_related("group")),
    Source(
        Kind.SECTION, AgendaSection, _section, lambda: AgendaSection.objects.select_related("meeting__group")
    ),
    Source(
        Kind.ATTACHMENT,
        Attachment,
        _attachment,
        lambda: Attachment.objects.select_related("section__meeting"),
    ),
    Source(Kind.ORGANISATION, Organisation, _organisation, lambda: Organisation.objects.all()),
    Source(Kind.PERSON, Person, _person, lambda: Person.objects.select_related("organisation")),
]
BY_MODEL = {source.model: source for source in SOURCES}


def _vector(*fields: tuple[str, str]):
    """Finnish and Swedish stems of each (field, weight): a Swedish name is found in Swedish too."""
    vector = None
    for name, weight in fields:
        for config in CONFIGS:
            part = SearchVector(name, weight=weight, config=config)
            vector = part if vector is None else vector + part
    return vector


def update_vectors(queryset) -> None:
    """Recompute the stored vectors of ``queryset``'s documents (PostgreSQL; nothing on SQLite)."""
    if connection.vendor != "postgresql":
        return
    queryset.update(vector=_vector(("title", "A"), ("body", "B")), decision_vector=_vector(("decision", "B")))


EMPTY = {
    "title": "",
    "body": "",
    "decision": "",
    "decision_type": "",
    "url": "",
    "year": None,
    "project_id": None,
    "meeting_id": None,
    "group_id": None,
    "confidential": False,
}


def _values(source: Source, obj) -> dict:
    values = EMPTY | source.fields(obj)
    values["title"] = values["title"][:500]
    return values


def index(obj) -> None:
    """Write ``obj``'s document afresh."""
    source = BY_MODEL[type(obj)]
    document, _created = Document.objects.update_or_create(
        kind=source.kind, object_id=obj.pk, defaults=_values(source, obj)
    )
    update_vectors(Document.objects.filter(pk=document.pk))


def unindex(kind: str, pk) -> None:
    Document.objects.filter(kind=kind, object_id=pk).delete()


def reindex_all(batch: int = 1000) -> int:
    """Rebuild the whole index in one transaction (rows in batches, then every vector in one
    UPDATE); returns the number of documents."""
    with transaction.atomic():
        Document.objects.all().delete()
        count = 0
        for source in SOURCES:
            pending = []
            for obj in source.queryset().iterator(chunk_size=batch):
                pending.append(Document(kind=source.kind, object_id=obj.pk, **_values(source, obj)))
                if len(pending) >= batch:
                    count += len(Document.objects.bulk_create(pending))
                    pending = []
            count += len(Document.objects.bulk_create(pending))
        update_vectors(Document.objects.all())
    return count


# --- signals --------------------------------------------------------------------------------------


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # loaddata: the objects may not be complete yet; search_reindex afterwards
        return
    index(instance)
    if sender is Meeting:
        # Sections and attachments carry the meeting's year and group.
        for section in instance.sections.select_related("meeting"):
            index(section)
        for attachment in Attachment.objects.filter(section__meeting=instance).select_related(
            "section__meeting"
        ):
            index(attachment)


def _deleted(sender, instance, **kwargs) -> None:
    unindex(BY_MODEL[sender].kind, instance.pk)


def _part_changed(sender, instance, raw=False, **kwargs) -> None:
    """A measure is searched as part of its work package."""
    if raw:
        return
    if sender is Measure:
        package = WorkPackage.objects.filter(pk=instance.work_package_id).first()
        if package is not None:
            index(package)


def connect_signals() -> None:
    for model in BY_MODEL:
        uid = f"search.index.{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
    post_save.connect(_part_changed, sender=Measure, dispatch_uid="search.index.measure")
    post_delete.connect(_part_changed, sender=Measure, dispatch_uid="search.index.measure.delete")
