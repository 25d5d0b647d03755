"""The ZIP of sealed MoU PDFs: prepared by a worker with a manifest; asked twice, built once."""
from __future__ import annotations

import csv
import hashlib
import io
import zipfile

import pytest
from sqlalchemy import func, select, update

from bontang.extensions import db
from bontang.jobs.models import Job
from bontang.mou.models import Document
from tests.mou.factories import make_completed, make_countersigned


def _archive(client, jobs) -> tuple[str, zipfile.ZipFile]:
    page = client.post("/mou/arsip", follow_redirects=True)
    assert page.status_code == 200
    jobs.run_pending()
    path = page.request.path
    assert "ZIP siap" in client.get(path).get_data(as_text=True)
    response = client.get(path + "/unduh")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    return path, zipfile.ZipFile(io.BytesIO(response.data))


def test_zip_holds_every_sealed_pdf_a_manifest_that_matches_and_the_pending_list(client, login_as, jobs):
    sealed = [make_completed() for _ in range(3)]
    pending = make_countersigned()
    jobs.run_pending()  # the countersigning jobs of the factories; the pending one is sealed below
    db.session.execute(update(Document).where(Document.agreement_id == pending.id).values(kind="deleted"))
    db.session.commit()
    login_as("staff")
    _path, archive = _archive(client, jobs)
    manifest = list(csv.DictReader(io.StringIO(archive.read("MANIFEST.csv").decode("utf-8-sig"))))
    assert [row["nomor"] for row in manifest] == [a.number for a in sealed]
    for row in manifest:
        assert hashlib.sha256(archive.read(row["berkas"])).hexdigest() == row["sha256"]
        assert row["sha256"] == db.session.scalar(select(Document.sha256).join(Document.agreement)
                                                   .where(Document.kind == "final",
                                                          Document.agreement.has(number=row["nomor"])))
    assert pending.number in archive.read("BELUM-DISEGEL.txt").decode()


def test_the_same_zip_asked_twice_is_one_job(client, login_as, jobs):
    make_completed()
    jobs.run_pending()
    login_as("staff")
    first = client.post("/mou/arsip").headers["Location"]
    second = client.post("/mou/arsip").headers["Location"]
    assert first == second and db.session.scalar(select(func.count(Job.id))) == 1
    assert jobs.pending() == 1
    jobs.run_pending()
    assert client.post("/mou/arsip").headers["Location"] == first  # nothing changed since: the same ZIP
    make_completed()
    assert client.post("/mou/arsip").headers["Location"] != first  # a new PDF: a new ZIP


def test_a_corrupted_pdf_is_left_out_and_named(client, login_as, jobs):
    good, bad = make_completed(), make_completed()
    db.session.execute(update(Document).where(Document.agreement_id == bad.id).values(bytes=b"%PDF-rusak"))
    db.session.commit()
    login_as("staff")
    _path, archive = _archive(client, jobs)
    assert bad.number in archive.read("TIDAK-DISERTAKAN.txt").decode()
    assert good.number in archive.read("MANIFEST.csv").decode("utf-8-sig")
    assert bad.number not in archive.read("MANIFEST.csv").decode("utf-8-sig")


def test_nothing_to_archive_is_a_message(client, login_as):
    login_as("staff")
    page = client.post("/mou/arsip", follow_redirects=True).get_data(as_text=True)
    assert "Belum ada perjanjian yang selesai" in page
    assert db.session.scalar(select(func.count(Job.id))) == 0


@pytest.mark.parametrize("role", ["official", "company_rep", "company_hr", "trainer"])
def test_only_disnaker_staff_prepare_and_download_the_zip(client, login_as, auth, jobs, role):
    make_completed()
    login_as("staff")
    path = client.post("/mou/arsip").headers["Location"]
    jobs.run_pending()
    auth.logout()
    login_as(role)
    assert client.post("/mou/arsip").status_code == 403
    assert client.get(path).status_code == 404
    assert client.get(path + "/unduh").status_code == 403


def test_another_staff_member_follows_the_same_zip(client, login_as, auth, jobs):
    make_completed()
    login_as("staff")
    path = client.post("/mou/arsip").headers["Location"]
    auth.logout()
    login_as("staff")
    assert client.post("/mou/arsip").headers["Location"] == path
    assert client.get(path).status_code == 200


def test_inviting_many_companies_runs_in_the_background_with_progress(client, login_as, jobs):
    from bontang.mail import OutboxMessage
    from bontang.mou.models import Agreement
    from tests.factories import make_company, make_user
    from tests.mou.factories import make_template

    make_template()
    for _ in range(25):
        make_user("company_rep", company=make_company())
    login_as("staff")
    response = client.post("/mou/undang", data={"all": "1"})
    path = response.headers["Location"]
    assert response.status_code == 303 and path.startswith("/proses/")
    assert db.session.scalar(select(func.count(Agreement.id))) == 0
    assert "0 dari 25 diproses" in client.get(path).get_data(as_text=True)
    jobs.run_pending()
    page = client.get(path).get_data(as_text=True)
    assert "25 dari 25 diproses" in page and "Selesai: 25 perusahaan diundang" in page
    assert db.session.scalar(select(func.count(Agreement.id))) == 25
    assert db.session.scalar(select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "mou_invitation")) == 25
    jobs.run_pending()  # nothing left: a job run twice invites nobody twice
    assert client.post(path + "/coba-lagi", follow_redirects=True).status_code == 200
    assert db.session.scalar(select(func.count(Agreement.id))) == 25


def test_reminding_many_runs_in_the_background(client, login_as, jobs):
    from bontang.mail import OutboxMessage
    from tests.mou.factories import make_invited

    for _ in range(21):
        make_invited()
    login_as("staff")
    path = client.post("/mou/ingatkan").headers["Location"]
    jobs.run_pending()
    assert "Selesai: 21 undangan diingatkan" in client.get(path).get_data(as_text=True)
    assert db.session.scalar(select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "mou_reminder")) == 21
