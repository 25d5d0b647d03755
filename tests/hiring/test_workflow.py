"""The state machine: every allowed and refused transition, history, concurrency, expiry."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from bontang.accounts.models import Role
from bontang.core import DomainError
from bontang.extensions import db
from bontang.hiring import services
from bontang.hiring.models import HiringRequest, HiringStatus, HiringStatusChange
from bontang.hiring.workflow import TRANSITIONS, transition
from tests.factories import make_user
from tests.hiring.factories import make_request

ALL = list(HiringStatus)
PAIRS = [(a, b) for a in ALL for b in ALL if a != b]


def _at(status: HiringStatus) -> HiringRequest:
    request = make_request()
    db.session.execute(update(HiringRequest).where(HiringRequest.id == request.id).values(status=status))
    db.session.commit()
    db.session.expire_all()
    return db.session.get(HiringRequest, request.id)


@pytest.mark.parametrize("current, target", PAIRS, ids=[f"{a.value}->{b.value}" for a, b in PAIRS])
def test_each_transition_is_allowed_or_refused(current, target):
    request = _at(current)
    before = db.session.scalar(select(func.count(HiringStatusChange.id)))
    if target in TRANSITIONS[current]:
        transition(request, target, actor=None, note="uji")
        assert request.status == target
        assert db.session.scalar(select(func.count(HiringStatusChange.id))) == before + 1
    else:
        with pytest.raises(DomainError, match="tidak dapat diubah"):
            transition(request, target, actor=None)
        db.session.rollback()
        assert db.session.get(HiringRequest, request.id).status == current
        assert db.session.scalar(select(func.count(HiringStatusChange.id))) == before


def test_history_records_who_when_and_note():
    staff = make_user(Role.STAFF)
    request = make_request(state="returned", staff=staff)
    changes = request.history
    assert [c.to_status for c in changes] == ["draft", "submitted", "returned"]
    assert changes[-1].actor_id == staff.id and changes[-1].note == "Lengkapi data."
    assert changes[1].created_at is not None


def test_stale_status_loses_the_race():
    """Two staff verify at once: the second one's UPDATE matches no row and is told."""
    request = make_request(state="submitted")
    db.session.execute(update(HiringRequest).where(HiringRequest.id == request.id)
                       .values(status=HiringStatus.VERIFIED).execution_options(synchronize_session=False))
    assert request.status == HiringStatus.SUBMITTED  # the stale copy still says submitted
    with pytest.raises(DomainError, match="baru saja diproses"):
        transition(request, HiringStatus.VERIFIED, actor=None)
    assert db.session.scalar(select(func.count(HiringStatusChange.id))
                             .where(HiringStatusChange.to_status == "verified")) == 0


def test_timestamps_follow_the_transitions():
    request = make_request(state="verified")
    assert request.submitted_at and request.verified_at and request.first_proposed_at is None


def test_expire_command_marks_only_unfinished_past_requests(runner):
    old = make_request(state="verified")
    fresh = make_request(state="verified")
    draft = make_request()
    db.session.execute(update(HiringRequest).where(HiringRequest.id.in_([old.id, draft.id]))
                       .values(valid_until=date.today() - timedelta(days=2)))
    db.session.commit()
    result = runner.invoke(args=["hiring", "expire"])
    assert result.exit_code == 0 and "Expired 1" in result.output
    db.session.expire_all()
    assert db.session.get(HiringRequest, old.id).status == HiringStatus.EXPIRED
    assert db.session.get(HiringRequest, fresh.id).status == HiringStatus.VERIFIED
    assert db.session.get(HiringRequest, draft.id).status == HiringStatus.DRAFT
    assert runner.invoke(args=["hiring", "expire"]).output.strip() == "Expired 0 hiring requests."


def test_review_of_an_already_verified_request_is_refused():
    request = make_request(state="verified")
    with pytest.raises(DomainError, match="sudah diproses"):
        services.review_request(request, "verify", actor=make_user(Role.STAFF))


def test_cancelling_releases_waiting_candidates(client, login_as):
    from bontang.hiring.models import CandidateProposal, ProposalStage

    hr = login_as("company_hr")
    request = make_request(hr.company, actor=hr, state="proposed")
    assert client.post(f"/permintaan/{request.id}/tarik").status_code == 303
    stages = db.session.scalars(select(CandidateProposal.stage)).all()
    assert stages and set(stages) == {ProposalStage.WITHDRAWN}
    page = client.get(f"/permintaan/{request.id}").get_data(as_text=True)
    assert "Permintaan ditutup" in page
