"""Governance fixtures: a board with a member, a secretary and a coordinator, another group's member,
and a test-only report section so embeds can be exercised without the other apps."""

from pathlib import Path

import pytest
from django import forms

from config.sections import ReportSection, registry
from governance.models import Meeting
from tests.governance.factories import (
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SteeringGroupFactory,
    TermFactory,
    UserFactory,
)

TEST_SECTION_KEY = "tests.figures"


class FiguresParams(forms.Form):
    label = forms.CharField()
    value = forms.DecimalField(max_digits=12, decimal_places=2)


def _figures_context(params, viewer) -> dict:
    return {"label": params["label"], "value": params["value"]}


if TEST_SECTION_KEY not in registry:
    registry.register(
        ReportSection(
            key=TEST_SECTION_KEY,
            title="Test figures",
            template_name="governance/tests/figures.html",
            params_form=FiguresParams,
            get_context=_figures_context,
        )
    )


@pytest.fixture(autouse=True)
def _test_templates(settings):
    """The test-only section's template lives beside the tests, not in the app."""
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], Path(__file__).parent / "templates"]}]


def _person_user(username: str, organisation=None):
    user = UserFactory(username=username)
    PersonFactory(user=user, organisation=organisation or OrganisationFactory())
    return user


@pytest.fixture
def board(coordinator):
    """A board owned by the coordinator's organisation, with a term 2020–2021."""
    owner = coordinator.affiliations.get().organisation
    group = SteeringGroupFactory(owner=owner, name="Testijohtoryhmä")
    TermFactory(group=group, start_year=2020, end_year=2021)
    return group


@pytest.fixture
def term(board):
    return board.terms.get()


@pytest.fixture
def member(term):
    """A member of the board: reads, never edits."""
    user = _person_user("member")
    MembershipFactory(term=term, person=user.person)
    return user


@pytest.fixture
def secretary(term):
    user = _person_user("secretary")
    MembershipFactory(term=term, person=user.person, secretary=True)
    return user


@pytest.fixture
def other_member(db):
    """A member of another group (with its own published meeting), nothing of the board."""
    user = _person_user("other-member")
    membership = MembershipFactory(person=user.person)
    MeetingFactory(term=membership.term, published=True)
    return user


@pytest.fixture
def meeting(term):
    """A published meeting of the board."""
    return MeetingFactory(term=term, number=2, status=Meeting.Status.AGENDA_PUBLISHED)


@pytest.fixture
def draft_meeting(term):
    return MeetingFactory(term=term, number=3, status=Meeting.Status.DRAFT)
