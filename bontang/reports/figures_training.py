"""Training outcomes of the programmes that ended in a period: participants, passes, certificates, jobs."""
from __future__ import annotations

from sqlalchemy import and_, func, or_, select

from bontang.extensions import db
from bontang.training.models import Certificate, Enrolment, EnrolmentResult, TrainingProgramme
from bontang.jobseekers.models import JobSeeker
from bontang.hiring.models import Placement
from bontang.reports.periods import Period
from bontang.reports.sql import count_if, dialect, percent

PLACEMENT_WINDOW_DAYS = 183  # "within 6 months" of the programme's end


def _programme_end():
    return func.coalesce(TrainingProgramme.end_date, TrainingProgramme.start_date)


def _date_days(start, end):
    """Whole days from `start` to `end`, both dates."""
    if dialect() == "postgresql":
        return end - start
    return func.julianday(end) - func.julianday(start)


def _cohort(period: Period):
    """Enrolments in programmes that ended in the period, with what the flags below need."""
    end = _programme_end()
    return (select(Enrolment.id, Enrolment.job_seeker_id, Enrolment.programme_id, Enrolment.result,
                   TrainingProgramme.scheme_id, end.label("end"))
            .join(TrainingProgramme, TrainingProgramme.id == Enrolment.programme_id)
            .where(end >= period.start, end < period.end).cte("cohort"))


def _certified(cohort):
    """Cohort enrolments whose participant holds a certificate of it (or of its programme's scheme), once each."""
    return (select(cohort.c.id).join(Certificate, Certificate.job_seeker_id == cohort.c.job_seeker_id)
            .where(or_(Certificate.enrolment_id == cohort.c.id,
                       and_(Certificate.enrolment_id.is_(None), Certificate.scheme_id == cohort.c.scheme_id)))
            .distinct().subquery("certified"))


def _placed_within_window(cohort):
    """Cohort enrolments whose participant started a placement within the window after the programme's end."""
    gap = _date_days(cohort.c.end, Placement.start_date)
    return (select(cohort.c.id).join(Placement, Placement.job_seeker_id == cohort.c.job_seeker_id)
            .where(gap >= 0, gap <= PLACEMENT_WINDOW_DAYS).distinct().subquery("placed"))


def _rows(period: Period):
    """Per programme counts in one statement: the flags are joined sets, not a correlated query per enrolment."""
    cohort = _cohort(period)
    certified, placed = _certified(cohort), _placed_within_window(cohort)
    passed = cohort.c.result == EnrolmentResult.PASSED
    return (select(TrainingProgramme.id, TrainingProgramme.title, _programme_end().label("end"),
                   func.count(cohort.c.id), count_if(cohort.c.result.is_not(None)), count_if(passed),
                   count_if(and_(passed, certified.c.id.is_not(None))), count_if(and_(passed, placed.c.id.is_not(None))),
                   count_if(JobSeeker.welfare_decile.between(1, 4)))
            .select_from(cohort).join(TrainingProgramme, TrainingProgramme.id == cohort.c.programme_id)
            .join(JobSeeker, JobSeeker.id == cohort.c.job_seeker_id)
            .outerjoin(certified, certified.c.id == cohort.c.id).outerjoin(placed, placed.c.id == cohort.c.id)
            .group_by(TrainingProgramme.id, TrainingProgramme.title, _programme_end()))


def _figures(participants, with_result, passed, certified, placed, poor) -> dict:
    return {"participants": participants, "with_result": int(with_result), "passed": int(passed),
            "certified": int(certified), "placed": int(placed), "poor": int(poor),
            "pass_rate": percent(passed, with_result), "certification_rate": percent(certified, passed),
            "placement_rate": percent(placed, passed), "poor_share": percent(poor, participants)}


COUNTS = ("participants", "with_result", "passed", "certified", "placed", "poor")


def summarise(rows: list[dict]) -> dict:
    """Totals over per-programme rows."""
    return _figures(*(sum(row[key] for row in rows) for key in COUNTS))


def training_summary(period: Period) -> dict:
    """Totals over the programmes that ended in the period."""
    return summarise(programme_rows(period))


def programme_rows(period: Period) -> list[dict]:
    """The same figures per programme, newest end date first."""
    query = _rows(period)
    return [{"id": pid, "title": title, "end": end, **_figures(*figures)}
            for pid, title, end, *figures in db.session.execute(query.order_by(_programme_end().desc(), TrainingProgramme.title))]
