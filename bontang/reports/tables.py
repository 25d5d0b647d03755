"""The report tables that can be downloaded as CSV or XLSX: headers and rows from the same figures."""
from __future__ import annotations

from datetime import date

from flask import abort
from flask_babel import gettext as _

from bontang.reports import figures_hiring, figures_local, figures_mou, figures_training
from bontang.reports.labels import HIRING_LABELS, value_of
from bontang.reports.periods import Period
from bontang.reports.skills_gap import skills_gap


def _mou(period: Period, today: date):
    rows = figures_mou.mou_rows(figures_mou.mou_progress(period))
    return _("Status MoU"), [_("Status"), _("Jumlah perusahaan")], rows


def _hiring(period: Period, today: date):
    summary = figures_hiring.hiring_summary(period)
    return _("Permintaan"), [_("Status"), _("Jumlah permintaan"), _("Jumlah posisi")], figures_hiring.status_rows(summary)


def _local(period: Period, today: date):
    goal = figures_local.target()
    rows = [(r.name, r.positions, r.planned, r.placements, r.local, r.actual, r.headcount,
             _("Di bawah target") if r.below(goal) else ("" if r.share is None else _("Memenuhi target")))
            for r in figures_local.company_shares(period)]
    headers = [_("Perusahaan"), _("Posisi diminta"), _("Rencana lokal (%)"), _("Penempatan"), _("Penempatan lokal"),
               _("Realisasi lokal (%)"), _("Tenaga kerja lokal saat ini (%)"), _("Keterangan")]
    return _("Porsi lokal"), headers, rows


def _training(period: Period, today: date):
    rows = [(r["title"], r["end"], r["participants"], r["passed"], r["pass_rate"], r["certified"],
             r["certification_rate"], r["placed"], r["placement_rate"], r["poor_share"])
            for r in figures_training.programme_rows(period)]
    headers = [_("Program"), _("Selesai"), _("Peserta"), _("Lulus"), _("Tingkat kelulusan (%)"), _("Bersertifikat"),
               _("Tingkat sertifikasi (%)"), _("Bekerja dalam 6 bulan"), _("Tingkat penempatan (%)"),
               _("Peserta desil 1–4 (%)")]
    return _("Pelatihan"), headers, rows


def _plans(period: Period, today: date):
    plans = figures_hiring.workforce_plans(period)
    return _("Belum lapor rencana"), [_("Perusahaan")], [(c["name"],) for c in plans["missing"]]


def _skills(period: Period, today: date, kind=None):
    rows = [(r.code, r.name, r.area, r.open_positions, r.graduates, r.shortage) for r in skills_gap(today, kind)]
    headers = [_("Kode"), _("Keterampilan"), _("Bidang"), _("Posisi terbuka"), _("Lulusan bersertifikat tersedia"),
               _("Kekurangan")]
    return _("Kesenjangan keterampilan"), headers, rows


TABLES = {"mou": _mou, "permintaan": _hiring, "porsi-lokal": _local, "pelatihan": _training, "rencana": _plans,
          "keterampilan": _skills}


def report_table(name: str, period: Period, today: date, *, kind=None):
    """(sheet title, headers, rows) of one report table; unknown names are 404."""
    if name not in TABLES:
        abort(404)
    if name == "keterampilan":
        return _skills(period, today, kind)
    return TABLES[name](period, today)


def company_request_rows(rows) -> tuple[list[str], list[tuple]]:
    """Headers and rows of a company's request table."""
    headers = [_("Nomor"), _("Jabatan"), _("Status"), _("Posisi"), _("Terisi"), _("Rencana lokal (%)"), _("Diajukan")]
    return headers, [(r.id, r.title, str(HIRING_LABELS[value_of(r.status)]), r.positions, r.filled,
                      r.planned_local_percent, r.submitted_at) for r in rows]


def company_placement_rows(rows) -> tuple[list[str], list[tuple]]:
    """Headers and rows of a company's placements table."""
    headers = [_("Nama"), _("Jabatan"), _("Mulai bekerja"), _("Kontrak"), _("Ber-KTP Bontang")]
    return headers, [(r.name, r.title, r.start_date, r.contract_type, r.is_local) for r in rows]


COMPANY_TABLES = {"permintaan": company_request_rows, "penempatan": company_placement_rows}
