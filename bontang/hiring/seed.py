"""Demo hiring data: requests in every state with history, proposals, placements, and workforce plans."""
from __future__ import annotations

import hashlib
from datetime import date, time, timedelta

from sqlalchemy import func, select

from bontang.extensions import db
from bontang.training.catalogue import SKILLS as CATALOGUE_SKILLS
from bontang.jobseekers.models import EmploymentStatus, JobSeeker, Skill, SkillKind
from bontang.hiring import interviews, matching, plans, selection, services
from bontang.hiring.models import HiringStatus, WorkforcePlanRound
from bontang.hiring.occupations import ensure_occupations
from bontang.seed import SeedContext

S = HiringStatus
# (title, KBJI code, skill area, catalogue skill codes): each request asks for skills that fit its job.
JOBS = (("Welder 3G/6G", "7212", "Pengelasan", ("LS-SMAW", "LS-PIPE", "LS-GTAW")),
        ("Operator Boiler", "8182", "Petrokimia", ("PK-UTL", "K3-UMM")),
        ("Teknisi Instrumen", "3114", "Kelistrikan", ("EL-INST", "EL-PLC")),
        ("Electrician", "7412", "Kelistrikan", ("EL-INS", "EL-MTR")),
        ("Pipe Fitter", "7126", "Pengelasan", ("LS-FAB", "LS-PIPE", "K3-KTG")),
        ("Rigger", "7215", "Alat berat", ("AB-RIG", "AB-CRN", "K3-KTG")),
        ("Operator Forklift", "8344", "Alat berat", ("AB-FKL", "AD-GDG")),
        ("Mekanik Alat Berat", "7233", "Alat berat", ("AB-MEK", "MK-PMP")),
        ("Petugas K3", "3257", "K3", ("K3-UMM", "K3-FIR", "K3-RUT")),
        ("Operator Panel Proses", "3133", "Petrokimia", ("PK-PNL", "PK-OPR")),
        ("Room Attendant", "5151", "Perhotelan", ("HT-HK",)),
        ("Juru Masak", "5120", "Perhotelan", ("HT-MSK", "HT-FB")),
        ("Perawat", "3221", "Kesehatan", ("KS-PRW", "KS-STR")),
        ("Staf Gudang", "4321", "Administrasi", ("AD-GDG", "AB-FKL")),
        ("Satpam", "5414", "K3", ("K3-FIR", "K3-P3K")))
# Each job's minimums, as a pengantar kerja would read them: (education, years of experience).
MINIMUMS = {"Welder 3G/6G": ("SMK", 1), "Operator Boiler": ("SMK", 2), "Teknisi Instrumen": ("D3", 1),
            "Electrician": ("SMK", 1), "Pipe Fitter": ("SMK", 1), "Rigger": ("SMA", 1), "Operator Forklift": ("SMA", 1),
            "Mekanik Alat Berat": ("SMK", 2), "Petugas K3": ("D3", 1), "Operator Panel Proses": ("D3", 2),
            "Room Attendant": ("SMA", 0), "Juru Masak": ("SMK", 1), "Perawat": ("D3", 0), "Staf Gudang": ("SMA", 0),
            "Satpam": ("SMA", 0)}
FIRST = ("Andi", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hana", "Irfan", "Joko", "Kartika", "Lutfi",
         "Maya", "Nur", "Rizky", "Sari", "Taufik", "Wulan", "Yusuf", "Zahra")
LAST = ("Saputra", "Rahman", "Pratama", "Lestari", "Hidayat", "Wijaya", "Syahputra", "Ningsih", "Kurniawan", "Fauzi")
# Where each demo request ends up: the path of transitions after the draft.
JOURNEYS = {
    "draft": [], "submitted": ["submit"], "returned": ["submit", "return"], "resubmitted": ["submit", "return", "submit"],
    "verified": ["submit", "verify"], "proposed": ["submit", "verify", "propose"],
    "partly_filled": ["submit", "verify", "propose", "accept"], "filled": ["submit", "verify", "propose", "fill"],
    "rejected": ["submit", "reject"], "cancelled": ["submit", "withdraw"], "expired": ["submit", "verify", "expire"],
}
DEMO_COMPANY_STATES = ("draft", "submitted", "returned", "proposed", "partly_filled", "filled", "expired")


def seed(ctx: SeedContext) -> None:
    """Fill the demo with hiring requests, proposals, placements and plans."""
    ensure_occupations()
    skills = _skills()
    _job_seekers(ctx, skills)
    staff = ctx.users["staff"]
    for number in (1, 2):
        for state in DEMO_COMPANY_STATES:
            _demo_request(ctx, ctx.companies[number - 1], ctx.users[f"hrd{number:03d}"], staff, skills, state)
    states = list(JOURNEYS)
    for index, company in enumerate(ctx.companies[2:38]):
        hr = ctx.users[f"hrd{index + 3:03d}"]
        _demo_request(ctx, company, hr, staff, skills, states[index % len(states)])
    _plans(ctx, skills)


def _skills() -> list[Skill]:
    """The hard skills of the graduates catalogue; created from the catalogue when the graduates seed did not run."""
    skills = list(db.session.scalars(select(Skill).where(Skill.kind == SkillKind.HARD).order_by(Skill.id)))
    if skills:
        return skills
    for code, name, kind, area in CATALOGUE_SKILLS:
        if kind == "hard":
            db.session.add(Skill(code=code, name=name, kind=SkillKind.HARD, area=area))
    db.session.flush()
    return list(db.session.scalars(select(Skill).where(Skill.kind == SkillKind.HARD).order_by(Skill.id)))


def fitting_skills(job: tuple, skills: list[Skill]) -> list[Skill]:
    """The skills a job asks for: its catalogue codes, else up to two of its area, else the first two."""
    _title, _kbji, area, codes = job
    by_code = {s.code: s for s in skills}
    return ([by_code[c] for c in codes if c in by_code] or [s for s in skills if s.area == area][:2]
            or skills[:2])


def _job_seekers(ctx: SeedContext, skills: list[Skill]) -> None:
    available = db.session.scalar(select(func.count(JobSeeker.id)).where(
        JobSeeker.employment_status == EmploymentStatus.AVAILABLE, JobSeeker.consent_to_share.is_(True))) or 0
    if available >= 80:
        return
    rng, today = ctx.rng, date.today()
    for n in range(1, 121):
        nik = f"6474{n:012d}"
        seeker = JobSeeker(
            nik_cipher=f"demo:{nik}", nik_digest=hashlib.sha256(f"hiring-seed:{nik}".encode()).hexdigest(),
            nik_tail=nik[-4:], ak1_number=f"AK1-HRG-{n:05d}", name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            birth_date=today - timedelta(days=365 * rng.randint(19, 40) + rng.randint(0, 300)), sex=rng.choice("LP"),
            has_bontang_ktp=rng.random() < 0.8, education_level=rng.choice(["SMA", "SMK", "SMK", "D3", "S1"]),
            registered_at=today - timedelta(days=rng.randint(10, 900)), welfare_decile=rng.choice([None, 1, 2, 3, 4, 6, 8]),
            experience_years=rng.randint(0, 8), consent_to_share=True, kelurahan="Api-Api")
        seeker.skills = rng.sample(skills, k=min(len(skills), rng.randint(1, 4)))
        db.session.add(seeker)
    db.session.flush()


def _demo_request(ctx: SeedContext, company, hr, staff, skills, state: str):
    rng = ctx.rng
    job = rng.choice(JOBS)
    title, kbji = job[:2]
    positions = 2 if state == "filled" else rng.choice([2, 3, 4, 5])
    local = rng.choice([100, 100, 90, 80, 60])
    data = {"title": title, "kbji_code": kbji, "positions": positions,
            "valid_until": date.today() + timedelta(days=rng.randint(20, 90)), "age_min": 18, "age_max": 45,
            "sex": "any", "education_min": MINIMUMS[title][0], "field_of_study": "",
            "experience_years": MINIMUMS[title][1], "wage_min": rng.choice([3_500_000, 4_000_000, 4_500_000]),
            "wage_max": 6_500_000, "work_location": company.address or "Bontang", "employment_type": "PKWT",
            "scheme_id": None, "planned_local_percent": local,
            "local_justification": "" if local >= 75 else "Keahlian tidak tersedia di Bontang (sertifikat 6G).",
            "disability_friendly": rng.random() < 0.2, "notes": "",
            "skill_ids": [s.id for s in fitting_skills(job, skills)]}
    request = services.create_request(company, data, actor=hr)
    for step in JOURNEYS[state]:
        _step(request, step, hr, staff)
    return request


def _step(request, step: str, hr, staff) -> None:
    if step == "submit":
        services.submit_request(request, actor=hr)
    elif step in ("verify", "return", "reject"):
        notes = {"verify": "", "return": "Mohon lengkapi rentang upah dan lokasi kerja.",
                 "reject": "Jabatan ini tidak termasuk lingkup kemitraan."}
        services.review_request(request, step, notes[step], actor=staff)
    elif step == "withdraw":
        services.withdraw_request(request, "Kebutuhan dibatalkan manajemen.", actor=hr)
    elif step == "propose":
        _propose(request, staff, 3)
    elif step in ("accept", "fill"):
        _propose(request, staff, request.positions + 1)
        proposals = [p for p in request.proposals if p.stage.value == "proposed"]
        interviews.schedule_interview(proposals[0], {
            "interview_date": date.today() + timedelta(days=3), "interview_time": time(9, 0),
            "place": "Kantor HRD, " + (request.company.address or "Bontang"), "contact": "HRD, 0548-21000"}, actor=hr)
        hires = 1 if step == "accept" else request.positions
        for proposal in proposals[:hires]:
            selection.accept_candidate(proposal, date.today() + timedelta(days=14), "PKWT", actor=hr,
                                       justification="Keahlian belum tersedia di Bontang.")
        if step == "accept":
            selection.reject_candidate(proposals[-1], "hasil_tes", "", actor=hr)
    elif step == "expire":
        request.valid_until = date.today() - timedelta(days=1)
        db.session.flush()
        services.expire_requests()


def _propose(request, staff, count: int) -> None:
    ranked = matching.rank_candidates(request, limit=count)
    if ranked:
        matching.propose_candidates(request, [c.seeker.id for c in ranked], actor=staff)
        db.session.refresh(request)


def _plans(ctx: SeedContext, skills: list[Skill]) -> None:
    year = plans.planning_year()
    db.session.add(WorkforcePlanRound(year=year, deadline=date(year - 1, 12, 15)))
    db.session.add(WorkforcePlanRound(year=year - 1, deadline=date(year - 2, 12, 15)))
    db.session.flush()
    rng = ctx.rng
    for index, company in enumerate(ctx.companies[:30]):
        hr = ctx.users[f"hrd{index + 1:03d}"]
        for plan_year in (year - 1, year):
            if plan_year == year and index in (0, 1) or rng.random() < 0.4:
                continue
            plan = plans.get_plan(company.id, plan_year, create=True)
            for _ in range(rng.randint(1, 3)):
                job = rng.choice(JOBS)
                wanted = ", ".join(s.name for s in fitting_skills(job, skills))
                plans.add_plan_item(plan, {"title": job[0], "count": rng.randint(1, 12), "month": rng.randint(1, 12),
                                           "skills": wanted, "for_turnaround": rng.random() < 0.3}, actor=hr)
            db.session.refresh(plan)
            plans.submit_plan(plan, actor=hr)
    for number in (1, 2):
        plan = plans.get_plan(ctx.companies[number - 1].id, year, create=True)
        plans.add_plan_item(plan, {"title": "Operator Boiler", "count": 4, "month": 3, "skills": "Operator Boiler, K3",
                                   "for_turnaround": True}, actor=ctx.users[f"hrd{number:03d}"])
