"""The portal's permission vocabulary: django-rules predicates.

Every app states its permissions as ``rules.add_perm("<app>.<verb>_<noun>", predicate)`` in its own
``permissions.py`` (imported at start-up by ``config.apps``), built from the role
predicates here. Views ask through ``config.access``, templates with ``{% has_perm %}`` (``rules``
template tags), the admin through ``has_perm`` as usual. Lists are filtered by queryset verbs that
state the same rule (``visible_to(user)``, ``editable_by(user)``) and are tested against it.
"""

import rules
from django.db.models import BooleanField, IntegerField, Value

from config.compiled import CompiledQuery
from governance.models import Affiliation, AreaManager


def cached_for(user, key, compute):
    """``compute()`` once per user object (in practice once per request), remembered under ``key``
    (the asking function): the same person is asked many times per page; one query each is enough."""
    # getattr/setattr (not ``__dict__``) reach through ``request.user``'s lazy wrapper to the user
    # object that ``has_perm`` passes to the rules, so both share one cache.
    cache = getattr(user, "_portal_permission_cache", None)
    if cache is None:
        cache = user._portal_permission_cache = {}
    if key not in cache:
        cache[key] = compute()
    return cache[key]


# The columns a row of the role query leaves unused (an area has no group, a term no coordinator
# flag): typed, so that every branch of the UNION ALL has the same columns.
_NO_ID = Value(0, output_field=IntegerField())
_NO_FLAG = Value(False, output_field=BooleanField())


def _role_rows(user_id):
    """The query of ``_facts``: a UNION ALL of the user's affiliations, area, memberships, the
    groups their organisations own and the owners of the groups they sit in. Its shape never
    changes, so it is compiled once per process (``ROLE_ROWS``)."""
    from django.db.models import Q

    from governance.models import Membership, SteeringGroup

    def kind(name: str) -> Value:
        return Value(name)

    affiliations = (
        Affiliation.objects.filter(user_id=user_id)
        .order_by()
        .values_list(
            kind("organisation"),
            "organisation_id",
            _NO_ID,
            "is_coordinator",
        )
    )
    area = AreaManager.objects.filter(user_id=user_id).order_by().values_list(
        kind("area"), "wellbeing_area_id", _NO_ID,
        _NO_FLAG,
    )  # fmt: skip
    memberships = (
        Membership.objects.filter(person__user_id=user_id)
        .order_by()
        .values_list(kind("term"), "term_id", "term__group_id", Q(role=Membership.Role.SECRETARY))
    )
    owned = SteeringGroup.objects.filter(
        owner__affiliations__user_id=user_id, owner__affiliations__is_coordinator=True
    ).order_by().values_list(kind("preparable"), "pk", _NO_ID,
                  _NO_FLAG)  # fmt: skip
    overseen = (
        Membership.objects.filter(person__user_id=user_id)
        .exclude(term__group__kind=SteeringGroup.Kind.NETWORK)
        .order_by()
        .values_list(
            kind("overseen"),
            "term__group__owner_id",
            _NO_ID,
            _NO_FLAG,
        )
    )
    return affiliations.union(area, memberships, owned, overseen, all=True).order_by()


ROLE_ROWS = CompiledQuery(_role_rows)


def _facts(user) -> dict[str, frozenset]:
    """Everything the role predicates ask about the user, read in one query (``ROLE_ROWS``) and kept
    on the user object for the request: each page asks several of these, and one round trip is enough."""

    def read() -> dict[str, frozenset]:
        rows = ROLE_ROWS(user.pk)
        return {
            "organisations": frozenset(i for k, i, _, _ in rows if k == "organisation"),
            "coordinated": frozenset(i for k, i, _, flag in rows if k == "organisation" and flag),
            "areas": frozenset(i for k, i, _, _ in rows if k == "area"),
            "member_groups": frozenset(g for k, _, g, _ in rows if k == "term"),
            "secretary_terms": frozenset(i for k, i, _, flag in rows if k == "term" and flag),
            "preparable_groups": frozenset(i for k, i, _, _ in rows if k == "preparable"),
            "overseen": frozenset(i for k, i, _, _ in rows if k == "overseen"),
        }

    return cached_for(user, "facts", read)


def organisation_ids(user) -> frozenset[int]:
    """Organisations the user belongs to."""
    if not user.is_authenticated:
        return frozenset()
    return _facts(user)["organisations"]


def coordinated_organisation_ids(user) -> frozenset[int]:
    """Organisations in which the user is a coordinator."""
    if not user.is_authenticated:
        return frozenset()
    return _facts(user)["coordinated"]


def managed_area_id(user) -> int | None:
    """The wellbeing area the user manages, if any (a manager manages one area)."""
    if not user.is_authenticated:
        return None
    return min(_facts(user)["areas"], default=None)


@rules.predicate
def is_administrator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


@rules.predicate
def is_coordinator(user) -> bool:
    return bool(coordinated_organisation_ids(user))


@rules.predicate
def is_area_manager(user) -> bool:
    return managed_area_id(user) is not None


@rules.predicate
def coordinates_organisation(user, organisation) -> bool:
    return organisation is not None and organisation.pk in coordinated_organisation_ids(user)


@rules.predicate
def manages_area(user, area) -> bool:
    return area is not None and managed_area_id(user) == area.pk


rules.add_perm("governance.view_organisation", rules.is_authenticated)
rules.add_perm("governance.change_organisation", is_administrator)


# --- steering groups and meetings ----------------------------------------------------------------


def member_group_ids(user) -> frozenset[int]:
    """Groups in whose any term the user (through their Person) holds a membership."""
    if not user.is_authenticated:
        return frozenset()
    return _facts(user)["member_groups"]


def secretary_term_ids(user) -> frozenset[int]:
    """Terms in which the user is the group's secretary: they prepare those meetings."""
    if not user.is_authenticated:
        return frozenset()
    return _facts(user)["secretary_terms"]


def preparable_group_ids(user) -> frozenset[int]:
    """Groups owned by an organisation the user coordinates."""
    if not user.is_authenticated:
        return frozenset()
    return _facts(user)["preparable_groups"]


def overseen_organisation_ids(user) -> frozenset[int]:
    """Organisations on whose board or project steering group the user sits: such a member reads
    (never changes) the projects in which the organisation takes part, as the group oversees them.
    A network group (peers meeting) oversees nothing."""
    if not user.is_authenticated:
        return frozenset()
    return _facts(user)["overseen"]


@rules.predicate
def is_board_member(user) -> bool:
    """Sits on a board or a project steering group."""
    return bool(overseen_organisation_ids(user))


@rules.predicate
def is_group_member(user, group) -> bool:
    return group is not None and group.pk in member_group_ids(user)


@rules.predicate
def coordinates_group_owner(user, group) -> bool:
    return group is not None and group.owner_id in coordinated_organisation_ids(user)


@rules.predicate
def prepares_meeting(user, meeting) -> bool:
    """Coordinators of the owning organisation and the secretary of the meeting's term."""
    if meeting is None:
        return False
    return meeting.group.owner_id in coordinated_organisation_ids(
        user
    ) or meeting.term_id in secretary_term_ids(user)


@rules.predicate
def reads_meeting_as_member(user, meeting) -> bool:
    """Members read what has been published: never a draft."""
    from governance.models import Meeting

    return (
        meeting is not None
        and meeting.status != Meeting.Status.DRAFT
        and meeting.group_id in member_group_ids(user)
    )


@rules.predicate
def meeting_is_approved(user, meeting) -> bool:
    """Approved minutes are locked: corrected through a record, never edited."""
    return meeting is not None and meeting.is_locked


@rules.predicate
def meeting_accepts_edits(user, meeting) -> bool:
    """Drafts, published agendas and drafted minutes are edited; minutes with the checkers are not."""
    return meeting is not None and meeting.accepts_edits


@rules.predicate
def checks_minutes(user, meeting) -> bool:
    """The meeting's minutes checkers, while the minutes are with them."""
    from governance.models import Meeting

    if meeting is None or meeting.status != Meeting.Status.MINUTES_CHECKING or not user.is_authenticated:
        return False
    return meeting.checks.filter(person__user=user).exists()


@rules.predicate
def prepares_in_group(user, group) -> bool:
    """Coordinators of the owner, and the group's secretaries, create its meetings."""
    if group is None:
        return False
    from governance.models import Term

    return (
        coordinates_group_owner(user, group)
        or Term.objects.filter(group=group, pk__in=secretary_term_ids(user)).exists()
    )


rules.add_perm("governance.view_steeringgroup", is_administrator | is_group_member | coordinates_group_owner)
rules.add_perm("governance.add_meeting", is_administrator | prepares_in_group)
rules.add_perm("governance.view_meeting", is_administrator | prepares_meeting | reads_meeting_as_member)
rules.add_perm("governance.change_meeting", (is_administrator | prepares_meeting) & meeting_accepts_edits)
rules.add_perm("governance.send_meeting", (is_administrator | prepares_meeting) & ~meeting_is_approved)
rules.add_perm("governance.check_meeting", checks_minutes)
rules.add_perm("governance.correct_meeting", (is_administrator | prepares_meeting) & meeting_is_approved)


# --- attachments: asked of the attachment --------------------------------------------------------


@rules.predicate
def may_view_attachment_meeting(user, attachment) -> bool:
    return attachment is not None and user.has_perm("governance.view_meeting", attachment.section.meeting)


@rules.predicate
def attachment_is_public(user, attachment) -> bool:
    return attachment is not None and not attachment.confidential


@rules.predicate
def opens_confidential_attachments_of(user, meeting) -> bool:
    """Confidential attachments of ``meeting``: the group's members and the meeting's preparers,
    nobody else (not an area manager, not an administrator reading in passing). Also the
    "visibility class" a cached rendering of the meeting's sections is keyed by."""
    return meeting is not None and (
        meeting.group_id in member_group_ids(user) or prepares_meeting(user, meeting)
    )


@rules.predicate
def is_member_or_preparer_of_attachment_group(user, attachment) -> bool:
    return attachment is not None and opens_confidential_attachments_of(user, attachment.section.meeting)


rules.add_perm(
    "governance.view_attachment",
    may_view_attachment_meeting & (attachment_is_public | is_member_or_preparer_of_attachment_group),
)


# --- the group's own administration: terms and memberships ---------------------------------------

# The coordinators of the owner and the group's secretaries keep its terms and members up to date
# in the portal (no detour through the admin); members read them.
rules.add_perm("governance.change_steeringgroup", is_administrator | prepares_in_group)


@rules.predicate
def may_view_term_group(user, obj) -> bool:
    """A term or a membership is seen by whoever sees its group."""
    if obj is None:
        return False
    group = obj.term.group if hasattr(obj, "term_id") else obj.group
    return user.has_perm("governance.view_steeringgroup", group)


rules.add_perm("governance.view_term", may_view_term_group)
rules.add_perm("governance.view_membership", may_view_term_group)


# --- people and roles ----------------------------------------------------------------------------


@rules.predicate
def coordinates_user_organisation(user, person_user) -> bool:
    """A coordinator looks after the people of the organisations they coordinate (never an
    administrator's account: only administrators change those)."""
    if person_user is None or person_user.is_superuser:
        return False
    return bool(organisation_ids(person_user) & coordinated_organisation_ids(user))


# The people-and-roles page: administrators for everyone, coordinators within their organisations.
rules.add_perm("governance.manage_people", is_administrator | is_coordinator)
rules.add_perm("governance.change_roles", is_administrator | coordinates_user_organisation)
