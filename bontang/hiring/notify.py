"""E-mail through the outbox: the company on review results and candidates, Disnaker on submissions and hires."""
from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from bontang.accounts.models import COMPANY_ROLES, Role, User
from bontang.extensions import db
from bontang.mail import queue_mail


def company_users(company_id: int) -> list[User]:
    """Active users of one company (representatives and HR)."""
    return list(db.session.scalars(select(User).where(User.company_id == company_id, User.active.is_(True),
                                                      User.role.in_(COMPANY_ROLES)).order_by(User.id)))


def disnaker_users() -> list[User]:
    """Active Disnaker officers (staff); administrators when no officer exists."""
    staff = list(db.session.scalars(select(User).where(User.role == Role.STAFF, User.active.is_(True))))
    return staff or list(db.session.scalars(select(User).where(User.role == Role.ADMIN, User.active.is_(True))))


def _detail_url(request) -> str:
    return f"{current_app.config['BASE_URL']}/permintaan/{request.id}"


def _send(users: list[User], subject, template: str, **context) -> None:
    for user in users:
        queue_mail(user.email, subject, template, kind=f"hiring.{template.removeprefix('hiring_')}", user=user,
                   recipient=user, **context)


def request_submitted(request) -> None:
    """Tell Disnaker that a request waits for verification."""
    _send(disnaker_users(), _l("Permintaan tenaga kerja baru: %(title)s", title=request.title), "hiring_submitted",
          request=request, url=_detail_url(request))


def request_reviewed(request, note: str) -> None:
    """Tell the company that its request was verified, returned or rejected."""
    from bontang.hiring.workflow import status_label

    label = status_label(request.status)
    _send(company_users(request.company_id), _l("Permintaan tenaga kerja %(status)s: %(title)s", status=label.lower(),
                                               title=request.title),
          "hiring_reviewed", request=request, status=label, note=note, url=_detail_url(request))


def candidates_proposed(request, count: int) -> None:
    """Tell the company that Disnaker proposed candidates."""
    _send(company_users(request.company_id), _l("%(n)d kandidat diusulkan untuk %(title)s", n=count, title=request.title),
          "hiring_candidates", request=request, count=count, url=_detail_url(request))
    seekers_proposed(request)


def seekers_proposed(request) -> None:
    """Tell each newly proposed job seeker (those not yet told anything about this request)."""
    from bontang.hiring.models import CandidateProposal, ProposalStage
    from bontang.hiring.seeker_notify import tell_seeker

    db.session.flush()
    for proposal in db.session.scalars(select(CandidateProposal).where(
            CandidateProposal.hiring_request_id == request.id, CandidateProposal.stage == ProposalStage.PROPOSED,
            CandidateProposal.seeker_step == "")):
        tell_seeker(proposal, "proposed")
    db.session.flush()


def candidate_accepted(request, seeker) -> None:
    """Tell Disnaker that the company hired a candidate."""
    _send(disnaker_users(), _l("Kandidat diterima: %(title)s", title=request.title), "hiring_accepted",
          request=request, seeker=seeker, url=_detail_url(request))


def candidate_withdrawn(request, seeker, reason: str) -> None:
    """Tell the company that Disnaker took back a proposed candidate, and why."""
    _send(company_users(request.company_id), _l("Usulan kandidat ditarik: %(title)s", title=request.title),
          "hiring_withdrawn", request=request, seeker=seeker, reason=reason, url=_detail_url(request))


def candidate_employed_elsewhere(request, seeker) -> None:
    """Tell a company that its candidate was hired elsewhere, so the proposal was withdrawn."""
    _send(company_users(request.company_id), _l("Kandidat sudah bekerja: %(title)s", title=request.title),
          "hiring_employed_elsewhere", request=request, seeker=seeker, url=_detail_url(request))


def plan_reminder(users: list[User], year: int, deadline) -> None:
    """Remind a company that its workforce plan for `year` is due."""
    _send(users, _l("Pengingat: rencana kebutuhan tenaga kerja %(year)d", year=year), "hiring_plan_reminder",
          year=year, deadline=deadline, url=f"{current_app.config['BASE_URL']}/rencana-kebutuhan")
