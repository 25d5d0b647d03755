"""What companies see of graduates: the privacy-safe search, the profile access log, proposal asks."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from itertools import product

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, Integer, String, and_, bindparam, case, false, func, literal, or_, select, true, union_all
from sqlalchemy.orm import joinedload, selectinload

from bontang import audit
from bontang.accounts.models import Role, User
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.graduates.models import AskStatus, GraduateProfileView, GraduateProposalAsk
from bontang.reference import page_labels
from bontang.templating import tanggal
from bontang.together import Together, dialect, ids_parameter, part, together
from bontang.training.models import Certificate, CertificationScheme, Enrolment, EnrolmentResult, TrainingProgramme
from bontang.jobseekers.models import EmploymentStatus, JobSeeker, Skill, job_seeker_skill
from bontang.mail import queue_mail
from bontang.pagination import Page

OPEN_HIRING_STATUSES = ("verified", "candidates_proposed", "partly_filled")
MAX_TERMS = 5
# Matches are counted up to this many; beyond it the page says "more than 100" (counting all reads all).
RESULT_CAP = 100


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


@dataclass(frozen=True)
class _Search:
    """A search's values as SQL sees them: the values themselves, or bound parameters (`bound`) in the statements
    built once per shape of search (which filters are set, how many terms), read with `params`."""

    today: object
    patterns: tuple  # "%term%" for each search term
    skill_id: object = None
    programme_id: object = None
    scheme_id: object = None
    valid_only: bool = False
    local_only: bool = False
    available_only: bool = False

    @classmethod
    def of(cls, f: GraduateFilters, today: date, terms: list[str]) -> _Search:
        return cls(today, tuple(f"%{term}%" for term in terms), f.skill_id or None, f.programme_id or None,
                   f.scheme_id or None, f.valid_only, f.local_only, f.available_only)

    def shape(self) -> tuple:
        return (len(self.patterns), self.skill_id is not None, self.programme_id is not None,
                self.scheme_id is not None, self.valid_only, self.local_only, self.available_only)

    def params(self) -> dict:
        named = {"today": self.today, "skill_id": self.skill_id, "programme_id": self.programme_id,
                 "scheme_id": self.scheme_id}
        return {**{key: value for key, value in named.items() if value is not None},
                **{f"term{i}": pattern for i, pattern in enumerate(self.patterns)}}

    @classmethod
    def bound(cls, shape: tuple) -> _Search:
        terms, skill, programme, scheme, valid, local, available = shape
        return cls(bindparam("today", type_=Date), tuple(bindparam(f"term{i}", type_=String) for i in range(terms)),
                   bindparam("skill_id", type_=Integer) if skill else None,
                   bindparam("programme_id", type_=Integer) if programme else None,
                   bindparam("scheme_id", type_=Integer) if scheme else None, valid, local, available)


def _relevance(s: _Search):
    score = (case((JobSeeker.best_valid_until >= s.today, 4), else_=0)
             + case((JobSeeker.has_bontang_ktp.is_(True), 2), else_=0)
             + case((JobSeeker.employment_status == EmploymentStatus.AVAILABLE, 1), else_=0))
    for pattern in s.patterns:
        score = score + case((JobSeeker.name.ilike(pattern), 3), else_=0)
    return score


def _filtered(query, s: _Search):
    for pattern in s.patterns:
        query = query.where(JobSeeker.search_text.like(pattern))
    if s.skill_id is not None:
        # A join (one row per job seeker and skill), so PostgreSQL can walk the (skill_id, job_seeker_id) index in
        # id order alongside the job seekers and stop once a page is found.
        query = query.join(job_seeker_skill, and_(job_seeker_skill.c.job_seeker_id == JobSeeker.id,
                                                  job_seeker_skill.c.skill_id == s.skill_id))
    if s.programme_id is not None:
        query = query.where(JobSeeker.id.in_(select(Enrolment.job_seeker_id).where(
            Enrolment.programme_id == s.programme_id, Enrolment.result == EnrolmentResult.PASSED)))
    if s.scheme_id is not None:
        query = query.where(JobSeeker.id.in_(select(Certificate.job_seeker_id).where(Certificate.scheme_id == s.scheme_id)))
    if s.valid_only:
        query = query.where(JobSeeker.best_valid_until >= s.today)
    if s.local_only:
        query = query.where(JobSeeker.has_bontang_ktp.is_(True))
    if s.available_only:
        query = query.where(JobSeeker.employment_status == EmploymentStatus.AVAILABLE)
    return query


def _terms(q: str) -> list[str]:
    return [t for t in q.lower().replace("%", " ").replace("_", " ").split() if t][:MAX_TERMS]


@dataclass
class GraduatePage(Page):
    """A page of graduates whose total may be a lower bound: beyond RESULT_CAP matches they are not counted."""

    capped: bool = False

    @property
    def has_next(self) -> bool:
        return self.capped or self.page < self.pages


def _tiers(s: _Search) -> list[tuple]:
    """(condition, flag score) of each flag combination the filters leave open: every row of one has that score,
    and each but the validity is a prefix of the tier index (KTP, status, id), so a part walks only its own
    rows, newest first."""
    valid = [(JobSeeker.best_valid_until >= s.today, 4),
             (or_(JobSeeker.best_valid_until.is_(None), JobSeeker.best_valid_until < s.today), 0)]
    local = [(JobSeeker.has_bontang_ktp == true(), 2), (JobSeeker.has_bontang_ktp == false(), 0)]
    statuses = [EmploymentStatus.AVAILABLE] if s.available_only else list(EmploymentStatus)
    return [(and_(v, k, JobSeeker.employment_status == status),
             v_score + k_score + (1 if status == EmploymentStatus.AVAILABLE else 0))
            for (v, v_score), (k, k_score), status in product(valid[:1] if s.valid_only else valid,
                                                               local[:1] if s.local_only else local, statuses)]


def _ranked_ids(s: _Search, tiers: list[tuple], limit):
    """The best `limit` matches of each of `tiers`, as (id, score) rows; they hold the best `limit` of those tiers.

    Ordering every match by relevance reads every match (7,000 rows for a common skill at full data). Instead
    the matches are split into parts whose order is simple: one part per combination of the flags the score
    adds up (valid certificate, Bontang KTP, status), in which all rows score alike, so newest first: an index
    walk that stops after `limit` rows. Any of the first `limit` rows of the tiers is among the first `limit`
    of its part, with its real score: these statements serve only searches in which no graduate's name matches
    a term (`_page_rows`), so nobody earns more than the flag score.
    """
    base = _filtered(select(JobSeeker.id.label("id")).where(_visible()), s)
    parts = [base.add_columns(literal(flag_score).label("score")).where(tier).order_by(JobSeeker.id.desc()).limit(limit)
             for tier, flag_score in tiers]
    wrapped = [select(sub.c.id, sub.c.score) for sub in (part.subquery() for part in parts)]
    union = union_all(*wrapped).subquery() if len(wrapped) > 1 else wrapped[0].subquery()
    return select(union.c.id, func.max(union.c.score).label("score")).group_by(union.c.id).subquery()


def _names_match(s: _Search):
    return or_(*[JobSeeker.name.ilike(pattern) for pattern in s.patterns])


# What a search card shows of the graduate themself, read with the page's own statement.
CARD_COLUMNS = (JobSeeker.id, JobSeeker.name, JobSeeker.has_bontang_ktp, JobSeeker.employment_status,
                JobSeeker.birth_date, JobSeeker.education_level, JobSeeker.field_of_study, JobSeeker.experience_years)


@dataclass(frozen=True)
class _PageStatements:
    """The statements of one shape of search, built once with the search's values, the page (`per_page`,
    `offset`) and the parts' length (`cap`) as parameters."""

    names_match: object  # does a graduate's name match a term (None without terms)
    by_name: object  # the page of a name search, ranked whole, with its exact count
    first_tier: object  # the best flag combination's matches alone, newest first, up to `cap`
    by_tiers: object | None  # the page of the other flag combinations, counted up to `cap` (None: no other)
    first_score: int


@lru_cache(maxsize=128)
def _page_statements(shape: tuple) -> _PageStatements:
    s = _Search.bound(shape)
    per_page, offset = bindparam("per_page", type_=Integer), bindparam("offset", type_=Integer)
    cap = bindparam("cap", type_=Integer)
    names_match = select(JobSeeker.id).where(_visible(), _names_match(s)).limit(1) if s.patterns else None
    by_name = (_filtered(select(*CARD_COLUMNS, func.count().over().label("seen")).where(_visible()), s)
               .order_by(_relevance(s).desc(), JobSeeker.id.desc()).limit(per_page).offset(offset))
    tiers = sorted(_tiers(s), key=lambda tier: -tier[1])
    (first, first_score), rest = tiers[0], tiers[1:]  # only one combination has valid, KTP and available
    first_tier = (_filtered(select(*CARD_COLUMNS).where(_visible()), s).where(first)
                  .order_by(JobSeeker.id.desc()).limit(cap))
    by_tiers = None
    if rest:
        ranked = _ranked_ids(s, rest, cap)
        found = (select(ranked.c.id, ranked.c.score, func.count().over().label("seen"))
                 .order_by(ranked.c.score.desc(), ranked.c.id.desc()).limit(per_page).offset(offset).subquery())
        # The page's people are joined for their card facts, after the page is cut.
        by_tiers = (select(*CARD_COLUMNS, found.c.seen).join(found, found.c.id == JobSeeker.id)
                    .order_by(found.c.score.desc(), found.c.id.desc()))
    return _PageStatements(names_match, by_name, first_tier, by_tiers, first_score)


def _page_rows(f: GraduateFilters, today: date, terms: list[str], page: int, per_page: int):
    """(rows with CARD_COLUMNS, how many matches were seen, the number they are counted up to or None) of a page.

    Search terms that match graduates' names (a name search: its matches are mostly names, which the
    name index finds) rank all their matches in one statement with an exact window count, as a
    name search always did. Otherwise every match scores its flag combination's score: the best
    combination (valid certificate, Bontang KTP, available) comes first, newest first, and when it
    alone fills the count up to RESULT_CAP the page is cut from it; else the other combinations'
    parts (_ranked_ids) give the rest of the page and of the count.
    """
    search = _Search.of(f, today, terms)
    statements = _page_statements(search.shape())
    offset = (page - 1) * per_page
    params = {**search.params(), "per_page": per_page, "offset": offset}
    if statements.names_match is not None and db.session.scalar(statements.names_match, params) is not None:
        rows = db.session.execute(statements.by_name, params).all()
        return rows, rows[0].seen if rows else 0, None
    limit = max(RESULT_CAP, offset + per_page) + 1
    first = db.session.execute(statements.first_tier, {**params, "cap": limit}).all()
    taken = first[offset:offset + per_page]
    if len(first) == limit or statements.by_tiers is None:
        return taken, len(first), limit
    # Asked for one row at least, so the window count comes back even when the first combination fills the page.
    wanted = per_page - len(taken)
    rest = db.session.execute(statements.by_tiers, {**params, "cap": limit - len(first), "per_page": max(wanted, 1),
                                                    "offset": max(offset - len(first), 0)}).all()
    return taken + rest[:wanted], len(first) + (rest[0].seen if rest else 0), limit


def paginate_graduates(f: GraduateFilters, page: int, per_page: int, today: date | None = None) -> GraduatePage:
    """One page of graduates, best first, and their number: exact up to RESULT_CAP, else "more than 100"."""
    today = today or date.today()
    terms = _terms(f.q)
    page = max(page, 1)
    rows, seen, limit = _page_rows(f, today, terms, page, per_page)
    if not rows and page > 1:
        total = db.session.scalar(select(func.count()).select_from(
            _filtered(select(JobSeeker.id).where(_visible()), _Search.of(f, today, terms)).subquery())) or 0
        if not total:
            return GraduatePage([], 1, per_page, 0)
        return paginate_graduates(f, max(-(-total // per_page), 1), per_page, today)
    capped = limit is not None and seen >= limit
    return GraduatePage(items=graduate_cards(rows, today), page=page, per_page=per_page,
                        total=limit - 1 if capped else seen, capped=capped)


@dataclass
class CardCertificate:
    name: str
    valid: bool
    badge: str
    verified: bool


@dataclass
class GraduateCard:
    """What a company's search result shows of a graduate: built from named columns only, so NIK, address,
    phone, welfare decile and disability details are never even loaded for it."""

    id: int
    name: str
    local: bool
    employed: bool
    summary: str
    certificates: list[CardCertificate] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    more_skills: int = 0


def _card_summary(row, today: date, age_text: str, experience_text: str, label) -> str:
    born = row.birth_date
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    parts = [age_text % {"age": age}, label(row.education_level, "education")]
    text = " · ".join(parts) + (f" {row.field_of_study}" if row.field_of_study else "")
    return text + (" · " + experience_text % {"n": row.experience_years} if row.experience_years else "")


@cache
def _card_lists(dialect_name: str) -> Together:
    """The certificates (newest first), passed programmes and skills (by name) of the graduates in parameter `ids`."""
    return together(
        certificates=part(select(Certificate.job_seeker_id, CertificationScheme.name, CertificationScheme.code,
                                 Certificate.valid_until, Certificate.verified)
                          .join(CertificationScheme, CertificationScheme.id == Certificate.scheme_id)
                          .where(ids_parameter(Certificate.job_seeker_id, "ids", dialect_name)),
                          Certificate.issue_date.desc(), Certificate.id.desc()),
        programmes=part(select(Enrolment.job_seeker_id, TrainingProgramme.title)
                        .join(TrainingProgramme, TrainingProgramme.id == Enrolment.programme_id)
                        .where(ids_parameter(Enrolment.job_seeker_id, "ids", dialect_name),
                               Enrolment.result == EnrolmentResult.PASSED), Enrolment.id),
        skills=part(select(job_seeker_skill.c.job_seeker_id, Skill.name, Skill.code)
                    .join(Skill, Skill.id == job_seeker_skill.c.skill_id)
                    .where(ids_parameter(job_seeker_skill.c.job_seeker_id, "ids", dialect_name)), Skill.name, Skill.id))


def graduate_cards(rows, today: date, skills_shown: int = 8) -> list[GraduateCard]:
    """The search cards of these rows (with CARD_COLUMNS), in their order: their certificates, programmes and
    skills in one more statement, labels translated once each."""
    if not rows:
        return []
    ids = [row.id for row in rows]
    age_text, experience_text, label = _("%(age)d tahun"), _("pengalaman %(n)d tahun"), page_labels()
    cards = {row.id: GraduateCard(id=row.id, name=row.name, local=bool(row.has_bontang_ktp),
                                  employed=row.employment_status == EmploymentStatus.EMPLOYED,
                                  summary=_card_summary(row, today, age_text, experience_text, label)) for row in rows}
    found = _card_lists(dialect()).read(ids=sorted(ids))
    badges: dict = {}
    for seeker_id, name, code, valid_until, verified in found["certificates"]:
        valid = valid_until is None or valid_until >= today
        if (valid, valid_until) not in badges:
            badges[valid, valid_until] = (_("berlaku") if valid_until is None else
                                          _("berlaku sampai %(d)s", d=tanggal(valid_until)) if valid else
                                          _("kedaluwarsa %(d)s", d=tanggal(valid_until)))
        cards[seeker_id].certificates.append(CardCertificate(label(name, "scheme", code), valid, badges[valid, valid_until],
                                                             bool(verified)))
    for seeker_id, title in found["programmes"]:
        cards[seeker_id].programmes.append(title)
    for seeker_id, name, code in found["skills"]:
        card = cards[seeker_id]
        if len(card.skills) < skills_shown:
            card.skills.append(label(name, "skill", code))
        else:
            card.more_skills += 1
    return [cards[i] for i in ids if i in cards]


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
