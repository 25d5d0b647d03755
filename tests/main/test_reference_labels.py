"""Reference labels with an English name show in English on English pages; Indonesian stays as stored,
and the Indonesian-only MoU text says so on English pages."""
from __future__ import annotations

from flask_babel import force_locale
from sqlalchemy import select

from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.jobseekers.models import Skill
from bontang.reference import EN_LABELS, reference_label, skill_names
from tests.factories import make_company
from tests.mou.factories import make_invited
from tests.reports.conftest import scenario  # noqa: F401  (the reports scenario fixture)


def _english(client):
    client.post("/bahasa", data={"locale": "en"}, headers={"Referer": "http://localhost/"})


def test_labels_follow_the_page_language_and_unknown_ones_stay_as_stored(app):
    skill = Skill(code="LS-SMAW", name="Pengelasan SMAW", area="Pengelasan")
    with app.test_request_context():
        with force_locale("en"):
            assert reference_label("Pengelasan SMAW", "skill", "LS-SMAW") == "SMAW welding"
            assert reference_label("APBD", "funding") == "City budget (APBD)"
            assert reference_label("SMK", "education") == "Vocational high school (SMK)"
            assert reference_label("Petrokimia", "sector") == "Petrochemicals"
            assert reference_label("Sektor karangan", "sector") == "Sektor karangan"
            assert reference_label("Nama baru", "skill", "KODE-BARU") == "Nama baru"
            assert skill_names([skill, Skill(code="X-1", name="Merangkai bunga")]) == "SMAW welding, Merangkai bunga"
            assert skill_names([], "—") == "—"
        with force_locale("id"):
            assert reference_label("Pengelasan SMAW", "skill", "LS-SMAW") == "Pengelasan SMAW"
            assert reference_label("APBD", "funding") == "APBD"


def test_every_seeded_skill_and_sector_has_an_english_name():
    from bontang.training.catalogue import SCHEMES, SKILLS
    from bontang.training.services import FUNDING
    from bontang.seed import BUSINESS, HOSPITAL, INDUSTRY

    assert {code for code, *_ in SKILLS} == set(EN_LABELS["skill"])
    assert {area for *_, area in SKILLS} == set(EN_LABELS["skill_area"])
    assert {code for code, *_ in SCHEMES} == set(EN_LABELS["scheme"])
    assert {sector for sector, _ in INDUSTRY + BUSINESS + HOSPITAL} == set(EN_LABELS["sector"])
    assert set(FUNDING) == set(EN_LABELS["funding"])


def test_the_skills_gap_page_names_skills_in_english_on_english_pages(client, login_as, scenario):  # noqa: F811
    skill = db.session.scalar(select(Skill).where(Skill.name == "Pengelasan"))
    skill.code, skill.area = "LS-SMAW", "Pengelasan"
    db.session.commit()
    login_as(Role.STAFF)
    indonesian = client.get("/laporan/kesenjangan-keterampilan").get_data(as_text=True)
    assert "Pengelasan" in indonesian and "SMAW welding" not in indonesian
    _english(client)
    english = client.get("/laporan/kesenjangan-keterampilan").get_data(as_text=True)
    assert ">SMAW welding <small" in english and "<td>Welding</td>" in english
    assert english.count("SMAW welding") >= 2, "the chart's label too"
    assert db.session.get(Skill, skill.id).name == "Pengelasan", "stored Indonesian"


def test_the_company_sector_is_english_on_english_pages(client, login_as):
    company = make_company(sector="Petrokimia")
    login_as(Role.STAFF)
    assert "Petrokimia" in client.get(f"/kelola/perusahaan/{company.id}").get_data(as_text=True)
    _english(client)
    assert "Petrochemicals" in client.get(f"/kelola/perusahaan/{company.id}").get_data(as_text=True)


def test_the_mou_text_is_marked_indonesian_only_on_english_pages(client, auth):
    _agreement, rep = make_invited()
    auth.login(rep)
    indonesian = client.get("/mou/perusahaan").get_data(as_text=True)
    assert 'data-testid="indonesian-only"' not in indonesian
    _english(client)
    english = client.get("/mou/perusahaan").get_data(as_text=True)
    assert 'data-testid="indonesian-only"' in english
    assert "Indonesian only" in english and '<span lang="id">hanya dalam Bahasa Indonesia</span>' in english
    assert "text is available in Indonesian only" in english
    assert '<article class="mou-paper" lang="id"' in english


def test_the_registry_shows_skills_and_education_in_english_on_english_pages(client, login_as):
    from tests.jobseekers.factories import make_job_seeker

    from bontang.jobseekers.models import SkillKind

    skill = Skill(code="LS-SMAW", name="Pengelasan SMAW", area="Pengelasan", kind=SkillKind.HARD)
    db.session.add(skill)
    db.session.commit()
    seeker = make_job_seeker(skill_ids=[skill.id])
    login_as(Role.STAFF)
    indonesian = client.get(f"/pencari-kerja/{seeker.id}").get_data(as_text=True)
    assert "Pengelasan SMAW" in indonesian and "SMAW welding" not in indonesian
    _english(client)
    english = client.get(f"/pencari-kerja/{seeker.id}").get_data(as_text=True)
    assert "SMAW welding" in english and "Vocational high school (SMK)" in english


def test_the_candidate_ranking_names_skills_schemes_and_education_in_the_page_language(client, login_as):
    """The ranking cards carry their labels (worked out once per page): English on English pages, as stored else."""
    from bontang.jobseekers.models import SkillKind
    from bontang.training.models import CertificationScheme
    from tests.hiring.factories import make_certificate, make_job_seeker, make_request

    skill = Skill(code="LS-SMAW", name="Pengelasan SMAW", area="Pengelasan", kind=SkillKind.HARD)
    scheme = CertificationScheme(code="SKM-LAS-SMAW-3G", name="Juru Las SMAW Posisi 3G")
    db.session.add_all([skill, scheme])
    db.session.commit()
    seeker = make_job_seeker(name="Calon Las", skills=[skill], education_level="SMK")
    make_certificate(seeker, scheme)
    request = make_request(state="verified", skill_ids=[skill.id], scheme_id=scheme.id, education_min="SMA")
    login_as(Role.STAFF)
    page = f"/kelola/permintaan/{request.id}/kandidat"
    indonesian = client.get(page).get_data(as_text=True)
    assert "Calon Las" in indonesian and "Pengelasan SMAW" in indonesian and "Juru Las SMAW Posisi 3G" in indonesian
    assert "SMAW welding" not in indonesian and "Vocational high school (SMK)" not in indonesian
    _english(client)
    english = client.get(page).get_data(as_text=True)
    assert "SMAW welding" in english and "SMAW Welder, 3G Position" in english
    assert "Vocational high school (SMK)" in english
