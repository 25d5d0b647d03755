"""Table writers: any iterable of rows to a file object, every row written, oversize XLSX refused."""
from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from bontang import exports
from bontang.core import DomainError


def _rows(n):
    return ([i, f"baris {i}", date(2025, 1, 1)] for i in range(1, n + 1))


def test_xlsx_writer_streams_a_generator_with_a_bold_frozen_header():
    out = io.BytesIO()
    assert exports.write_xlsx(out, ["No", "Teks", "Tanggal"], _rows(450), title="Uji") == 450
    sheet = load_workbook(io.BytesIO(out.getvalue()))["Uji"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 451 and rows[0] == ("No", "Teks", "Tanggal") and rows[450][:2] == (450, "baris 450")
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width >= len("baris 200")


def test_csv_writer_has_a_bom_and_neutralises_formulas():
    out = io.BytesIO()
    assert exports.write_csv(out, ["a"], [["=1+1"], ["biasa"]]) == 2
    assert out.getvalue().decode("utf-8") == "\ufeffa\r\n'=1+1\r\nbiasa\r\n"


def test_xlsx_longer_than_a_sheet_is_refused_not_cut(monkeypatch):
    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 5)
    with pytest.raises(DomainError, match="CSV"):
        exports.write_xlsx(io.BytesIO(), ["No"], ([i] for i in range(6)))
