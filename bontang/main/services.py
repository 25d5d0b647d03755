"""What the home page shows for each role: what needs the user's attention now, then shortcuts.

Each attention item is a dict: count (or None), text (already translated), url, action (button
label) and tone ("warn" when the user must act, "info" otherwise, "done" when nothing is left).
Only counts come from here; the features own their rules (their queries and services).
"""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from bontang.accounts.models import Company, Role, User
from bontang.extensions import db
from bontang.templating import can_open

# Shortcuts offered on the home page per role. Only endpoints that exist and that the role may
# open are shown.
SHORTCUTS = {
    Role.ADMIN: ("reports.dashboard", "mou.index", "hiring.queue", "accounts.companies", "accounts.users", "admin.outbox"),
    Role.STAFF: ("reports.dashboard", "mou.index", "hiring.queue", "jobseekers.index", "accounts.companies"),
    Role.OFFICIAL: ("reports.dashboard", "mou.countersign_queue"),
    Role.COMPANY_REP: ("mou.my_agreement", "hiring.index", "graduates.search", "reports.company"),
    Role.COMPANY_HR: ("hiring.index", "graduates.search", "hiring.plans", "reports.company"),
    Role.TRAINER: ("training.programmes",),
}


def _item(count: int | None, text: str, endpoint: str, action: str, *, tone: str = "warn", **args) -> dict:
    return {"count": count, "text": text, "url": url_for(endpoint, **args), "action": action,
            "tone": tone if count != 0 else "done"}


def _hiring_counts(company_id: int | None = None) -> dict[str, int]:
    from bontang.hiring.queries import status_counts

    return status_counts(company_id)


def _disnaker_attention() -> list[dict]:
    from bontang.graduates.models import AskStatus, GraduateProposalAsk
    from bontang.mou import queries as mou

    hiring = _hiring_counts()
    waiting = hiring.get("submitted", 0) + hiring.get("resubmitted", 0)
    counts = mou.progress()["counts"]
    unsigned = counts.get("invited", 0) + counts.get("viewed", 0)
    asks = db.session.scalar(select(func.count(GraduateProposalAsk.id))
                             .where(GraduateProposalAsk.status == AskStatus.OPEN)) or 0
    return [
        _item(waiting, _("permintaan tenaga kerja menunggu verifikasi"), "hiring.queue", _("Verifikasi permintaan"),
              status="submitted"),
        _item(asks, _("permintaan usulan lulusan dari perusahaan belum ditangani"), "graduates.asks",
              _("Tangani permintaan usulan")),
        _item(unsigned, _("perusahaan diundang tetapi belum menandatangani MoU"), "mou.index",
              _("Lihat dan ingatkan"), tone="info", status="invited"),
        _item(counts.get("not_invited", 0), _("perusahaan aktif belum diundang menandatangani MoU"), "mou.index",
              _("Undang perusahaan"), tone="info", status="not_invited"),
    ]


def _official_attention(user: User) -> list[dict]:
    from bontang.mou import queries as mou

    waiting = mou.countersign_count(user)
    progress = mou.progress()
    return [
        _item(waiting, _("MoU menunggu tanda tangan Anda"), "mou.countersign_queue", _("Buka antrean tanda tangan")),
        _item(progress["completed"], _("dari %(target)d mitra telah menyelesaikan MoU", target=progress["target"]),
              "reports.dashboard", _("Buka dasbor"), tone="info"),
    ]


# (status of the company's newest agreement) -> (message, action, tone); representatives sign.
MOU_STATES = {
    "invited": (_l("MoU Anda menunggu tanda tangan"), _l("Baca dan tandatangani"), "warn"),
    "viewed": (_l("MoU Anda menunggu tanda tangan"), _l("Baca dan tandatangani"), "warn"),
    "signed_by_company": (_l("MoU sudah Anda tandatangani dan menunggu tanda tangan pejabat Disnaker"),
                          _l("Lihat MoU"), "info"),
    "completed": (_l("MoU telah selesai ditandatangani kedua pihak"), _l("Lihat MoU"), "done"),
    "declined": (_l("MoU ditolak perusahaan"), _l("Lihat MoU"), "info"),
    "revoked": (_l("MoU dicabut Disnaker"), _l("Lihat MoU"), "info"),
}
HR_WAITS = (_l("MoU perusahaan menunggu tanda tangan wakil perusahaan"), _l("Lihat MoU"))


def _mou_item(user: User) -> dict | None:
    from bontang.mou.models import Agreement

    status = db.session.scalar(select(Agreement.status).where(Agreement.company_id == user.company_id)
                               .order_by(Agreement.id.desc()).limit(1))
    if status is None or not can_open("mou.my_agreement"):
        return None
    text, action, tone = MOU_STATES.get(status.value, MOU_STATES["invited"])
    if tone == "warn" and user.role != Role.COMPANY_REP:
        text, action = HR_WAITS
    return {"count": None, "text": str(text), "url": url_for("mou.my_agreement"), "action": str(action), "tone": tone}


def _company_attention(user: User) -> list[dict]:
    hiring = _hiring_counts(user.company_id)
    items = [_mou_item(user)]
    items += [
        _item(hiring.get("candidates_proposed", 0) + hiring.get("partly_filled", 0),
              _("permintaan punya kandidat usulan Disnaker untuk ditinjau"), "hiring.index", _("Tinjau kandidat"),
              status="candidates_proposed"),
        _item(hiring.get("returned", 0), _("permintaan dikembalikan Disnaker untuk diperbaiki"), "hiring.index",
              _("Perbaiki permintaan"), status="returned"),
        _item(hiring.get("draft", 0), _("draf permintaan belum diajukan"), "hiring.index", _("Lanjutkan draf"),
              tone="info", status="draft"),
    ]
    return [item for item in items if item is not None]


def _trainer_attention(user: User) -> list[dict]:
    from bontang.training.models import ProgrammeStatus, TrainingProgramme
    from bontang.training.services import programmes_for

    active = programmes_for(user).where(TrainingProgramme.status.in_([ProgrammeStatus.OPEN, ProgrammeStatus.RUNNING]))
    count = db.session.scalar(select(func.count()).select_from(active.order_by(None).subquery())) or 0
    return [_item(count, _("program pelatihan dibuka atau sedang berjalan"), "training.programmes",
                  _("Catat peserta dan hasil"), tone="info")]


def attention_items(user: User) -> list[dict]:
    """What needs the user's attention now, most urgent first; nothing for counts of zero."""
    if user.role in (Role.ADMIN, Role.STAFF):
        items = _disnaker_attention()
    elif user.role == Role.OFFICIAL:
        items = _official_attention(user)
    elif user.role in (Role.COMPANY_REP, Role.COMPANY_HR):
        items = _company_attention(user)
    else:
        items = _trainer_attention(user)
    order = {"warn": 0, "info": 1, "done": 2}
    return sorted((item for item in items if item["count"] != 0), key=lambda item: order[item["tone"]])


def home_summary(user: User) -> dict:
    """Attention items, counts and shortcuts for the user's home page."""
    summary: dict = {"shortcuts": [e for e in SHORTCUTS.get(user.role, ()) if can_open(e)],
                     "attention": attention_items(user)}
    if user.role in (Role.ADMIN, Role.STAFF, Role.OFFICIAL):
        summary["companies"] = db.session.scalar(select(func.count(Company.id)).where(Company.active))
        summary["users"] = db.session.scalar(select(func.count(User.id)).where(User.active))
    if user.company_id:
        summary["company"] = user.company
    return summary
