"""Ranking of job seekers and proposing them: order, reasons, exclusions, refusals."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from bontang.accounts.models import Role
from bontang.core import DomainError
from bontang.extensions import db
from bontang.jobseekers.models import EmploymentStatus
from bontang.hiring.matching import propose_candidates, rank_candidates
from bontang.hiring.models import CandidateProposal, HiringRequest, HiringStatus
from tests.factories import make_user
from tests.hiring.factories import make_certificate, make_job_seeker, make_request, make_scheme, make_skill


def test_ranking_is_by_score_and_each_candidate_shows_its_parts():
    las, k3 = make_skill("Las"), make_skill("K3")
    scheme = make_scheme("Juru Las")
    request = make_request(state="verified", skill_ids=[las.id, k3.id], scheme_id=scheme.id)
    both = make_job_seeker(name="Dua keahlian", skills=[las, k3], has_bontang_ktp=False)
    certified = make_job_seeker(name="Satu plus sertifikat", skills=[las], has_bontang_ktp=False)
    make_certificate(certified, scheme, date.today() + timedelta(days=300))
    local_new = make_job_seeker(name="Lokal baru", skills=[las], registered_at=date.today() - timedelta(days=10))
    local_old = make_job_seeker(name="Lokal lama", skills=[las], registered_at=date.today() - timedelta(days=400))
    poor = make_job_seeker(name="Lokal lama desil 1", skills=[las], registered_at=date.today() - timedelta(days=400),
                           welfare_decile=1)
    none = make_job_seeker(name="Tanpa keahlian", has_bontang_ktp=False)
    ranked = rank_candidates(request)
    # Default weights: skills 35 (17.5 a skill here), certificate 25, KTP 20, waiting 12 (full at 730 days), welfare 8.
    assert [c.seeker.name for c in ranked] == [poor.name, certified.name, local_old.name, local_new.name, both.name,
                                               none.name]
    scores = [c.score for c in ranked]
    assert scores == sorted(scores, reverse=True)
    for card in ranked:
        assert abs(sum(part.points for part in card.parts) - card.score) < 0.1
    top = ranked[0]
    assert [p.label for p in top.parts] == ["1 dari 2 keahlian cocok", "Tanpa sertifikat skema diminta", "KTP Bontang",
                                            "Menunggu 13 bulan sejak AK1", "Desil kesejahteraan 1"]
    assert top.score == round(17.5 + 0 + 20 + 400 * 12 / 730 + 8, 1)


def test_weights_are_configurable(app, monkeypatch):
    las = make_skill("Las")
    request = make_request(state="verified", skill_ids=[las.id])
    welder = make_job_seeker(name="Juru las luar", skills=[las], has_bontang_ktp=False)
    local = make_job_seeker(name="Lokal tanpa las")
    assert [c.seeker.id for c in rank_candidates(request)] == [welder.id, local.id]
    monkeypatch.setitem(app.config, "MATCH_WEIGHT_SKILLS", 10)
    monkeypatch.setitem(app.config, "MATCH_WEIGHT_KTP", 50)
    ranked = rank_candidates(request)
    assert [c.seeker.id for c in ranked] == [local.id, welder.id]
    assert ranked[0].parts[1].maximum == 50


def test_ranking_excludes_employed_unconsented_out_of_age_wrong_sex_and_already_proposed():
    request = make_request(state="verified", age_min=20, age_max=30, sex="P")
    good = make_job_seeker(sex="P", age=25)
    make_job_seeker(sex="P", age=25, employment_status=EmploymentStatus.EMPLOYED)
    make_job_seeker(sex="P", age=25, consent_to_share=False)
    make_job_seeker(sex="P", age=35)
    make_job_seeker(sex="L", age=25)
    assert [c.seeker.id for c in rank_candidates(request)] == [good.id]
    propose_candidates(request, [good.id], actor=make_user(Role.STAFF))
    assert rank_candidates(request) == []


def test_propose_moves_verified_to_candidates_proposed_and_mails_company(client, login_as):
    login_as("staff")
    request = make_request(state="verified")
    a, b = make_job_seeker(), make_job_seeker()
    page = client.get(f"/kelola/permintaan/{request.id}/kandidat").get_data(as_text=True)
    assert a.name in page and "Desil kesejahteraan 5" in page
    response = client.post(f"/kelola/permintaan/{request.id}/kandidat", data={"job_seeker_ids": [a.id, b.id]})
    assert response.status_code == 303
    db.session.expire_all()
    request = db.session.get(HiringRequest, request.id)
    assert request.status == HiringStatus.CANDIDATES_PROPOSED and request.first_proposed_at is not None
    assert {p.job_seeker_id for p in request.proposals} == {a.id, b.id}
    assert "Desil" not in request.proposals[0].rank_reason


@pytest.mark.parametrize("case", ["twice", "employed", "unknown", "empty", "not_open"])
def test_bad_proposals_are_refused_and_write_nothing(client, login_as, case):
    staff = login_as("staff")
    request = make_request(state="submitted" if case == "not_open" else "verified")
    seeker = make_job_seeker(employment_status=EmploymentStatus.EMPLOYED if case == "employed" else
                             EmploymentStatus.AVAILABLE)
    if case == "twice":
        propose_candidates(request, [seeker.id], actor=staff)
        db.session.commit()
    before = db.session.scalar(select(func.count(CandidateProposal.id)))
    ids = {"unknown": [999999], "empty": []}.get(case, [seeker.id])
    response = client.post(f"/kelola/permintaan/{request.id}/kandidat", data={"job_seeker_ids": ids})
    assert response.status_code == 422
    message = {"twice": "Sudah pernah diusulkan", "employed": "Sudah bekerja", "unknown": "tidak ditemukan",
               "empty": "Pilih minimal satu", "not_open": "sudah diverifikasi"}[case]
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(CandidateProposal.id))) == before


def test_propose_service_refuses_employed_directly():
    request = make_request(state="verified")
    seeker = make_job_seeker(employment_status=EmploymentStatus.EMPLOYED)
    with pytest.raises(DomainError):
        propose_candidates(request, [seeker.id], actor=None)


def test_concurrent_duplicate_proposal_is_told_not_crashed(monkeypatch):
    """If another officer inserts the same pair between the check and the insert, the unique key decides."""
    from bontang.hiring import matching

    staff = make_user(Role.STAFF)
    request = make_request(state="verified", staff=staff)
    seeker = make_job_seeker()
    propose_candidates(request, [seeker.id], actor=staff)
    db.session.commit()
    monkeypatch.setattr(matching, "_check_proposable", lambda *args: None)
    with pytest.raises(DomainError, match="baru saja diusulkan"):
        propose_candidates(request, [seeker.id], actor=staff)
    assert db.session.scalar(select(func.count(CandidateProposal.id))) == 1


def test_request_without_skills_ranks_certificate_then_ktp_then_waiting_then_decile():
    scheme = make_scheme()
    request = make_request(state="verified", scheme_id=scheme.id)
    old, new = date.today() - timedelta(days=600), date.today() - timedelta(days=20)
    outsider_old = make_job_seeker(has_bontang_ktp=False, registered_at=old)
    local_new = make_job_seeker(registered_at=new)
    local_old_decile_3 = make_job_seeker(registered_at=old, welfare_decile=3)
    local_old_decile_1 = make_job_seeker(registered_at=old, welfare_decile=1)
    certified_outsider = make_job_seeker(has_bontang_ktp=False, registered_at=new)
    make_certificate(certified_outsider, scheme)
    expected = [local_old_decile_1.id, local_old_decile_3.id, certified_outsider.id, local_new.id, outsider_old.id]
    assert [c.seeker.id for c in rank_candidates(request)] == expected
    assert [c.seeker.id for c in rank_candidates(request, limit=2)] == expected[:2]


def test_a_score_part_shows_its_points_as_the_templates_formatted_them(app):
    """ScorePart.earned is what `"%.1f"|format(points) ~ "/" ~ maximum|round|int` gave, halves included."""
    from flask import render_template_string

    from bontang.hiring.ranking import ScorePart

    with app.test_request_context():
        for points, maximum in [(0.0, 10.0), (3.25, 12.5), (7.45, 2.5), (19.999, 20.0), (0.05, 0.5), (1.5, 1.5)]:
            part = ScorePart("x", points, maximum)
            assert part.earned == render_template_string(
                '{{ "%.1f"|format(p.points) }}/{{ p.maximum|round|int }}', p=part)
