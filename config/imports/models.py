"""Import batches (a checked file waiting for confirmation, stored server-side) and saved column
mappings. Registered with the ``config`` app through ``config.models``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One uploaded, checked file: who, when, which file (SHA-256), what it would change.

    It is confirmed at most once: ``config.imports.pipeline.confirm`` claims it with a conditional
    UPDATE inside the writing transaction, so concurrent confirms write once.
    """

    class State(models.TextChoices):
        MAPPING = "mapping", _("waiting for the column mapping")
        PREVIEWED = "previewed", _("waiting for confirmation")
        CONFIRMED = "confirmed", _("imported")
        FAILED = "failed", _("refused")

    kind = models.CharField(_("kind"), max_length=40)
    scope = models.CharField(_("scope"), max_length=80, help_text=_("e.g. project:5 or area:3:period:7"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    file_name = models.CharField(_("file"), max_length=255)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PREVIEWED)
    # Raw cells of a file waiting for its mapping; the checked rows of a previewed file are in ``data``.
    rows = models.JSONField(_("checked rows"), default=list)
    data = models.BinaryField(_("checked rows, compressed"), default=bytes, blank=True)
    preview = models.JSONField(_("preview"), default=dict)
    result = models.JSONField(_("result"), default=dict, blank=True)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "scope", "created_by"], name="import_batch_lookup")]

    def __str__(self) -> str:
        return f"{self.kind} {self.scope} {self.file_name} ({self.get_state_display()})"


class MappingProfile(models.Model):
    """How one report (its header signature) from one owner's client system maps to an importer's
    columns and labels, so that the next upload of the same report asks nothing."""

    kind = models.CharField(_("kind"), max_length=40)
    owner = models.CharField(_("owner"), max_length=80, help_text=_("e.g. area:3 or organisation:5"))
    name = models.CharField(_("name"), max_length=120, blank=True)
    headers = models.JSONField(_("headers"), default=dict, help_text=_("normalised header → column"))
    labels = models.JSONField(_("labels"), default=dict, help_text=_("column → normalised label → code"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        constraints = [models.UniqueConstraint(fields=["kind", "owner"], name="mapping_profile_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.owner}"
