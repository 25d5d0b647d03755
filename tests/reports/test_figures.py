"""Figures computed from the known scenario rows (tests/reports/conftest.py)."""
from __future__ import annotations

from datetime import date

from bontang.jobseekers.models import EmploymentStatus, SkillKind
from bontang.training.models import EnrolmentResult
from bontang.reports import figures_hiring, figures_local, figures_mou, figures_training, services
from bontang.reports.periods import parse_period
from bontang.reports.skills_gap import skills_gap
from tests.reports import factories as f

TODAY = date(2026, 11, 28)


def period(code):
    return parse_period(code, today=TODAY)


def test_mou_status_at_end_of_year_and_of_first_quarter(scenario):
    year = figures_mou.mou_progress(period("2025"))
    assert year["total"] == 3
    assert {k: v for k, v in year["counts"].items() if v} == {"completed": 1, "signed_by_company": 1, "invited": 1}
    quarter = figures_mou.mou_progress(period("2025-Q1"))
    assert {k: v for k, v in quarter["counts"].items() if v} == {"completed": 1, "not_invited": 2}
    assert quarter["timeline"]["completed"] == [0, 0, 1]
    assert year["timeline"]["invited"][:6] == [0, 0, 1, 1, 2, 3]


def test_hiring_by_status_positions_and_median_days(scenario):
    hiring = figures_hiring.hiring_summary(period("2025"))
    assert hiring["requests"] == 3 and hiring["positions"] == 10
    assert {k: v for k, v in hiring["by_status"].items() if v["requests"]} == {
        "partly_filled": {"requests": 1, "positions": 4}, "filled": {"requests": 1, "positions": 2},
        "verified": {"requests": 1, "positions": 4}}
    assert hiring["filled"] == 5 and hiring["filled_local"] == 3
    assert hiring["days_to_proposal"] == 3.0 and hiring["days_to_filled"] == 10.0
    assert hiring["timeline"]["requested"][:6] == [0, 4, 2, 0, 4, 0]
    assert hiring["timeline"]["filled"][:6] == [0, 0, 4, 0, 0, 1]


def test_local_share_planned_actual_and_below_target_first(scenario):
    rows = figures_local.company_shares(period("2025"))
    assert [r.name for r in rows] == ["PT Beta", "PT Alfa", "PT Gamma"]
    beta, alfa, gamma = rows
    assert (beta.actual, beta.planned, beta.headcount) == (0.0, 75.0, 50.0)
    assert (alfa.actual, alfa.planned, alfa.placements, alfa.local) == (75.0, 83.3, 4, 3)
    assert gamma.actual is None and gamma.headcount is None
    overall = figures_local.overall_share(rows)
    assert (overall["planned"], overall["actual"], overall["below"], overall["target"]) == (80.0, 60.0, 1, 75)
    assert figures_local.headcount_share() == 70.0


def test_workforce_plans_missing_and_planned(scenario):
    plans = figures_hiring.workforce_plans(period("2025"))
    assert [c["name"] for c in plans["missing"]] == ["PT Beta", "PT Gamma"]
    assert plans["planned"] == 8 and plans["filed"] == 1
    assert figures_hiring.workforce_plans(period("2025-Q1"))["planned"] == 5
    assert figures_hiring.workforce_plans(period("2025-04"))["planned"] == 2


def test_skills_gap_sorted_by_shortage(scenario):
    las, listrik = scenario["las"], scenario["listrik"]
    talk = f.make_skill("Komunikasi", SkillKind.SOFT)
    scheme = f.make_scheme()
    for skills, valid, status in [([las], None, EmploymentStatus.AVAILABLE), ([las], date(2020, 1, 1), EmploymentStatus.AVAILABLE),
                                  ([las, listrik], None, EmploymentStatus.EMPLOYED), ([listrik], date(2030, 1, 1), EmploymentStatus.AVAILABLE),
                                  ([talk], None, EmploymentStatus.AVAILABLE)]:
        f.make_certificate(f.make_job_seeker(skills=skills, status=status), scheme, valid_until=valid)
    f.make_job_seeker(skills=[las])  # holds the skill but no certificate
    rows = skills_gap(TODAY)
    assert [(r.name, r.open_positions, r.graduates, r.shortage) for r in rows] == [
        ("Pengelasan", 5, 1, 4), ("Instalasi listrik", 3, 1, 2), ("Komunikasi", 0, 1, -1)]
    assert [r.name for r in skills_gap(TODAY, SkillKind.SOFT)] == ["Komunikasi"]


def test_training_rates(app):
    scheme = f.make_scheme()
    p1 = f.make_programme(start=date(2025, 1, 10), end=date(2025, 3, 31), scheme=scheme)
    old = f.make_programme(start=date(2024, 9, 1), end=date(2024, 11, 30))
    s1, s2, s3, s4 = (f.make_job_seeker(decile=d) for d in (2, 5, 3, None))
    e1 = f.enrol(p1, s1, EnrolmentResult.PASSED)
    f.enrol(p1, s2, EnrolmentResult.PASSED)
    f.enrol(p1, s3, EnrolmentResult.FAILED)
    f.enrol(p1, s4, None)
    f.enrol(old, f.make_job_seeker(decile=1), EnrolmentResult.PASSED)
    f.make_certificate(s1, scheme, enrolment=e1)
    from tests.factories import make_company
    request = f.make_request(make_company(), submitted=None, positions=2)
    f.make_placement(request, s1, start=date(2025, 6, 1))
    f.make_placement(request, s2, start=date(2025, 12, 31))
    t = figures_training.training_summary(period("2025"))
    assert (t["participants"], t["with_result"], t["passed"], t["certified"], t["placed"], t["poor"]) == (4, 3, 2, 1, 1, 2)
    assert (t["pass_rate"], t["certification_rate"], t["placement_rate"], t["poor_share"]) == (66.7, 50.0, 50.0, 50.0)
    rows = figures_training.programme_rows(period("2025"))
    assert len(rows) == 1 and rows[0]["participants"] == 4 and rows[0]["placed"] == 1


def test_empty_period_is_flagged(scenario):
    assert services.dashboard_figures(period("2024-03"))["empty"] is True
    assert services.dashboard_figures(period("2025"))["empty"] is False
