"""The search index: one row per searchable thing, kept current by signals (``search.indexing``).

Rows hold only text the pages already show and the keys needed to ask who may open them; who may
open a row is decided at query time by the owning app's own querysets (``search.selectors``), so a
change of membership or status is never stale here.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PROJECT = "project", _("Projects")
    WORK_PACKAGE = "work_package", _("Work packages and measures")
    MEETING = "meeting", _("Meetings")
    SECTION = "section", _("Agenda sections and decisions")
    ATTACHMENT = "attachment", _("Attachments")
    ORGANISATION = "organisation", _("Organisations")
    PERSON = "person", _("People")


class Document(models.Model):
    """Not a PortalModel: a derived copy, rebuilt at will (``manage.py search_reindex``), with no
    history of its own."""

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(blank=True)
    # A section's decision: members read it only once the minutes are approved (Meeting.shows_decisions).
    decision = models.TextField(blank=True)
    decision_type = models.CharField(max_length=16, blank=True)
    url = models.CharField(max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    project_id = models.PositiveBigIntegerField(null=True, blank=True)
    meeting_id = models.PositiveBigIntegerField(null=True, blank=True)
    group_id = models.PositiveBigIntegerField(null=True, blank=True)
    confidential = models.BooleanField(default=False)
    # PostgreSQL only (NULL on SQLite): Finnish and Swedish stems of title (weight A) and body (B).
    vector = SearchVectorField(null=True)
    decision_vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique_object"),
        ]
        # The GIN indexes of the vectors are made by migration 0001 on PostgreSQL only (SQLite has no
        # GIN): see search/migrations/0001_search_document.py.
        indexes = [
            models.Index(fields=["kind", "year"], name="search_document_kind_year"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
