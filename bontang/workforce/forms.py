"""The semester workforce report form."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField
from wtforms.validators import InputRequired

from bontang.inputs import BaseForm, number_range
from bontang.workforce.services import MAX_WORKERS, semester_label

NUMBER = _l("Isi dengan angka.")


def _count(label, description=None) -> IntegerField:
    return IntegerField(label, description=description,
                        validators=[InputRequired(NUMBER), number_range(0, MAX_WORKERS)])


class WorkforceReportForm(BaseForm):
    period = SelectField(_l("Periode laporan"))
    total = _count(_l("Jumlah seluruh pekerja"), _l("Semua pekerja pada akhir semester, termasuk alih daya di lokasi."))
    local = _count(_l("Pekerja ber-KTP Bontang"))
    nonlocal_ = _count(_l("Pekerja dari luar Bontang"))
    managers = _count(_l("Jenjang manajerial"))
    supervisors = _count(_l("Jenjang pengawas (supervisor)"))
    operatives = _count(_l("Jenjang pelaksana"))

    def __init__(self, periods: list[tuple[int, int]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.period.choices = [(f"{y}-{s}", semester_label(y, s)) for y, s in periods]

    def chosen_period(self) -> tuple[int, int]:
        year, semester = (self.period.data or "0-0").split("-")
        return int(year), int(semester)

    def numbers(self) -> dict:
        return {key: getattr(self, key).data for key in
                ("total", "local", "nonlocal_", "managers", "supervisors", "operatives")}
