"""Accessible SVG charts drawn on the server: horizontal bars, stacked bars and lines.

Each chart is an <svg role="img"> with a <title> and a <desc> that states the figures in words,
and every value is also printed as text next to its bar or point, so a chart reads without
colour, prints, works offline and renders in WeasyPrint PDFs. Colours are SVG presentation
attributes (the strict CSP forbids style attributes); sizes come from the viewBox.

Every chart is drawn twice, in a wide viewBox (desktop, print) and a narrow one (phones, chosen by
CSS under 600 px), so that on a phone its text keeps about its nominal size instead of shrinking
with the page. In both, text is laid out by its estimated width: axis labels are thinned to every
k-th one when they would touch, a value label that would cover another label is left out (the
figures are all in the <desc> and in the tables next to the charts), and long labels are shortened
with an ellipsis (in full in the <desc>).
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from markupsafe import Markup, escape

# Every colour has a contrast of at least 4.5:1 against white (values are drawn in it) and with white text.
PALETTE = ("#0b5d4b", "#9a6700", "#1f5fa8", "#a4161a", "#6b4fa0", "#4f5b57", "#1f7a70", "#a94a12")
INK, MUTED, GRID, TARGET = "#1d2522", "#4f5b57", "#d5ddd9", "#a4161a"
WIDTH, LABEL_ROW, BAR_HEIGHT, GAP = 420, 18, 16, 12  # a narrow viewBox keeps text legible on phones
NARROW = 300  # the phone variant: at ~340 CSS px wide its text is drawn a little above its nominal size
CHAR_WIDTH = 0.6  # average advance of a sans-serif character, in ems (bold digits and capitals are about this)
_ids = itertools.count(1)


@dataclass(frozen=True)
class Series:
    """One named series of values, aligned with the chart's categories."""

    name: str
    values: list


def number(value, unit: str = "") -> str:
    """A value in the chosen locale (Babel): 1.234,5 in Indonesian, 1,234.5 in English."""
    from bontang.templating import number as localised  # flask_babel's format_decimal, remembered per value

    if value is None:
        return "–"
    return f"{localised(value, '#,##0.#')}{unit}"


def _responsive(draw, *args, **kwargs) -> Markup:
    """The wide and the narrow drawing of one chart in one frame; CSS shows one of them."""
    wide, narrow = draw(*args, width=WIDTH, **kwargs), draw(*args, width=NARROW, **kwargs)
    # Safe: both drawings are Markup built by this module, every text in them escaped.
    return Markup(f'<div class="chart-frame">{wide}{narrow}</div>')  # noqa: S704  # nosec


def _open(title: str, desc: str, width: int, height: int) -> tuple[str, str]:
    uid = next(_ids)
    variant = "wide" if width == WIDTH else "narrow"
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--{variant}" role="img" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'aria-labelledby="chart{uid}-t chart{uid}-d" font-family="sans-serif" font-size="13">'
            f'<title id="chart{uid}-t">{escape(title)}</title><desc id="chart{uid}-d">{escape(desc)}</desc>')
    return head, "</svg>"


def _text(x, y, content, *, anchor="start", fill=INK, weight="normal", size=13) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" font-size="{size}" '
            f'font-weight="{weight}">{escape(content)}</text>')


def text_width(content: str, size: float) -> float:
    """The estimated drawn width of `content` at font size `size` (viewBox units)."""
    return len(str(content)) * size * CHAR_WIDTH


def _fit(content: str, size: float, room: float) -> str:
    """`content` shortened with an ellipsis so that it fits `room`."""
    content = str(content)
    if text_width(content, size) <= room:
        return content
    keep = max(int(room / (size * CHAR_WIDTH)) - 1, 1)
    return content[:keep].rstrip() + "…"


def _scale(values, max_value) -> float:
    top = max([v for v in values if v is not None] + [max_value or 0, 0])
    return top or 1


def bar_chart(title: str, items: list[tuple[str, float | None]], *, unit: str = "", max_value: float | None = None,
              target: float | None = None, target_label: str = "", colors: list[str] | None = None) -> Markup:
    """Horizontal bars, one per (label, value); an optional target line (e.g. 75%)."""
    return _responsive(_bar_chart, title, items, unit=unit, max_value=max_value, target=target,
                       target_label=target_label, colors=colors)


def _bar_chart(title, items, *, width, unit, max_value, target, target_label, colors) -> Markup:
    desc = "; ".join(f"{label}: {number(value, unit)}" for label, value in items)
    row = LABEL_ROW + BAR_HEIGHT + GAP
    height = max(row * len(items), row) + (24 if target is not None else 8)
    head, tail = _open(title, desc, width, height)
    top = _scale([v for _, v in items], max(max_value or 0, target or 0))
    usable = width - 70
    parts = [head]
    if target is not None:  # drawn first so that bars and values stay on top of it
        parts.append(_target_line(usable * target / top, height, f"{target_label} {number(target, unit)}".strip(), width))
    for index, (label, value) in enumerate(items):
        y = index * row
        color = (colors[index] if colors else PALETTE[0])
        length = 0 if value is None else usable * value / top
        parts.append(_text(0, y + 14, _fit(label, 13, width)))
        parts.append(f'<rect x="0" y="{y + LABEL_ROW}" width="{max(length, 1):.1f}" height="{BAR_HEIGHT}" fill="{color}"/>')
        parts.append(_text(length + 6, y + LABEL_ROW + 13, number(value, unit), weight="bold"))
    if not items:
        parts.append(_text(0, 20, "–", fill=MUTED))
    parts.append(tail)
    # Safe: numbers are formatted here and every text goes through _text, which escapes it.
    return Markup("".join(parts))  # noqa: S704  # nosec


def _target_line(x: float, height: int, label: str, width: int) -> str:
    half = text_width(label, 13) / 2
    label_x = min(max(x, half), width - half)
    return (f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 18}" stroke="{TARGET}" stroke-width="2" '
            f'stroke-dasharray="6 4"/>' + _text(label_x, height - 4, label, anchor="middle", fill=TARGET, weight="bold"))


def stacked_bar_chart(title: str, categories: list[str], series: list[Series], *, unit: str = "",
                      colors: list[str] | None = None) -> Markup:
    """One horizontal bar per category, split into the series; a legend names the colours.

    `colors` gives each series its colour (e.g. by meaning: neutral for a waiting state)."""
    return _responsive(_stacked_bar_chart, title, categories, series, unit=unit, colors=colors)


def _stacked_bar_chart(title, categories, series, *, width, unit, colors) -> Markup:
    colors = colors or [PALETTE[i % len(PALETTE)] for i in range(len(series))]
    desc = "; ".join(
        f"{category}: " + ", ".join(f"{s.name} {number(s.values[i], unit)}" for s in series)
        for i, category in enumerate(categories))
    row = LABEL_ROW + BAR_HEIGHT + GAP
    legend_height = 22 * _legend_rows(series, width)
    height = row * max(len(categories), 1) + legend_height + 8
    head, tail = _open(title, desc, width, height)
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(categories))]
    top = _scale(totals, None)
    usable = width - 70
    parts = [head, _legend(series, 0, width, colors)]
    for index, category in enumerate(categories):
        y = legend_height + index * row
        parts.append(_text(0, y + 14, _fit(category, 13, width)))
        parts.extend(_stack(series, index, y + LABEL_ROW, usable / top, colors))
        parts.append(_text(usable * totals[index] / top + 6, y + LABEL_ROW + 13, number(totals[index], unit), weight="bold"))
    parts.append(tail)
    # Safe: numbers are formatted here and every text goes through _text, which escapes it.
    return Markup("".join(parts))  # noqa: S704  # nosec


def _stack(series: list[Series], index: int, y: float, per_unit: float, colors: list[str]) -> list[str]:
    parts, x = [], 0.0
    for number_, s in enumerate(series):
        value = s.values[index] or 0
        width = value * per_unit
        if width > 0:
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                         f'fill="{colors[number_]}"><title>{escape(s.name)}: {number(value)}</title></rect>')
            if width > max(26, text_width(number(value), 11) + 6):
                parts.append(_text(x + width / 2, y + 12, number(value), anchor="middle", fill="#fff", size=11))
        x += width
    return parts


def _legend_rows(series: list[Series], width: int) -> int:
    columns = _legend_columns(series, width)
    return (len(series) + columns - 1) // columns


def _legend_columns(series: list[Series], width: int) -> int:
    longest = max((text_width(s.name, 12) for s in series), default=0)
    return next((c for c in (3, 2) if 18 + longest + 8 <= width / c), 1)


def _legend(series: list[Series], y: float, width: int, colors: list[str] | None = None) -> str:
    parts, columns = [], _legend_columns(series, width)
    colors = colors or [PALETTE[i % len(PALETTE)] for i in range(len(series))]
    for index, s in enumerate(series):
        x, row = (index % columns) * (width / columns), y + 22 * (index // columns)
        parts.append(f'<rect x="{x:.1f}" y="{row + 3}" width="12" height="12" fill="{colors[index]}"/>')
        parts.append(_text(x + 18, row + 14, _fit(s.name, 12, width / columns - 22), size=12))
    return "".join(parts)


def line_chart(title: str, labels: list[str], series: list[Series], *, unit: str = "") -> Markup:
    """Lines over ordered categories (months, weeks), with the values printed at their points where they fit."""
    return _responsive(_line_chart, title, labels, series, unit=unit)


def _line_chart(title, labels, series, *, width, unit) -> Markup:
    desc = "; ".join(f"{s.name}: " + ", ".join(f"{label} {number(v, unit)}" for label, v in zip(labels, s.values))
                     for s in series)
    legend_height = 22 * _legend_rows(series, width)
    plot_top, plot_height, height = legend_height + 18, 180, legend_height + 240
    head, tail = _open(title, desc, width, height)
    top = _scale([v for s in series for v in s.values], None)
    step = (width - 60) / max(len(labels) - 1, 1)
    baseline = plot_top + plot_height
    axis, taken = _axis(labels, step, baseline, width)
    parts = [head, _legend(series, 0, width), axis]
    shown: dict[int, list[tuple[float, object]]] = {}  # per point: (label y, value) already printed
    for number_, s in enumerate(series):
        color = PALETTE[number_ % len(PALETTE)]
        points = [(30 + i * step, baseline - plot_height * (v or 0) / top) for i, v in enumerate(s.values)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2.5"/>')
        for index, ((x, y), value) in enumerate(zip(points, s.values)):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{color}"/>')
            text = number(value, unit)
            place = _free_label(taken, shown.setdefault(index, []), x, y, value, text_width(text, 11), width)
            if place is not None:
                parts.append(_text(place[0], place[1], text, anchor="middle", fill=color, size=11, weight="bold"))
    parts.append(tail)
    # Safe: numbers are formatted here and every text goes through _text, which escapes it.
    return Markup("".join(parts))  # noqa: S704  # nosec


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _free_label(taken: list[Box], shown: list[tuple[float, object]], x: float, y: float, value, label_width: float,
                width: int) -> tuple[float, float] | None:
    """Where a point's value label (baseline y, 11 units high) goes without covering another label:
    above the point, else below it, else above the labels already at that point; None when none is
    free or the same value is already printed at this point."""
    if any(other == value and abs(other_y - (y - 7)) < 24 for other_y, other in shown):
        return None
    centre = min(max(x, label_width / 2), width - label_width / 2)
    for baseline in (y - 7, y + 17, min((t for t, _v in shown), default=y) - 13):
        box = (centre - label_width / 2 - 1, baseline - 10, centre + label_width / 2 + 1, baseline + 2)
        if box[1] >= 0 and not any(_overlaps(box, other) for other in taken):
            taken.append(box)
            shown.append((baseline, value))
            return centre, baseline
    return None


def _axis(labels: list[str], step: float, baseline: float, width: int) -> tuple[str, list[Box]]:
    """The category axis, with every k-th label so that neighbours keep a gap; returns the labels' boxes."""
    widest = max((text_width(label, 11) for label in labels), default=0)
    every = max(1, math.ceil((widest + 8) / step)) if len(labels) > 1 else 1
    parts = [f'<line x1="20" y1="{baseline:.1f}" x2="{width - 10}" y2="{baseline:.1f}" stroke="{GRID}" stroke-width="1"/>']
    boxes = []
    for index, label in enumerate(labels):
        if index % every:
            continue
        x, half = 30 + index * step, text_width(label, 11) / 2
        parts.append(_text(x, baseline + 18, label, anchor="middle", fill=MUTED, size=11))
        boxes.append((x - half - 1, baseline + 8, x + half + 1, baseline + 20))
    return "".join(parts), boxes


def grouped_bar_chart(title: str, categories: list[str], series: list[Series], *, unit: str = "") -> Markup:
    """For each category, one thin horizontal bar per series side by side (values compared, not summed)."""
    return _responsive(_grouped_bar_chart, title, categories, series, unit=unit)


def _grouped_bar_chart(title, categories, series, *, width, unit) -> Markup:
    desc = "; ".join(f"{category}: " + ", ".join(f"{s.name} {number(s.values[i], unit)}" for s in series)
                     for i, category in enumerate(categories))
    legend_height = 22 * _legend_rows(series, width)
    row = LABEL_ROW + len(series) * (BAR_HEIGHT - 4) + GAP
    height = legend_height + row * max(len(categories), 1) + 8
    head, tail = _open(title, desc, width, height)
    top = _scale([v for s in series for v in s.values], None)
    usable = width - 70
    parts = [head, _legend(series, 0, width)]
    for index, category in enumerate(categories):
        y = legend_height + index * row
        parts.append(_text(0, y + 14, _fit(category, 13, width)))
        for number_, s in enumerate(series):
            value, bar_y = s.values[index], y + LABEL_ROW + number_ * (BAR_HEIGHT - 4)
            length = usable * (value or 0) / top
            parts.append(f'<rect x="0" y="{bar_y}" width="{max(length, 1):.1f}" height="{BAR_HEIGHT - 5}" '
                         f'fill="{PALETTE[number_ % len(PALETTE)]}"/>')
            parts.append(_text(length + 6, bar_y + 10, number(value, unit), size=11, weight="bold"))
    parts.append(tail)
    # Safe: numbers are formatted here and every text goes through _text, which escapes it.
    return Markup("".join(parts))  # noqa: S704  # nosec
