"""Coordinators own their organisation's part of a project plan (its implementer: basic data, work
packages, staff). When someone from another organisation (e.g. the main implementer) changes it,
the owners hear of it: once a day per part and editor, however many saves."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Affiliation
from notices.models import Kind
from notices.services import notify
from projects.models import Implementer

# The parts of an implementer's plan that its organisation's coordinators own.
PARTS = {"basic": _("basic data"), "work_packages": _("work packages"), "staff": _("staff resources")}


def notify_implementer_changed(*, implementer: Implementer, editor, part) -> int:
    """``part`` is a key of ``PARTS``: what changed."""
    owners = [
        a.user
        for a in Affiliation.objects.filter(
            organisation_id=implementer.organisation_id, is_coordinator=True
        ).select_related("user")
    ]
    if editor is None or editor in owners:
        return 0
    return len(
        notify(
            kind=Kind.PLAN_CHANGED,
            recipients=owners,
            title=_("%(editor)s changed the plan: %(part)s – %(organisation)s, %(project)s"),
            params={
                "editor": editor.get_full_name() or editor.get_username(),
                "part": PARTS[part],
                "organisation": implementer.organisation,
                "project": implementer.project,
            },
            url=reverse("projects:plan", args=[implementer.project_id]),
            key=(
                f"plan_changed:implementer:{implementer.pk}:{part}:editor:{editor.pk}:"
                f"{timezone.localdate().isoformat()}"
            ),
        )
    )
