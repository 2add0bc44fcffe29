"""What every domain model of the portal gets: timestamps, an audit history of every change with
who made it, and a version number for optimistic locking."""

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ConcurrentEditError(Exception):
    """Somebody else saved the same record after this copy of it was read."""

    message = _(
        "Someone else saved this record while you were editing it. "
        "Your changes were not saved: reload the page to see the current version and make them again."
    )


class PortalModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    # inherit=True gives every concrete subclass its own Historical<Model> table; the
    # HistoryRequestMiddleware records who made each change.
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    def save(self, **kwargs) -> None:
        """Save, refusing to overwrite a newer version of the row (optimistic locking).

        The version read with the object must still be the one in the database; the conditional
        UPDATE makes the check and the bump one atomic step, so two concurrent saves cannot both pass.
        """
        if self._state.adding or self.pk is None:
            return super().save(**kwargs)
        with transaction.atomic(using=kwargs.get("using")):
            bumped = (
                type(self)
                ._base_manager.filter(pk=self.pk, version=self.version)
                .update(version=F("version") + 1)
            )
            if not bumped:
                raise ConcurrentEditError(ConcurrentEditError.message)
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version", "updated_at"}
            super().save(**kwargs)


def save_values(instance: models.Model, values, *, version: int | None = None):
    """Set ``values`` (model field names → values) on ``instance``, validate it and save it.

    The one way services write a record from values a form (or an import) cleaned: ``version`` is
    the one the person read, so ``PortalModel.save`` refuses a save over someone else's newer one.
    """
    for name, value in values.items():
        setattr(instance, name, value)
    if version is not None:
        instance.version = version
    instance.full_clean()
    instance.save()
    return instance


# The import pipeline's models live beside it; importing them here registers them with ``config``.
from config.imports.models import ImportBatch, MappingProfile  # noqa: E402, F401
