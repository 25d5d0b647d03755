"""Two simultaneous submits of the same signature end with exactly one signature."""
from __future__ import annotations

import threading

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from bontang.accounts.models import User
from bontang.core import DomainError
from bontang.extensions import db
from bontang.mou import codes, signing
from bontang.mou.models import Agreement, AgreementStatus, Signature
from tests.mou.factories import make_invited, signer_data


def _submit(app, agreement_id: int, user_id: int, code: str, barrier: threading.Barrier, outcomes: list) -> None:
    with app.app_context():
        agreement, user = db.session.get(Agreement, agreement_id), db.session.get(User, user_id)
        barrier.wait()
        try:
            signing.sign_agreement(agreement, signer_data(code), actor=user)
            db.session.commit()
            outcomes.append("signed")
        except (DomainError, OperationalError) as error:
            db.session.rollback()
            outcomes.append(type(error).__name__)
        finally:
            db.session.remove()


def test_concurrent_double_submit_ends_with_one_signature(app):
    agreement, rep = make_invited()
    code = codes.issue_code(rep, signing.company_purpose(agreement), subject="kode", what="uji")
    db.session.commit()
    barrier, outcomes = threading.Barrier(2), []
    threads = [threading.Thread(target=_submit, args=(app, agreement.id, rep.id, code, barrier, outcomes))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    db.session.expire_all()
    assert outcomes.count("signed") == 1, outcomes
    assert db.session.scalar(select(func.count(Signature.id))) == 1
    assert db.session.get(Agreement, agreement.id).status == AgreementStatus.SIGNED_BY_COMPANY
