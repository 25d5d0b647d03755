"""Periods and charts on their own."""
from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from bontang.charts import Series, bar_chart, grouped_bar_chart, line_chart, number, stacked_bar_chart
from bontang.core import DomainError
from bontang.reports.periods import parse_period, period_choices

TODAY = date(2026, 11, 28)


def test_periods(app):
    with app.test_request_context():
        year = parse_period("2025", today=TODAY)
        assert (year.start, year.end, year.label, len(year.buckets())) == (date(2025, 1, 1), date(2026, 1, 1), "Tahun 2025", 12)
        quarter = parse_period("2025-Q4", today=TODAY)
        assert (quarter.start, quarter.end, quarter.label) == (date(2025, 10, 1), date(2026, 1, 1), "Triwulan IV 2025")
        month = parse_period("2025-02", today=TODAY)
        assert month.label == "Februari 2025" and [b.label for b in month.buckets()] == ["1–7", "8–14", "15–21", "22–28"]
        assert month.start_utc == datetime(2025, 1, 31, 16)  # midnight WITA
        assert parse_period("", today=TODAY).code == "2026"
        for bad in ("2025-00", "2025-Q0", "x", "2029", "2025-1"):
            with pytest.raises(DomainError):
                parse_period(bad, today=TODAY)
        groups = period_choices(today=TODAY)
        assert groups[0][1][0] == ("2026", "Tahun 2026") and groups[2][1][0][0] == "2026-11"


def test_number_in_indonesian_notation():
    assert (number(1234567), number(66.66, "%"), number(75.0, "%"), number(None)) == ("1.234.567", "66,7%", "75%", "–")


def test_charts_are_accessible_svg():
    charts = [bar_chart("Batang", [("A & B", 3), ("C", None)], unit="%", target=75, target_label="Target"),
              stacked_bar_chart("Tumpuk", ["X"], [Series("s1", [2]), Series("s2", [5])]),
              grouped_bar_chart("Kelompok", ["X", "Y"], [Series("s1", [2, 1]), Series("s2", [0, 4])]),
              line_chart("Garis", ["Jan", "Feb"], [Series("s1", [1, 4])])]
    for svg in charts:
        assert svg.startswith("<svg") and 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
        assert "style=" not in svg
        ids = re.findall(r'aria-labelledby="([^"]+)"', svg)[0].split()
        assert all(f'id="{i}"' in svg for i in ids)
    assert "A &amp; B: 3%" in charts[0] and ">3%</text>" in charts[0] and "Target 75%" in charts[0]
    assert ">7</text>" in charts[1] and ">4</text>" in charts[2] and ">4</text>" in charts[3]


def test_median_of_histograms():
    from bontang.reports.sql import _median_of

    assert _median_of({}) is None
    assert _median_of({3.0: 1}) == 3.0
    assert _median_of({1.0: 1, 4.0: 1}) == 2.5
    assert _median_of({1.0: 3, 5.0: 1, 9.0: 3}) == 5.0
    assert _median_of({2.0: 3, 7.0: 3}) == 4.5


def test_line_chart_value_labels_do_not_overlap():
    svg = line_chart("Garis", ["Jul", "Agu", "Sep"], [Series("a", [0, 5, 9]), Series("b", [0, 5, 8]), Series("c", [0, 1, 9])])
    labels = [(float(x), float(y), text) for x, y, text in re.findall(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]+)</text>', svg)
              if text.isdigit()]
    for i, (x, y, _text) in enumerate(labels):
        assert all(abs(y - y2) >= 12 for x2, y2, _t in labels[i + 1:] if x2 == x), f"labels overlap at x={x}"
    assert sum(1 for x, _y, text in labels if x == 30.0) == 1  # three zeros at the first point: printed once
