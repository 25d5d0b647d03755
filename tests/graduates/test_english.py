"""English interface: the graduates pages are translated once the user switches with POST /bahasa."""
from tests.factories import make_company
from tests.training.factories import make_graduate
from tests.jobseekers.factories import make_job_seeker


def _in_english(client, url):
    client.post("/bahasa", data={"locale": "en"}, headers={"Referer": f"http://localhost{url}"})
    return client.get(url).get_data(as_text=True)


def test_staff_registry_in_english(client, login_as):
    login_as("staff")
    make_job_seeker(name="Siti Operator")
    html = _in_english(client, "/pencari-kerja")
    assert '<html lang="en">' in html and "Siti Operator" in html
    for text in ("Job seekers (AK1)", "Register a job seeker", "Search name, AK1 number or NIK",
                 "Employment status", "Shown to companies", "Download CSV"):
        assert text in html
    for text in ("Pencari kerja (AK1)", "Daftarkan pencari kerja", "Cari nama, nomor AK1 atau NIK",
                 "Status kerja", "Tampil ke perusahaan", "Unduh CSV"):
        assert text not in html


def test_company_graduate_search_in_english(client, login_as):
    login_as("company_hr", company=make_company())
    make_graduate(name="Budi Las", consent_to_share=True)
    html = _in_english(client, "/lulusan")
    assert '<html lang="en">' in html and "Budi Las" in html
    for text in ("Certified training graduates", "Search name, skill, training", "All skills",
                 "Certificate still valid", "View profile", "Graduates found:"):
        assert text in html
    for text in ("Lulusan pelatihan bersertifikat", "Cari nama, keahlian, pelatihan", "Semua keahlian",
                 "Sertifikat masih berlaku", "Lihat profil", "lulusan ditemukan"):
        assert text not in html
