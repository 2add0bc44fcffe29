"""Who may see and enter aftercare figures (django-rules).

- A manager enters and sees in full only their own area's figures; other areas' entry forms and
  unsubmitted figures do not exist for them (404).
- Submitted figures of every area are visible to anyone with a role (manager, coordinator,
  administrator), with small counts suppressed outside the area that entered them.
- A submitted report may be reopened, with a reason, by an administrator or a coordinator of an
  organisation named for the aftercare of the report's area, and only while its period can still be
  corrected; its manager can then correct and resubmit it.
"""

import rules

from governance.permissions import (
    cached_for,
    coordinated_organisation_ids,
    is_administrator,
    is_area_manager,
    is_board_member,
    is_coordinator,
    manages_area,
)


@rules.predicate
def has_aftercare_role(user) -> bool:
    # Board members read the figures too (issue 12), suppressed as for anyone outside an area.
    return bool(
        is_administrator(user) or is_coordinator(user) or is_area_manager(user) or is_board_member(user)
    )


@rules.predicate
def manages_report_area(user, report) -> bool:
    return report is not None and manages_area(user, report.wellbeing_area)


@rules.predicate
def report_is_submitted(user, report) -> bool:
    return report is not None and report.is_submitted


@rules.predicate
def report_is_open(user, report) -> bool:
    """A draft the manager may still change: its period is open, or it was reopened for correction."""
    return report is not None and not report.is_submitted and report.period.can_be_corrected()


@rules.predicate
def period_can_be_corrected(user, report) -> bool:
    return report is not None and report.period.can_be_corrected()


def aftercare_area_ids(user) -> frozenset[int]:
    """Areas for whose aftercare one of the user's coordinated organisations is named."""
    from aftercare.models import AftercareOrganisation

    return cached_for(
        user,
        aftercare_area_ids,
        # Coordinating nothing asks nothing: an empty ``__in`` makes no query.
        lambda: frozenset(
            AftercareOrganisation.objects.filter(
                organisation_id__in=coordinated_organisation_ids(user)
            ).values_list("wellbeing_area_id", flat=True)
        ),
    )


@rules.predicate
def coordinates_report_area(user, report) -> bool:
    return report is not None and report.wellbeing_area_id in aftercare_area_ids(user)


rules.add_perm("aftercare.view_overview", has_aftercare_role)
# On a wellbeing area: the area page lists submitted reports to every role.
rules.add_perm("aftercare.view_area", has_aftercare_role)
# On a wellbeing area: enter its figures (form, upload, template).
rules.add_perm("aftercare.enter_figures", manages_area)
rules.add_perm(
    "aftercare.view_report",
    is_administrator | manages_report_area | (has_aftercare_role & report_is_submitted),
)
rules.add_perm("aftercare.change_report", manages_report_area & report_is_open)
rules.add_perm("aftercare.submit_report", manages_report_area & report_is_open)
rules.add_perm(
    "aftercare.reopen_report",
    (coordinates_report_area | is_administrator) & report_is_submitted & period_can_be_corrected,
)


def sees_in_full(user, area) -> bool:
    """Whether ``user`` sees ``area``'s small counts unsuppressed: only the area's own manager."""
    return manages_area(user, area)
