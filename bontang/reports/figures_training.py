"""Training outcomes of the programmes that ended in a period: participants, passes, certificates, jobs."""
from __future__ import annotations

from sqlalchemy import and_, exists, func, or_, select

from bontang.extensions import db
from bontang.graduates.models import Certificate, Enrolment, EnrolmentResult, JobSeeker, TrainingProgramme
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


def _certified():
    return exists().where(Certificate.job_seeker_id == Enrolment.job_seeker_id, or_(
        Certificate.enrolment_id == Enrolment.id,
        and_(Certificate.enrolment_id.is_(None), Certificate.scheme_id == TrainingProgramme.scheme_id)))


def _placed_within_window():
    gap = _date_days(_programme_end(), Placement.start_date)
    return exists().where(Placement.job_seeker_id == Enrolment.job_seeker_id, gap >= 0, gap <= PLACEMENT_WINDOW_DAYS)


def _columns():
    passed = Enrolment.result == EnrolmentResult.PASSED
    return (func.count(Enrolment.id), count_if(Enrolment.result.is_not(None)), count_if(passed),
            count_if(and_(passed, _certified())), count_if(and_(passed, _placed_within_window())),
            count_if(JobSeeker.welfare_decile.between(1, 4)))


def _cohort(query, period: Period):
    end = _programme_end()
    return (query.select_from(Enrolment).join(TrainingProgramme, TrainingProgramme.id == Enrolment.programme_id)
            .join(JobSeeker, JobSeeker.id == Enrolment.job_seeker_id)
            .where(end >= period.start, end < period.end))


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
    query = _cohort(select(TrainingProgramme.id, TrainingProgramme.title, _programme_end().label("end"), *_columns()),
                    period).group_by(TrainingProgramme.id, TrainingProgramme.title, _programme_end())
    return [{"id": pid, "title": title, "end": end, **_figures(*figures)}
            for pid, title, end, *figures in db.session.execute(query.order_by(_programme_end().desc(), TrainingProgramme.title))]
