"""The dashboard's charts, built from its figures; the page and the PDF report draw the same SVG."""
from __future__ import annotations

from flask_babel import gettext as _
from markupsafe import Markup

from bontang.charts import PALETTE, Series, bar_chart, grouped_bar_chart, line_chart, stacked_bar_chart
from bontang.reports.figures_hiring import status_rows
from bontang.reports.figures_mou import mou_rows
from bontang.reference import reference_label
from bontang.reports.labels import MOU_COLORS, MOU_LABELS

def dashboard_charts(figures: dict) -> dict[str, Markup]:
    """All dashboard charts by name."""
    period = figures["period"]
    charts = {
        "mou_status": _mou_status(figures["mou"], period.label),
        "mou_timeline": _mou_timeline(figures["mou"]["timeline"], period.label),
        "hiring_status": bar_chart(_("Permintaan tenaga kerja menurut status, %(p)s", p=period.label),
                                   [(label, n) for label, n, _p in status_rows(figures["hiring"])]),
        "positions": line_chart(_("Posisi diminta dan terisi, %(p)s", p=period.label),
                                figures["hiring"]["timeline"]["labels"],
                                [Series(_("Posisi diminta"), figures["hiring"]["timeline"]["requested"]),
                                 Series(_("Posisi terisi"), figures["hiring"]["timeline"]["filled"])]),
        "local": _local_chart(figures),
        "training": _training_chart(figures["training"], period.label),
        "plans": _plans_chart(figures),
    }
    return charts


def _mou_status(mou: dict, label: str) -> Markup:
    rows = mou_rows(mou)
    return stacked_bar_chart(_("Status MoU %(n)d perusahaan mitra, akhir %(p)s", n=mou["total"], p=label),
                             [_("Perusahaan")], [Series(f"{name}: {n}", [n]) for name, n in rows],
                             colors=[MOU_COLORS[key] for key in MOU_LABELS])


def _mou_timeline(timeline: dict, label: str) -> Markup:
    return line_chart(_("Perkembangan MoU (kumulatif), %(p)s", p=label), timeline["labels"], [
        Series(_("Diundang"), timeline["invited"]), Series(_("Ditandatangani perusahaan"), timeline["signed"]),
        Series(_("Selesai"), timeline["completed"])])


def _local_chart(figures: dict) -> Markup:
    local = figures["local"]
    items = [(_("Rencana (permintaan)"), local["planned"]), (_("Realisasi (penempatan)"), local["actual"]),
             (_("Tenaga kerja perusahaan saat ini"), figures["headcount_share"])]
    items += [(row.name, row.share) for row in figures["below_target"]]
    colors = [PALETTE[2], PALETTE[0], PALETTE[5]] + [PALETTE[3]] * len(figures["below_target"])
    return bar_chart(_("Porsi tenaga kerja lokal (ber-KTP Bontang), %(p)s", p=figures["period"].label), items,
                     unit="%", max_value=100, target=local["target"], target_label=_("Target"), colors=colors)


def _plans_chart(figures: dict) -> Markup:
    """Positions planned in the workforce plans against positions requested, per month (or in total)."""
    period, plans, timeline = figures["period"], figures["plans"], figures["hiring"]["timeline"]
    title = _("Rencana kebutuhan dan posisi diminta, %(p)s", p=period.label)
    if period.kind == "month":
        return bar_chart(title, [(_("Rencana"), plans["planned"]), (_("Diminta"), figures["hiring"]["positions"])],
                         colors=[PALETTE[1], PALETTE[0]])
    months = [b.start.month for b in period.buckets()]
    return line_chart(title, timeline["labels"], [
        Series(_("Rencana"), [plans["planned_by_month"].get(m, 0) for m in months]),
        Series(_("Diminta"), timeline["requested"])])


def _training_chart(training: dict, label: str) -> Markup:
    items = [(_("Lulus"), training["pass_rate"]), (_("Bersertifikat (dari yang lulus)"), training["certification_rate"]),
             (_("Bekerja dalam 6 bulan (dari yang lulus)"), training["placement_rate"]),
             (_("Peserta dari desil kesejahteraan 1–4"), training["poor_share"])]
    return bar_chart(_("Hasil pelatihan, %(p)s", p=label), items, unit="%", max_value=100)


def company_chart(share, target: int, name: str) -> Markup:
    """The company's planned, actual and headcount local share against the target."""
    items = [(_("Rencana (permintaan)"), share.planned if share else None),
             (_("Realisasi (penempatan)"), share.actual if share else None),
             (_("Tenaga kerja saat ini"), share.headcount if share else None)]
    return bar_chart(_("Porsi tenaga kerja lokal %(name)s", name=name), items, unit="%", max_value=100,
                     target=target, target_label=_("Target"), colors=[PALETTE[2], PALETTE[0], PALETTE[5]])


def skills_chart(rows, limit: int = 12) -> Markup:
    """Open positions and available certified graduates for the skills with the largest shortage."""
    top = rows[:limit]
    return grouped_bar_chart(_("Kesenjangan keterampilan: posisi terbuka dan lulusan bersertifikat"),
                             [reference_label(r.name, "skill", r.code) for r in top],
                             [Series(_("Posisi terbuka"), [r.open_positions for r in top]),
                              Series(_("Lulusan bersertifikat tersedia"), [r.graduates for r in top])])
