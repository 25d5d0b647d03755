"""Disnaker manages companies and users; company users see only their own company."""
from sqlalchemy import func, select

from bontang.accounts.models import Company, Role, User
from bontang.extensions import db
from bontang.mail import OutboxMessage, readable_body
from tests import factories

COMPANY = {"name": "PT Baru Bontang", "legal_form": "PT", "nib": "1234567890123", "npwp": "", "kbli": "20117",
           "sector": "Petrokimia", "category": "industri", "address": "Jl. Ahmad Yani 1", "kelurahan": "Api-Api",
           "headcount_local": "90", "headcount_nonlocal": "10"}


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_staff_registers_a_company(client, login_as):
    login_as("staff")
    response = client.post("/kelola/perusahaan/baru", data=COMPANY)
    assert response.status_code == 303
    company = db.session.scalar(select(Company).where(Company.nib == COMPANY["nib"]))
    assert company.name == "PT Baru Bontang" and company.local_share == 90.0
    page = client.get(f"/kelola/perusahaan/{company.id}").get_data(as_text=True)
    assert "PT Baru Bontang" in page


def test_company_form_bad_input_writes_nothing(client, login_as):
    login_as("staff")
    factories.make_company(nib="1234567890123")
    before = _count(Company)
    for field, value, message in [("nib", "123", "NIB harus 13 digit"), ("nib", "1234567890123", "NIB ini sudah dipakai"),
                                  ("name", "", "Wajib diisi"), ("headcount_local", "-5", "Isi angka 0 atau lebih")]:
        response = client.post("/kelola/perusahaan/baru", data={**COMPANY, field: value})
        assert response.status_code == 422, field
        assert message in response.get_data(as_text=True)
    assert _count(Company) == before


def test_company_names_are_escaped(client, login_as):
    login_as("staff")
    company = factories.make_company(name="<script>alert(1)</script>")
    html = client.get(f"/kelola/perusahaan/{company.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_staff_creates_a_company_user_who_gets_an_invitation(client, login_as):
    login_as("staff")
    company = factories.make_company()
    response = client.post(f"/kelola/perusahaan/{company.id}/pengguna/baru",
                           data={"email": "Baru@Example.com", "name": "Ani", "position": "HRD", "role": "company_hr",
                                 "company_id": company.id, "institution_id": 0})
    assert response.status_code == 303
    user = db.session.scalar(select(User).where(User.email == "baru@example.com"))
    assert user.company_id == company.id and user.role == Role.COMPANY_HR and user.password_hash is None
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.to_email == "baru@example.com"))
    assert "/undangan/" in readable_body(mail) and "/undangan/" not in mail.body  # only its recipient reads the link


def test_staff_cannot_create_disnaker_roles_for_a_company(client, login_as):
    login_as("staff")
    company = factories.make_company()
    response = client.post(f"/kelola/perusahaan/{company.id}/pengguna/baru",
                           data={"email": "x@example.com", "name": "X", "role": "admin", "company_id": company.id})
    assert response.status_code == 422
    assert _count(User) == 1


def test_duplicate_email_is_refused(client, login_as):
    admin = login_as("admin")
    response = client.post("/kelola/pengguna/baru", data={"email": admin.email.upper(), "name": "Dup", "role": "staff",
                                                          "company_id": 0, "institution_id": 0})
    assert response.status_code == 422
    assert "E-mail ini sudah terdaftar." in response.get_data(as_text=True)


def test_company_role_requires_company(client, login_as):
    login_as("admin")
    response = client.post("/kelola/pengguna/baru", data={"email": "hr@example.com", "name": "HR", "role": "company_hr",
                                                          "company_id": 0, "institution_id": 0})
    assert response.status_code == 422
    assert "harus terhubung ke perusahaan" in response.get_data(as_text=True)


def test_staff_cannot_edit_disnaker_accounts(client, login_as):
    login_as("staff")
    admin = factories.make_user("admin")
    assert client.get(f"/kelola/pengguna/{admin.id}/ubah").status_code == 403
    assert client.post(f"/kelola/pengguna/{admin.id}/status").status_code == 403
    db.session.refresh(admin)
    assert admin.active


def test_admin_cannot_deactivate_self(client, login_as):
    admin = login_as("admin")
    response = client.post(f"/kelola/pengguna/{admin.id}/status", follow_redirects=True)
    assert "tidak dapat menonaktifkan akun Anda sendiri" in response.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.active


def test_deactivating_a_company_deactivates_its_users(client, login_as):
    login_as("admin")
    hr = factories.make_user("company_hr")
    assert client.post(f"/kelola/perusahaan/{hr.company_id}/status").status_code == 303
    db.session.expire_all()
    assert not db.session.get(User, hr.id).active and not db.session.get(Company, hr.company_id).active


def test_company_list_search_and_htmx_fragment(client, login_as):
    login_as("staff")
    factories.make_company(name="PT Pupuk Contoh")
    factories.make_company(name="RS Sehat Contoh", category="rumah_sakit_swasta")
    response = client.get("/kelola/perusahaan?q=pupuk", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert "<html" not in html and 'id="company-table"' in html
    assert "PT Pupuk Contoh" in html and "RS Sehat Contoh" not in html
    html = client.get("/kelola/perusahaan?kategori=rumah_sakit_swasta").get_data(as_text=True)
    assert "RS Sehat Contoh" in html and "PT Pupuk Contoh" not in html


def test_company_list_is_paginated(client, login_as):
    login_as("staff")
    for n in range(30):
        factories.make_company(name=f"PT Halaman {n:02d}")
    first = client.get("/kelola/perusahaan").get_data(as_text=True)
    second = client.get("/kelola/perusahaan?page=2").get_data(as_text=True)
    assert "PT Halaman 00" in first and "PT Halaman 29" not in first
    assert "PT Halaman 29" in second and "Halaman 2 dari 2" in second


def test_company_users_cannot_reach_company_admin(client, login_as):
    hr = login_as("company_hr")
    assert client.get(f"/kelola/perusahaan/{hr.company_id}").status_code == 403
    assert client.post(f"/kelola/perusahaan/{hr.company_id}/pengguna/baru", data={"email": "a@example.com"}).status_code == 403


def test_admin_sets_an_officials_office_on_the_user_form(client, login_as):
    login_as("admin")
    official = factories.make_user(Role.OFFICIAL, name="Agus Haris")
    form = client.get(f"/kelola/pengguna/{official.id}/ubah").get_data(as_text=True)
    assert "Jabatan penanda tangan MoU" in form and "Wakil Wali Kota" in form
    data = {"email": official.email, "name": official.name, "position": "Wakil Wali Kota", "role": "official",
            "company_id": "0", "institution_id": "0", "office": "wakil_wali_kota"}
    assert client.post(f"/kelola/pengguna/{official.id}/ubah", data=data).status_code == 303
    db.session.expire_all()
    assert db.session.get(User, official.id).office == "wakil_wali_kota"
    bad = client.post(f"/kelola/pengguna/{official.id}/ubah", data={**data, "office": "presiden"})
    assert bad.status_code == 422
    db.session.expire_all()
    assert db.session.get(User, official.id).office == "wakil_wali_kota"


def test_an_office_is_kept_only_on_official_accounts(app):
    staff = factories.make_user(Role.STAFF, office="wali_kota")
    assert staff.office == ""
