"""Table exports as CSV and XLSX, with spreadsheet formula injection neutralised.

A cell whose text starts with =, +, -, @, a tab or a carriage return would be run as a formula by
spreadsheet programs; such text is prefixed with an apostrophe. Numbers stay numbers.
"""
from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Iterable, Sequence

from flask import Response
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

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


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """CSV in UTF-8 with a BOM (so Excel reads Indonesian text correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Data") -> bytes:
    """One-sheet XLSX workbook with a bold header row and reasonable column widths."""
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([safe_cell(h) for h in headers])
    for cell in sheet[1]:
        cell.font = cell.font.copy(bold=True)
    widths = [len(str(h)) for h in headers]
    for row in rows:
        values = [safe_cell(v) for v in row]
        sheet.append(values)
        widths = [max(w, min(len(str(v)), 60)) for w, v in zip(widths, values)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(data: bytes, filename: str, mimetype: str) -> Response:
    """A download response with a safe file name."""
    safe_name = "".join(c if c.isalnum() or c in "-_." else "-" for c in filename)
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{safe_name}"'})


def table_response(fmt: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Data"):
    """The table as a CSV or XLSX download; `fmt` is "csv" or "xlsx"."""
    if fmt == "xlsx":
        return download(xlsx_bytes(headers, rows, title=title), f"{filename}.xlsx", XLSX_MIME)
    return download(csv_bytes(headers, rows), f"{filename}.csv", "text/csv; charset=utf-8")
