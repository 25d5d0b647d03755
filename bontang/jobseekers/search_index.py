"""Denormalised search columns on JobSeeker, refreshed in bulk after every change that affects them.

The company search then filters one table (consent, graduate flag, best certificate validity,
lower-cased text) plus the indexed skill link table, which keeps it fast at 100,000 job seekers.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Iterable

from sqlalchemy import select, update

from bontang.core import utcnow
from bontang.extensions import db
from bontang.training.models import Certificate, CertificationScheme, Enrolment, EnrolmentResult, TrainingProgramme
from bontang.jobseekers.models import JobSeeker, Skill, job_seeker_skill

NO_EXPIRY = date(9999, 12, 31)
CHUNK = 500


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _words(rows, words: dict[int, list[str]]) -> None:
    for seeker_id, text in rows:
        if text:
            words[seeker_id].append(text)


def _collect(ids: list[int]) -> tuple[dict, dict, set, dict]:
    words: dict[int, list[str]] = defaultdict(list)
    _words(db.session.execute(select(job_seeker_skill.c.job_seeker_id, Skill.name).join(Skill).where(
        job_seeker_skill.c.job_seeker_id.in_(ids))), words)
    passed = db.session.execute(select(Enrolment.job_seeker_id, TrainingProgramme.title).join(TrainingProgramme).where(
        Enrolment.job_seeker_id.in_(ids), Enrolment.result == EnrolmentResult.PASSED)).all()
    _words(passed, words)
    certs = db.session.execute(
        select(Certificate.job_seeker_id, CertificationScheme.name, Certificate.valid_until)
        .join(CertificationScheme).where(Certificate.job_seeker_id.in_(ids))).all()
    _words([(c[0], c[1]) for c in certs], words)
    best: dict[int, date] = {}
    counts: dict[int, int] = defaultdict(int)
    for seeker_id, _name, valid_until in certs:
        counts[seeker_id] += 1
        best[seeker_id] = max(best.get(seeker_id, date.min), valid_until or NO_EXPIRY)
    return words, best, {p[0] for p in passed}, counts


def refresh_search_fields(job_seeker_ids: Iterable[int]) -> None:
    """Recompute search_text, is_graduate, best_valid_until and certificate_count for these job seekers."""
    ids = sorted(set(job_seeker_ids))
    db.session.flush()
    for chunk in _chunks(ids):
        words, best, passed, counts = _collect(chunk)
        base = db.session.execute(select(JobSeeker.id, JobSeeker.name, JobSeeker.field_of_study,
                                         JobSeeker.education_level).where(JobSeeker.id.in_(chunk))).all()
        values = [{
            "id": row.id,
            "search_text": " ".join([row.name, row.field_of_study, row.education_level, *words[row.id]]).lower(),
            "is_graduate": row.id in passed or counts[row.id] > 0,
            "best_valid_until": best.get(row.id),
            "certificate_count": counts[row.id],
        } for row in base]
        if values:
            db.session.execute(update(JobSeeker), values)
    db.session.expire_all()


def add_skills(pairs: Iterable[tuple[int, int]]) -> None:
    """Link (job_seeker_id, skill_id) pairs that are not linked yet."""
    wanted = set(pairs)
    if not wanted:
        return
    seekers = sorted({p[0] for p in wanted})
    existing = set()
    for chunk in _chunks(seekers):
        existing.update(db.session.execute(select(job_seeker_skill.c.job_seeker_id, job_seeker_skill.c.skill_id)
                                           .where(job_seeker_skill.c.job_seeker_id.in_(chunk))).tuples())
    missing = [{"job_seeker_id": s, "skill_id": k} for s, k in sorted(wanted - existing)]
    if missing:
        db.session.execute(job_seeker_skill.insert(), missing)
        # New skills change a seeker's ranking: ranking snapshots look for seekers updated since (hiring/snapshot.py).
        for chunk in _chunks(sorted({row["job_seeker_id"] for row in missing})):
            db.session.execute(update(JobSeeker.__table__).where(JobSeeker.id.in_(chunk)).values(updated_at=utcnow()))

