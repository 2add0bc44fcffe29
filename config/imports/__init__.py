"""The one import pipeline of the portal (see ``pipeline``, ``importer`` and ``batches``); ``safety``
keeps exports inert."""

from config.imports.reading import MAX_UPLOAD_BYTES, Sheet, UnreadableFile, read_bytes, read_upload
from config.imports.safety import inert, looks_like_formula

__all__ = [
    "MAX_UPLOAD_BYTES",
    "Sheet",
    "UnreadableFile",
    "inert",
    "looks_like_formula",
    "read_bytes",
    "read_upload",
]
