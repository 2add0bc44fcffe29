from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aftercare.models import ReportingPeriod
from opendata.models import Release


@transaction.atomic
def release_create(*, period: ReportingPeriod, user) -> Release:
    """Publish ``period``'s figures. Only a closed period: an open one may still change."""
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.is_open:
        raise ValidationError(
            _("The period %(period)s is still open: close it before releasing its figures.")
            % {"period": period}
        )
    if Release.objects.filter(period=period).exists():
        raise ValidationError(_("The figures of %(period)s are already released.") % {"period": period})
    release = Release(period=period, released_by=user)
    release.full_clean()
    release.save()
    return release
