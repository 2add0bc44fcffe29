"""Funding figures follow the project's rules: whoever sees the project sees its cost estimate and
financing plan; whoever may change an implementer's data changes its costs and financing.

A competence centre's municipal funding and budget are read by its coordinators and by the members
of its steering groups; its coordinators and administrators change the funding years in the portal."""

import rules

from governance.models import SteeringGroup
from governance.permissions import (
    coordinated_organisation_ids,
    is_administrator,
    is_coordinator,
    member_group_ids,
)
from projects.permissions import (
    can_change_implementer,
    can_change_own_part,
    can_view_project,
)

rules.add_perm("funding.view_finances", can_view_project)  # object: the project
rules.add_perm("funding.import_finances", can_change_own_part)  # object: the project
rules.add_perm("funding.change_finances", can_change_implementer)  # object: the implementer


@rules.predicate
def reads_funding_year(user, funding_year) -> bool:
    if funding_year is None:
        return False
    return (
        funding_year.centre_id in coordinated_organisation_ids(user)
        or SteeringGroup.objects.filter(
            owner_id=funding_year.centre_id, pk__in=member_group_ids(user)
        ).exists()
    )


rules.add_perm("funding.view_fundingyear", is_administrator | reads_funding_year)


@rules.predicate
def coordinates_centre(user, funding_year) -> bool:
    return funding_year is not None and funding_year.centre_id in coordinated_organisation_ids(user)


# The centre's coordinators keep its funding years in the portal (issue 12); members read them.
rules.add_perm("funding.add_fundingyear", is_administrator | is_coordinator)
rules.add_perm("funding.change_fundingyear", is_administrator | coordinates_centre)
# A centre's budget: the same readers and keepers as its funding years.
rules.add_perm("funding.view_centrebudget", is_administrator | reads_funding_year)
rules.add_perm("funding.add_centrebudget", is_administrator | is_coordinator)
rules.add_perm("funding.change_centrebudget", is_administrator | coordinates_centre)
