"""Report periods: a year ("2025"), a quarter ("2025-Q2") or a month ("2025-05").

Timestamps are stored in naive UTC, but a period is a calendar period in Bontang (WITA, UTC+8),
so its bounds for datetime columns are shifted by eight hours; date columns use the dates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import format_date
from flask_babel import gettext as _

from bontang.core import DomainError, utcnow

WITA_OFFSET = timedelta(hours=8)
ROMAN = ("I", "II", "III", "IV")
FIRST_YEAR = 2024
_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-Q(?P<quarter>[1-4])|-(?P<month>0[1-9]|1[0-2]))?$")


@dataclass(frozen=True)
class Bucket:
    """A slice of a period used on a chart's time axis."""

    label: str
    start: date
    end: date  # exclusive

    @property
    def start_utc(self) -> datetime:
        return datetime.combine(self.start, datetime.min.time()) - WITA_OFFSET

    @property
    def end_utc(self) -> datetime:
        return datetime.combine(self.end, datetime.min.time()) - WITA_OFFSET


@dataclass(frozen=True)
class Period(Bucket):
    """A report period with its code (as in ?periode=) and its Indonesian name."""

    code: str = ""
    kind: str = "year"

    @property
    def year(self) -> int:
        return self.start.year

    def buckets(self) -> list[Bucket]:
        """Months for a year or a quarter, weeks (days 1-7, 8-14, ...) for a month."""
        if self.kind == "month":
            starts = [self.start + timedelta(days=7 * i) for i in range(5) if self.start + timedelta(days=7 * i) < self.end]
            return [Bucket(f"{s.day}–{(min(s + timedelta(days=7), self.end) - timedelta(days=1)).day}", s,
                           min(s + timedelta(days=7), self.end)) for s in starts]
        months = []
        current = self.start
        while current < self.end:
            following = _next_month(current)
            months.append(Bucket(format_date(current, "MMM"), current, following))
            current = following
        return months


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def parse_period(code: str | None, *, today: date | None = None) -> Period:
    """The period named by `code`; empty means the current year. Unknown codes raise DomainError."""
    today = today or (utcnow() + WITA_OFFSET).date()
    code = (code or str(today.year)).strip()
    match = _PATTERN.match(code)
    if not match or not FIRST_YEAR - 10 <= int(match["year"]) <= today.year + 1:
        raise DomainError(_("Periode \"%(code)s\" tidak dikenal. Gunakan tahun (2025), triwulan (2025-Q2) atau bulan (2025-05).",
                            code=code[:20]), "periode")
    year = int(match["year"])
    if match["quarter"]:
        quarter = int(match["quarter"])
        start = date(year, 3 * quarter - 2, 1)
        end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
        return Period(_("Triwulan %(q)s %(year)d", q=ROMAN[quarter - 1], year=year), start, end, code, "quarter")
    if match["month"]:
        start = date(year, int(match["month"]), 1)
        return Period(format_date(start, "MMMM yyyy"), start, _next_month(start), code, "month")
    return Period(_("Tahun %(year)d", year=year), date(year, 1, 1), date(year + 1, 1, 1), code, "year")


def period_choices(*, today: date | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Options for the period filter, grouped (years, quarters, months), newest first."""
    today = today or (utcnow() + WITA_OFFSET).date()
    years = list(range(today.year, FIRST_YEAR - 1, -1))
    quarters = [f"{y}-Q{q}" for y in years for q in range(4, 0, -1) if date(y, 3 * q - 2, 1) <= today]
    months = [f"{y}-{m:02d}" for y in years for m in range(12, 0, -1) if date(y, m, 1) <= today]
    return [
        (_("Tahun"), [(str(y), parse_period(str(y), today=today).label) for y in years]),
        (_("Triwulan"), [(code, parse_period(code, today=today).label) for code in quarters]),
        (_("Bulan"), [(code, parse_period(code, today=today).label) for code in months]),
    ]
