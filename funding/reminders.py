"""Scheduled reminders of funding (run by ``manage.py send_reminders``): a payment claim whose
period has ended and that is not yet submitted is due; its implementer's coordinators hear of it."""

from datetime import date

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from funding.models import PaymentClaim
from governance.models import Affiliation
from notices.models import Kind
from notices.reminders import register
from notices.services import notify


@register("funding.payment_claims")
def remind_payment_claims(today: date) -> int:
    made = 0
    claims = PaymentClaim.objects.filter(submitted_on__isnull=True, period_end__lt=today).select_related(
        "implementer__organisation", "implementer__project"
    )
    for claim in claims:
        implementer = claim.implementer
        coordinators = [
            a.user
            for a in Affiliation.objects.filter(
                organisation_id=implementer.organisation_id, is_coordinator=True
            ).select_related("user")
        ]
        made += len(
            notify(
                kind=Kind.CLAIM_DUE,
                recipients=coordinators,
                title=_("Payment claim due: %(project)s, %(organisation)s, period %(start)s–%(end)s"),
                params={
                    "project": implementer.project,
                    "organisation": implementer.organisation,
                    "start": lambda claim=claim: date_format(claim.period_start, "SHORT_DATE_FORMAT"),
                    "end": lambda claim=claim: date_format(claim.period_end, "SHORT_DATE_FORMAT"),
                },
                url=reverse("projects:detail", args=[implementer.project_id]),
                key=f"claim_due:claim:{claim.pk}",
            )
        )
    return made
