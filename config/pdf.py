"""The one way the portal makes PDFs: a Django template rendered by WeasyPrint.

WeasyPrint is given a deny-by-default URL fetcher: the only thing it may load is a file of the
portal's own static files. No file:// paths, no http(s), no data: URLs, nothing named in user text.
"""

import functools
import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A made-up origin: relative URLs in PDF templates resolve against it, and the fetcher recognises it.
PDF_BASE_URL = "https://portal.pdf.invalid/"


class StaticOnlyFetcher(URLFetcher):
    """Serves the portal's static files to WeasyPrint and refuses every other URL."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self._static_path(url)
        if path is None:
            raise ValueError(f"PDF rendering may only load the portal's static files, not {url[:80]!r}")
        absolute = finders.find(path)
        if absolute is None and settings.STATIC_ROOT:
            candidate = settings.STATIC_ROOT / path
            absolute = str(candidate) if candidate.is_file() else None
        if absolute is None:
            raise ValueError(f"No such static file: {path}")
        with open(absolute, "rb") as handle:
            body = handle.read()
        mime_type = mimetypes.guess_type(absolute)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": mime_type})

    @staticmethod
    def _static_path(url: str) -> str | None:
        parts = urlsplit(url)
        prefix = urlsplit(PDF_BASE_URL)
        if (parts.scheme, parts.netloc) != (prefix.scheme, prefix.netloc):
            return None
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        if not parts.path.startswith(static_prefix):
            return None
        path = posixpath.normpath(unquote(parts.path[len(static_prefix) :]))
        if path.startswith(("..", "/")) or "\\" in path:
            return None
        return path


@functools.cache
def static_fetcher() -> StaticOnlyFetcher:
    """One fetcher per process: building one sets up urllib's handlers, among them an HTTPS context
    that loads the system's certificates (about 70 ms, a tenth of a meeting PDF), which this
    fetcher never uses. It keeps no state between fetches, so sharing it is safe."""
    return StaticOnlyFetcher()


def render_pdf(template_name: str, context: dict, *, request: HttpRequest | None = None) -> bytes:
    """Render a template extending ``pdf/base.html`` to PDF bytes."""
    context = {
        "exported_by": request.user.get_full_name() or request.user.get_username()
        if request and request.user.is_authenticated
        else "",
        "exported_at": timezone.localtime(),
        **context,
    }
    html = render_to_string(template_name, context, request=request)
    # PDF/UA: tagged structure, the document's language (from <html lang>) and title (<title>), so
    # screen readers read the reports as they read the pages.
    return HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=static_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1"
    )


def pdf_response(
    template_name: str, context: dict, *, request: HttpRequest, filename: str, inline: bool = False
) -> HttpResponse:
    """A PDF download (or inline view) of ``template_name``."""
    response = HttpResponse(
        render_pdf(template_name, context, request=request), content_type="application/pdf"
    )
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{slugify(filename) or "report"}.pdf"'
    return response
