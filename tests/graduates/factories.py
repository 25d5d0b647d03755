"""Factories of the company-facing graduate search."""
from __future__ import annotations

from datetime import date, timedelta

from bontang.extensions import db


def make_open_hiring_request(company, title: str = "Juru las SMAW", status: str = "verified"):
    from bontang.hiring.models import HiringRequest, HiringStatus

    hiring = HiringRequest(company_id=company.id, title=title, positions=3, status=HiringStatus(status),
                           valid_until=date.today() + timedelta(days=60))
    db.session.add(hiring)
    db.session.commit()
    return hiring
