"""The main page of every role on the bench data set (bench/dataset.py), and who opens it."""
from __future__ import annotations

from sqlalchemy import select

from bontang.extensions import db

STAFF, ADMIN, OFFICIAL, HR, REP, TRAINER = (
    "staff@bench.example.com", "admin@bench.example.com", "official@bench.example.com", "hr001@bench.example.com",
    "rep001@bench.example.com", "trainer@bench.example.com")


def main_pages() -> list[tuple[str, str | None, str]]:
    """(name, login e-mail or None for public, path) of each main page; call inside an app context."""
    from bontang.jobseekers.models import Skill
    from bontang.hiring.models import HiringRequest, HiringStatus
    from bontang.mou.models import Agreement, AgreementStatus
    from bench.dataset import seeker_name

    signed = db.session.scalar(select(Agreement).join(Agreement.documents).where(
        Agreement.status == AgreementStatus.COMPLETED).order_by(Agreement.id).limit(1))
    open_request = db.session.scalar(select(HiringRequest.id).where(
        HiringRequest.status == HiringStatus.VERIFIED, HiringRequest.scheme_id.is_(None), HiringRequest.positions < 50)
        .order_by(HiringRequest.id).limit(1))
    bulk = db.session.scalar(select(HiringRequest.id).where(
        HiringRequest.status == HiringStatus.VERIFIED, HiringRequest.scheme_id.is_not(None),
        HiringRequest.positions >= 50).order_by(HiringRequest.id).limit(1))
    weld = db.session.scalar(select(Skill.id).where(Skill.code == "LS-SMAW"))
    name = seeker_name(77).replace(" ", "+")
    return [
        ("staff home", STAFF, "/"),
        ("official home", OFFICIAL, "/"),
        ("company HR home", HR, "/"),
        ("company representative's agreement", REP, "/mou/perusahaan"),
        ("trainer's programmes", TRAINER, "/pelatihan"),
        ("MoU detail (timeline)", STAFF, f"/mou/{signed.id}"),
        ("MoU progress", STAFF, "/mou"),
        ("public verification", None, f"/verifikasi/{signed.verification_code}"),
        ("signed-PDF download", STAFF, f"/mou/{signed.id}/pdf"),
        ("dashboard (year)", OFFICIAL, "/laporan?periode=2025"),
        ("candidate ranking", STAFF, f"/kelola/permintaan/{open_request}/kandidat"),
        ("candidate ranking, bulk request with a scheme", STAFF, f"/kelola/permintaan/{bulk}/kandidat"),
        ("candidates who miss a rule (on demand)", STAFF, f"/kelola/permintaan/{open_request}/kandidat/tidak-memenuhi"),
        ("admin audit log", ADMIN, "/admin/audit"),
        ("job-seeker registry search", STAFF, f"/pencari-kerja?q={name}"),
        ("graduate search with filters", HR, f"/lulusan?keahlian={weld}&berlaku=1&lokal=1&q=pengelasan"),
        ("staff hiring queue", STAFF, "/kelola/permintaan"),
        ("company's own hiring list", HR, "/permintaan"),
    ]
