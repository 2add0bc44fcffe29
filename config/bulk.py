"""Many rows of one model written in a few statements, keeping what ``PortalModel.save`` keeps:
the audit history with who made the change, optimistic locking (version), timestamps.

Imports write thousands of rows; saving them one by one costs several queries each (the version
bump, the row, the history row). Here the whole set costs a handful of queries per model,
whatever its size. Callers validate first (rows are not ``full_clean``ed here) and call this inside
their transaction: the database's constraints remain the last word.
"""

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from config.models import ConcurrentEditError

# Large enough to keep statements few, small enough to keep bulk_update's CASE list cheap and
# under PostgreSQL's 65 535 parameters.
BATCH = 1000


def bulk_write(
    model,
    *,
    user,
    new: Sequence = (),
    changed: Sequence = (),
    fields: Iterable[str] = (),
    deleted: Sequence = (),
) -> None:
    """Insert ``new``, update ``fields`` of ``changed`` and delete ``deleted`` instances of ``model``.

    ``changed`` instances carry the version they were read with: if any row was saved by someone
    else since, ``ConcurrentEditError`` is raised and nothing of the caller's transaction stays.
    """
    now = timezone.now()
    with transaction.atomic():
        if changed:
            _lock_versions(model, changed)
            for obj in changed:
                obj.version += 1
                obj.updated_at = now
            bulk_update_with_history(
                list(changed),
                model,
                sorted({*fields, "version", "updated_at"}),
                batch_size=BATCH,
                default_user=user,
                default_date=now,
            )
        if deleted:
            _delete_with_history(model, deleted, user=user, now=now)
        if new:
            bulk_create_with_history(list(new), model, batch_size=BATCH, default_user=user, default_date=now)


def _lock_versions(model, objs: Sequence) -> None:
    wanted = {obj.pk: obj.version for obj in objs}
    found: dict = {}
    pks = list(wanted)
    for start in range(0, len(pks), BATCH * 10):
        chunk = pks[start : start + BATCH * 10]
        found |= dict(
            model._base_manager.select_for_update().filter(pk__in=chunk).values_list("pk", "version")
        )
    if found != wanted:
        raise ConcurrentEditError(ConcurrentEditError.message)


def _delete_with_history(model, objs: Sequence, *, user, now) -> None:
    pks = [obj.pk for obj in objs]
    if any(not rel.many_to_many for rel in model._meta.related_objects):
        # Rows that others point at go through Django's collector (cascades, one history row each
        # from simple-history's signal).
        model._base_manager.filter(pk__in=pks).delete()
        return
    history = model.history.model
    history.objects.bulk_create(
        [
            history(
                history_date=now,
                history_user=user,
                history_type="-",
                **{field.attname: getattr(obj, field.attname) for field in history.tracked_fields},
            )
            for obj in objs
        ],
        batch_size=BATCH,
    )
    # Nothing points at these rows, so a plain DELETE is all the collector would do; its per-row
    # post_delete signals would only write the history rows made above once more.
    for start in range(0, len(pks), BATCH * 10):
        model._base_manager.filter(pk__in=pks[start : start + BATCH * 10])._raw_delete(
            model._base_manager.db
        )
