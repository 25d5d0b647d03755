"""Matching that reads the request: hard filters, the "tidak memenuhi" list, search, proposals outside the filters."""
from datetime import date, timedelta

import pytest
from sqlalchemy import event, func, select

from bontang.accounts.models import Role
from bontang.audit import AuditEvent
from bontang.extensions import db
from bontang.hiring.matching import rank_candidates, unmet_candidates
from bontang.hiring.models import CandidateProposal, HiringRequest
from bontang.hiring.ranking import accepted_levels
from tests.factories import make_company, make_user
from tests.hiring.factories import make_certificate, make_job_seeker, make_request, make_scheme, make_skill, request_data


def _people_around_smk_one_year():
    """Job seekers on both sides of "SMK, 1 year": the ones below it are the issue's SMP leavers with no experience."""
    return {
        "smp0": make_job_seeker(name="SMP nol", education_level="SMP", experience_years=0,
                                registered_at=date.today() - timedelta(days=900), welfare_decile=1),
        "sma5": make_job_seeker(name="SMA lima", education_level="SMA", experience_years=5),
        "smk0": make_job_seeker(name="SMK nol", education_level="SMK", experience_years=0),
        "smk1": make_job_seeker(name="SMK satu", education_level="SMK", experience_years=1),
        "d3": make_job_seeker(name="D3 tiga", education_level="D3", experience_years=3),
        "s1": make_job_seeker(name="S1 dua", education_level="S1", experience_years=2, has_bontang_ktp=False),
    }


def test_smk_and_one_year_no_candidate_above_the_line_has_less():
    people = _people_around_smk_one_year()
    request = make_request(state="verified", education_min="SMK", experience_years=1)
    ranked = rank_candidates(request)
    assert {c.seeker.name for c in ranked} == {"SMK satu", "D3 tiga", "S1 dua"}
    for card in ranked:
        assert card.seeker.education_level in accepted_levels("SMK") and card.seeker.experience_years >= 1
        assert card.unmet == []
    unmet = unmet_candidates(request)
    assert unmet.total == 3
    missed = {c.seeker.name: c.unmet for c in unmet.items}
    assert missed == {"SMK nol": ["pengalaman minimal 1 tahun"], "SMA lima": ["pendidikan minimal SMK"],
                      "SMP nol": ["pendidikan minimal SMK", "pengalaman minimal 1 tahun"]}
    assert [c.seeker.id for c in unmet.items][-1] == people["smp0"].id  # most rules missed comes last


def test_sma_minimum_is_met_by_smk_and_higher_not_by_smp():
    assert accepted_levels("SMA")[:2] == ("SMA", "SMK") and "SMP" not in accepted_levels("SMA")
    assert "SMA" not in accepted_levels("SMK")


def test_mandatory_certificate_and_minimum_skills_filter():
    las, k3, rig = make_skill("Las"), make_skill("K3"), make_skill("Rigging")
    scheme = make_scheme("Las 3G")
    request = make_request(state="verified", skill_ids=[las.id, k3.id, rig.id], scheme_id=scheme.id,
                           scheme_required=True, skills_min=2)
    good = make_job_seeker(name="Lengkap", skills=[las, k3])
    make_certificate(good, scheme, date.today() + timedelta(days=100))
    expired = make_job_seeker(name="Kedaluwarsa", skills=[las, k3, rig])
    make_certificate(expired, scheme, date.today() - timedelta(days=1))
    one_skill = make_job_seeker(name="Satu keahlian", skills=[las])
    make_certificate(one_skill, scheme)
    assert [c.seeker.id for c in rank_candidates(request)] == [good.id]
    missed = {c.seeker.name: c.unmet for c in unmet_candidates(request).items}
    assert missed == {"Kedaluwarsa": ["sertifikat Las 3G (wajib)"], "Satu keahlian": ["minimal 2 keahlian yang diminta"]}


def test_a_scheme_not_marked_mandatory_only_scores():
    scheme = make_scheme()
    request = make_request(state="verified", scheme_id=scheme.id)
    holder, other = make_job_seeker(), make_job_seeker()
    make_certificate(holder, scheme)
    assert [c.seeker.id for c in rank_candidates(request)] == [holder.id, other.id]


def _statements(app):
    seen = []

    def count(*_args):
        seen.append(1)
    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    return seen, lambda: event.remove(engine, "before_cursor_execute", count)


def test_unmet_list_is_paginated_with_a_fixed_number_of_queries(app):
    request = make_request(state="verified", education_min="D3")
    for _ in range(3):
        make_job_seeker(education_level="SMA")
    seen, stop = _statements(app)
    few = unmet_candidates(request, per_page=2)
    small = len(seen)
    for _ in range(6):
        make_job_seeker(education_level="SMP")
    seen.clear()
    many = unmet_candidates(request, page=2, per_page=4)
    stop()
    assert few.total == 3 and few.pages == 2 and len(few.items) == 2
    assert many.total == 9 and many.page == 2 and len(many.items) == 4 and [c.rank for c in many.items][0] == 5
    assert len(seen) == small
    assert unmet_candidates(request, page=99, per_page=4).page == 3


def test_unmet_count_stops_at_its_cap_and_the_pages_go_on(client, login_as, monkeypatch):
    from bontang.hiring import ranking

    monkeypatch.setattr(ranking, "UNMET_COUNT_CAP", 3)
    request = make_request(state="verified", education_min="D3")
    names = [make_job_seeker(education_level="SMP", name=f"Kurang {n}").name for n in range(7)]
    first = unmet_candidates(request, per_page=2)
    assert first.capped and first.total == 3 and first.has_next
    beyond = unmet_candidates(request, page=4, per_page=2)  # past the capped count's pages: still served
    assert beyond.page == 4 and [c.rank for c in beyond.items] == [7] and not beyond.has_next
    seen = [c.seeker.name for p in range(1, 5) for c in unmet_candidates(request, page=p, per_page=2).items]
    assert sorted(seen) == sorted(names)
    login_as("staff")
    html = client.get(f"/kelola/permintaan/{request.id}/kandidat/tidak-memenuhi").get_data(as_text=True)
    assert "Tidak memenuhi syarat (lebih dari 3)" in html and "<span>Halaman 1</span>" in html
    html = client.get(f"/kelola/permintaan/{request.id}/kandidat/tidak-memenuhi?tm=9").get_data(as_text=True)
    assert "Halaman ini kosong" in html and "Semua pencari kerja tersedia memenuhi syarat" not in html
    monkeypatch.setattr(ranking, "UNMET_COUNT_CAP", 1000)
    html = client.get(f"/kelola/permintaan/{request.id}/kandidat/tidak-memenuhi?tm=9").get_data(as_text=True)
    assert "Tidak memenuhi syarat (7)" in html and "Halaman 1 dari 1" in html and "Berikutnya" not in html


def test_request_form_refuses_mandatory_without_scheme_and_too_many_skills(client, login_as):
    company = make_company()
    login_as("company_hr", company=company)
    las = make_skill("Las")
    base = {k: v for k, v in request_data().items() if v is not None}
    base.update(valid_until=(date.today() + timedelta(days=20)).isoformat(), scheme_id=0)
    before = db.session.scalar(select(func.count(HiringRequest.id)))
    for extra, message in (({"scheme_required": "y"}, "Pilih skema sertifikasi yang diwajibkan"),
                           ({"skill_ids": [las.id], "skills_min": 2}, "tidak boleh lebih dari jumlah keahlian")):
        data = {**base, "skill_ids": [], **extra}
        data = {k: ("y" if v is True else v) for k, v in data.items() if v is not False}
        response = client.post("/permintaan/baru", data=data)
        assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(HiringRequest.id))) == before


def test_candidate_page_shows_rules_scores_and_the_unmet_list(client, login_as):
    login_as("staff")
    _people_around_smk_one_year()
    request = make_request(state="verified", education_min="SMK", experience_years=1)
    page = client.get(f"/kelola/permintaan/{request.id}/kandidat").get_data(as_text=True)
    assert "pendidikan minimal SMK; pengalaman minimal 1 tahun" in page
    for name in ("SMK satu", "D3 tiga", "S1 dua"):
        assert name in page
    for name in ("SMK nol", "SMA lima", "SMP nol"):
        assert name not in page  # they are on the page of their own, linked from here
    assert "Desil kesejahteraan" in page
    assert f'href="/kelola/permintaan/{request.id}/kandidat/tidak-memenuhi"' in page
    unmet = client.get(f"/kelola/permintaan/{request.id}/kandidat/tidak-memenuhi").get_data(as_text=True)
    assert "Tidak memenuhi syarat (3)" in unmet and "pendidikan minimal SMK; pengalaman minimal 1 tahun" in unmet
    for name in ("SMK nol", "SMA lima", "SMP nol"):
        assert name in unmet
    for name in ("SMK satu", "D3 tiga", "S1 dua"):
        assert name not in unmet


@pytest.mark.parametrize("role", ["company_hr", "company_rep", "trainer", "official"])
def test_candidate_page_is_staff_only(client, login_as, role):
    request = make_request(state="verified")
    login_as(role, company=request.company) if role.startswith("company") else login_as(role)
    assert client.get(f"/kelola/permintaan/{request.id}/kandidat").status_code == 403
    assert client.get(f"/kelola/permintaan/{request.id}/kandidat/tidak-memenuhi").status_code == 403
    assert client.post(f"/kelola/permintaan/{request.id}/kandidat").status_code in (400, 403)


def test_search_by_name_ak1_and_full_nik_only(client, login_as):
    from tests.jobseekers.factories import make_job_seeker as register

    login_as("staff")
    request = make_request(state="verified")
    person = register(name="Maria Ulfah", nik="6474015505990777", ak1_number="AK1/CARI/00001")
    url = f"/kelola/permintaan/{request.id}/kandidat"
    for q in ("ulfah", "AK1/CARI/00001", "6474 0155 0599 0777"):
        page = client.get(url, query_string={"cari": q}).get_data(as_text=True)
        assert f'name="job_seeker_ids" value="{person.id}"' in page.split('id="peringkat"')[0], q
    for partial in ("647401550599", "0777"):
        page = client.get(url, query_string={"cari": partial}).get_data(as_text=True)
        assert "NIK harus lengkap 16 digit" in page
        assert "Maria Ulfah" not in page.split('id="peringkat"')[0]


def test_proposing_outside_the_filters_needs_a_reason_and_is_recorded(client, login_as):
    login_as("staff")
    request = make_request(state="verified", education_min="D3")
    person = make_job_seeker(name="Lulusan SMK", education_level="SMK")
    url = f"/kelola/permintaan/{request.id}/kandidat"
    refused = client.post(url, data={"job_seeker_ids": [person.id]})
    assert refused.status_code == 422 and "Tulis alasan untuk tetap mengusulkan" in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count(CandidateProposal.id))) == 0
    done = client.post(url, data={"job_seeker_ids": [person.id], "reason": "Pengalaman 10 tahun di lapangan"})
    assert done.status_code == 303
    proposal = db.session.scalar(select(CandidateProposal))
    assert proposal.outside_filters and proposal.staff_reason == "Pengalaman 10 tahun di lapangan"
    event_ = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "hiring.candidates_proposed"))
    assert event_.details["outside_filters"] == {str(person.id): ["pendidikan minimal D3"]}  # JSON keys are text
    assert event_.details["reason"] == "Pengalaman 10 tahun di lapangan"


def test_company_sees_its_candidates_in_rank_order(client, login_as):
    las = make_skill("Las")
    request = make_request(state="verified", skill_ids=[las.id])
    plain = make_job_seeker(name="Zaki Tanpa Las")
    welder = make_job_seeker(name="Ahmad Juru Las", skills=[las])
    from bontang.hiring.matching import propose_candidates

    propose_candidates(request, [plain.id, welder.id], actor=make_user(Role.STAFF))
    db.session.commit()
    login_as("company_hr", company=request.company)
    page = client.get(f"/permintaan/{request.id}").get_data(as_text=True)
    assert page.index("Ahmad Juru Las") < page.index("Zaki Tanpa Las")


def test_a_kept_matching_serves_only_the_same_rules_day_settings_and_language(app):
    """Matching.of keeps the SQL it built; an edited rule, another day, other weights or language build anew."""
    from flask_babel import force_locale

    from bontang.hiring.ranking import Matching

    young = make_job_seeker(name="Muda", birth_date=date.today() - timedelta(days=365 * 22 + 30))
    older = make_job_seeker(name="Lebih tua", birth_date=date.today() - timedelta(days=365 * 33 + 30))
    request = make_request(state="verified", age_min=18, age_max=40)
    with app.test_request_context():
        first = Matching.of(request, date.today())
        assert Matching.of(request, date.today()) is first
        assert Matching.of(request, date.today(), few=True) is not first
        assert Matching.of(request, date.today() + timedelta(days=1)) is not first
        assert {c.seeker.name for c in rank_candidates(request)} == {"Muda", "Lebih tua"}

        request.age_max = 30
        db.session.commit()
        edited = Matching.of(request, date.today())
        assert edited is not first and "18–30" in edited.rules[0].label
        assert [c.seeker.id for c in rank_candidates(request)] == [young.id]
        assert older.id in {c.seeker.id for c in unmet_candidates(request).items}

        app.config["MATCH_WEIGHT_KTP"], kept = 99, app.config["MATCH_WEIGHT_KTP"]
        try:
            assert Matching.of(request, date.today()).weights["ktp"] == 99
        finally:
            app.config["MATCH_WEIGHT_KTP"] = kept
        with force_locale("en"):
            english = Matching.of(request, date.today())
        assert english is not edited and english.rules[0].label != edited.rules[0].label
