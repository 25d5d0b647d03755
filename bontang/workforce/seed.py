"""Demo workforce reports: most companies reported the due semester and the one before; company 056 is below target."""
from __future__ import annotations

from bontang.extensions import db
from bontang.seed import SeedContext
from bontang.workforce import services
from bontang.workforce.models import WorkforceReport

# Company 056 employs 190 people today, 110 of them with a Bontang KTP: 57.9%, below the 75% target
# (its placements through Disnaker alone look fine).
BELOW_TARGET = {56: (190, 110)}


def seed(ctx: SeedContext) -> None:
    """Reports for the due semester (about 80% of companies) and the semester before it (about 60%)."""
    rng = ctx.rng
    year, semester = services.due_period()
    earlier = (year, 1) if semester == 2 else (year - 1, 2)
    for number, company in enumerate(ctx.companies, start=1):
        hr = ctx.users.get(f"hrd{number:03d}")
        if number in BELOW_TARGET:
            _below_target_report(company, year, semester, hr)
            continue
        total = (company.headcount_local or 0) + (company.headcount_nonlocal or 0)
        if not total:
            continue
        for period, chance in ((earlier, .6), ((year, semester), .8)):
            if rng.random() < chance:
                _report(company, *period, total, company.headcount_local, hr, rng)


def _report(company, year: int, semester: int, total: int, local: int, hr, rng=None) -> WorkforceReport:
    managers = max(1, total // 20)
    supervisors = max(0, min(total - managers, total // 6))
    data = {"total": total, "local": local, "nonlocal_": total - local, "managers": managers,
            "supervisors": supervisors, "operatives": total - managers - supervisors}
    report = services.submit_report(company, year, semester, data, actor=hr)
    db.session.flush()
    return report


def _below_target_report(company, year: int, semester: int, hr) -> None:
    """The report is chosen so that the report plus the placements since give exactly the intended share."""
    total, local = BELOW_TARGET[56]
    _report(company, year, semester, total, local, hr)
    change = services.workforce_totals(company.id)[company.id]
    added, added_local = change["total"] - total, change["local"] - local
    if added or added_local:
        _report(company, year, semester, total - added, local - added_local, hr)
