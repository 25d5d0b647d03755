"""Demo data of training and the registry: skills, schemes, institutions, 12 programmes, ~600 job seekers.

Bulk inserts keep it fast. A few fixed job seekers (FIXED_PEOPLE) passed the BLK welding course
without a certificate yet, so that a demo (and the browser test) can import their certificates.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import insert, select

from bontang.extensions import db
from bontang.jobseekers import nik as nik_codec
from bontang.training.catalogue import (
    FIELDS, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, PROGRAMMES, SCHEMES, SKILLS, STREETS,
)
from bontang.training.models import (
    Certificate, CertificationScheme, Enrolment, EnrolmentResult, InstitutionKind, ProgrammeStatus, TrainingInstitution, TrainingProgramme,
)
from bontang.jobseekers.models import JobSeeker, Skill, SkillKind
from bontang.jobseekers.search_index import add_skills, refresh_search_fields
from bontang.reference import KELURAHAN

SEEKERS = 600
TODAY = date.today()
# (NIK, name) of demo people who passed "Pengelasan SMAW 3G Angkatan I" and await their certificate.
FIXED_PEOPLE = [("6474011505990001", "Rudi Hartono"), ("6474015708000002", "Wahyu Prasetyo"),
                ("6474022003010003", "Slamet Riyadi")]
EDUCATION_WEIGHTS = [("SMK", 45), ("SMA", 25), ("D3", 10), ("S1", 8), ("SMP", 9), ("SD", 3)]


def seed(ctx) -> None:
    """Create the training and job seeker demo data set."""
    skills = _skills()
    schemes = _schemes(skills)
    institutions = _institutions(ctx.extra["institution"])
    programmes = _programmes(skills, schemes, institutions)
    seekers = _job_seekers(ctx.rng)
    _training(ctx.rng, seekers, programmes, schemes, institutions["lsp1"])
    _soft_skills(ctx.rng, seekers, skills)
    refresh_search_fields(seekers)
    ctx.extra.update(skills=skills, schemes=schemes, programmes=programmes, job_seeker_ids=seekers)


def _skills() -> dict[str, Skill]:
    skills = {code: Skill(code=code, name=name, kind=SkillKind(kind), area=area) for code, name, kind, area in SKILLS}
    db.session.add_all(skills.values())
    db.session.flush()
    return skills


def _schemes(skills) -> dict[str, CertificationScheme]:
    schemes = {code: CertificationScheme(code=code, name=name, skills=[skills[s] for s in codes])
               for code, name, codes in SCHEMES}
    db.session.add_all(schemes.values())
    db.session.flush()
    return schemes


def _institutions(blk: TrainingInstitution) -> dict[str, TrainingInstitution]:
    blk.licence_valid_until = date(TODAY.year + 3, 12, 31)
    made = {
        "blk": blk,
        "lpk1": TrainingInstitution(name="LPK Petrokimia Khatulistiwa", kind=InstitutionKind.LPK,
                                    licence_number="LPK-6474-0112", licence_valid_until=date(TODAY.year + 2, 6, 30),
                                    address="Jl. Pupuk Raya No. 12, Loktuan"),
        "lpk2": TrainingInstitution(name="LPK Teknik Mandiri Bontang", kind=InstitutionKind.LPK,
                                    licence_number="LPK-6474-0087", licence_valid_until=date(TODAY.year + 1, 3, 31),
                                    address="Jl. MT Haryono No. 40, Tanjung Laut"),
        "lpk3": TrainingInstitution(name="LPK Husada dan Pariwisata Etam", kind=InstitutionKind.LPK,
                                    licence_number="LPK-6474-0140", licence_valid_until=date(TODAY.year + 2, 9, 30),
                                    address="Jl. Ahmad Yani No. 8, Api-Api"),
        "lsp1": TrainingInstitution(name="LSP P3 Industri Kimia Kaltim", kind=InstitutionKind.LSP,
                                    licence_number="BNSP-LSP-1234-ID", licence_valid_until=date(TODAY.year + 3, 1, 31)),
        "lsp2": TrainingInstitution(name="LSP P2 BLK Bontang", kind=InstitutionKind.LSP,
                                    licence_number="BNSP-LSP-2201-ID", licence_valid_until=date(TODAY.year + 1, 8, 31)),
    }
    db.session.add_all(made.values())
    db.session.flush()
    return made


def _programmes(skills, schemes, institutions) -> list[TrainingProgramme]:
    programmes = []
    for index, (title, area, scheme, codes, hours, inst, funding, note) in enumerate(PROGRAMMES):
        if index < 9:
            start, status = TODAY - timedelta(days=900 - index * 80), ProgrammeStatus.FINISHED
        elif index < 11:
            start, status = TODAY - timedelta(days=30), ProgrammeStatus.RUNNING
        else:
            start, status = TODAY + timedelta(days=21), ProgrammeStatus.OPEN
        programmes.append(TrainingProgramme(
            institution=institutions[inst], title=title, skill_area=area, scheme=schemes[scheme], hours=hours,
            start_date=start, end_date=start + timedelta(days=hours // 4 + 14), quota=60, funding=funding,
            funding_note=note, status=status, skills=[skills[c] for c in codes]))
    db.session.add_all(programmes)
    db.session.flush()
    return programmes


def _person(rng, index: int) -> dict:
    female = rng.random() < 0.4
    born = date(rng.randint(1982, 2006), rng.randint(1, 12), rng.randint(1, 28))
    nik = f"64740{rng.randint(1, 3)}{born.day + (40 if female else 0):02d}{born.month:02d}{born.year % 100:02d}{index:04d}"
    first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
    level = rng.choices([e for e, _ in EDUCATION_WEIGHTS], [w for _, w in EDUCATION_WEIGHTS])[0]
    return {"nik": nik, "name": f"{first} {rng.choice(LAST_NAMES)}", "birth_date": born, "sex": "P" if female else "L",
            "education_level": level, "field_of_study": rng.choice(FIELDS[level])}


def _job_seekers(rng) -> list[int]:
    rows = []
    for index in range(SEEKERS):
        person = _person(rng, index + 10)
        if index < len(FIXED_PEOPLE):
            person.update(nik=FIXED_PEOPLE[index][0], name=FIXED_PEOPLE[index][1], sex="L", education_level="SMK",
                          field_of_study="Teknik Pengelasan")
        local = rng.random() < 0.82
        consent = index < len(FIXED_PEOPLE) or rng.random() < 0.85
        registered = TODAY - timedelta(days=rng.randint(20, 1400))
        disabled = rng.random() < 0.04
        rows.append({**nik_codec.protect(person.pop("nik")), **person,
                     "ak1_number": f"AK1/6474/{registered.year}/{index + 1:05d}",
                     "address": f"{rng.choice(STREETS)} RT {rng.randint(1, 40):02d} No. {rng.randint(1, 150)}",
                     "kelurahan": rng.choice(KELURAHAN) if local else "", "phone": f"08{rng.randint(11, 99)}{rng.randint(10**7, 10**8 - 1)}",
                     "has_bontang_ktp": local, "experience_years": rng.choice([0, 0, 0, 1, 2, 3, 5]),
                     "registered_at": registered, "employment_status": "employed" if rng.random() < 0.12 else "available",
                     "welfare_decile": rng.randint(1, 10), "has_disability": disabled,
                     "disability_details": "Disabilitas fisik ringan (tungkai kiri)" if disabled else "",
                     "consent_to_share": consent, "consent_at": datetime.combine(registered, datetime.min.time()) if consent else None})
    db.session.execute(insert(JobSeeker), rows)
    return list(db.session.scalars(select(JobSeeker.id).order_by(JobSeeker.id)))


def _training(rng, seekers: list[int], programmes, schemes, lsp) -> None:
    enrolments, results = [], {}
    welding = programmes[0]
    for position, seeker_id in enumerate(seekers):
        if position < len(FIXED_PEOPLE):
            chosen = [welding]
        elif rng.random() < 0.8:
            chosen = rng.sample(programmes, 2 if rng.random() < 0.12 else 1)
        else:
            continue
        for programme in chosen:
            result = _result_for(rng, programme)
            results[(programme.id, seeker_id)] = result
            enrolments.append({"programme_id": programme.id, "job_seeker_id": seeker_id,
                               "enrolled_at": datetime.combine(programme.start_date, datetime.min.time()) - timedelta(days=7),
                               "result": result, "result_at": datetime.combine(programme.end_date, datetime.min.time())
                               if result else None})
    db.session.execute(insert(Enrolment), enrolments)
    _certificates(rng, seekers[:len(FIXED_PEOPLE)], programmes, lsp)
    add_skills((seeker, skill.id) for programme in programmes for (pid, seeker), result in results.items()
               if pid == programme.id and result == EnrolmentResult.PASSED for skill in programme.skills)


def _result_for(rng, programme):
    if programme.status != ProgrammeStatus.FINISHED:
        return None
    return EnrolmentResult.PASSED if rng.random() < 0.86 else EnrolmentResult.FAILED


def _certificates(rng, skip: list[int], programmes, lsp) -> None:
    by_id = {p.id: p for p in programmes}
    passed = db.session.execute(select(Enrolment.id, Enrolment.job_seeker_id, Enrolment.programme_id).where(
        Enrolment.result == EnrolmentResult.PASSED).order_by(Enrolment.id)).all()
    rows = []
    for number, (enrolment_id, seeker_id, programme_id) in enumerate(passed, start=1):
        if seeker_id in skip or rng.random() > 0.8:
            continue
        programme = by_id[programme_id]
        issued = programme.end_date + timedelta(days=rng.randint(7, 40))
        years = 3 if rng.random() < 0.75 else 2
        rows.append({"job_seeker_id": seeker_id, "enrolment_id": enrolment_id, "scheme_id": programme.scheme_id,
                     "lsp_id": lsp.id, "number": f"{62000 + number} {issued.year} {programme.id:02d} {number:07d}",
                     "registration_number": f"MET.{programme.id:03d}.{number:06d}.{issued.year}",
                     "skkni_units": "; ".join(f"C.{programme.id:02d}.{u:03d}.01" for u in range(1, rng.randint(3, 6))),
                     "issue_date": issued, "valid_until": issued.replace(year=issued.year + years) - timedelta(days=1),
                     "verified": rng.random() < 0.6, "created_at": datetime.now(), "updated_at": datetime.now()})
    db.session.execute(insert(Certificate), rows)
    scheme_skills = {p.scheme_id: [s.id for s in p.scheme.skills] for p in programmes}
    add_skills((r["job_seeker_id"], s) for r in rows for s in scheme_skills[r["scheme_id"]])


def _soft_skills(rng, seekers: list[int], skills) -> None:
    soft = [s.id for s in skills.values() if s.kind != SkillKind.HARD]
    add_skills((seeker, skill) for seeker in seekers for skill in rng.sample(soft, rng.randint(1, 3)))
