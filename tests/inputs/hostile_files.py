"""Hostile import files, generated small in memory: zip bombs, huge cells, DTDs, malformed zips, odd encodings."""
from __future__ import annotations

import io
import zipfile
from functools import lru_cache

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
HEADER_ROW = b'<row r="1"><c r="A1" t="inlineStr"><is><t>nik</t></is></c></row>'


@lru_cache(maxsize=1)
def _base_parts() -> tuple[tuple[str, bytes], ...]:
    workbook = Workbook()
    workbook.active.append(["nik"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return tuple((name, archive.read(name)) for name in archive.namelist())


def xlsx(sheet_chunks, *, extra: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None,
         level: int = 9) -> bytes:
    """A workbook whose first sheet is written from `sheet_chunks` (an iterable of bytes), streamed and deflated."""
    buffer = io.BytesIO()
    replace = replace or {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in _base_parts():
            if name == SHEET:
                with archive.open(SHEET, "w", force_zip64=True) as part:
                    for chunk in sheet_chunks:
                        part.write(chunk)
            else:
                archive.writestr(name, replace.get(name, data))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _sheet(rows: bytes, head: bytes = SHEET_HEAD, dimension: bytes = b"") -> list[bytes]:
    return [head, dimension, b"<sheetData>", HEADER_ROW, rows, b"</sheetData></worksheet>"]


def empty_rows(count: int = 20_000_000) -> bytes:
    """A header and `count` empty <row/> elements (120 MB of XML, a fraction of a megabyte deflated)."""
    def chunks():
        yield from (SHEET_HEAD, b"<sheetData>", HEADER_ROW)
        block = b"<row/>" * 100_000
        for _ in range(count // 100_000):
            yield block
        yield b"<row/>" * (count % 100_000)
        yield b"</sheetData></worksheet>"
    return xlsx(chunks())


def huge_cell(size: int = 300 * 1024 * 1024) -> bytes:
    """A header and one inline-string cell of `size` characters."""
    def chunks():
        yield from (SHEET_HEAD, b"<sheetData>", HEADER_ROW, b'<row r="2"><c r="A2" t="inlineStr"><is><t>')
        block = b"6" * (1024 * 1024)
        for _ in range(size // len(block)):
            yield block
        yield b"</t></is></c></row></sheetData></worksheet>"
    return xlsx(chunks())


def claimed_dimension() -> bytes:
    """Tiny, but its <dimension> and row numbers claim 20 million rows and 16,384 columns."""
    rows = b'<row r="20000000"><c r="XFD20000000" t="inlineStr"><is><t>x</t></is></c></row>'
    return xlsx(_sheet(rows, dimension=b'<dimension ref="A1:XFD20000000"/>'))


def gap_rows() -> bytes:
    """A row numbered 19,999,999: a reader that fills the gap yields millions of empty rows."""
    return xlsx(_sheet(b'<row r="19999999"><c r="A19999999" t="inlineStr"><is><t>1</t></is></c></row>'))


def wide_row() -> bytes:
    return xlsx(_sheet(b'<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'))


def doctype() -> bytes:
    return xlsx(_sheet(b"", head=b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>' + SHEET_HEAD))


def billion_laughs() -> bytes:
    entities = b"".join(b'<!ENTITY l%d "&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;">' % ((i,) + (i - 1,) * 10)
                        for i in range(1, 10))
    head = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY l0 "lol">' + entities + b"]>" + SHEET_HEAD
    cell = b'<row r="2"><c r="A2" t="inlineStr"><is><t>&l9;</t></is></c></row>'
    return xlsx(_sheet(cell, head=head))


def external_entity() -> bytes:
    head = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + SHEET_HEAD
    return xlsx(_sheet(b'<row r="2"><c r="A2" t="inlineStr"><is><t>&x;</t></is></c></row>', head=head))


def utf16_sheet() -> bytes:
    text = b"".join(_sheet(b"")).decode()
    return xlsx([text.encode("utf-16")])


def malformed_xml() -> bytes:
    return xlsx([SHEET_HEAD, b"<sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>nik</t></row>"])


def long_cell(size: int = 5000) -> bytes:
    return xlsx(_sheet(b'<row r="2"><c r="A2" t="inlineStr"><is><t>' + b"7" * size + b"</t></is></c></row>"))


def control_cell() -> bytes:
    return xlsx(_sheet(b'<row r="2"><c r="A2" t="inlineStr"><is><t>64740\xc2\x85115</t></is></c></row>'))


def bad_shared_string_index() -> bytes:
    return xlsx(_sheet(b'<row r="2"><c r="A2" t="s"><v>999999</v></c></row>'))


def truncated_zip() -> bytes:
    data = xlsx(_sheet(b""))
    return data[: len(data) // 2]


def many_entries(count: int = 500) -> bytes:
    return xlsx(_sheet(b""), extra={f"xl/media/x{i}.bin": b"" for i in range(count)})


def not_a_zip() -> bytes:
    return b"PK\x03\x04" + b"\x00" * 200


CSV_FILES = {
    "huge_field": b"nik\n" + b'"' + b"1" * 200_000 + b'"\n',
    "utf16": "nik\n6474011505990001\n".encode("utf-16"),
    "latin1": "nik,nama\n6474011505990001,Jos\xe9\n".encode("latin-1"),
    "nul": b"nik\n6474\x00011505990001\n",
    "many_newlines": b"nik\n" + b"\n" * 3_000_000,
    "wide": b"nik" + b"," * 50_000 + b"\n1\n",
    "unbalanced_quote": b'nik\n"6474011505990001\n' + b"x" * 150_000,
    "control": b"nik\n6474\x1b[31m011505990001\n",
}

XLSX_FILES = {
    "empty_rows": lambda: empty_rows(),
    "huge_cell": lambda: huge_cell(),
    "claimed_dimension": claimed_dimension,
    "gap_rows": gap_rows,
    "wide_row": wide_row,
    "doctype": doctype,
    "billion_laughs": billion_laughs,
    "external_entity": external_entity,
    "utf16_sheet": utf16_sheet,
    "malformed_xml": malformed_xml,
    "long_cell": long_cell,
    "control_cell": control_cell,
    "bad_shared_string_index": bad_shared_string_index,
    "truncated_zip": truncated_zip,
    "many_entries": many_entries,
    "not_a_zip": not_a_zip,
}
