"""The demo: company 056 reported a workforce that is 57.9% local, and the local-share list says so."""
from __future__ import annotations

import re

from sqlalchemy import select

from bontang.accounts.models import Company
from bontang.extensions import db
from bontang.reports import figures_local
from bontang.reports.periods import parse_period
from bontang.workforce import services


def test_the_local_share_list_for_company_056_uses_its_reported_workforce(client, runner, login_as):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    company = db.session.scalar(select(Company).where(Company.name.like("%(056)")))
    share = services.company_share(company.id)
    assert share["percent"] == 57.9 and share["total"] == 190 and share["local"] == 110
    period = parse_period("2026")
    row = next(r for r in figures_local.company_shares(period) if r.company_id == company.id)
    assert row.reported and row.share == 57.9 and row.below(75)
    login_as("staff")
    page = client.get("/laporan/porsi-lokal").get_data(as_text=True)
    cells = re.search(re.escape(company.name) + r".*?</tr>", page, re.S).group(0)
    assert "57,9%" in cells and "laporan" in cells and "badge--bad" in cells
