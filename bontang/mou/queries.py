"""Read-only queries for the staff views: progress, the filterable table, the CSV rows."""
from __future__ import annotations

from functools import cache

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import aliased, defer, joinedload, load_only, selectinload

from bontang.accounts.models import Company
from bontang.extensions import db
from bontang.mou.models import (Agreement, AgreementStatus, Document, MouTemplate, Party, Signature,
                                next_party_of)
from bontang.templating import wita

NOT_INVITED = "not_invited"
STATUS_LABELS = {
    NOT_INVITED: _l("Belum diundang"),
    AgreementStatus.DRAFT.value: _l("Draf"),
    AgreementStatus.INVITED.value: _l("Diundang"),
    AgreementStatus.VIEWED.value: _l("Dibuka"),
    AgreementStatus.SIGNED_BY_COMPANY.value: _l("Menunggu tanda tangan pejabat"),
    AgreementStatus.COMPLETED.value: _l("Selesai"),
    AgreementStatus.DECLINED.value: _l("Ditolak"),
    AgreementStatus.REVOKED.value: _l("Dicabut"),
}
ACTION_LABELS = {
    "mou.invited": _l("Undangan dikirim"), "mou.reminded": _l("Pengingat dikirim"), "mou.viewed": _l("Dibuka wakil perusahaan"),
    "mou.signed_by_company": _l("Ditandatangani perusahaan"), "mou.declined": _l("Ditolak perusahaan"),
    "mou.countersigned": _l("Ditandatangani pejabat"), "mou.document_sealed": _l("PDF final dibuat dan disegel"),
    "mou.downloaded": _l("PDF diunduh"), "mou.preview_downloaded": _l("Pratinjau PDF diunduh"),
    "mou.revoked": _l("Dicabut"),
    "mou.seal_failed": _l("Penyegelan PDF gagal (dicoba lagi)"), "mou.seal_skipped": _l("PDF tidak disegel"),
    "mou.reinvited": _l("Diundang ulang"), "mou.previewed": _l("Pratinjau dibuka pejabat"),
}
AGREEMENT_STATUSES = frozenset(s.value for s in AgreementStatus)
STATUS_BADGES = {"completed": "ok", "signed_by_company": "info", "viewed": "info", "invited": "warn",
                 "declined": "bad", "revoked": "bad"}


@cache
def _latest_ids():
    """Each company's newest agreement id (a subquery; built once, as statements are immutable)."""
    return (select(Agreement.company_id, func.max(Agreement.id).label("id"))
            .group_by(Agreement.company_id).subquery())


@cache
def _table_base() -> tuple[Select, type[Agreement]]:
    """The table's statement before filters, and its alias of the newest agreement: built once per process
    (the alias and the loader options cost more to build than the statement takes to run)."""
    latest = _latest_ids()
    current = aliased(Agreement)
    # The table and the export read a company's name and the agreement's dates, never its text.
    query = (select(Company, current).outerjoin(latest, latest.c.company_id == Company.id)
             .outerjoin(current, current.id == latest.c.id).where(Company.active.is_(True))
             .options(load_only(Company.id, Company.name), defer(current.body_html)))
    return query, current


@cache
def _progress_statements() -> tuple[Select, Select]:
    """Counts by status of the newest agreements, and the number of active companies (built once)."""
    latest = _latest_ids()
    return (select(Agreement.status, func.count()).join(latest, latest.c.id == Agreement.id).group_by(Agreement.status),
            select(func.count(Company.id)).where(Company.active.is_(True)))


def table_query(q: str = "", status: str = "") -> Select:
    """Companies with their newest agreement (or none), filtered by status and searched by name or number."""
    query, current = _table_base()
    if q.strip():
        like = f"%{q.strip().lower()}%"
        query = query.where(or_(func.lower(Company.name).like(like), func.lower(current.number).like(like)))
    if status == NOT_INVITED:
        query = query.where(current.id.is_(None))
    elif status in AGREEMENT_STATUSES:
        query = query.where(current.status == AgreementStatus(status))
    return query.order_by(Company.name)


def progress() -> dict:
    """Counts by status of each company's newest agreement, against the partner target."""
    by_status, active = _progress_statements()
    counts = {status.value: n for status, n in db.session.execute(by_status)}
    companies = db.session.scalar(active) or 0
    counts[NOT_INVITED] = max(companies - sum(counts.values()), 0)
    target = current_app.config["PARTNER_TARGET"]
    done = counts.get("completed", 0)
    return {"counts": counts, "target": target, "completed": done, "percent": min(100, round(100 * done / target))
            if target else 0, "companies": companies}


def table_total(progress: dict, q: str = "", status: str = "") -> int | None:
    """The number of rows of the unfiltered `table_query()` (every active company once), read off `progress()`;
    None when a search or a status narrows the table (progress counts agreements of inactive companies too)."""
    if q.strip() or status == NOT_INVITED or status in AGREEMENT_STATUSES:
        return None
    return progress["companies"]


def export_rows(q: str = "", status: str = "") -> tuple[list[str], list[list]]:
    """Headers and rows of the table for the CSV export."""
    headers = ["Perusahaan", "Status", "Nomor", "Kode verifikasi", "Diundang", "Dibuka", "Kedaluwarsa undangan",
               "Ditandatangani perusahaan", "Selesai", "Alasan (tolak/cabut)"]
    rows = []
    for company, agreement in db.session.execute(table_query(q, status)):
        if agreement is None:
            rows.append([company.name, str(STATUS_LABELS[NOT_INVITED])] + [""] * 8)
            continue
        rows.append([company.name, str(STATUS_LABELS[agreement.status.value]), agreement.number,
                     agreement.verification_code, wita(agreement.invited_at), wita(agreement.viewed_at),
                     wita(agreement.invitation_expires_at), wita(agreement.company_signed_at),
                     wita(agreement.completed_at), agreement.decline_reason or agreement.revoke_reason])
    return headers, rows


def countersign_queue(official) -> list[Agreement]:
    """Agreements signed by their company and waiting for this official's signature, oldest first."""
    from bontang.mou.signing import awaits_official

    # The agreement text is read only when previewed; the template (one for many agreements) by key.
    rows = db.session.scalars(select(Agreement).options(joinedload(Agreement.company), defer(Agreement.body_html),
                                                        selectinload(Agreement.template), selectinload(Agreement.signatures))
                              .where(Agreement.status == AgreementStatus.SIGNED_BY_COMPANY)
                              .order_by(Agreement.company_signed_at, Agreement.id)).unique()
    return [a for a in rows if awaits_official(a, official)]


def countersign_count(official) -> int:
    """How many agreements wait for this official (the home page's figure): `awaits_official`'s rule on plain
    rows (the template's parties and who signed), without loading the agreements."""
    from bontang.mou.signing import office_awaits

    if not official.office:
        return 0
    waiting = Agreement.status == AgreementStatus.SIGNED_BY_COMPANY
    signed: dict[int, set] = {}
    signers: dict[int, set] = {}
    for agreement_id, party, user_id in db.session.execute(
            select(Signature.agreement_id, Signature.party, Signature.user_id).join(Agreement).where(waiting)):
        signed.setdefault(agreement_id, set()).add(Party(party))
        signers.setdefault(agreement_id, set()).add(user_id)
    rows = db.session.execute(select(Agreement.id, MouTemplate.signatory_roles).join(MouTemplate).where(waiting))
    return sum(1 for agreement_id, roles in rows
               if office_awaits(next_party_of(roles, signed.get(agreement_id, set())), signers.get(agreement_id, ()),
                                official))


def partners() -> list[tuple[str, str, object]]:
    """Public list: companies whose agreement is completed (name, sector, completed time)."""
    return db.session.execute(
        select(Company.name, Company.sector, Agreement.completed_at).join(Agreement, and_(
            Agreement.company_id == Company.id, Agreement.status == AgreementStatus.COMPLETED))
        .order_by(Company.name)).all()


def has_document(agreement_id: int) -> bool:
    return db.session.scalar(select(func.count(Document.id)).where(Document.agreement_id == agreement_id)) > 0
