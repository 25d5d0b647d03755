"""Workforce reports (wajib lapor): filing, parts that must add up, the local share they give, reminders."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from bontang.accounts.models import Company, Role
from bontang.audit import AuditEvent
from bontang.core import DomainError
from bontang.extensions import db
from bontang.hiring.matching import propose_candidates
from bontang.hiring.models import CandidateProposal, Placement
from bontang.mail import OutboxMessage
from bontang.reports import cache, figures_local
from bontang.reports.periods import parse_period
from bontang.workforce import reminders, services
from bontang.workforce.models import WorkforceReport
from tests.factories import make_company, make_user
from tests.hiring.factories import make_job_seeker, make_request

DUE = services.due_period()


def _form(**overrides) -> dict:
    data = {"period": f"{DUE[0]}-{DUE[1]}", "total": "120", "local": "96", "nonlocal_": "24", "managers": "6",
            "supervisors": "14", "operatives": "100"}
    data.update(overrides)
    return data


def _numbers(total=100, local=80, **overrides) -> dict:
    data = {"total": total, "local": local, "nonlocal_": total - local, "managers": 5, "supervisors": 15,
            "operatives": total - 20}
    data.update(overrides)
    return data


def _report(company, total=100, local=80, period=DUE):
    report = services.submit_report(company, *period, _numbers(total, local), actor=None)
    db.session.commit()
    return report


def test_company_hr_files_the_due_report_and_sees_its_local_share(client, login_as):
    hr = login_as("company_hr")
    page = client.get("/wajib-lapor").get_data(as_text=True)
    assert "Belum dilaporkan" in page and "Batas waktu" in page
    response = client.post("/wajib-lapor", data=_form())
    assert response.status_code == 303
    report = db.session.scalar(select(WorkforceReport))
    assert (report.total, report.local, report.nonlocal_, report.operatives) == (120, 96, 24, 100)
    assert report.company_id == hr.company_id and report.submitted_by_id == hr.id
    company = db.session.get(Company, hr.company_id)
    assert (company.headcount_local, company.headcount_nonlocal) == (96, 24)
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.action == "workforce.report_submitted")) == 1
    page = client.get("/wajib-lapor").get_data(as_text=True)
    assert "Sudah dilaporkan" in page and "80%" in page


@pytest.mark.parametrize("overrides, message", [
    ({"local": "90"}, "tidak sama dengan jumlah seluruh pekerja (120)"),
    ({"operatives": "99"}, "Jumlah per jenjang jabatan (119)"),
    ({"total": "-1"}, "Isi angka 0 sampai"),
    ({"total": "banyak"}, "Isi dengan bilangan bulat"),
    ({"period": "2099-1"}, "field__error"),
])
def test_parts_that_do_not_add_up_are_refused_and_nothing_is_written(client, login_as, overrides, message):
    login_as("company_hr")
    response = client.post("/wajib-lapor", data=_form(**overrides))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(WorkforceReport.id))) == 0


def test_a_semester_not_yet_finished_is_refused(app):
    with pytest.raises(DomainError, match="belum selesai"):
        services.submit_report(make_company(), date.today().year, 2, _numbers(), actor=None)


def test_filing_the_same_semester_again_corrects_it(app):
    company = make_company()
    _report(company, 100, 80)
    _report(company, 100, 70)
    assert db.session.scalar(select(func.count(WorkforceReport.id))) == 1
    assert services.company_share(company.id)["percent"] == 70.0


def _hire(company, *, local: bool, start: date, justification: str = ""):
    staff = make_user(Role.STAFF)
    request = make_request(company, state="verified", staff=staff, positions=3)
    seeker = make_job_seeker(has_bontang_ktp=local)
    propose_candidates(request, [seeker.id], actor=staff)
    db.session.commit()
    proposal = db.session.scalar(select(CandidateProposal).where(CandidateProposal.job_seeker_id == seeker.id))
    from bontang.hiring.selection import accept_candidate

    placement = accept_candidate(proposal, start, "PKWT", actor=request.created_by, justification=justification)
    db.session.commit()
    return placement


def test_the_share_is_the_latest_report_plus_placements_since_minus_departures(app):
    company = make_company(headcount_local=0, headcount_nonlocal=0)
    earlier = (DUE[0] - 1, DUE[1])
    _report(company, 50, 10, earlier)  # an older report does not count
    report = _report(company, 100, 80)
    _hire(company, local=True, start=report.period_end + timedelta(days=1))
    _hire(company, local=False, start=report.period_end + timedelta(days=2), justification="Ahli las 6G")
    before = _hire(company, local=True, start=report.period_end - timedelta(days=30))  # already in the report
    before.ended_on, before.end_reason = report.period_end + timedelta(days=3), "mengundurkan_diri"
    db.session.commit()
    share = services.company_share(company.id)
    assert (share["added"], share["left"], share["total"], share["local"]) == (2, 1, 101, 80)
    assert share["percent"] == 79.2


def test_the_local_share_list_and_below_target_use_the_reported_workforce(app):
    company = make_company(name="PT Lapor Rendah", headcount_local=0, headcount_nonlocal=0)
    _hire(company, local=True, start=date.today() - timedelta(days=400))  # 100% local by placements
    _report(company, 190, 110)
    period = parse_period(str(date.today().year - 1))
    row = next(r for r in figures_local.company_shares(period) if r.company_id == company.id)
    assert row.actual == 100.0 and row.reported and row.share == 57.9 and row.below(75)
    assert figures_local.company_shares(period)[0].company_id == company.id  # below-target companies first
    assert figures_local.overall_share(figures_local.company_shares(period))["below"] == 1
    assert figures_local.headcount_share() == 57.9


def test_a_report_makes_the_dashboard_snapshot_stale(app):
    company = make_company()
    cache.refresh_dashboard_figures([str(date.today().year)], locales=("id",))
    db.session.commit()
    before = cache.current_generation()
    _report(company, 190, 110)
    assert cache.current_generation() > before


def test_a_nonlocal_hire_below_the_quota_asks_for_a_justification(client, auth):
    company = make_company()
    _report(company, 100, 75)
    staff = make_user(Role.STAFF)
    request = make_request(company, state="verified", staff=staff)
    seeker = make_job_seeker(has_bontang_ktp=False)
    propose_candidates(request, [seeker.id], actor=staff)
    db.session.commit()
    proposal = db.session.scalar(select(CandidateProposal).where(CandidateProposal.job_seeker_id == seeker.id))
    url = f"/permintaan/{request.id}/kandidat/{proposal.id}/terima"
    auth.login(request.created_by)
    page = client.get(url).get_data(as_text=True)
    assert "nonlocal-warning" in page and "74,3%" in page
    data = {"start_date": (date.today() + timedelta(days=7)).isoformat(), "contract_type": "PKWT"}
    refused = client.post(url, data=data)
    assert refused.status_code == 422 and "Tuliskan alasannya" in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Placement.id))) == 0
    assert client.post(url, data={**data, "justification": "Operator DCS bersertifikat tidak tersedia"}).status_code == 303
    placement = db.session.scalar(select(Placement))
    assert placement.nonlocal_justification == "Operator DCS bersertifikat tidak tersedia"


def test_a_local_hire_or_a_share_that_stays_above_needs_no_justification(app):
    company = make_company()
    _report(company, 100, 90)
    _hire(company, local=False, start=date.today())  # 90/101: still above 75%
    assert db.session.scalar(select(func.count(Placement.id))) == 1


def test_reminders_before_and_after_the_deadline_each_once_and_not_for_reporters(app):
    late, done = make_company(), make_company()
    late_hr, done_hr = make_user(Role.COMPANY_HR, company=late), make_user(Role.COMPANY_HR, company=done)
    _report(done)
    due = services.deadline(*DUE)

    def sent(to):
        return db.session.scalar(select(func.count(OutboxMessage.id)).where(
            OutboxMessage.to_email == to.email, OutboxMessage.kind == "workforce.reminder"))

    assert reminders.send_reminders(due - timedelta(days=25)) == 0  # the semester just ended: not yet
    assert reminders.send_reminders(due - timedelta(days=10)) >= 1
    assert reminders.send_reminders(due - timedelta(days=9)) == 0
    assert reminders.send_reminders(due + timedelta(days=1)) >= 1
    db.session.commit()
    assert sent(late_hr) == 2 and sent(done_hr) == 0
    assert "terlambat" in db.session.scalars(select(OutboxMessage.subject).where(
        OutboxMessage.to_email == late_hr.email).order_by(OutboxMessage.id.desc())).first()


def test_the_reminder_job_is_registered(app):
    from bontang.tasks import jobs

    assert callable(jobs._workforce_tasks.send_workforce_reminders)


def test_staff_see_who_reported(client, login_as):
    reported = make_company(name="PT Sudah Lapor")
    make_company(name="PT Belum Lapor")
    _report(reported, 190, 110)
    login_as("staff")
    page = client.get("/kelola/wajib-lapor?tampil=missing").get_data(as_text=True)
    assert "PT Belum Lapor" in page and "PT Sudah Lapor" not in page
    page = client.get("/kelola/wajib-lapor").get_data(as_text=True)
    assert "PT Sudah Lapor" in page and "57,9%" in page


@pytest.mark.parametrize("role, url", [("trainer", "/wajib-lapor"), ("staff", "/wajib-lapor"),
                                       ("company_hr", "/kelola/wajib-lapor"), ("trainer", "/kelola/wajib-lapor")])
def test_wrong_roles_are_refused(client, login_as, role, url):
    login_as(role)
    assert client.get(url).status_code == 403


def test_a_company_sees_only_its_own_reports(client, login_as):
    other = make_company(name="PT Lain")
    _report(other, 190, 110)
    login_as("company_hr")
    page = client.get("/wajib-lapor").get_data(as_text=True)
    # The other company's figures appear in no cell (a user name such as "Pengguna 1190" may hold the digits).
    assert '<td class="num">190</td>' not in page and '<td class="num">110</td>' not in page
    assert "Belum ada laporan" in page
