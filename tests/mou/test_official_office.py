"""Officials sign as themselves: only the holder of the party's office, only after opening the preview."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bontang.audit import AuditEvent
from bontang.core import DomainError
from bontang.extensions import db
from bontang.mou import signing
from bontang.mou.models import Agreement, AgreementStatus, AgreementView, Signature
from tests.mou.factories import countersign, last_code, make_official, make_signed, make_template


def _form(code: str, ids: list[int]) -> dict:
    return {"name": "Agus Haris", "position": "Wakil Wali Kota", "method": "typed", "typed": "Agus Haris",
            "consent": "y", "code": code, "agreements": [str(i) for i in ids]}


def test_an_official_of_another_office_is_refused_and_nothing_changes(client, auth):
    agreement, _ = make_signed()  # its next party is the Kepala Dinas
    vice = make_official("wakil_wali_kota", name="Agus Haris")
    auth.login(vice)
    assert agreement.company.name not in client.get("/mou/tanda-tangan").get_data(as_text=True)
    client.post(f"/mou/tanda-tangan/{agreement.id}/pratinjau")
    refused = client.post("/mou/tanda-tangan/kode", data={"agreements": [str(agreement.id)]})
    assert refused.status_code == 422
    assert "tidak memegang jabatan Kepala Dinas Ketenagakerjaan" in refused.get_data(as_text=True)
    response = client.post("/mou/tanda-tangan", data=_form("123456", [agreement.id]))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "tidak memegang jabatan" in page and agreement.number in page
    db.session.expire_all()
    assert db.session.get(Agreement, agreement.id).status == AgreementStatus.SIGNED_BY_COMPANY
    assert db.session.scalar(select(func.count(Signature.id))) == 1


def test_an_official_without_an_office_cannot_sign():
    agreement, _ = make_signed()
    official = make_official("")
    assert not signing.awaits_official(agreement, official)
    with pytest.raises(DomainError, match="belum ditetapkan"):
        signing.request_countersign_code([agreement.id], actor=official)


def test_a_document_never_previewed_cannot_be_countersigned(client, auth):
    first, _ = make_signed()
    second, _ = make_signed()
    official = make_official()
    auth.login(official)
    client.post(f"/mou/tanda-tangan/{first.id}/pratinjau")
    client.post("/mou/tanda-tangan/kode", data={"agreements": [str(first.id), str(second.id)]})
    response = client.post("/mou/tanda-tangan", data=_form(last_code(official.email), [first.id, second.id]))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Belum dibuka: nomor " + second.number in page
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Signature.id))) == 2  # the two company signatures only


def test_viewed_is_the_preview_opening_and_the_consent_names_the_documents(client, auth):
    first, _ = make_signed()
    second, _ = make_signed()
    official = make_official()
    auth.login(official)
    assert client.get("/mou/tanda-tangan").status_code == 200
    assert db.session.scalar(select(func.count(AgreementView.id))) == 0  # a GET writes nothing
    client.post(f"/mou/tanda-tangan/{first.id}/pratinjau")
    client.post(f"/mou/tanda-tangan/{first.id}/pratinjau")  # the first opening counts
    client.post(f"/mou/tanda-tangan/{second.id}/pratinjau")
    views = {v.agreement_id: v.viewed_at for v in db.session.scalars(select(AgreementView))}
    assert len(views) == 2
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "mou.previewed")) == 2
    client.post("/mou/tanda-tangan/kode", data={"agreements": [str(first.id), str(second.id)]})
    response = client.post("/mou/tanda-tangan", data=_form(last_code(official.email), [first.id, second.id]))
    assert response.status_code == 303
    db.session.expire_all()
    for agreement in (first, second):
        signature = db.session.scalar(select(Signature).where(Signature.agreement_id == agreement.id,
                                                              Signature.user_id == official.id))
        assert signature.viewed_at == views[agreement.id]
        assert f"2 perjanjian, nomor {first.number}; {second.number}" in signature.consent_text


def test_a_code_covers_only_the_selection_it_was_asked_for(client, auth):
    first, _ = make_signed()
    second, _ = make_signed()
    official = make_official()
    auth.login(official)
    for agreement in (first, second):
        client.post(f"/mou/tanda-tangan/{agreement.id}/pratinjau")
    client.post("/mou/tanda-tangan/kode", data={"agreements": [str(first.id)]})
    response = client.post("/mou/tanda-tangan", data=_form(last_code(official.email), [first.id, second.id]))
    assert response.status_code == 422 and "Belum ada kode" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Signature.id))) == 2


def test_the_mayor_party_is_signed_by_the_wali_kota_only(app):
    make_template(signatory_roles=["company_rep", "official", "mayor"])
    agreement, _ = make_signed()
    countersign([agreement], make_official())
    vice = make_official("wakil_wali_kota")
    with pytest.raises(DomainError, match="Wali Kota"):
        signing.request_countersign_code([agreement.id], actor=vice)
    db.session.rollback()
    countersign([agreement], make_official("wali_kota", name="Basri Rase"))
    db.session.expire_all()
    assert db.session.get(Agreement, agreement.id).status == AgreementStatus.COMPLETED


def test_the_home_count_of_waiting_agreements_follows_the_queue_for_every_office(app):
    from bontang.mou import queries

    make_template(signatory_roles=["company_rep", "official", "vice_mayor"])
    first, _ = make_signed()
    second, _ = make_signed()
    head, vice, none = make_official(), make_official("wakil_wali_kota", name="Wakil"), make_official(None, name="Tanpa")
    officials = (head, vice, none)
    assert [queries.countersign_count(o) for o in officials] == [len(queries.countersign_queue(o)) for o in officials]
    assert queries.countersign_count(head) == 2 and queries.countersign_count(vice) == 0
    countersign([first], head)  # the head of office signed one: it now waits for the vice mayor
    db.session.expire_all()
    assert [queries.countersign_count(o) for o in officials] == [len(queries.countersign_queue(o)) for o in officials]
    assert queries.countersign_count(head) == 1 and queries.countersign_count(vice) == 1
