"""Every PDF is tagged (PDF/UA) with the reader's language and its title, for screen readers."""

import re
import subprocess
import zlib

import pytest
from django.utils import translation

from config.pdf import render_pdf


def pdfinfo(pdf: bytes, tmp_path) -> dict[str, str]:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    return {
        key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())
    }


def catalogue_language(pdf: bytes) -> str | None:
    """The document language of the PDF's catalogue (kept in a compressed object stream)."""
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            data = zlib.decompress(match.group(1))
        except zlib.error:
            continue
        found = re.search(rb"/Type /Catalog.*?/Lang \((\w+)\)", data, re.S)
        if found:
            return found.group(1).decode()
    return None


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_pdf_is_tagged_with_the_readers_language_and_its_title(tmp_path, language):
    with translation.override(language):
        pdf = render_pdf("pdf/smoke.html", {"title": "Pöytäkirja 2/2020"})
    info = pdfinfo(pdf, tmp_path)
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Pöytäkirja 2/2020"
    assert catalogue_language(pdf) == language
