"""What an import batch stores of a checked file (``ImportBatch.data``): the rows of an importer
that does not stream (``RowStore``, read back by ``stored_rows``), or what an importer that streams
keeps (``KeptChunks``, read back by ``kept_chunks``); both compressed a chunk at a time.
"""

import datetime
import json
import zlib
from collections.abc import Iterator
from decimal import Decimal

from config.imports.importer import MEMO_SIZE, Importer, Row
from config.imports.models import ImportBatch

# Rows per compressed line of a stored batch.
STORE_CHUNK = 1000


class RowStore:
    """Checked rows as an import batch keeps them (``ImportBatch.data``) for an importer that
    does not stream: lines of JSON, each a list of up to ``STORE_CHUNK`` rows ``[number, value,
    …]`` in the order of ``keys``, compressed a chunk at a time. A reshaped file's row adds where
    its cells were, as a last item."""

    def __init__(self, importer: Importer, keys: list[str], where: dict) -> None:
        kinds = {c.key: c.kind for c in importer.columns}
        self.keys, self.where = keys, where
        self._plain = [_PLAIN.get(kinds.get(key, "text")) for key in keys]
        self._compressor = zlib.compressobj(1)
        self._parts: list[bytes] = []
        self._chunk: list[list] = []
        self.count = 0

    def add(self, row: Row) -> None:
        values = row.values
        item = [row.number]
        for key, plain in zip(self.keys, self._plain, strict=True):
            value = values.get(key)
            item.append(value if plain is None or value is None else plain(value))
        if row.where is not self.where:
            item.append(row.where)
        self._chunk.append(item)
        self.count += 1
        if len(self._chunk) >= STORE_CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self._chunk:
            line = json.dumps(self._chunk, separators=(",", ":"), ensure_ascii=False) + "\n"
            self._parts.append(self._compressor.compress(line.encode()))
            self._chunk = []

    def finish(self) -> bytes:
        self._flush()
        self._parts.append(self._compressor.flush())
        data, self._parts = b"".join(self._parts), []
        return data


_PLAIN = {"decimal": str, "date": datetime.date.isoformat}


class KeptChunks:
    """What an importer that streams keeps, compressed a chunk at a time as the file is read: lines
    of JSON, each a list of items (``keep`` returns ``finish()``; confirming gives the lines back
    one at a time to ``write_kept``), so that nothing of the file need be held until it ends."""

    def __init__(self) -> None:
        self._compressor = zlib.compressobj(1)
        self._parts: list[bytes] = []

    def add(self, items: list) -> None:
        if items:
            line = json.dumps(items, separators=(",", ":"), ensure_ascii=False) + "\n"
            self._parts.append(self._compressor.compress(line.encode()))

    def finish(self) -> bytes:
        self._parts.append(self._compressor.flush())
        data, self._parts = b"".join(self._parts), []
        return data


def kept_chunks(data: bytes) -> Iterator[list]:
    """The chunks ``KeptChunks`` stored, one at a time."""
    for line in _lines(data):
        yield json.loads(line)


def stored_rows(importer: Importer, batch: ImportBatch) -> Iterator[Row]:
    """The checked rows of a batch, one at a time (a batch stored before ``data`` existed keeps
    them in ``rows``)."""
    where = {k: tuple(w) for k, w in (batch.preview.get("where") or {}).items()}
    if not batch.data:
        yield from importer.load_rows(batch.rows, where)
        return
    keys = batch.preview["keys"]
    kinds = {c.key: c.kind for c in importer.columns}
    loaders = [_loader(kinds.get(key, "text")) for key in keys]
    width = len(keys) + 1
    for chunk in _lines(bytes(batch.data)):
        for item in json.loads(chunk):
            values = {
                key: value if load is None or value is None else load(value)
                for key, load, value in zip(keys, loaders, item[1:width], strict=True)
            }
            own = {k: tuple(w) for k, w in item[width].items()} if len(item) > width else where
            yield Row(item[0], values, own)


def _loader(kind: str):
    if kind == "date":
        return datetime.date.fromisoformat
    if kind == "decimal":
        memo: dict[str, Decimal] = {}

        def decimal(text: str) -> Decimal:
            value = memo.get(text)
            if value is None:
                value = Decimal(text)
                if len(memo) < MEMO_SIZE:
                    memo[text] = value
            return value

        return decimal
    return None


def _lines(data: bytes) -> Iterator[bytes]:
    decompressor, pending = zlib.decompressobj(), b""
    for start in range(0, len(data), 1 << 16):
        pending += decompressor.decompress(data[start : start + (1 << 16)])
        *lines, pending = pending.split(b"\n")
        yield from lines
    pending += decompressor.flush()
    yield from (line for line in pending.split(b"\n") if line)


def load_batch_rows(importer: Importer, batch: ImportBatch) -> list[Row]:
    return list(stored_rows(importer, batch))
