"""Who may handle a job seeker's request: Disnaker staff for anyone, a trainer only for its own institution's people."""
from __future__ import annotations

from sqlalchemy import exists, or_, select

from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.training.models import Certificate, Enrolment, TrainingProgramme
from bontang.jobseekers.models import JobSeeker

DISNAKER = (Role.ADMIN, Role.STAFF)


def institution_holds(institution_id: int | None, job_seeker_id: int) -> bool:
    """Whether the institution trained or certified this person (so it holds data about them)."""
    if institution_id is None:
        return False
    enrolled = (select(Enrolment.id).join(TrainingProgramme, TrainingProgramme.id == Enrolment.programme_id)
                .where(Enrolment.job_seeker_id == job_seeker_id, TrainingProgramme.institution_id == institution_id))
    certified = select(Certificate.id).where(Certificate.job_seeker_id == job_seeker_id,
                                             Certificate.lsp_id == institution_id)
    return bool(db.session.scalar(select(or_(exists(enrolled), exists(certified)))))


def may_handle(user, seeker: JobSeeker) -> bool:
    """Disnaker staff handle every job seeker; a trainer only the people of its own institution."""
    if user.role in DISNAKER:
        return True
    return user.role == Role.TRAINER and institution_holds(user.institution_id, seeker.id)


def trainer_scope(user) -> int | None:
    """The institution an export is limited to (None: Disnaker, everything)."""
    return user.institution_id if user.role == Role.TRAINER else None
