"""Skills gap: open positions needing each skill against available certified graduates holding it.

Open positions are those of open requests (verified, candidates proposed, partly filled, still
valid) minus the placements already made for them. An available certified graduate is a job
seeker who is available for work, holds the skill and holds at least one certificate that is
still valid. Disnaker plans next year's training from the skills with the largest shortage.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import exists, func, or_, select

from bontang.core import DomainError
from bontang.extensions import db
from bontang.training.models import Certificate
from bontang.jobseekers.models import EmploymentStatus, JobSeeker, Skill, SkillKind, job_seeker_skill
from bontang.hiring.models import HiringRequest, Placement, hiring_request_skill
from bontang.reports.labels import OPEN_HIRING

KINDS = {"": None, **{kind.value: kind for kind in SkillKind}}


@dataclass
class SkillGap:
    skill_id: int
    code: str
    name: str
    area: str
    open_positions: int
    graduates: int

    @property
    def shortage(self) -> int:
        return self.open_positions - self.graduates


def parse_kind(value: str | None) -> SkillKind | None:
    """The skill kind filter (?jenis=hard|soft|life); unknown values raise DomainError."""
    if (value or "") not in KINDS:
        raise DomainError(_("Jenis keterampilan \"%(value)s\" tidak dikenal.", value=(value or "")[:20]), "jenis")
    return KINDS[value or ""]


def _open_positions(today: date):
    filled = (select(Placement.hiring_request_id, func.count(Placement.id).label("n"))
              .group_by(Placement.hiring_request_id).subquery())
    remaining = HiringRequest.positions - func.coalesce(filled.c.n, 0)
    return (select(hiring_request_skill.c.skill_id, func.sum(remaining).label("open"))
            .join(HiringRequest, HiringRequest.id == hiring_request_skill.c.hiring_request_id)
            .outerjoin(filled, filled.c.hiring_request_id == HiringRequest.id)
            .where(HiringRequest.status.in_(OPEN_HIRING), HiringRequest.valid_until >= today,
                   HiringRequest.positions > func.coalesce(filled.c.n, 0))
            .group_by(hiring_request_skill.c.skill_id))


def _certified_graduates(today: date):
    valid = exists().where(Certificate.job_seeker_id == JobSeeker.id,
                           or_(Certificate.valid_until.is_(None), Certificate.valid_until >= today))
    return (select(job_seeker_skill.c.skill_id, func.count().label("graduates"))
            .join(JobSeeker, JobSeeker.id == job_seeker_skill.c.job_seeker_id)
            .where(JobSeeker.employment_status == EmploymentStatus.AVAILABLE, valid)
            .group_by(job_seeker_skill.c.skill_id))


def skills_gap(today: date, kind: SkillKind | None = None) -> list[SkillGap]:
    """Every skill that is needed or held, the largest shortage first."""
    needed = _open_positions(today).subquery()
    held = _certified_graduates(today).subquery()
    query = (select(Skill.id, Skill.code, Skill.name, Skill.area, needed.c.open, held.c.graduates)
             .outerjoin(needed, needed.c.skill_id == Skill.id).outerjoin(held, held.c.skill_id == Skill.id)
             .where(or_(needed.c.open > 0, held.c.graduates > 0)))
    if kind is not None:
        query = query.where(Skill.kind == kind)
    rows = [SkillGap(sid, code, name, area, int(open_ or 0), int(grads or 0))
            for sid, code, name, area, open_, grads in db.session.execute(query)]
    return sorted(rows, key=lambda r: (-r.shortage, -r.open_positions, r.name))
