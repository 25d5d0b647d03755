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


def _drawings(chart: str) -> list[str]:
    """The wide and the narrow SVG of one chart frame."""
    assert chart.startswith('<div class="chart-frame"><svg') and chart.endswith("</svg></div>")
    return re.findall(r"<svg.*?</svg>", chart)


def test_charts_are_accessible_svg():
    charts = [bar_chart("Batang", [("A & B", 3), ("C", None)], unit="%", target=75, target_label="Target"),
              stacked_bar_chart("Tumpuk", ["X"], [Series("s1", [2]), Series("s2", [5])]),
              grouped_bar_chart("Kelompok", ["X", "Y"], [Series("s1", [2, 1]), Series("s2", [0, 4])]),
              line_chart("Garis", ["Jan", "Feb"], [Series("s1", [1, 4])])]
    for chart in charts:
        wide, narrow = _drawings(chart)
        assert 'class="chart chart--wide"' in wide and 'viewBox="0 0 420 ' in wide
        assert 'class="chart chart--narrow"' in narrow and 'viewBox="0 0 300 ' in narrow
        for svg in (wide, narrow):
            assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
            assert "style=" not in svg
            ids = re.findall(r'aria-labelledby="([^"]+)"', svg)[0].split()
            assert all(f'id="{i}"' in svg for i in ids)
        assert set(re.findall(r'id="([^"]+)"', wide)).isdisjoint(re.findall(r'id="([^"]+)"', narrow))
    assert "A &amp; B: 3%" in charts[0] and ">3%</text>" in charts[0] and "Target 75%" in charts[0]
    assert ">7</text>" in charts[1] and ">4</text>" in charts[2] and ">4</text>" in charts[3]


def _text_boxes(svg: str) -> list[tuple[float, float, float, float, str]]:
    """Every <text>'s estimated box (left, top, right, bottom) from its anchor, size and length."""
    from bontang.charts import text_width

    boxes = []
    for x, y, anchor, size, text in re.findall(
            r'<text x="([\d.-]+)" y="([\d.-]+)" text-anchor="(\w+)"[^>]*font-size="(\d+)"[^>]*>([^<]*)</text>', svg):
        x, y, size, w = float(x), float(y), float(size), text_width(text, float(size))
        left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
        boxes.append((left, y - size * 0.8, left + w, y + size * 0.2, text))
    return boxes


def test_line_chart_labels_do_not_touch_on_either_drawing():
    months = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    chart = line_chart("Tahun", months, [Series("Diminta", [1200, 1350, 1420, 1500, 1480, 1610, 1700, 1720, 1800, 1810, 1900, 2000]),
                                         Series("Terisi", [1100, 1300, 1400, 1450, 1500, 1600, 1690, 1700, 1790, 1800, 1890, 1990])])
    wide, narrow = _drawings(chart)
    for svg, width in ((wide, 420), (narrow, 300)):
        boxes = _text_boxes(svg)
        for i, a in enumerate(boxes):
            assert a[0] >= -0.5 and a[2] <= width + 0.5, f"{a[4]} leaves the drawing"
            for b in boxes[i + 1:]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), f"{a[4]!r} overlaps {b[4]!r}"
    narrow_ticks = [t for *_box, t in _text_boxes(narrow) if t in months]
    assert "Jan" in narrow_ticks and len(narrow_ticks) < len(months), "the phone drawing thins the month labels"
    assert all(month in wide for month in months) and "Des 2.000" in wide, "every value stays in the description"


def test_long_bar_labels_are_shortened_to_fit_the_narrow_drawing():
    label = "Rekam medis dan administrasi rumah sakit daerah"
    wide, narrow = _drawings(bar_chart("Batang", [(label, 12)]))
    assert f">{label}</text>" in wide
    shortened = re.search(r">(Rekam[^<]*)</text>", narrow).group(1)
    assert shortened.endswith("…") and len(shortened) < len(label)
    assert f"{label}: 12" in narrow, "in full in the description"


def test_median_of_histograms():
    from bontang.reports.sql import _median_of

    assert _median_of({}) is None
    assert _median_of({3.0: 1}) == 3.0
    assert _median_of({1.0: 1, 4.0: 1}) == 2.5
    assert _median_of({1.0: 3, 5.0: 1, 9.0: 3}) == 5.0
    assert _median_of({2.0: 3, 7.0: 3}) == 4.5


def test_line_chart_value_labels_do_not_overlap():
    chart = line_chart("Garis", ["Jul", "Agu", "Sep"], [Series("a", [0, 5, 9]), Series("b", [0, 5, 8]), Series("c", [0, 1, 9])])
    for svg in _drawings(chart):
        labels = [(float(x), float(y), text) for x, y, text in re.findall(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]+)</text>', svg)
                  if text.isdigit()]
        for i, (x, y, _text) in enumerate(labels):
            assert all(abs(y - y2) >= 12 for x2, y2, _t in labels[i + 1:] if x2 == x), f"labels overlap at x={x}"
        assert sum(1 for x, _y, text in labels if x == 30.0) == 1  # three zeros at the first point: printed once
