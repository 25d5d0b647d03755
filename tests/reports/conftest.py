"""A small known data set for report tests: three active companies, one inactive, in 2025."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bontang.accounts import services as accounts

from bontang.jobseekers.models import EmploymentStatus
from bontang.hiring.models import HiringStatus as H
from bontang.mou.models import AgreementStatus as A
from tests.factories import make_company
from tests.reports import factories as f


@pytest.fixture
def scenario(app):
    """Companies A, B, C (active) and D (inactive) with MoUs, requests, placements and plans."""
    a = make_company(name="PT Alfa", headcount_local=90, headcount_nonlocal=10)
    b = make_company(name="PT Beta", headcount_local=50, headcount_nonlocal=50)
    c = make_company(name="PT Gamma", headcount_local=0, headcount_nonlocal=0)
    d = make_company(name="PT Delta Nonaktif")
    accounts.set_company_active(d, False, actor=None)
    f.make_request(d, submitted=datetime(2025, 2, 1), positions=3)
    f.make_agreement(a, A.COMPLETED, at=datetime(2025, 3, 10))
    f.make_agreement(b, A.SIGNED_BY_COMPANY, at=datetime(2025, 5, 20))
    f.make_agreement(c, A.INVITED, at=datetime(2025, 6, 1))
    las, listrik = f.make_skill("Pengelasan"), f.make_skill("Instalasi listrik")
    t1, t2 = datetime(2025, 2, 1, 10), datetime(2025, 3, 1, 10)
    r1 = f.make_request(a, submitted=t1, positions=4, status=H.PARTLY_FILLED, planned_local_percent=100,
                        first_proposed_at=t1 + timedelta(days=4), skills=[las])
    r2 = f.make_request(a, submitted=t2, positions=2, status=H.FILLED, planned_local_percent=50,
                        first_proposed_at=t2 + timedelta(days=2), filled_at=t2 + timedelta(days=10))
    r3 = f.make_request(b, submitted=datetime(2025, 5, 1), positions=4, status=H.VERIFIED, planned_local_percent=75,
                        skills=[las, listrik])
    r4 = f.make_request(c, submitted=datetime(2024, 12, 1), positions=10, status=H.VERIFIED)
    employed = {"status": EmploymentStatus.EMPLOYED}
    for request, local, start in [(r1, True, date(2025, 3, 1)), (r1, True, date(2025, 3, 1)),
                                  (r2, True, date(2025, 3, 15)), (r2, False, date(2025, 3, 15)),
                                  (r3, False, date(2025, 6, 1)), (r4, True, date(2024, 12, 20))]:
        f.make_placement(request, f.make_job_seeker(local=local, **employed), start=start)
    f.make_plan(a, 2025, [(3, 5), (4, 2), (9, 1)])
    f.make_plan(b, 2025, [(1, 7)], submitted=False)
    return {"a": a, "b": b, "c": c, "d": d, "las": las, "listrik": listrik, "requests": [r1, r2, r3, r4]}
