"""Every graduates route against every role: who gets in, who gets 403."""
import pytest

ROLES = ("admin", "staff", "official", "company_rep", "company_hr", "trainer")
# (url, roles allowed)
PAGES = [
    ("/lulusan", {"company_rep", "company_hr"}),
    ("/pencari-kerja", {"admin", "staff"}),
    ("/pencari-kerja/baru", {"admin", "staff"}),
    ("/pencari-kerja/ekspor.csv", {"admin", "staff"}),
    ("/permintaan-usulan", {"admin", "staff"}),
    ("/lembaga", {"admin"}),
    ("/lembaga/baru", {"admin"}),
    ("/pelatihan", {"admin", "staff", "trainer"}),
    ("/pelatihan/baru", {"admin", "staff", "trainer"}),
    ("/impor/templat/peserta.csv", {"admin", "staff", "trainer"}),
]


@pytest.mark.parametrize("role", ROLES)
def test_pages_by_role(client, login_as, role):
    login_as(role)
    for url, allowed in PAGES:
        expected = 200 if role in allowed else 403
        assert client.get(url).status_code == expected, (role, url)


@pytest.mark.parametrize("role", ("official", "trainer", "company_hr"))
def test_staff_only_posts_are_refused(client, login_as, role):
    login_as(role)
    assert client.post("/pencari-kerja/baru", data={}).status_code == 403
    assert client.post("/sertifikat/1/verifikasi").status_code == 403
    assert client.post("/permintaan-usulan/1", data={}).status_code == 403


def test_anonymous_is_sent_to_login(client):
    for url, _allowed in PAGES:
        response = client.get(url)
        assert response.status_code == 302 and "/masuk" in response.headers["Location"]


def test_csrf_is_required_on_posts(client, login_as, csrf_on):
    login_as("staff")
    assert client.post("/pencari-kerja/baru", data={"name": "x"}).status_code in (400, 422)
