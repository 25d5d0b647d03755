"""HTML to PDF with WeasyPrint, through a URL fetcher that serves only the app's static files.

Templates for PDFs are rendered from plain data (dicts, dataclasses), never ORM objects, and
reference their assets as `static:css/pdf.css` or `/static/...`; anything else (http, file, data
URLs to other places) is refused, so user text that sneaks a URL into the HTML fetches nothing.
"""
from __future__ import annotations

import mimetypes

from flask import current_app
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from bontang.config import ROOT

STATIC = (ROOT / "static").resolve()
# Relative URLs in PDF templates resolve against this base, which the fetcher maps to static/.
BASE_URL = "file:///static/"
# Archives expect PDF/A; WeasyPrint writes the XMP identification, the output intent and embeds fonts.
PDF_VARIANT = "pdf/a-3b"
PT = 0.75


class StaticOnlyFetcher(URLFetcher):
    """Serves files under static/ and data: URLs that the app embeds; refuses everything else."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        for prefix in (BASE_URL, "static:", "/static/"):
            if url.startswith(prefix):
                return _static_file(url, url[len(prefix):])
        if url.startswith("data:"):
            return super().fetch(url, headers)
        raise ValueError(f"refused URL in PDF: {url[:80]}")


def _static_file(url: str, relative: str) -> URLFetcherResponse:
    path = (STATIC / relative.split("?")[0].lstrip("/")).resolve()
    if not path.is_relative_to(STATIC) or not path.is_file():
        raise ValueError(f"no such static file: {relative[:80]}")
    mime, _ = mimetypes.guess_type(path.name)
    return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime or "application/octet-stream"})


def _document(html: str):
    fetcher = StaticOnlyFetcher(timeout=5, allowed_protocols={"file", "data"})
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()


def render_pdf(html: str) -> bytes:
    """Render an HTML string to PDF/A-3b bytes (XMP pdfaid, sRGB output intent, embedded fonts)."""
    return _document(html).write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf_with_box(html: str, anchor: str, fallback_px: tuple[float, float]) -> tuple[bytes, int, tuple]:
    """Render to PDF/A-3b and locate the element with id `anchor`: (pdf, page index, box in PDF points).

    The box is the element's border box in PDF user space (origin at the bottom left, 1 CSS px =
    0.75 pt); without such an element, a `fallback_px` box sits in the last page's bottom-left margin.
    """
    document = _document(html)
    found = next((i for i, page in enumerate(document.pages) if anchor in page.anchors), None)
    if found is not None:
        index, page = found, document.pages[found]
        x1, y1, x2, y2 = page.anchors[anchor]
    else:
        index, page = len(document.pages) - 1, document.pages[-1]
        x1, y2 = 40, page.height - 20
        x2, y1 = x1 + fallback_px[0], y2 - fallback_px[1]
    height = page.height
    box = (round(x1 * PT), round((height - y2) * PT), round(x2 * PT), round((height - y1) * PT))
    return document.write_pdf(pdf_variant=PDF_VARIANT), index, box


def render_template_pdf(template: str, **context) -> bytes:
    """Render a Jinja template (given plain data) to PDF bytes."""
    html = current_app.jinja_env.get_template(template).render(**context)
    return render_pdf(html)
