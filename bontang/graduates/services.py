"""What companies see of graduates: the privacy-safe search, the profile access log, proposal asks."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import joinedload, selectinload

from bontang import audit
from bontang.accounts.models import Role, User
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.graduates.models import AskStatus, GraduateProfileView, GraduateProposalAsk
from bontang.training.models import Certificate, Enrolment, EnrolmentResult
from bontang.jobseekers.models import EmploymentStatus, JobSeeker, job_seeker_skill
from bontang.mail import queue_mail
from bontang.pagination import Page

OPEN_HIRING_STATUSES = ("verified", "candidates_proposed", "partly_filled")
MAX_TERMS = 5


@dataclass
class GraduateFilters:
    q: str = ""
    skill_id: int | None = None
    programme_id: int | None = None
    scheme_id: int | None = None
    valid_only: bool = False
    local_only: bool = False
    available_only: bool = False


def _visible():
    """Only consenting job seekers who passed a programme or hold a certificate are shown to companies."""
    return and_(JobSeeker.consent_to_share.is_(True), JobSeeker.is_graduate.is_(True))


def _relevance(today: date, terms: list[str]):
    score = (case((JobSeeker.best_valid_until >= today, 4), else_=0)
             + case((JobSeeker.has_bontang_ktp.is_(True), 2), else_=0)
             + case((JobSeeker.employment_status == EmploymentStatus.AVAILABLE, 1), else_=0))
    for term in terms:
        score = score + case((JobSeeker.name.ilike(f"%{term}%"), 3), else_=0)
    return score


def _id_in(ids):
    """Job seeker id among a subquery's ids, written so that the plan starts from those ids (an indexed list).

    SQLite does that for IN; PostgreSQL would rather scan every graduate and probe the list, so there
    the ids are collected first (= ANY(ARRAY(...))) and looked up by primary key.
    """
    if db.engine.dialect.name == "postgresql":
        return JobSeeker.id == func.any(func.array(ids.scalar_subquery()))
    return JobSeeker.id.in_(ids)


def _filtered(query, f: GraduateFilters, today: date, terms: list[str]):
    for term in terms:
        query = query.where(JobSeeker.search_text.like(f"%{term}%"))
    if f.skill_id:
        query = query.where(_id_in(select(job_seeker_skill.c.job_seeker_id).where(job_seeker_skill.c.skill_id == f.skill_id)))
    if f.programme_id:
        query = query.where(_id_in(select(Enrolment.job_seeker_id).where(
            Enrolment.programme_id == f.programme_id, Enrolment.result == EnrolmentResult.PASSED)))
    if f.scheme_id:
        query = query.where(_id_in(select(Certificate.job_seeker_id).where(Certificate.scheme_id == f.scheme_id)))
    if f.valid_only:
        query = query.where(JobSeeker.best_valid_until >= today)
    if f.local_only:
        query = query.where(JobSeeker.has_bontang_ktp.is_(True))
    if f.available_only:
        query = query.where(JobSeeker.employment_status == EmploymentStatus.AVAILABLE)
    return query


def _terms(q: str) -> list[str]:
    return [t for t in q.lower().replace("%", " ").replace("_", " ").split() if t][:MAX_TERMS]


def paginate_graduates(f: GraduateFilters, page: int, per_page: int, today: date | None = None) -> Page:
    """One page of graduates: ids and the total in one narrow statement, then the cards for those ids."""
    today = today or date.today()
    terms = _terms(f.q)
    ranked = (_filtered(select(JobSeeker.id, func.count().over().label("total")).where(_visible()), f, today, terms)
              .order_by(_relevance(today, terms).desc(), JobSeeker.id.desc()))
    page = max(page, 1)
    rows = db.session.execute(ranked.limit(per_page).offset((page - 1) * per_page)).all()
    if not rows and page > 1:
        total = db.session.scalar(select(func.count()).select_from(ranked.order_by(None).subquery())) or 0
        return paginate_graduates(f, max(-(-total // per_page), 1), per_page, today) if total else Page([], 1, per_page, 0)
    ids = [row.id for row in rows]
    loaded = {s.id: s for s in db.session.scalars(select(JobSeeker).where(JobSeeker.id.in_(ids))
                                                  .options(*card_options()))} if ids else {}
    return Page(items=[loaded[i] for i in ids], page=page, per_page=per_page, total=rows[0].total if rows else 0)


def card_options():
    """Eager loads for graduate cards: a fixed number of queries per page."""
    return (selectinload(JobSeeker.skills),
            selectinload(JobSeeker.certificates).joinedload(Certificate.scheme),
            selectinload(JobSeeker.enrolments).joinedload(Enrolment.programme))


def visible_graduate(job_seeker_id: int) -> JobSeeker | None:
    """A graduate a company may open, or None (no consent, not a graduate, unknown id)."""
    return db.session.scalar(select(JobSeeker).where(JobSeeker.id == job_seeker_id, _visible()).options(*card_options()))


def record_profile_view(seeker: JobSeeker, *, user) -> GraduateProfileView:
    """Keep who opened which graduate's profile, and when."""
    view = GraduateProfileView(job_seeker_id=seeker.id, user_id=user.id, company_id=user.company_id, viewed_at=utcnow())
    db.session.add(view)
    db.session.flush()
    return view


def profile_views(seeker: JobSeeker, limit: int = 50) -> list[GraduateProfileView]:
    """The latest company openings of a job seeker's profile, for Disnaker."""
    return list(db.session.scalars(
        select(GraduateProfileView).where(GraduateProfileView.job_seeker_id == seeker.id)
        .options(joinedload(GraduateProfileView.user), joinedload(GraduateProfileView.company))
        .order_by(GraduateProfileView.viewed_at.desc(), GraduateProfileView.id.desc()).limit(limit)))


def _hiring_model():
    try:
        from bontang.hiring.models import HiringRequest
    except ImportError:
        return None
    return HiringRequest


def _open_values(model) -> list:
    enum_class = getattr(model.status.type, "enum_class", None)
    if enum_class is None:
        return list(OPEN_HIRING_STATUSES)
    return [m for m in enum_class if m.value in OPEN_HIRING_STATUSES]


def open_hiring_requests(company_id: int) -> list:
    """The company's hiring requests that Disnaker can still fill (empty until the hiring feature exists)."""
    model = _hiring_model()
    if model is None:
        return []
    return list(db.session.scalars(select(model).where(model.company_id == company_id,
                                                       model.status.in_(_open_values(model))).order_by(model.id.desc())))


def ask_for_proposal(seeker: JobSeeker, data: dict, *, actor) -> GraduateProposalAsk:
    """A company asks Disnaker to propose this graduate for one of its open hiring requests."""
    allowed = {r.id: r for r in open_hiring_requests(actor.company_id)}
    request_ = allowed.get(data.get("hiring_request_id"))
    if request_ is None:
        raise DomainError(_("Pilih salah satu permintaan tenaga kerja perusahaan Anda yang masih terbuka."),
                          "hiring_request_id")
    duplicate = db.session.scalar(select(GraduateProposalAsk.id).where(
        GraduateProposalAsk.job_seeker_id == seeker.id, GraduateProposalAsk.hiring_request_id == request_.id,
        GraduateProposalAsk.status == AskStatus.OPEN))
    if duplicate:
        raise DomainError(_("Permintaan usulan untuk lulusan ini pada lowongan itu sudah dikirim."), "hiring_request_id")
    ask = GraduateProposalAsk(job_seeker_id=seeker.id, company_id=actor.company_id, hiring_request_id=request_.id,
                              requested_by_id=actor.id, note=(data.get("note") or "").strip()[:1000])
    db.session.add(ask)
    db.session.flush()
    audit.record("graduate.proposal_asked", ask, details={"hiring_request_id": request_.id,
                                                          "job_seeker_id": seeker.id}, actor=actor)
    _notify_disnaker(ask, request_, actor)
    return ask


def _notify_disnaker(ask: GraduateProposalAsk, hiring_request, actor) -> None:
    staff = db.session.scalars(select(User).where(User.role == Role.STAFF, User.active.is_(True))
                               .order_by(User.id).limit(20))
    subject = _l("Permintaan usulan lulusan dari %(company)s", company=actor.company.name)
    for user in staff:
        queue_mail(user.email, subject, "graduates_ask", kind="graduates.ask", user=user, recipient=user, ask=ask,
                   hiring_request=hiring_request, company=actor.company, requester=actor)


def asks_query(status: str = "open"):
    """Proposal asks for Disnaker, newest first, filtered by status."""
    query = (select(GraduateProposalAsk)
             .options(joinedload(GraduateProposalAsk.job_seeker), joinedload(GraduateProposalAsk.company),
                      joinedload(GraduateProposalAsk.requested_by))
             .order_by(GraduateProposalAsk.created_at.desc(), GraduateProposalAsk.id.desc()))
    if status in {s.value for s in AskStatus}:
        query = query.where(GraduateProposalAsk.status == AskStatus(status))
    return query


def _ask_proposal(ask: GraduateProposalAsk):
    from bontang.hiring.models import CandidateProposal

    return db.session.scalar(select(CandidateProposal).where(
        CandidateProposal.hiring_request_id == ask.hiring_request_id, CandidateProposal.job_seeker_id == ask.job_seeker_id))


def _finish_ask(ask: GraduateProposalAsk, status: AskStatus, note: str, proposal, *, actor) -> GraduateProposalAsk:
    ask.status, ask.staff_note = status, note
    ask.proposal_id = proposal.id if proposal is not None else None
    ask.handled_by_id, ask.handled_at = actor.id, utcnow()
    audit.record("graduate.proposal_ask_closed", ask, actor=actor, company_id=ask.company_id,
                 details={"status": status.value, **({"proposal_id": proposal.id} if proposal is not None else {}),
                          **({"note": note} if note else {})})
    _tell_company(ask, proposal)
    return ask


def _tell_company(ask: GraduateProposalAsk, proposal) -> None:
    requester = ask.requested_by
    if requester is None or not requester.email:
        return
    subject = (_l("Lulusan yang Anda minta telah diusulkan: %(name)s", name=ask.job_seeker.name) if proposal is not None
               else _l("Permintaan usulan lulusan tidak dapat dipenuhi: %(name)s", name=ask.job_seeker.name))
    hiring_request = db.session.get(_hiring_model(), ask.hiring_request_id)
    queue_mail(requester.email, subject, "graduates_ask_closed", kind="graduates.ask_closed", user=requester,
               recipient=requester, ask=ask, proposal=proposal, hiring_request=hiring_request)


def answer_ask(ask: GraduateProposalAsk, proposals, *, actor) -> GraduateProposalAsk:
    """Close an ask with the proposal just made for its graduate (hiring.matching calls it), and tell the company."""
    if ask.status != AskStatus.OPEN:
        raise DomainError(_("Permintaan ini sudah ditangani."))
    proposal = next((p for p in proposals if p.job_seeker_id == ask.job_seeker_id
                     and p.hiring_request_id == ask.hiring_request_id), None)
    if proposal is None:
        raise DomainError(_("Usulan ini bukan untuk lulusan dan lowongan yang diminta perusahaan."))
    return _finish_ask(ask, AskStatus.HANDLED, "", proposal, actor=actor)


def close_ask(ask: GraduateProposalAsk, status: str, note: str, *, actor) -> GraduateProposalAsk:
    """Close an ask: handled only once its graduate is proposed for that request; declined only with a reason.

    Either way the company's requester is told by e-mail.
    """
    if ask.status != AskStatus.OPEN:
        raise DomainError(_("Permintaan ini sudah ditangani."))
    if status not in (AskStatus.HANDLED.value, AskStatus.DECLINED.value):
        raise DomainError(_("Status tidak dikenal."), "status")
    note = (note or "").strip()[:1000]
    if status == AskStatus.DECLINED.value:
        if not note:
            raise DomainError(_("Tulis alasan mengapa lulusan ini tidak diusulkan; perusahaan akan membacanya."), "note")
        return _finish_ask(ask, AskStatus.DECLINED, note, None, actor=actor)
    proposal = _ask_proposal(ask)
    if proposal is None:
        raise DomainError(_("Lulusan ini belum diusulkan untuk permintaan itu. Usulkan dari halaman kandidat, "
                            "atau tutup dengan alasan."), "status")
    return _finish_ask(ask, AskStatus.HANDLED, note, proposal, actor=actor)
