"""Reading uploaded CSV/XLSX files into rows of text, with the checks every import shares.

Cells are read as plain text: a cell holding a formula (=, +, -, @) is kept as its text and is
never evaluated; exports neutralise such text again (bontang.exports.safe_cell).
"""
from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime

from defusedxml import DefusedXmlException
from flask_babel import gettext as _
from openpyxl.utils.exceptions import InvalidFileException

from bontang.core import DomainError
from bontang.training import import_limits as limits

XLSX_MAGIC = b"PK\x03\x04"
# Errors a malformed file may raise from the zip, XML or cell-value parsers; all become one message.
PARSE_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, InvalidFileException, KeyError, ValueError, TypeError,
                IndexError, AttributeError, OverflowError, EOFError, OSError, SyntaxError, NotImplementedError,
                RuntimeError, csv.Error, DefusedXmlException)


def _header_key(value) -> str:
    return str(value or "").strip().lstrip("\ufeff").lower().replace(" ", "_")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DomainError(_("Berkas bukan teks UTF-8. Simpan ulang dari Excel sebagai \"CSV UTF-8\"."), "file") from error
    if "\x00" in text:
        raise DomainError(_("Berkas ini bukan CSV yang valid."), "file")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook

    archive = zipfile.ZipFile(io.BytesIO(data))
    limits.check_xlsx_archive(archive)
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    return _sheet_rows(workbook, workbook.worksheets[0])


def _sheet_rows(workbook, sheet):
    """Rows as lists of values, straight from the sheet's XML (openpyxl's read-only parser, pinned version).

    The file's own <dimension> is ignored (it may claim millions of rows and columns); rows missing between
    two numbered rows are yielded as empty rows, so they count against the row limit; a row is as wide as
    its last cell holding a value.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    with sheet._get_source() as source:
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=False, epoch=workbook.epoch,
                                 date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats)
        expected = 1
        for index, cells in parser.parse():
            while expected < index:
                expected += 1
                yield []
            expected = index + 1
            width = max((c["column"] for c in cells if c["value"] is not None), default=0)
            values = [None] * min(width, limits.MAX_COLUMNS + 1)
            for cell in cells:
                if cell["value"] is not None and cell["column"] <= len(values):
                    values[cell["column"] - 1] = cell["value"]
            yield values


def read_table(filename: str, data: bytes, columns: tuple[str, ...], required: tuple[str, ...]) -> list[dict]:
    """Rows as dicts of text keyed by column; refuses empty, oversized, malformed or wrongly shaped files."""
    if not data or not data.strip():
        raise DomainError(_("Berkas kosong."), "file")
    limits.check_file_size(data)
    is_xlsx = data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx")
    try:
        return _read_rows(_xlsx_rows(data) if is_xlsx else _csv_rows(data), columns, required)
    except DomainError:
        raise
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise limits.cell_too_long() from error
        raise DomainError(_("Berkas ini bukan CSV yang valid."), "file") from error
    except PARSE_ERRORS as error:
        message = _("Berkas XLSX tidak dapat dibaca.") if is_xlsx else _("Berkas ini bukan CSV yang valid.")
        raise DomainError(message, "file") from error


def _read_rows(rows, columns: tuple[str, ...], required: tuple[str, ...]) -> list[dict]:
    budget = limits.RowBudget()
    budget.tick()
    first = next(rows, None) or []
    limits.check_row_shape(first, 1)
    header = [_header_key(h) for h in first]
    for h in header:
        limits.check_cell(h, 1)
    while header and header[-1] == "":
        header.pop()
    _check_header(header, columns, required)
    table = []
    for number, values in enumerate(rows, start=2):
        budget.tick()
        limits.check_row_shape(values, number)
        texts = [_cell_text(v) for v in values[:limits.MAX_COLUMNS]]
        for text in texts:
            limits.check_cell(text, number)
        if any(texts):
            table.append({name: (texts[i] if i < len(texts) else "") for i, name in enumerate(header)})
    if not table:
        raise DomainError(_("Berkas tidak berisi baris data di bawah judul kolom."), "file")
    return table


def _check_header(header: list[str], columns: tuple[str, ...], required: tuple[str, ...]) -> None:
    if not header or not any(header):
        raise DomainError(_("Berkas kosong."), "file")
    missing = [c for c in required if c not in header]
    unknown = [h for h in header if h not in columns]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("kolom wajib tidak ada: %(cols)s", cols=", ".join(missing)))
        if unknown:
            parts.append(_("kolom tidak dikenal: %(cols)s", cols=", ".join(h or "(kosong)" for h in unknown)))
        raise DomainError(_("Susunan kolom salah (%(detail)s). Kolom yang diharapkan: %(cols)s.",
                            detail="; ".join(parts), cols=", ".join(columns)), "file")
    if len(set(header)) != len(header):
        raise DomainError(_("Ada judul kolom yang ganda."), "file")


def parse_date(text: str) -> date | None:
    """ISO (2025-04-15) or Indonesian (15/04/2025, 15-04-2025) dates; None when unreadable."""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None
