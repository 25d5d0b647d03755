"""MoU text: Markdown or HTML source with {{ placeholders }}, sanitised, then filled with escaped values."""
from __future__ import annotations

import hashlib
import html
import re
from datetime import date

import markdown
import nh3
from flask import current_app
from babel.dates import format_date
from flask_babel import lazy_gettext as _l

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
# Tags the agreement text may use: no images, links or anything that fetches or runs.
ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ol", "ul", "li", "h1", "h2", "h3", "h4", "table", "thead",
                "tbody", "tr", "th", "td", "blockquote", "hr", "span", "div", "sup", "sub", "small"}

PLACEHOLDERS = {
    "nama_perusahaan": _l("Nama perusahaan"),
    "alamat_perusahaan": _l("Alamat perusahaan"),
    "nama_wakil": _l("Nama wakil perusahaan"),
    "jabatan_wakil": _l("Jabatan wakil perusahaan"),
    "nomor_surat": _l("Nomor surat perjanjian"),
    "tanggal": _l("Tanggal (bahasa Indonesia)"),
    "kota": _l("Nama kota"),
    "nama_wali_kota": _l("Nama Wali Kota"),
    "nama_wakil_wali_kota": _l("Nama Wakil Wali Kota"),
    "nama_kepala_dinas": _l("Nama Kepala Dinas Ketenagakerjaan"),
}


def unknown_placeholders(source: str) -> list[str]:
    """Placeholder names in `source` that the app does not know, in order of appearance."""
    seen = []
    for name in PLACEHOLDER.findall(source):
        if name not in PLACEHOLDERS and name not in seen:
            seen.append(name)
    return seen


def sanitise(source: str) -> str:
    """Markdown (or HTML) to safe HTML: scripts, handlers, styles, links and images are removed."""
    rendered = markdown.markdown(source, extensions=["tables", "sane_lists"])
    return nh3.clean(rendered, tags=ALLOWED_TAGS, attributes={"td": {"colspan"}, "th": {"colspan", "scope"}},
                     link_rel=None, strip_comments=True)


def fill(source: str, values: dict[str, str]) -> str:
    """Sanitised HTML of the source with each placeholder replaced by its HTML-escaped value."""
    safe = sanitise(source)
    return PLACEHOLDER.sub(lambda m: html.escape(values.get(m.group(1), ""), quote=True), safe)


def indonesian_date(value: date) -> str:
    """A date written out in Indonesian, e.g. 15 April 2025."""
    return format_date(value, "d MMMM yyyy", locale="id")


def placeholder_values(company, representative, number: str, on: date) -> dict[str, str]:
    """The values of every placeholder for one company's agreement."""
    cfg = current_app.config
    return {
        "nama_perusahaan": company.name,
        "alamat_perusahaan": ", ".join(p for p in (company.address, company.kelurahan) if p),
        "nama_wakil": getattr(representative, "name", "") or "",
        "jabatan_wakil": getattr(representative, "position", "") or "",
        "nomor_surat": number,
        "tanggal": indonesian_date(on),
        "kota": cfg["CITY_NAME"],
        "nama_wali_kota": cfg["MAYOR_NAME"],
        "nama_wakil_wali_kota": cfg["VICE_MAYOR_NAME"],
        "nama_kepala_dinas": cfg["HEAD_OF_OFFICE_NAME"],
    }


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
