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


def render_pdf(html: str) -> bytes:
    """Render an HTML string to PDF bytes with the sandboxed fetcher."""
    fetcher = StaticOnlyFetcher(timeout=5, allowed_protocols={"file", "data"})
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()


def render_template_pdf(template: str, **context) -> bytes:
    """Render a Jinja template (given plain data) to PDF bytes."""
    html = current_app.jinja_env.get_template(template).render(**context)
    return render_pdf(html)
