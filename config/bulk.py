"""Many rows of one model written in a few statements, keeping what ``PortalModel.save`` keeps:
the audit history with who made the change, optimistic locking (version), timestamps.

Imports write thousands of rows; saving them one by one costs several queries each (the version
bump, the row, the history row). Here the whole set costs a handful of queries per model,
whatever its size. Callers validate first (rows are not ``full_clean``ed here) and call this inside
their transaction: the database's constraints remain the last word.
"""

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
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
    # The connection itself, not django.db's per-thread proxy: it is asked once per value.
    db = connections[DEFAULT_DB_ALIAS]
    fields = opts.local_concrete_fields
    history = model.history.model
    tracked = history.tracked_fields
    meta_columns = ["history_date", "history_type", "history_user_id", "history_change_reason"]
    # Fields of plain values (numbers, text, dates, foreign keys to integer keys) are written
    # as COPY text straight from their Python values; a model with any other kind of field
    # (JSON, UUID, …) goes through its fields' database preparation and psycopg's adapters.
    texters = [_texter(field) for field in fields]
    plain = all(
        field.get_internal_type() in _PLAIN_FIELDS or texter is _number
        for field, texter in zip(fields, texters, strict=True)
    )
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [opts.db_table, opts.pk.column, len(objs)],
        )
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk
        for obj in objs:
            obj._prepare_related_fields_for_save(operation_name="bulk_create")
        if plain:
            lines = [
                "\t".join(
                    [
                        text(field.get_prep_value(field.pre_save(obj, add=True)))
                        for field, text in zip(fields, texters, strict=True)
                    ]
                )
                for obj in objs
            ]
            _copy_text(cursor.cursor, opts.db_table, [field.column for field in fields], lines)
        else:
            rows = [
                [field.get_db_prep_save(field.pre_save(obj, add=True), connection=db) for field in fields]
                for obj in objs
            ]
            _copy(cursor.cursor, opts.db_table, [field.column for field in fields], rows)
        for obj in objs:
            obj._state.adding, obj._state.db = False, db.alias
        user_id = getattr(user, "pk", None)
        if plain and [f.column for f in tracked] == [f.column for f in fields]:
            head = f"{_text(now)}\t+\t{_text(user_id)}\t\\N\t"
            _copy_text(
                cursor.cursor,
                history._meta.db_table,
                meta_columns + [f.column for f in fields],
                (head + line for line in lines),
            )
        else:
            _copy(
                cursor.cursor,
                history._meta.db_table,
                meta_columns + [field.column for field in tracked],
                (
                    [now, "+", user_id, None] + [getattr(obj, field.attname) for field in tracked]
                    for obj in objs
                ),
            )


def insert_rows(model, fields: Sequence[str], rows: Iterable[Sequence], *, user) -> list:
    """Insert new rows of ``model`` given as tuples of ``fields`` (attnames: ``report_id``), with
    their "+" history rows, without building a model instance each: a national import writes tens
    of thousands. Every other field takes its default (timestamps now, version 1). Returns the new
    primary keys in the order of ``rows``.

    PostgreSQL: COPY in its text format, written here for the plain values imports produce (str,
    int, Decimal, date, datetime, bool, None). Elsewhere: ``bulk_write`` with instances.
    """
    now = timezone.now()
    opts = model._meta
    if connection.vendor != "postgresql" or not isinstance(opts.pk, AutoFieldMixin):
        objs = [model(**dict(zip(fields, row, strict=True))) for row in rows]
        bulk_write(model, user=user, new=objs)
        return [obj.pk for obj in objs]
    given = {name: index for index, name in enumerate(fields)}
    # One line of COPY text per row: a template with every field's default text in place and a
    # slot for the key and each given value, which a converter per field fills in.
    columns, parts, slots = [opts.pk.column], ["%s"], []
    for field in opts.local_concrete_fields:
        if field is opts.pk:
            continue
        columns.append(field.column)
        if field.attname in given:
            parts.append("%s")
            slots.append((given[field.attname], _texter(field)))
        else:
            auto = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            parts.append(_text(now if auto else field.get_default()).replace("%", "%%"))
    template = "\t".join(parts)
    rows = rows if isinstance(rows, list) else list(rows)
    if not rows:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [opts.db_table, opts.pk.column, len(rows)],
        )
        pks = [pk for (pk,) in cursor.fetchall()]
        lines = [
            template % (pk, *[text(row[at]) for at, text in slots]) for pk, row in zip(pks, rows, strict=True)
        ]
        _copy_text(cursor.cursor, opts.db_table, columns, lines)
        history = model.history.model
        tracked = {field.column for field in history.tracked_fields}
        if set(columns) != tracked:  # history keeps exactly the model's own columns
            raise ValueError(f"{history.__name__} does not track the columns of {model.__name__}")
        head = f"{_text(now)}\t+\t{_text(getattr(user, 'pk', None))}\t\\N\t"
        _copy_text(
            cursor.cursor,
            history._meta.db_table,
            ["history_date", "history_type", "history_user_id", "history_change_reason", *columns],
            (head + line for line in lines),
        )
    return pks


_PLAIN_FIELDS = {
    "CharField",
    "TextField",
    "SlugField",
    "EmailField",
    "URLField",
    "DateField",
    "DateTimeField",
    "BooleanField",
}
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _number(value) -> str:
    return "\\N" if value is None else str(value)


def _texter(field):
    """The converter to COPY text for ``field``'s values (``_text`` for any value)."""
    kind = field.get_internal_type()
    if kind in ("DecimalField", "FloatField") or kind.endswith("IntegerField") or kind.endswith("AutoField"):
        return _number
    if kind == "ForeignKey" and field.target_field.get_internal_type().endswith(
        ("IntegerField", "AutoField")
    ):
        return _number
    return _text


def _text(value) -> str:
    """A value as COPY's text format writes it."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, datetime.date):  # datetimes too, with their offset
        return value.isoformat()
    return str(value).translate(_ESCAPES)


def _copy_text(cursor, table: str, columns: list[str], lines: Iterable[str]) -> None:
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
        chunk: list[str] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) >= BATCH:
                copy.write("\n".join(chunk) + "\n")
                chunk = []
        if chunk:
            copy.write("\n".join(chunk) + "\n")
