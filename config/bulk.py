"""Many rows of one model written in a few statements, keeping what ``PortalModel.save`` keeps:
the audit history with who made the change, optimistic locking (version), timestamps.

Imports write thousands of rows; saving them one by one costs several queries each (the version
bump, the row, the history row). Here the whole set costs a handful of queries per model,
whatever its size. Callers validate first (rows are not ``full_clean``ed here) and call this inside
their transaction: the database's constraints remain the last word.
"""

from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.db.models.fields import AutoFieldMixin
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
        if new and connection.vendor == "postgresql" and isinstance(model._meta.pk, AutoFieldMixin):
            _copy_with_history(model, list(new), user=user, now=now)
        elif new:
            bulk_create_with_history(list(new), model, batch_size=BATCH, default_user=user, default_date=now)


def _lock_versions(model, objs: Sequence) -> None:
    wanted = {obj.pk: obj.version for obj in objs}
    found: dict = {}
    pks = list(wanted)
    for start in range(0, len(pks), BATCH * 10):
        chunk = pks[start : start + BATCH * 10]
        # No ordering: a Meta ordering over a nullable relation (indicators by implementer) joins
        # it, and PostgreSQL locks no row on the nullable side of an outer join.
        rows = model._base_manager.select_for_update().filter(pk__in=chunk).order_by()
        found |= dict(rows.values_list("pk", "version"))
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
        model._base_manager.filter(pk__in=pks[start : start + BATCH * 10])._raw_delete(model._base_manager.db)


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _copy_with_history(model, objs: list, *, user, now) -> None:
    """PostgreSQL: the rows and their "+" history rows through COPY, the fastest way in.

    Primary keys are taken from the table's sequence first, so the objects (and rows pointing at
    them) know their ids as ``bulk_create`` would have told them.
    """
    opts = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [opts.db_table, opts.pk.column, len(objs)],
        )
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk
        fields = opts.local_concrete_fields
        rows = []
        for obj in objs:
            obj._prepare_related_fields_for_save(operation_name="bulk_create")
            rows.append(
                [
                    field.get_db_prep_save(field.pre_save(obj, add=True), connection=connection)
                    for field in fields
                ]
            )
            obj._state.adding, obj._state.db = False, connection.alias
        _copy(cursor.cursor, opts.db_table, [field.column for field in fields], rows)
        history = model.history.model
        tracked = history.tracked_fields
        user_id = getattr(user, "pk", None)
        _copy(
            cursor.cursor,
            history._meta.db_table,
            ["history_date", "history_type", "history_user_id", "history_change_reason"]
            + [field.column for field in tracked],
            ([now, "+", user_id, None] + [getattr(obj, field.attname) for field in tracked] for obj in objs),
        )
