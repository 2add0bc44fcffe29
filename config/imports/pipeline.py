"""The one import pipeline: read → find the table → map → validate → preview stored as an
``ImportBatch`` → write all or nothing (with history) → result.

An app describes its import as an ``Importer`` subclass: its columns (with synonyms in Finnish,
Swedish and English), its checks (permissions included) and how it plans and writes the rows
(``config.imports.importer``). The pipeline does everything else the same way for every import;
what a batch stores of the checked file is ``config.imports.batches``.
"""

import contextlib
import gc
import hashlib
import json
import zlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.imports.batches import RowStore, kept_chunks, stored_rows
from config.imports.importer import PREVIEW_CHANGES, Importer, Problem, Table
from config.imports.models import ImportBatch, MappingProfile
from config.imports.reading import Sheet, UnreadableFile, read_bytes
from config.imports.values import norm
from config.models import ConcurrentEditError


@dataclass
class Staged:
    batch: ImportBatch | None = None
    needs_mapping: bool = False
    # What the mapping page asks: the unknown headers, or else the unknown labels (one question per
    # column and label, with the values it may mean: [key, text, letter, header, row, choices]).
    labels: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    table: Table | None = None
    sheet: Sheet | None = None


class AlreadyConfirmed(Exception):
    pass


@contextlib.contextmanager
def _bulk_allocation():
    """Without the cyclic garbage collector for the length of one import. A national file makes
    hundreds of thousands of short-lived rows, values and figures, none of them in a cycle, and
    each full collection on the way walks every object of the process again (a third of the
    time of a 100 000-row import). Reference counting still frees them as they go."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def chunk_done() -> None:
    """After a chunk of an import: free its objects that are in reference cycles (model instances
    with prefetched relations point back at each other), which with the cyclic collector off
    (``_bulk_allocation``) would stay until the import ends: hundreds of MB for a national file
    of existing reports. A collection of the two young generations walks only the objects made
    since the last one, not the whole process."""
    gc.collect(1)


def check_file(importer: Importer, name: str, content: bytes, *, mapping=None) -> Staged:
    """Steps 1–5 without storing anything."""
    try:
        sheet = read_bytes(name, content, lazy=True)
    except UnreadableFile as error:
        return Staged(problems=[Problem(str(error))])
    return check_sheet(importer, sheet, mapping=mapping)


def check_sheet(importer: Importer, sheet: Sheet, *, mapping=None, labels=None) -> Staged:
    staged = Staged(sheet=sheet)
    importer.pending_labels = labels or {}
    try:
        sheet = importer.reshape(sheet)
        table, problems = importer.find_table(sheet, mapping=mapping)
    except UnreadableFile as error:
        staged.problems = [Problem(str(error))]
        return staged
    staged.table = table
    if not problems and importer.streams:
        # One pass: read, convert and validate each row as the file is read.
        problems = []
        found = importer.validate_stream(importer.iter_rows(sheet, table, problems))
        problems = problems or found  # a value that did not convert makes other checks moot
    elif not problems:
        problems = importer.read_rows(sheet, table)
        if not problems:
            problems = importer.validate(table.rows)
        elif importer.offers_mapping and all(p.label for p in problems):
            # Ask every unknown label at once: check the rows too, except for what a row whose
            # label is unknown lacks because of it.
            asked = {p.row for p in problems}
            problems += [p for p in importer.validate(table.rows) if p.label or p.row not in asked]
    if sheet.origins and table.header_row and sheet.origins[table.header_row - 1]:
        table.header_row = sheet.origins[table.header_row - 1][0]  # the file's own header row
    staged.problems = problems
    # Only unknown labels: the user may say what each means. Else unknown headers and known columns
    # missing: the user may say which column is which.
    if importer.offers_mapping and problems and all(p.label for p in problems):
        staged.labels = _label_questions(importer, problems)
    staged.needs_mapping = bool(
        importer.offers_mapping
        and problems
        and (
            staged.labels
            or table.header_row
            and table.unknown
            and any(c.key not in table.columns for c in importer.columns)
        )
    )
    if staged.needs_mapping or problems:
        return staged
    staged.warnings = sheet.notes + table.warnings + (importer.warnings(table.rows) if not problems else [])
    return staged


def _label_questions(importer: Importer, problems: list[Problem]) -> list:
    questions, seen, choices = [], set(), {}
    for problem in sorted(problems, key=lambda p: (p.row or 0, len(p.column), p.column)):
        key, text = problem.label
        if (key, norm(text)) in seen:
            continue
        seen.add((key, norm(text)))
        if key not in choices:
            choices[key] = [[code, str(name)] for code, name in importer.label_choices(key)]
        if not choices[key]:
            return []  # nothing to choose from: the file must be corrected
        questions.append([key, text, problem.column, problem.header, problem.row, choices[key]])
    return questions


def _plain(value):
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def stage(importer: Importer, upload, *, mapping=None, options: dict | None = None) -> Staged:
    """Check an upload and, if it is clean, store its preview as an import batch. A file whose
    headers are unknown is stored for the mapping page (state MAPPING) instead."""
    from config.imports.reading import MAX_UPLOAD_BYTES

    content = upload.read(MAX_UPLOAD_BYTES + 1)
    with _bulk_allocation():
        return _stage(importer, upload.name, content, mapping=mapping, options=options)


def _stage(importer: Importer, name: str, content: bytes, *, mapping, options) -> Staged:
    staged = check_file(importer, name, content, mapping=mapping)
    base = {
        "kind": importer.kind,
        "scope": importer.scope,
        "created_by": importer.user,
        "file_name": name[:255],
        "file_sha256": hashlib.sha256(content).hexdigest(),
        "encoding": staged.sheet.encoding if staged.sheet else "",
        "options": options or {},
    }
    if staged.needs_mapping:
        try:
            cells = [[_plain(c) for c in row] for row in staged.sheet.rows]
        except UnreadableFile as error:
            staged.problems, staged.needs_mapping = [Problem(str(error))], False
            return staged
        staged.batch = ImportBatch.objects.create(
            **base,
            state=ImportBatch.State.MAPPING,
            rows=cells,
            preview=_questions(staged),
        )
        return staged
    if staged.problems:
        return staged
    staged.batch = ImportBatch(**base)
    _store_preview(importer, staged)
    return staged


def _store_preview(importer: Importer, staged: Staged) -> None:
    plan = importer.plan(staged.table.rows)
    batch = staged.batch
    batch.state = ImportBatch.State.PREVIEWED
    store = RowStore(importer, list(staged.table.columns), staged.table.where)
    kept = None
    if importer.streams:
        kept = importer.keep()
        if isinstance(kept, bytes):
            batch.data, kept = kept, "chunks"
        else:
            batch.data, kept = zlib.compress(json.dumps(kept, separators=(",", ":")).encode(), 1), True
    else:
        for row in staged.table.rows:
            store.add(row)
        batch.data = store.finish()
    batch.rows = []
    batch.preview = {
        "counts": plan.counts(),
        # Rows to be deleted first: a long file must not push them out of sight.
        "changes": [
            {"action": c.action, "label": c.label, "fields": c.fields, "row": c.row}
            for c in sorted(plan.changes, key=lambda c: c.action != "deleted")
            if c.action != "unchanged"
        ][:PREVIEW_CHANGES],
        "warnings": staged.warnings,
        "header_row": staged.table.header_row,
        "unknown": staged.table.unknown,
        "where": store.where,
        "keys": store.keys,
        "kept": kept or False,
    }
    batch.save()


def _questions(staged: Staged, mapping=None, labels=None) -> dict:
    """A batch's preview while it waits on the mapping page: what to ask, and what was answered."""
    table = staged.table
    return {
        "header_row": table.header_row,
        "unknown": [] if staged.labels else table.unknown,
        "labels": staged.labels,
        "mapping": mapping or {},
        "label_mapping": labels or {},
    }


def mapping_choices(importer: Importer) -> list[tuple[str, str]]:
    return [(c.key, str(c.label)) for c in importer.columns]


def mapping_context(importer: Importer, batch: ImportBatch) -> dict:
    """What the mapping page shows of a waiting batch: its questions and the file's first rows
    (numbered as in the file)."""
    first = batch.preview["header_row"] or 1
    labels = batch.preview.get("labels", [])
    # The header row, the first rows below it and the rows of the labels asked about.
    numbers = sorted({*range(first, first + 6), *(q[4] for q in labels[:10] if q[4])})
    return {
        "mapping_batch": batch,
        "unknown": batch.preview.get("unknown", []),
        "labels": labels,
        "choices": mapping_choices(importer),
        "sample": [(n, batch.rows[n - 1], n == first) for n in numbers if 0 < n <= len(batch.rows)],
    }


def mapping_answers(data) -> tuple[dict[str, str], dict[int, str]]:
    """The mapping page's answers in a POST: column letter → column key, question → label code."""
    columns = {key[4:]: value for key, value in data.items() if key.startswith("map-") and value}
    labels = {
        int(key[6:]): value
        for key, value in data.items()
        if key.startswith("label-") and key[6:].isdigit() and len(key) < 12 and value
    }
    return columns, labels


def apply_mapping(
    importer: Importer,
    batch: ImportBatch,
    chosen: dict[str, str],
    *,
    save: bool,
    chosen_labels: dict[int, str] | None = None,
) -> Staged:
    """Check a stored file again with the user's answers: column choices (letter → column key) and
    label choices (question number → code). If the file still asks something (labels, once the
    columns are known), the batch keeps waiting with the new questions; else its preview is stored,
    and with ``save`` the answers become the owner's profile."""
    keys = {c.key for c in importer.columns}
    headers = dict(batch.preview.get("unknown", []))
    mapping = dict(batch.preview.get("mapping", {}))
    mapping |= {
        norm(headers[letter]): key for letter, key in chosen.items() if letter in headers and key in keys
    }
    labels = {key: dict(found) for key, found in batch.preview.get("label_mapping", {}).items()}
    for number, code in (chosen_labels or {}).items():
        questions = batch.preview.get("labels", [])
        if not 0 <= number < len(questions):
            continue
        key, text, *_where, choices = questions[number]
        if code in {c[0] for c in choices}:
            labels.setdefault(key, {})[norm(text)] = code
    sheet = Sheet(rows=batch.rows, format="", encoding=batch.encoding)
    staged = check_sheet(importer, sheet, mapping=mapping, labels=labels)
    staged.batch = batch
    if staged.needs_mapping and staged.labels:
        batch.preview = _questions(staged, mapping, labels)
        batch.save(update_fields=["preview"])
    if staged.problems:
        return staged
    if save and importer.profile_owner and (mapping or labels):
        profile, _created = MappingProfile.objects.get_or_create(
            kind=importer.kind, owner=importer.profile_owner, defaults={"created_by": importer.user}
        )
        profile.headers = {**profile.headers, **mapping}
        profile.labels = {
            key: {**profile.labels.get(key, {}), **labels.get(key, {})}
            for key in profile.labels.keys() | labels.keys()
        }
        profile.save()
    _store_preview(importer, staged)
    return staged


def batch_for(importer: Importer, pk, *, state=ImportBatch.State.PREVIEWED) -> ImportBatch | None:
    """The user's own batch for this import and scope, or None (also for a forged id)."""
    if not str(pk).isdigit() or int(pk) > 2**62:
        return None
    return ImportBatch.objects.filter(
        pk=pk,
        kind=importer.kind,
        scope=importer.scope,
        created_by=importer.user,
        # A confirmed batch is found to say so; one waiting for its mapping is never confirmed.
        state__in=[state, ImportBatch.State.CONFIRMED] if state == ImportBatch.State.PREVIEWED else [state],
    ).first()


def confirm(importer: Importer, batch: ImportBatch) -> tuple[dict, list[Problem]]:
    """Write the batch all or nothing, at most once. (counts, problems); problems mean nothing was
    written. Permissions and data are checked again against the database as it is now."""
    try:
        with _bulk_allocation(), transaction.atomic():
            claimed = ImportBatch.objects.filter(pk=batch.pk, state=ImportBatch.State.PREVIEWED).update(
                state=ImportBatch.State.CONFIRMED, confirmed_at=timezone.now()
            )
            if not claimed:
                raise AlreadyConfirmed
            kept = batch.preview.get("kept")
            if kept:
                # Kept in chunks: each is checked and may be written as it comes, in this one
                # transaction (a problem in a late chunk rolls back the earlier ones). A batch kept
                # whole (before chunks) is one chunk.
                data = bytes(batch.data)
                chunks = kept_chunks(data) if kept == "chunks" else iter([json.loads(zlib.decompress(data))])
                counts, problems = importer.write_kept(chunks)
            else:
                rows = list(stored_rows(importer, batch))
                problems = importer.validate(rows)
                if not problems:
                    plan = importer.plan(rows)
                    importer.write(plan)
                    counts = plan.counts()
            if problems:
                transaction.set_rollback(True)
                return {}, problems
            ImportBatch.objects.filter(pk=batch.pk).update(result=counts)
    except DatabaseError:
        # The checks above should leave the database nothing to refuse; if it still does, say so in
        # the user's language instead of PostgreSQL's.
        row = getattr(importer, "current_row", None)
        return {}, [Problem(_("the database refused this row; nothing was saved."), row)]
    except ValidationError as error:
        row = getattr(importer, "current_row", None)
        return {}, [Problem(message, row) for message in error.messages]
    except ConcurrentEditError as error:
        return {}, [Problem(str(error))]
    batch.refresh_from_db(fields=["state", "confirmed_at", "result"])
    return counts, []
