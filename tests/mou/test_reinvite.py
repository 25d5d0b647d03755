"""Re-inviting a company that declined or whose agreement was revoked: an explicit action with a reason, audited."""
from __future__ import annotations

from sqlalchemy import func, select

from bontang.audit import AuditEvent
from bontang.extensions import db
from bontang.mou import signing
from bontang.mou.models import Agreement, AgreementStatus
from tests.mou.factories import make_invited, make_signed


def _agreements() -> int:
    return db.session.scalar(select(func.count(Agreement.id)))


def test_staff_reinvite_a_declined_company_with_a_reason(client, login_as):
    declined, rep = make_invited()
    signing.decline_agreement(declined, "Belum siap", actor=rep)
    db.session.commit()
    login_as("staff")
    page = client.get(f"/mou/{declined.id}").get_data(as_text=True)
    assert "Undang ulang perusahaan ini" in page
    response = client.post(f"/mou/{declined.id}/undang-ulang", data={"reason": "Direksi baru sudah setuju."})
    assert response.status_code == 303
    fresh = db.session.scalar(select(Agreement).order_by(Agreement.id.desc()).limit(1))
    assert fresh.company_id == declined.company_id and fresh.status == AgreementStatus.INVITED
    assert response.headers["Location"].endswith(f"/mou/{fresh.id}")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "mou.reinvited"))
    assert event.details["reason"] == "Direksi baru sudah setuju." and event.details["new_number"] == fresh.number
    assert "Direksi baru sudah setuju." in client.get(f"/mou/{declined.id}").get_data(as_text=True)
    again = client.post(f"/mou/{declined.id}/undang-ulang", data={"reason": "Sekali lagi"})
    assert again.status_code == 422 and "sudah diundang ulang" in again.get_data(as_text=True)
    assert _agreements() == 2


def test_a_reason_is_required_and_bounded_and_open_agreements_refused(client, login_as):
    revoked, _ = make_signed()
    revoked.status = AgreementStatus.REVOKED
    open_one, _ = make_invited()
    db.session.commit()
    login_as("staff")
    for reason, message in (("", "Wajib diisi"), ("x" * 1001, "1000")):
        response = client.post(f"/mou/{revoked.id}/undang-ulang", data={"reason": reason})
        assert response.status_code == 422 and message in response.get_data(as_text=True)
    refused = client.post(f"/mou/{open_one.id}/undang-ulang", data={"reason": "Coba"})
    assert refused.status_code == 422 and "Hanya perusahaan yang menolak" in refused.get_data(as_text=True)
    assert _agreements() == 2


def test_only_staff_reinvite(client, login_as):
    declined, rep = make_invited()
    signing.decline_agreement(declined, "Belum siap", actor=rep)
    db.session.commit()
    for role in ("official", "company_rep", "trainer"):
        login_as(role)
        assert client.post(f"/mou/{declined.id}/undang-ulang", data={"reason": "Coba"}).status_code == 403
        client.post("/keluar")
    assert _agreements() == 1
