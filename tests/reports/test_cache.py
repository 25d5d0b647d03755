"""Dashboard figures cache: a snapshot is used only while it matches the rows it was computed from."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import update

from bontang.accounts.models import Role
from bontang.extensions import db
from bontang.reports import cache, services
from bontang.reports.models import FiguresSnapshot
from bontang.reports.periods import parse_period
from tests.factories import make_company
from tests.reports import factories as f


def test_refreshed_figures_equal_the_figures_recomputed_from_rows(app, scenario):
    period = parse_period("2025")
    assert cache.refresh_dashboard_figures(["2025", "2025-Q1"], locales=("id",)) == 2
    db.session.commit()
    cached = cache.cached_dashboard_figures(period)
    assert cache.encode(cached) == cache.encode(services.dashboard_figures(period))
    assert cached["hiring"]["requests"] == 3 and cached["below_target"][0].name == "PT Beta"
    assert cached["period"] == period


def test_a_change_to_counted_rows_makes_the_snapshot_stale(app, scenario):
    cache.refresh_dashboard_figures(["2025"], locales=("id",))
    db.session.commit()
    before = cache.current_generation()
    f.make_request(make_company(name="PT Baru"), submitted=datetime(2025, 7, 1), positions=6)
    assert cache.current_generation() > before
    figures = cache.cached_dashboard_figures(parse_period("2025"))
    assert figures["hiring"]["requests"] == 4 and figures["hiring"]["positions"] == 16


def test_bulk_statements_on_counted_tables_move_the_generation(app, scenario):
    before = cache.current_generation()
    db.session.execute(update(f.JobSeeker).values(welfare_decile=1))
    db.session.commit()
    assert cache.current_generation() > before


def test_dashboard_page_serves_the_current_snapshot(client, login_as, scenario):
    cache.refresh_dashboard_figures(["2025"], locales=("id",))
    snapshot = db.session.get(FiguresSnapshot, "dashboard:2025:id")
    payload = dict(snapshot.payload)
    payload["hiring"] = {**payload["hiring"], "positions": 4321}
    snapshot.payload = payload  # not a counted table: the generation stays
    db.session.commit()
    login_as(Role.OFFICIAL)
    assert "5 / 4321" in client.get("/laporan?periode=2025").get_data(as_text=True)
    f.make_placement(scenario["requests"][2], f.make_job_seeker(), start=date(2025, 8, 1))
    assert "6 / 10" in client.get("/laporan?periode=2025").get_data(as_text=True)


def test_the_generation_moves_once_when_the_change_commits(app, scenario):
    before = cache.current_generation()
    scenario["a"].headcount_local = 1
    db.session.flush()
    scenario["b"].headcount_local = 2
    db.session.flush()
    assert cache.current_generation() == before  # taken last, at commit (no lock order against the audit head)
    db.session.commit()
    assert cache.current_generation() == before + 1


def test_the_dashboard_draws_a_current_snapshot_once_and_anew_after_a_change(app, scenario):
    period = parse_period("2025")
    cache.refresh_dashboard_figures(["2025"], locales=("id",))
    db.session.commit()
    first = cache.dashboard_page(period)
    assert cache.dashboard_page(period) is first  # decoded and drawn once for this snapshot
    assert cache.encode(first[0]) == cache.encode(services.dashboard_figures(period))
    assert set(first[1]) >= {"mou_status", "hiring_status", "local"}
    f.make_request(make_company(name="PT Baru"), submitted=datetime(2025, 7, 1), positions=6)
    db.session.commit()
    figures, charts = cache.dashboard_page(period)  # the snapshot is stale: from the rows
    assert figures["hiring"]["requests"] == 4 and "4" in charts["hiring_status"]
    cache.refresh_dashboard_figures(["2025"], locales=("id",))
    db.session.commit()
    again = cache.dashboard_page(period)
    assert again is not first and again[0]["hiring"]["requests"] == 4
    assert cache.dashboard_page(period) is again
