from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aftercare.models import ReportingPeriod
from config.models import PortalModel


class Release(PortalModel):
    """An administrator's decision to publish a closed period's figures as open data. Nothing of a
    period is published without one."""

    period = models.OneToOneField(
        ReportingPeriod, on_delete=models.PROTECT, related_name="open_data_release", verbose_name=_("period")
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("released by")
    )

    class Meta:
        ordering = ["-period__start"]
        verbose_name = _("open-data release")
        verbose_name_plural = _("open-data releases")

    def __str__(self) -> str:
        return str(self.period)
