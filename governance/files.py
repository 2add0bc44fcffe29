"""Attachment files: the type is read from the content, never from the name or the browser's word."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_SIZE = 20 * 1024 * 1024

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", DOCX: "docx", XLSX: "xlsx", ODT: "odt"}


def sniff(upload) -> str | None:
    """The content type of ``upload`` judged by its bytes, or None if it is none of the accepted ones."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                    return ODT
                if "[Content_Types].xml" in names and "word/document.xml" in names:
                    return DOCX
                if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                    return XLSX
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
    return None


def validate_upload(upload) -> str:
    """The sniffed content type of an accepted upload; ValidationError for anything else."""
    if upload.size > MAX_SIZE:
        raise ValidationError(_("The file is larger than 20 MB."), code="size")
    content_type = sniff(upload)
    if content_type is None:
        raise ValidationError(
            _("Attach a PDF, DOCX, XLSX, ODT, PNG or JPEG file (judged by its content, not its name)."),
            code="type",
        )
    return content_type
