"""Bounds of an uploaded import file, checked before and while it is parsed, so no file can exhaust a worker.

An XLSX is a zip of XML parts: its declared sizes are checked before anything is inflated (Python's zipfile
never inflates an entry beyond its declared size), every XML part is refused when it declares a DOCTYPE or
entities, and the worksheet's own `<dimension>` is ignored (a tiny file can declare 20 million rows).
"""
from __future__ import annotations

import time
import zipfile

from flask_babel import gettext as _

from bontang.core import DomainError

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 48 * 1024 * 1024
MAX_PART_BYTES = 32 * 1024 * 1024
MAX_ZIP_ENTRIES = 200
MAX_ROWS = 20_000
MAX_COLUMNS = 30
MAX_CELL_CHARS = 2_000
TIME_LIMIT_SECONDS = 10.0
PROLOG_BYTES = 64 * 1024


def megabytes(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


def check_file_size(data: bytes) -> None:
    """Refuse a file over MAX_FILE_BYTES."""
    if len(data) > MAX_FILE_BYTES:
        raise DomainError(_("Berkas lebih besar dari %(limit)s; pecah menjadi beberapa berkas.",
                            limit=megabytes(MAX_FILE_BYTES)), "file")


def check_xlsx_archive(archive: zipfile.ZipFile) -> None:
    """Refuse a zip whose entries are too many or too large once inflated, or whose XML declares a DTD."""
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise DomainError(_("Berkas XLSX berisi terlalu banyak bagian (lebih dari %(n)d).", n=MAX_ZIP_ENTRIES), "file")
    if sum(e.file_size for e in entries) > MAX_UNCOMPRESSED_BYTES or any(e.file_size > MAX_PART_BYTES for e in entries):
        raise DomainError(_("Isi berkas XLSX setelah dibuka lebih dari %(limit)s; pecah menjadi beberapa berkas.",
                            limit=megabytes(MAX_UNCOMPRESSED_BYTES)), "file")
    for entry in entries:
        if entry.filename.endswith((".xml", ".rels")):
            with archive.open(entry) as part:
                _check_prolog(part.read(PROLOG_BYTES))


def _check_prolog(head: bytes) -> None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00<" in head[:8] or b"<\x00" in head[:8]:
        raise DomainError(_("Berkas XLSX memakai pengodean yang tidak didukung (harus UTF-8)."), "file")
    upper = head.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        raise DomainError(_("Berkas XLSX berisi deklarasi DOCTYPE/ENTITY yang tidak diizinkan."), "file")


class RowBudget:
    """Counts every row read (empty ones too) and the time spent; refuses past MAX_ROWS or TIME_LIMIT_SECONDS."""

    def __init__(self, max_rows: int | None = None, seconds: float | None = None):
        self.max_rows = MAX_ROWS if max_rows is None else max_rows
        self.seconds = TIME_LIMIT_SECONDS if seconds is None else seconds
        self.deadline, self.count = time.monotonic() + self.seconds, 0

    def tick(self) -> None:
        self.count += 1
        if self.count > self.max_rows + 1:  # the header row is not a data row
            raise DomainError(_("Berkas berisi lebih dari %(n)s baris (baris kosong ikut dihitung); pecah menjadi "
                                "beberapa berkas.", n=f"{self.max_rows:,}".replace(",", ".")), "file")
        if self.count % 256 == 0 and time.monotonic() > self.deadline:
            raise DomainError(_("Berkas terlalu lama dibaca (lebih dari %(s)d detik); pecah menjadi beberapa berkas.",
                                s=int(self.seconds)), "file")


def check_row_shape(values: tuple | list, row_number: int) -> None:
    """Refuse a row wider than MAX_COLUMNS."""
    if len(values) > MAX_COLUMNS:
        raise DomainError(_("Baris %(row)d berisi lebih dari %(n)d kolom.", row=row_number, n=MAX_COLUMNS), "file")


def cell_too_long(row_number: int | None = None) -> DomainError:
    limit = f"{MAX_CELL_CHARS:,}".replace(",", ".")
    if row_number is None:
        return DomainError(_("Ada sel yang lebih dari %(n)s karakter.", n=limit), "file")
    return DomainError(_("Sel di baris %(row)d lebih dari %(n)s karakter.", row=row_number, n=limit), "file")


def check_cell(text: str, row_number: int) -> None:
    """Refuse a cell longer than MAX_CELL_CHARS or holding control characters."""
    from bontang.inputs import has_control

    if len(text) > MAX_CELL_CHARS:
        raise cell_too_long(row_number)
    if has_control(text, multiline=True):
        raise DomainError(_("Sel di baris %(row)d berisi karakter kontrol yang tidak diizinkan.", row=row_number),
                          "file")
