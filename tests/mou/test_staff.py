"""Staff: progress, table with htmx, invite, remind, detail timeline, revoke, CSV and ZIP."""
from __future__ import annotations

import io
import zipfile

from sqlalchemy import func, select

from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.mail import OutboxMessage
from bontang.mou.models import Agreement, AgreementStatus
from tests.factories import make_company, make_user
from tests.mou.factories import make_completed, make_invited, make_signed, make_template


def _agreements() -> int:
    return db.session.scalar(select(func.count(Agreement.id)))


def test_index_shows_progress_and_filters_with_htmx(client, login_as):
    make_completed(make_company(name="PT Selesai Jaya"))
    make_invited(make_company(name="PT Baru Diundang"))
    make_company(name="PT Belum Diundang")
    login_as("staff")
    page = client.get("/mou").get_data(as_text=True)
    assert "1 dari 124 mitra" in page and "PT Belum Diundang" in page
    fragment = client.get("/mou?status=completed", headers={"HX-Request": "true"})
    body = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in body
    assert "PT Selesai Jaya" in body and "PT Baru Diundang" not in body
    search = client.get("/mou?q=belum&status=not_invited", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "PT Belum Diundang" in search and "PT Selesai Jaya" not in search


def test_invite_selected_and_all(client, login_as):
    make_template()
    first, second, third = (make_company() for _ in range(3))
    make_user("company_rep", company=first)
    login_as("staff")
    response = client.post("/mou/undang", data={"company_ids": [str(first.id)]})
    assert response.status_code == 303 and _agreements() == 1
    assert db.session.scalar(select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "mou_invitation")) == 1
    client.post("/mou/undang", data={"company_ids": [str(first.id)]})
    assert _agreements() == 1
    client.post("/mou/undang", data={"all": "1"})
    assert _agreements() == 3
    assert "Tidak ada perusahaan" in client.post("/mou/undang", data={"all": "1"}, follow_redirects=True).get_data(as_text=True)


def test_invite_without_published_template_is_refused(client, login_as):
    make_company()
    login_as("staff")
    page = client.post("/mou/undang", data={"all": "1"}, follow_redirects=True).get_data(as_text=True)
    assert "Belum ada templat" in page and _agreements() == 0


def test_remind_all_unsigned(client, login_as):
    make_invited()
    make_invited()
    make_signed()
    login_as("staff")
    before = db.session.scalar(select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "mou_reminder"))
    assert client.post("/mou/ingatkan").status_code == 303
    after = db.session.scalar(select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "mou_reminder"))
    assert after - before == 2
    db.session.expire_all()
    assert sum(1 for a in db.session.scalars(select(Agreement)) if a.reminded_at) == 2


def test_detail_timeline_and_revoke(client, login_as):
    agreement, _ = make_signed()
    login_as("staff")
    page = client.get(f"/mou/{agreement.id}").get_data(as_text=True)
    assert "Undangan dikirim" in page and "Ditandatangani perusahaan" in page
    response = client.post(f"/mou/{agreement.id}/cabut", data={"reason": ""})
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(Agreement, agreement.id).status == AgreementStatus.SIGNED_BY_COMPANY
    assert client.post(f"/mou/{agreement.id}/cabut", data={"reason": "Data palsu"}).status_code == 303
    db.session.expire_all()
    assert db.session.get(Agreement, agreement.id).status == AgreementStatus.REVOKED
    assert client.post(f"/mou/{agreement.id}/cabut", data={"reason": "lagi"}).status_code == 422


def test_csv_export_and_zip(client, login_as, jobs):
    done = make_completed(make_company(name="=HYPERLINK(\"x\") PT Rumus"))
    make_invited()
    login_as("staff")
    csv = client.get("/mou/ekspor.csv")
    text = csv.get_data(as_text=True)
    assert csv.status_code == 200 and done.number in text and "'=HYPERLINK" in text
    job_page = client.post("/mou/arsip", follow_redirects=True)
    assert job_page.status_code == 200 and "ZIP menunggu giliran" in job_page.get_data(as_text=True)
    jobs.run_pending()
    page = client.get(job_page.request.path).get_data(as_text=True)
    assert "ZIP siap: 1 PDF" in page
    archive = client.get(job_page.request.path + "/unduh")
    names = zipfile.ZipFile(io.BytesIO(archive.data)).namelist()
    assert archive.status_code == 200 and names == [f"MoU-{done.number.replace('/', '-')}.pdf", "MANIFEST.csv"]


def test_invite_all_leaves_out_declined_and_revoked_companies(client, login_as):
    from tests.mou.factories import make_signed

    declined, rep = make_invited()
    from bontang.mou import signing

    signing.decline_agreement(declined, "Belum siap", actor=rep)
    revoked, _ = make_signed()
    revoked.status = AgreementStatus.REVOKED
    fresh = make_company()
    db.session.commit()
    login_as("staff")
    client.post("/mou/undang", data={"all": "1"})
    companies = {a.company_id for a in db.session.scalars(select(Agreement))}
    assert fresh.id in companies and _agreements() == 3  # only the fresh company got a new invitation
    client.post("/mou/undang", data={"company_ids": [str(declined.company_id)]})
    assert _agreements() == 3  # nor when chosen: inviting again is an explicit action with a reason


def test_a_reminder_goes_at_most_once_a_day(client, login_as):
    make_invited()
    login_as("staff")
    assert "Pengingat dikirim untuk 1" in client.post("/mou/ingatkan", follow_redirects=True).get_data(as_text=True)
    again = client.post("/mou/ingatkan", follow_redirects=True).get_data(as_text=True)
    assert "sudah diingatkan dalam 24 jam terakhir" in again
    assert db.session.scalar(select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "mou_reminder")) == 1


def test_the_letter_number_and_date_follow_bontang_time(monkeypatch):
    from datetime import datetime

    from bontang.mou import services as mou_services

    monkeypatch.setattr(mou_services, "utcnow", lambda: datetime(2026, 11, 30, 17, 30))  # 1 Dec 01:30 WITA
    agreement, _rep = make_invited()
    assert agreement.number.endswith("/12/2026") and "1 Desember 2026" in agreement.body_html


def test_the_timeline_lists_the_latest_changes_and_sums_up_the_downloads(client, login_as):
    from bontang import audit

    done = make_completed(make_company(name="PT Sering Diunduh"))
    staff = make_user(Role.STAFF, name="Petugas Unduh")
    for _ in range(6):
        audit.record("mou.downloaded", done, actor=staff, details={"sha256": "0" * 64})
    audit.record("mou.preview_downloaded", done, actor=staff)
    db.session.commit()
    login_as("staff")
    assert client.post(f"/mou/{done.id}/cabut", data={"reason": "Perusahaan tutup"}).status_code == 303
    latest = audit.events_for("Agreement", done.id, limit=2)  # the revocation after the downloads is not cut off
    assert [e.action for e in latest][-1] == "mou.revoked" and len(latest) == 2
    assert not {e.action for e in audit.events_for("Agreement", done.id)} & set(audit.READ_ACTIONS)
    reads = audit.reads_of("Agreement", done.id, cap=5)
    assert (reads.count, reads.capped, reads.action, reads.actor_label) == (5, True, "mou.preview_downloaded",
                                                                            staff.email)
    assert audit.reads_of("Agreement", done.id).count == 7 and not audit.reads_of("Agreement", done.id).capped
    assert audit.reads_of("Agreement", done.id + 1000) == audit.Reads(0, False)
    page = client.get(f"/mou/{done.id}").get_data(as_text=True)
    assert "Dicabut" in page and "Perusahaan tutup" in page and "Ditandatangani pejabat" in page
    assert "PDF diunduh atau dipratinjau 7 kali." in page and "Pratinjau PDF diunduh" in page
    assert page.count("<li><strong>PDF diunduh</strong>") == 0
