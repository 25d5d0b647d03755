"""The demo seed asks for skills that fit each job title, from the graduates skill catalogue."""
from bontang.extensions import db
from bontang.training.catalogue import SKILLS
from bontang.jobseekers.models import Skill, SkillKind
from bontang.hiring.seed import JOBS, _skills, fitting_skills

CATALOGUE_HARD = {code for code, _name, kind, _area in SKILLS if kind == "hard"}


def _job(title):
    return next(job for job in JOBS if job[0] == title)


def test_every_job_names_existing_catalogue_skills_of_its_area():
    areas = {code: area for code, _name, _kind, area in SKILLS}
    for title, _kbji, area, codes in JOBS:
        assert codes and set(codes) <= CATALOGUE_HARD, title
        assert area in set(areas.values()) and areas[codes[0]] == area, title


def test_requests_ask_for_fitting_skills_from_the_catalogue():
    skills = _skills()
    assert {s.code for s in skills} == CATALOGUE_HARD
    welder = fitting_skills(_job("Welder 3G/6G"), skills)
    assert welder and all(s.area == "Pengelasan" for s in welder)
    forklift = [s.code for s in fitting_skills(_job("Operator Forklift"), skills)]
    assert forklift[0] == "AB-FKL"
    cook = fitting_skills(_job("Juru Masak"), skills)
    assert {s.name for s in cook} == {"Memasak (commercial cookery)", "Pelayanan makanan dan minuman"}
    assert fitting_skills(_job("Welder 3G/6G"), skills) == welder  # deterministic


def test_unknown_codes_fall_back_to_the_area():
    other = [Skill(code=f"X-{n}", name=f"Las {n}", kind=SkillKind.HARD, area="Pengelasan") for n in range(3)]
    db.session.add_all(other)
    db.session.flush()
    job = ("Welder", "7212", "Pengelasan", ("NOPE",))
    assert fitting_skills(job, other) == other[:2]
