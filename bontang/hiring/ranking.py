"""Matching job seekers to a hiring request: the request's hard filters first, then a weighted score, in SQL.

Every available, consenting job seeker not yet proposed for the request is either *above the filter
line* (meets every rule the request sets: age, sex, education, experience, a mandatory certificate,
a minimum of the wanted skills) and ranked by score, or in the "tidak memenuhi" list with the rules
they miss. The score is a sum of parts whose weights come from the `MATCH_WEIGHTS` settings; the
database sorts and cuts the list, so only the page shown is read into Python.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import (Date, Float, Integer, and_, bindparam, case, cast, exists, func, literal, not_, or_, select,
                        true)

from bontang.core import DomainError
from bontang.extensions import REUSABLE_PLAN, db
from bontang.hiring import snapshot
from bontang.hiring.models import CandidateProposal, HiringRequest
from bontang.reference import page_labels
from bontang.templating import current_locale, tanggal
from bontang.together import Together, dialect, ids_parameter, part, together
from bontang.jobseekers.models import EmploymentStatus, JobSeeker, Skill, job_seeker_skill
from bontang.training.models import Certificate, CertificationScheme

RANKING_LIMIT = 50
RANKING_PER_PAGE = 20  # the candidate page's ranking, a page at a time
UNMET_PER_PAGE = 25
UNMET_COUNT_CAP = 1_000
MAX_UNMET_PAGE = 400  # 10,000 deep when the count was capped
# Upper secondary has two tracks: an SMK (vocational) minimum is not met by SMA; an SMA minimum is met by SMK.
EDUCATION_ORDER = ("SD", "SMP", "SMA", "SMK", "D1", "D2", "D3", "D4", "S1", "S2")


def accepted_levels(minimum: str) -> tuple[str, ...]:
    """The education levels that meet a request's minimum."""
    if minimum not in EDUCATION_ORDER:
        return EDUCATION_ORDER
    return EDUCATION_ORDER[EDUCATION_ORDER.index(minimum):]


def check_hard_filters(data: dict, skills: list) -> None:
    """Normalise and check a request's matching fields (services._validated calls it before saving)."""
    data["scheme_required"] = bool(data.get("scheme_required"))
    data["skills_min"] = data.get("skills_min") or 0
    if data["scheme_required"] and not data.get("scheme_id"):
        raise DomainError(_("Pilih skema sertifikasi yang diwajibkan, atau hapus centang \"wajib\"."), "scheme_required")
    if not 0 <= data["skills_min"] <= len(skills):
        raise DomainError(_("Minimal keahlian tidak boleh lebih dari jumlah keahlian yang diminta (%(n)d).",
                            n=len(skills)), "skills_min")


def weights() -> dict[str, float]:
    """The score's weights (points at most per part), from the MATCH_WEIGHTS settings."""
    config = current_app.config
    return {part: float(config[f"MATCH_WEIGHT_{part.upper()}"]) for part in PARTS}


PARTS = ("skills", "certificate", "ktp", "waiting", "welfare")


@dataclass
class Rule:
    """One hard filter of a request: a code, its words, and the SQL condition a job seeker must meet."""

    code: str
    label: str
    condition: object


@dataclass
class ScorePart:
    """One part of a score: its words, the points earned and the most it can earn."""

    label: str
    points: float
    maximum: float
    staff_only: bool = False  # the welfare decile is Disnaker's only

    @property
    def earned(self) -> str:
        """The points earned of the most, as the cards show them: "3.2/10"."""
        return f"{self.points:.1f}/{round(self.maximum)}"


@dataclass
class CardSkill:
    id: int
    name: str
    code: str
    label: str  # the name in the page's language


@dataclass
class CardScheme:
    name: str
    code: str
    label: str  # the name in the page's language


@dataclass
class CardCertificate:
    scheme: CardScheme
    valid_until: date | None
    text: str = ""  # "Juru Las 3G (s.d. 3 Mei 2027)" in the page's language (with_card_details)


@dataclass
class CardSeeker:
    """What a candidate card shows of a job seeker, read as plain rows: no NIK, address or contact data, and no
    ORM objects (loading them was the ranking page's largest cost)."""

    id: int
    name: str
    ak1_number: str
    birth_date: date
    sex: str
    education_level: str
    experience_years: int
    has_bontang_ktp: bool
    welfare_decile: int | None
    employment_status: EmploymentStatus
    consent_to_share: bool
    education_label: str = ""  # education_level in the page's language (with_card_details)
    facts: str = ""  # "AK1 … · 31 tahun · L · SMK · 2 tahun pengalaman", likewise: a card's line of facts
    skills: list[CardSkill] = field(default_factory=list)  # by name, as JobSeeker.skills
    certificates: list[CardCertificate] = field(default_factory=list)  # by issue date, as JobSeeker.certificates

    age_on = JobSeeker.age_on


CARD_COLUMNS = (JobSeeker.id, JobSeeker.name, JobSeeker.ak1_number, JobSeeker.birth_date, JobSeeker.sex,
                JobSeeker.education_level, JobSeeker.experience_years, JobSeeker.has_bontang_ktp,
                JobSeeker.welfare_decile, JobSeeker.employment_status, JobSeeker.consent_to_share)


@cache
def _card_details(dialect_name: str) -> Together:
    """The skills and certificates of the job seekers in parameter `ids`, by name and by issue date."""
    skill_owner, certificate_owner = job_seeker_skill.c.job_seeker_id, Certificate.job_seeker_id
    return together(
        skills=part(select(skill_owner, Skill.id, Skill.name, Skill.code)
                    .join(Skill, Skill.id == job_seeker_skill.c.skill_id)
                    .where(ids_parameter(skill_owner, "ids", dialect_name)), Skill.name, Skill.id),
        certificates=part(select(certificate_owner, CertificationScheme.name, CertificationScheme.code,
                                 Certificate.valid_until)
                          .join(CertificationScheme, CertificationScheme.id == Certificate.scheme_id)
                          .where(ids_parameter(certificate_owner, "ids", dialect_name)),
                          Certificate.issue_date, Certificate.id))


def with_card_details(seekers: dict[int, CardSeeker], today: date, *, lists: bool = True) -> dict[int, CardSeeker]:
    """These card facts (read with the ranking's own rows, CARD_COLUMNS) with, for `lists`, their skills and
    certificates read together in one statement, and the labels and lines the cards show in the page's language
    (its words translated once per page, not once per card)."""
    if not seekers:
        return seekers
    label = page_labels()
    age, experience, until = _("%(age)d tahun"), _("%(n)d tahun pengalaman"), _("s.d.")
    for seeker in seekers.values():
        seeker.education_label = label(seeker.education_level, "education")
        seeker.facts = " · ".join((f"AK1 {seeker.ak1_number}", age % {"age": seeker.age_on(today)}, seeker.sex,
                                   seeker.education_label, experience % {"n": seeker.experience_years}))
    if not lists:
        return seekers
    found = _card_details(dialect()).read(ids=sorted(seekers))
    for seeker_id, skill_id, name, code in found["skills"]:
        seekers[seeker_id].skills.append(CardSkill(skill_id, name, code, label(name, "skill", code)))
    for seeker_id, name, code, valid_until in found["certificates"]:
        scheme = CardScheme(name, code, label(name, "scheme", code))
        text = f"{scheme.label} ({until} {tanggal(valid_until)})" if valid_until else scheme.label
        seekers[seeker_id].certificates.append(CardCertificate(scheme, valid_until, text))
    return seekers


@dataclass
class RankedCandidate:
    """A job seeker with the facts that decide its rank, the score parts and the rules it misses."""

    seeker: CardSeeker
    skill_matches: int
    cert_match: bool
    reasons: list[str] = field(default_factory=list)
    rank: int = 0
    score: float = 0.0
    parts: list[ScorePart] = field(default_factory=list)
    unmet: list[str] = field(default_factory=list)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _waiting_days(today: date):
    """Whole days since the AK1 registration, as SQL (PostgreSQL subtracts dates; SQLite has julianday)."""
    if dialect() == "postgresql":
        return literal(today, Date) - JobSeeker.registered_at
    return cast(func.julianday(literal(today.isoformat())) - func.julianday(JobSeeker.registered_at), Integer)


@dataclass(frozen=True)
class RequestFacts:
    """What the matching reads of a hiring request, as plain values (a Matching outlives the request's session)."""

    id: int
    age_min: int
    age_max: int
    sex: str
    education_min: str
    experience_years: int
    scheme_id: int | None
    scheme_required: bool
    scheme_name: str
    skills_min: int
    skill_ids: tuple[int, ...]

    @classmethod
    def of(cls, request: HiringRequest) -> RequestFacts:
        return cls(request.id, request.age_min, request.age_max, request.sex, request.education_min,
                   request.experience_years, request.scheme_id, bool(request.scheme_required),
                   request.scheme.name if request.scheme_id and request.scheme_required else "", request.skills_min,
                   tuple(s.id for s in request.skills))


MATCHINGS_KEPT = 256


@lru_cache(maxsize=MATCHINGS_KEPT)
def _matching(facts: RequestFacts, today: date, few: bool, weights_: tuple, cap: int, locale: str,
              dialect_name: str) -> Matching:
    return Matching(facts, today, few=few, weights_=dict(weights_), cap=cap, dialect_name=dialect_name)


class Matching:
    """The SQL of one request's matching: joins, rules, score; shared by the ranking, the unmet list and search.

    `Matching.of(request, today)` builds one, or gives back the one built for the same facts, day, settings
    and language: its SQL expressions are pure functions of those (the people are read when a statement runs),
    and building them cost as much as running the ranking's statements. Its statements and conditions are
    cached properties, built on first use and kept with it.
    """

    @staticmethod
    def of(request: HiringRequest, today: date, *, few: bool = False) -> Matching:
        """`few`: the query will name a few job seekers by id, so their skills and certificates are looked up
        person by person (by index) instead of counted for the whole registry and joined."""
        config = current_app.config
        return _matching(RequestFacts.of(request), today, few, tuple(sorted(weights().items())),
                         max(int(config["MATCH_WAITING_CAP_DAYS"]), 1), str(current_locale() or ""), dialect())

    def __init__(self, request: RequestFacts, today: date, *, few: bool, weights_: dict[str, float], cap: int,
                 dialect_name: str):
        self.request, self.today, self.dialect = request, today, dialect_name
        self.skill_ids = list(request.skill_ids)
        self.weights = weights_
        self.cap = cap
        wanted = job_seeker_skill.c.skill_id.in_(self.skill_ids or [-1])
        holds = and_(Certificate.scheme_id == (request.scheme_id or -1),
                     or_(Certificate.valid_until.is_(None), Certificate.valid_until >= today))
        if few:
            counted = select(func.count().label("n")).where(job_seeker_skill.c.job_seeker_id == JobSeeker.id, wanted)
            held = exists().where(Certificate.job_seeker_id == JobSeeker.id, holds)
            if dialect_name == "postgresql":
                # Once per person in LATERAL joins: a scalar subquery runs again wherever it is named (the card's
                # column, the score, the skills rule and its flag), four times per person on the ranking.
                matched = counted.lateral("matched")
                holding = (select(literal(1).label("held")).where(Certificate.job_seeker_id == JobSeeker.id, holds)
                           .limit(1).lateral("holding"))
                self.source = JobSeeker.__table__.join(matched, true()).outerjoin(holding, true())
                self.skill_n, self.cert = matched.c.n, case((holding.c.held.is_not(None), 1), else_=0)
            else:  # SQLite has no LATERAL
                self.source = JobSeeker.__table__
                self.skill_n, self.cert = counted.scalar_subquery(), case((held, 1), else_=0)
        else:
            matched = (select(job_seeker_skill.c.job_seeker_id.label("seeker_id"), func.count().label("n"))
                       .where(wanted).group_by(job_seeker_skill.c.job_seeker_id).subquery("matched"))
            holders = select(Certificate.job_seeker_id.label("seeker_id")).distinct().where(holds).subquery("holders")
            self.source = (JobSeeker.__table__.outerjoin(matched, matched.c.seeker_id == JobSeeker.id)
                           .outerjoin(holders, holders.c.seeker_id == JobSeeker.id))
            self.skill_n = func.coalesce(matched.c.n, 0)
            self.cert = case((holders.c.seeker_id.is_not(None), 1), else_=0)
        days = _waiting_days(today)
        self.waiting = case((days > self.cap, self.cap), (days < 0, 0), else_=days)
        self.rules = self._rules()
        self.score = self._score()

    def _rules(self) -> list[Rule]:
        r = self.request
        youngest, oldest = _years_before(self.today, r.age_min), _years_before(self.today, r.age_max + 1)
        rules = [Rule("age", _("usia %(a)d–%(b)d tahun", a=r.age_min, b=r.age_max),
                      and_(JobSeeker.birth_date > oldest, JobSeeker.birth_date <= youngest))]
        if r.sex in ("L", "P"):
            rules.append(Rule("sex", _("laki-laki") if r.sex == "L" else _("perempuan"), JobSeeker.sex == r.sex))
        if r.education_min in EDUCATION_ORDER and r.education_min != EDUCATION_ORDER[0]:
            rules.append(Rule("education", _("pendidikan minimal %(level)s", level=r.education_min),
                              JobSeeker.education_level.in_(accepted_levels(r.education_min))))
        if r.experience_years:
            rules.append(Rule("experience", _("pengalaman minimal %(n)d tahun", n=r.experience_years),
                              JobSeeker.experience_years >= r.experience_years))
        if r.scheme_id and r.scheme_required:
            rules.append(Rule("certificate", _("sertifikat %(scheme)s (wajib)", scheme=r.scheme_name), self.cert == 1))
        if self.skill_ids and r.skills_min:
            wanted = min(r.skills_min, len(self.skill_ids))
            rules.append(Rule("skills", _("minimal %(n)d keahlian yang diminta", n=wanted), self.skill_n >= wanted))
        return rules

    def _score(self):
        w = self.weights
        score = literal(0.0, Float)
        if self.skill_ids:
            score = score + self.skill_n * (w["skills"] / len(self.skill_ids))
        if self.request.scheme_id:
            score = score + self.cert * w["certificate"]
        score = score + case((JobSeeker.has_bontang_ktp.is_(True), w["ktp"]), else_=0.0)
        score = score + self.waiting * (w["waiting"] / self.cap)
        score = score + case((JobSeeker.welfare_decile.between(1, 10), (11 - JobSeeker.welfare_decile) * (w["welfare"] / 10)),
                             else_=0.0)
        return score

    @cached_property
    def eligible(self):
        """Who can be a candidate at all: available, consenting, not yet proposed for this request."""
        proposed = select(CandidateProposal.job_seeker_id).where(CandidateProposal.hiring_request_id == self.request.id)
        return and_(JobSeeker.employment_status == EmploymentStatus.AVAILABLE, JobSeeker.consent_to_share == true(),
                    JobSeeker.id.not_in(proposed))

    @cached_property
    def meets_all(self):
        return and_(true(), *[rule.condition for rule in self.rules])

    @cached_property
    def columns(self):
        """The facts a card shows (CARD_COLUMNS first), one column per rule ("m_<code>": 1 when met), and the score."""
        flags = [case((rule.condition, 1), else_=0).label(f"m_{rule.code}") for rule in self.rules]
        return [*CARD_COLUMNS, self.skill_n.label("skill_matches"), self.cert.label("cert_match"),
                self.waiting.label("waiting_days"), self.score.label("score"), *flags]

    def select(self, *conditions):
        return select(*self.columns).select_from(self.source).where(*conditions)

    @cached_property
    def pool_ranking(self):
        """The ranking of the job seekers in parameter `ids` (a snapshot's pool), every one that qualifies."""
        return (self.select(self.eligible, self.meets_all, ids_parameter(JobSeeker.id, "ids", self.dialect))
                .order_by(*self.order).execution_options(**REUSABLE_PLAN))  # a few hundred ids: by key

    @cached_property
    def pool_unmet(self):
        """The "tidak memenuhi" list of the job seekers in parameter `ids` (a snapshot's pool)."""
        return (self.select(*self.unmet_where, ids_parameter(JobSeeker.id, "ids", self.dialect))
                .order_by(*self.unmet_order).execution_options(**REUSABLE_PLAN))

    @cached_property
    def unmet_count(self):
        """How many are on the "tidak memenuhi" list, counted up to parameter `cap`; person by person with `few`
        (the count stops at the cap instead of first counting everyone's skills)."""
        return select(func.count()).select_from(
            select(JobSeeker.id).select_from(self.source).where(*self.unmet_where).limit(bindparam("cap")).subquery())

    @cached_property
    def order(self):
        """The ranking's order: best score first, then the longest waiting, then the oldest record."""
        return self.score.desc(), JobSeeker.registered_at, JobSeeker.id

    @cached_property
    def unmet_where(self):
        """Who is on the "tidak memenuhi" list: could be a candidate, but misses at least one rule."""
        return self.eligible, not_(self.meets_all)

    @cached_property
    def unmet_order(self):
        """The "tidak memenuhi" list's order: fewest rules missed first, then the best score."""
        missing = sum((case((rule.condition, 0), else_=1) for rule in self.rules), literal(0))
        return missing, self.score.desc(), JobSeeker.id

    @cached_property
    def _words(self) -> dict[str, str]:
        """The score parts' words, translated once per ranking rather than once per card (formatted with %)."""
        return {"skills": _("%(n)d dari %(total)d keahlian cocok"), "cert_yes": _("Sertifikat skema diminta: ada"),
                "cert_no": _("Tanpa sertifikat skema diminta"), "ktp_yes": _("KTP Bontang"), "ktp_no": _("KTP luar Bontang"),
                "waiting": _("Menunggu %(m)d bulan sejak AK1"), "decile": _("Desil kesejahteraan %(d)d"),
                "no_decile": _("Desil kesejahteraan tidak ada")}

    def parts_of(self, seeker: CardSeeker, row) -> list[ScorePart]:
        """The score of one row, part by part, with the same formula the SQL sorts by."""
        w, words, parts = self.weights, self._words, []
        if self.skill_ids:
            parts.append(ScorePart(words["skills"] % {"n": row.skill_matches, "total": len(self.skill_ids)},
                                   row.skill_matches * w["skills"] / len(self.skill_ids), w["skills"]))
        if self.request.scheme_id:
            parts.append(ScorePart(words["cert_yes"] if row.cert_match else words["cert_no"],
                                   row.cert_match * w["certificate"], w["certificate"]))
        parts.append(ScorePart(words["ktp_yes"] if seeker.has_bontang_ktp else words["ktp_no"],
                               w["ktp"] if seeker.has_bontang_ktp else 0.0, w["ktp"]))
        months = int(row.waiting_days) * 12 // 365
        parts.append(ScorePart(words["waiting"] % {"m": months}, int(row.waiting_days) * w["waiting"] / self.cap,
                               w["waiting"]))
        decile = seeker.welfare_decile
        parts.append(ScorePart(words["decile"] % {"d": decile} if decile else words["no_decile"],
                               (11 - decile) * w["welfare"] / 10 if decile and 1 <= decile <= 10 else 0.0, w["welfare"],
                               staff_only=True))
        return parts

    def unmet_of(self, row) -> list[str]:
        return [rule.label for rule in self.rules if not getattr(row, f"m_{rule.code}")]


def _candidates(matching: Matching, rows, *, first_rank: int = 1, lists: bool = False) -> list[RankedCandidate]:
    """Cards for rows of Matching.select, in their order; with `lists` (the ranking table shows them) the people's
    skills and certificates too."""
    card_width = len(CARD_COLUMNS)
    seekers = with_card_details({row.id: CardSeeker(*row[:card_width]) for row in rows}, matching.today, lists=lists)
    cards = []
    for rank, row in enumerate(rows, start=first_rank):
        seeker = seekers[row.id]
        card = RankedCandidate(seeker, int(row.skill_matches), bool(row.cert_match), rank=rank,
                               score=round(float(row.score), 1), parts=matching.parts_of(seeker, row),
                               unmet=matching.unmet_of(row))
        card.reasons = [part.label for part in card.parts]
        cards.append(card)
    return cards


def _pools(matching: Matching, need: int, *, unmet: bool = False):
    """The snapshot pools to try for the first `need` places, smallest first: its head, then all of it."""
    return _heads(snapshot.pool(matching, unmet=unmet) if need <= snapshot.SNAPSHOT_SIZE else None, need)


def _heads(pool: snapshot.Pool | None, need: int):
    """`pool`'s head for the first `need` places, then all of it; nothing without a pool or past its size."""
    if pool is None or need > snapshot.SNAPSHOT_SIZE:
        return
    head = pool.head(need)
    yield head
    if head is not pool:
        yield pool


def rank_candidates(request: HiringRequest, *, limit: int = RANKING_LIMIT, offset: int = 0,
                    today: date | None = None) -> list[RankedCandidate]:
    """The job seekers who meet every rule of the request, best score first (from rank `offset` + 1, at most `limit`),
    each with its score parts.

    With a usable ranking snapshot only its people and those changed since are ranked (bontang/hiring/snapshot.py);
    the result is the same as ranking the whole registry, which is done when the snapshot cannot vouch for it.
    """
    today = today or date.today()
    offset = max(offset, 0)
    few = Matching.of(request, today, few=True)
    for pool in _pools(few, offset + limit):
        rows = db.session.execute(few.pool_ranking, {"ids": sorted(pool.ids)}).all()
        if pool.exact(rows, offset + limit):
            return _candidates(few, rows[offset:offset + limit], first_rank=offset + 1, lists=True)
    matching = Matching.of(request, today)
    query = (matching.select(matching.eligible, matching.meets_all).order_by(*matching.order)
             .offset(offset).limit(limit))
    return _candidates(matching, db.session.execute(query).all(), first_rank=offset + 1, lists=True)


@dataclass
class UnmetPage:
    items: list[RankedCandidate]
    page: int
    pages: int  # with `capped`, the pages of the first UNMET_COUNT_CAP only
    total: int  # with `capped`: more than this many
    capped: bool = False
    has_next: bool = False
    rules: list[str] = field(default_factory=list)  # the labels of the request's rules


def unmet_candidates(request: HiringRequest, page: int = 1, *, per_page: int = UNMET_PER_PAGE,
                     today: date | None = None) -> UnmetPage:
    """Available job seekers who miss at least one rule ("tidak memenuhi"), fewest misses first, a page at a time.

    Most of the registry misses some rule of a precise request, so the count stops at UNMET_COUNT_CAP
    ("more than 1,000") instead of counting everyone on each page view; and it is not counted at all while the
    snapshot's count, less the changes since, is still over the cap.
    """
    today = today or date.today()
    matching = Matching.of(request, today, few=True)
    labels = [rule.label for rule in matching.rules]
    if not labels:
        return UnmetPage([], 1, 1, 0)
    pool = snapshot.pool(matching, unmet=True)
    if pool is not None and pool.at_least > UNMET_COUNT_CAP:
        counted = pool.at_least
    else:
        counted = db.session.scalar(matching.unmet_count, {"cap": UNMET_COUNT_CAP + 1}) or 0
    capped = counted > UNMET_COUNT_CAP
    total = min(counted, UNMET_COUNT_CAP)
    pages = max((total + per_page - 1) // per_page, 1)
    page = min(max(page, 1), MAX_UNMET_PAGE if capped else pages)
    offset, limit = (page - 1) * per_page, per_page + 1
    rows = None
    for tried in _heads(pool, offset + limit):
        ranked = db.session.execute(matching.pool_unmet, {"ids": sorted(tried.ids)}).all()
        if tried.exact(ranked, offset + limit):
            rows = ranked[offset:offset + limit]
            break
    if rows is None:
        matching = Matching.of(request, today)
        rows = db.session.execute(matching.select(*matching.unmet_where).order_by(*matching.unmet_order)
                                  .limit(limit).offset(offset)).all()
    return UnmetPage(_candidates(matching, rows[:per_page], first_rank=(page - 1) * per_page + 1), page, pages, total,
                     capped=capped, has_next=len(rows) > per_page, rules=labels)


def evaluate(request: HiringRequest, seeker_ids, today: date | None = None) -> dict[int, RankedCandidate]:
    """The card (score parts, rules missed) of given job seekers for a request, whoever they are."""
    ids = list(seeker_ids)
    if not ids:
        return {}
    matching = Matching.of(request, today or date.today(), few=True)
    rows = db.session.execute(matching.select(JobSeeker.id.in_(ids))).all()
    return {card.seeker.id: card for card in _candidates(matching, rows)}


def rank_reasons(request: HiringRequest, candidate: RankedCandidate, today: date, *, for_staff: bool) -> list[str]:
    """Why a candidate ranks where it does, in words; the company never reads the welfare decile."""
    return [part.label for part in candidate.parts if for_staff or not part.staff_only]
