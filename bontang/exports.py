"""Table exports as CSV and XLSX, with spreadsheet formula injection neutralised.

A cell whose text starts with =, +, -, @, a tab or a carriage return would be run as a formula by
spreadsheet programs; such text is prefixed with an apostrophe. Numbers stay numbers.
The writers take a binary file object and any iterable of rows, and keep memory flat (CSV row by
row, XLSX through openpyxl's write-only mode), so a task can write a big export to a file too.
"""
from __future__ import annotations

import csv
import io
import itertools
import tempfile
from datetime import date, datetime
from typing import BinaryIO, Iterable, Sequence

from flask import Response, request
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from werkzeug.wsgi import wrap_file

from bontang.core import DomainError

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """Neutralise text that a spreadsheet would treat as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, (int, float, date, datetime)):
        return value
    text = str(value)
    if text.startswith(DANGEROUS_PREFIXES):
        return "'" + text
    return text


XLSX_MAX_ROWS = 1_048_575  # a worksheet's rows after the header row
WIDTH_SAMPLE = 200  # rows that decide the column widths (a write-only sheet fixes them before the rows)


def write_csv(out: BinaryIO, headers: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Write CSV in UTF-8 with a BOM (so Excel reads Indonesian text correctly) to a binary file; returns the rows.

    Rows are written as they come, so memory stays flat whatever their number.
    """
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    text.write("\ufeff")
    writer = csv.writer(text)
    writer.writerow([safe_cell(h) for h in headers])
    count = 0
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
        count += 1
    text.flush()
    text.detach()
    return count


def write_xlsx(out: BinaryIO, headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Data") -> int:
    """Write a one-sheet XLSX workbook (bold header row, frozen, columns sized on the first rows) to a binary file.

    openpyxl's write-only mode streams the rows to a temporary file, so memory stays flat. A table
    longer than a worksheet holds is refused (DomainError) rather than cut short.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    iterator = iter(rows)
    sample = [[safe_cell(v) for v in row] for row in itertools.islice(iterator, WIDTH_SAMPLE)]
    widths = [len(str(h)) for h in headers]
    for values in sample:
        widths = [max(w, min(len(str(v)), 60)) for w, v in zip(widths, values)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_bold_cell(sheet, h, bold) for h in headers])
    count = 0
    for values in itertools.chain(sample, ([safe_cell(v) for v in row] for row in iterator)):
        count += 1
        if count > XLSX_MAX_ROWS:
            sheet.close()  # end the sheet's streamed XML cleanly before giving up
            raise DomainError(_("Tabel terlalu panjang untuk satu lembar XLSX (lebih dari %(n)s baris); unduh CSV.",
                                n=f"{XLSX_MAX_ROWS:,}".replace(",", ".")))
        sheet.append(values)
    workbook.save(out)
    return count


def _bold_cell(sheet, value, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=safe_cell(value))
    cell.font = font
    return cell


def write_table(out: BinaryIO, fmt: str, headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Data") -> int:
    """Write the table as "csv" or "xlsx" to a binary file object; returns the number of rows."""
    if fmt == "xlsx":
        return write_xlsx(out, headers, rows, title=title)
    return write_csv(out, headers, rows)


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """The CSV as bytes (small tables)."""
    buffer = io.BytesIO()
    write_csv(buffer, headers, rows)
    return buffer.getvalue()


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Data") -> bytes:
    """The XLSX workbook as bytes (small tables)."""
    buffer = io.BytesIO()
    write_xlsx(buffer, headers, rows, title=title)
    return buffer.getvalue()


def _safe_name(filename: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in filename)


def download(data: bytes, filename: str, mimetype: str) -> Response:
    """A download response with a safe file name."""
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{_safe_name(filename)}"'})


def file_download(handle: BinaryIO, filename: str, mimetype: str) -> Response:
    """A download streamed from an open temporary file (closed when the response ends)."""
    size = handle.seek(0, io.SEEK_END)
    handle.seek(0)
    response = Response(wrap_file(request.environ, handle), mimetype=mimetype, direct_passthrough=True,
                        headers={"Content-Disposition": f'attachment; filename="{_safe_name(filename)}"'})
    response.content_length = size
    return response


def export_response(fmt: str, filename: str, write) -> Response:
    """Run `write(file, fmt)` into a temporary file and send it: memory stays flat for any size of table."""
    handle = tempfile.TemporaryFile()
    try:
        write(handle, fmt)
    except BaseException:
        handle.close()
        raise
    if fmt == "xlsx":
        return file_download(handle, f"{filename}.xlsx", XLSX_MIME)
    return file_download(handle, f"{filename}.csv", "text/csv; charset=utf-8")


def table_response(fmt: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Data"):
    """The table as a CSV or XLSX download; `fmt` is "csv" or "xlsx"."""
    fmt = "xlsx" if fmt == "xlsx" else "csv"
    return export_response(fmt, filename, lambda out, fmt: write_table(out, fmt, headers, rows, title=title))
