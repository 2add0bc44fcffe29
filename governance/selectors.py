"""Reads of steering groups, meetings and funding shares."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from governance.funding_shares import Party, compute_shares
from governance.models import FundingYear, Meeting, SteeringGroup


@dataclass(frozen=True)
class ShareRow:
    party: object
    share: Decimal
    percent: Decimal


@dataclass(frozen=True)
class SharesTable:
    funding_year: FundingYear
    rows: list[ShareRow]
    total: Decimal
    error: str = ""


def funding_shares(funding_year: FundingYear) -> SharesTable:
    """The year's parties with their computed shares (and the reason, if the key cannot be applied)."""
    parties = list(funding_year.parties.select_related("organisation", "region"))
    inputs = [
        Party(name=str(p), population=p.population, fixed_amount=p.fixed_amount, weight=p.weight)
        for p in parties
    ]
    try:
        shares = compute_shares(funding_year.total, funding_year.key, inputs)
    except ValidationError as error:
        return SharesTable(funding_year, [], funding_year.total, error=" ".join(error.messages))
    total = funding_year.total or Decimal(1)
    rows = [
        ShareRow(p, s, (s / total * 100).quantize(Decimal("0.1")) if funding_year.total else Decimal(0))
        for p, s in zip(parties, shares, strict=True)
    ]
    return SharesTable(funding_year, rows, sum(shares, Decimal(0)))


def my_groups(user) -> dict:
    """The "My groups" page: the user's groups, their upcoming meetings, agendas and minutes."""
    groups = list(SteeringGroup.objects.visible_to(user).select_related("owner"))
    meetings = Meeting.objects.visible_to(user).select_related("group", "term")
    now = timezone.now()
    return {
        "groups": groups,
        "upcoming": list(meetings.filter(starts_at__gte=now).order_by("starts_at")[:20]),
        "agendas": list(
            meetings.filter(
                status__in=[Meeting.Status.AGENDA_PUBLISHED, Meeting.Status.MINUTES_DRAFTED],
                starts_at__lt=now,
            )[:20]
        ),
        "minutes": list(meetings.filter(status=Meeting.Status.APPROVED)[:20]),
        "drafts": list(Meeting.objects.preparable_by(user).filter(status=Meeting.Status.DRAFT)),
        "funding_years": list(FundingYear.objects.visible_to(user).select_related("centre")),
    }


@dataclass(frozen=True)
class BudgetRow:
    label: str
    budgeted: Decimal
    actual: Decimal | None
    percent: Decimal | None


@dataclass(frozen=True)
class BudgetReport:
    budget: object
    as_of: object
    rows: list[BudgetRow]
    total_budgeted: Decimal
    total_actual: Decimal | None


def budget_vs_actual(budget, as_of=None) -> BudgetReport:
    """A centre budget's lines with, if ``as_of`` is given, what each had come to by that date."""
    from governance.models import BudgetActual

    lines = list(budget.lines.all())
    actuals = {}
    if as_of is not None:
        actuals = dict(
            BudgetActual.objects.filter(line__budget=budget, as_of=as_of).values_list("line_id", "amount")
        )
    rows = []
    for line in lines:
        actual = actuals.get(line.pk) if as_of is not None else None
        percent = (
            (actual / line.amount * 100).quantize(Decimal("0.1"))
            if actual is not None and line.amount
            else None
        )
        rows.append(BudgetRow(line.label, line.amount, actual, percent))
    total_actual = sum((r.actual or Decimal(0) for r in rows), Decimal(0)) if as_of is not None else None
    return BudgetReport(budget, as_of, rows, sum((r.budgeted for r in rows), Decimal(0)), total_actual)


def meeting_page(meeting: Meeting, viewer, *, media: str) -> dict:
    """What the meeting page and its PDF show, with the embedded report sections rendered.

    ``meeting`` comes from ``Meeting.objects.for_page()``: the query count does not grow with the
    number of sections and attendees (embedded sections add their own, per embed).
    """
    from config.sections import registry
    from governance.models import Membership

    sections = list(meeting.sections.all())
    for section in sections:
        section.rendered_embeds = [
            (embed, registry.render(embed.section_key, embed.params, viewer=viewer, media=media))
            for embed in section.embeds.all()
        ]
    signers = {
        m.role: m
        for m in Membership.objects.filter(
            term_id=meeting.term_id, role__in=[Membership.Role.CHAIR, Membership.Role.SECRETARY]
        ).select_related("person")
    }
    can_change = viewer.has_perm("governance.change_meeting", meeting)
    return {
        "meeting": meeting,
        "sections": sections,
        "attendances": sorted(meeting.attendances.all(), key=lambda a: a.rank),
        "corrections": list(meeting.corrections.all()),
        "chair": signers.get(Membership.Role.CHAIR),
        "secretary": signers.get(Membership.Role.SECRETARY),
        "can_change": can_change,
        "can_correct": viewer.has_perm("governance.correct_meeting", meeting),
        "shows_decisions": meeting.shows_decisions or can_change,
        "media": media,
    }
