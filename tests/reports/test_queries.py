"""Report pages run a fixed number of queries, whatever the amount of data."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from bench.common import count_queries
from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.hiring.models import HiringStatus
from bontang.mou.models import AgreementStatus
from tests.factories import make_company
from tests.reports import factories as f

PAGES = ["/laporan?periode=2025", "/laporan/porsi-lokal?periode=2025", "/laporan/kesenjangan-keterampilan",
         "/laporan/perusahaan/{a}?periode=2025"]


def _queries(client, url: str) -> int:
    with count_queries(db.engine) as counter:
        assert client.get(url).status_code == 200
    return counter[0]


def _more_data(skill):
    for n in range(5):
        company = make_company()
        f.make_agreement(company, AgreementStatus.COMPLETED, at=datetime(2025, 4, n + 1))
        request = f.make_request(company, submitted=datetime(2025, 7, n + 1), positions=3,
                                 status=HiringStatus.PARTLY_FILLED, skills=[skill])
        f.make_placement(request, f.make_job_seeker(), start=date(2025, 8, 1))
        f.make_plan(company, 2025, [(5, 2)])


@pytest.mark.parametrize("url", PAGES)
def test_query_count_does_not_grow(client, login_as, scenario, url):
    login_as(Role.STAFF)
    url = url.format(a=scenario["a"].id)
    before = _queries(client, url)
    _more_data(scenario["las"])
    assert _queries(client, url) == before
