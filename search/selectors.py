"""Searching: what matches the query among what the person may open.

Who may open a document is asked of the owning apps' own querysets (``visible_to``) and permission
helpers, the same ones their pages use, at query time.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from governance.models import Meeting, Person, SteeringGroup
from governance.permissions import (
    member_group_ids,
    organisation_ids,
    preparable_group_ids,
    secretary_term_ids,
)
from projects.models import Project
from search.highlight import highlight, prefix, words
from search.models import Document, Kind

PER_KIND = 20


@dataclass
class Group:
    kind: str
    label: str
    count: int
    hits: list = field(default_factory=list)


@dataclass
class Hit:
    document: Document
    title: str
    excerpt: str


def _visible(user) -> Q:
    """Documents ``user`` may open, stated with the same rules as the pages."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    projects = Project.objects.visible_to(user).values("pk")
    meetings = Meeting.objects.visible_to(user).values("pk")
    # Confidential attachments: the group's members and the meeting's preparers only, not an
    # administrator in passing (governance.view_attachment).
    readers_of_confidential = (
        Q(group_id__in=member_group_ids(user))
        | Q(group_id__in=preparable_group_ids(user))
        | Q(meeting_id__in=Meeting.objects.filter(term_id__in=secretary_term_ids(user)).values("pk"))
    )
    if user.is_superuser:
        people = Person.objects.values("pk")
    else:
        people = Person.objects.filter(
            Q(memberships__term__group__in=SteeringGroup.objects.visible_to(user))
            | Q(organisation_id__in=organisation_ids(user))
            | Q(user=user)
        ).values("pk")
    return (
        Q(kind__in=[Kind.PROJECT, Kind.WORK_PACKAGE], project_id__in=projects)
        | Q(kind__in=[Kind.MEETING, Kind.SECTION], meeting_id__in=meetings)
        | (
            Q(kind=Kind.ATTACHMENT, meeting_id__in=meetings)
            & (Q(confidential=False) | readers_of_confidential)
        )
        | Q(kind=Kind.ORGANISATION)
        | Q(kind=Kind.PERSON, object_id__in=people)
    )


def decisions_readable(user) -> QuerySet:
    """Meetings whose decisions ``user`` reads: approved minutes, and the drafts they prepare
    (the meeting page's ``shows_decisions``)."""
    return Meeting.objects.visible_to(user).filter(
        Q(status=Meeting.Status.APPROVED)
        | Q(
            pk__in=Meeting.objects.preparable_by(user)
            .filter(status__in=Meeting.EDITABLE_STATUSES)
            .values("pk")
        )
    )


def _query(query_words: list[str]):
    """PostgreSQL: each word, stemmed in Finnish or Swedish or as the prefix its inflected forms
    share (``highlight.prefix``); every word must match."""
    combined = None
    for word in query_words:
        one = (
            SearchQuery(word, config="finnish")
            | SearchQuery(word, config="swedish")
            | SearchQuery(f"{prefix(word)}:*", search_type="raw", config="simple")
        )
        combined = one if combined is None else combined & one
    return combined


def _matches(query_words: list[str], decisions: Q):
    """The match condition and, on PostgreSQL, the rank expression."""
    if connection.vendor == "postgresql":
        query = _query(query_words)
        return Q(vector=query) | (Q(decision_vector=query) & decisions), SearchRank(F("vector"), query)
    condition = Q()
    for word in query_words:
        p = prefix(word)
        condition &= Q(title__icontains=p) | Q(body__icontains=p) | (Q(decision__icontains=p) & decisions)
    return condition, None


def search(
    user,
    query: str,
    *,
    kind: str = "",
    group: SteeringGroup | None = None,
    year: int | None = None,
    decision_type: str = "",
) -> list[Group]:
    """Results grouped by kind (in the order of ``Kind``), at most ``PER_KIND`` of each, best first.

    One scan of the index: window functions count each kind's matches and number them, so the
    counts and the first ``PER_KIND`` of every kind come back together (make bench: 5 000 meetings).
    """
    query_words = words(query)
    if not query_words:
        return []
    decisions = Q(kind=Kind.SECTION, meeting_id__in=decisions_readable(user).values("pk"))
    condition, rank = _matches(query_words, decisions)
    documents = Document.objects.filter(_visible(user)).filter(condition)
    if kind:
        documents = documents.filter(kind=kind)
    if group is not None:
        documents = documents.filter(group_id=group.pk)
    if year:
        documents = documents.filter(year=year)
    if decision_type:
        # The type of a decision is part of the decision: only where the person reads decisions.
        documents = documents.filter(decisions, decision_type=decision_type)
    order = [F("rank").desc(), F("title").asc()] if rank is not None else [F("title").asc()]
    if rank is not None:
        documents = documents.annotate(rank=rank)
    documents = documents.annotate(
        kind_count=Window(Count("pk"), partition_by=[F("kind")]),
        kind_place=Window(RowNumber(), partition_by=[F("kind")], order_by=order),
    )
    rows = list(
        documents.filter(kind_place__lte=PER_KIND).defer("vector", "decision_vector").order_by(*order)
    )
    groups = {}
    for k, label in Kind.choices:
        counted = [d.kind_count for d in rows if d.kind == k]
        if counted:
            groups[k] = Group(k, label, counted[0])
    decision_ids = set()
    if any(d.kind == Kind.SECTION and d.decision for d in rows):
        decision_ids = set(decisions_readable(user).values_list("pk", flat=True))
    for document in rows:
        bucket = groups[document.kind]
        text = document.body
        if document.decision and document.meeting_id in decision_ids:
            text = "\n".join([document.body, document.decision])
        bucket.hits.append(
            Hit(
                document=document,
                title=highlight(document.title, query_words),
                excerpt=highlight(text, query_words) if text else "",
            )
        )
    return list(groups.values())
