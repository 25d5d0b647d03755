"""Ranking snapshots: the page ranks a snapshot's people and those changed since, with the full ranking's result."""
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from bontang.extensions import db
from bontang.hiring import snapshot
from bontang.hiring.matching import rank_candidates, unmet_candidates
from bontang.hiring.models import RankingSnapshot
from bontang.hiring.ranking import Matching
from bontang.jobseekers.models import EmploymentStatus, JobSeeker
from tests.hiring.factories import make_certificate, make_job_seeker, make_request, make_scheme, make_skill


def _full_ranking(request, limit):
    """The ranking of the whole registry: what the page shows with no snapshot."""
    db.session.query(RankingSnapshot).filter_by(hiring_request_id=request.id).delete()
    db.session.flush()
    return [(c.seeker.id, c.score) for c in rank_candidates(request, limit=limit)]


@pytest.fixture
def small_snapshots(monkeypatch):
    monkeypatch.setattr(snapshot, "SNAPSHOT_SIZE", 5)
    monkeypatch.setattr(snapshot, "MARGIN", timedelta(0))  # the people made a moment ago count as unchanged


def _registry():
    las, k3 = make_skill("Las"), make_skill("K3")
    scheme = make_scheme("Las 3G")
    people = [make_job_seeker(name=f"Orang {i}", skills=[las, k3][: i % 3], welfare_decile=1 + i % 10,
                              registered_at=date.today() - timedelta(days=30 * i), has_bontang_ktp=i % 4 != 0)
              for i in range(14)]
    request = make_request(state="verified", skill_ids=[las.id, k3.id], scheme_id=scheme.id)
    return request, people, las, scheme


def test_snapshot_ranking_equals_the_full_ranking_after_people_change(small_snapshots):
    request, people, las, scheme = _registry()
    snapshot.refresh_snapshot(request)
    db.session.commit()
    listed = set(snapshot.pool(Matching.of(request, date.today())).ids)
    outside = [p for p in people if p.id not in listed]
    assert len(listed) == 5 and outside

    # After the snapshot: one person outside it gains a wanted skill and a certificate, one inside finds a job.
    riser = outside[-1]
    riser.skills.append(las)
    db.session.commit()
    make_certificate(outside[0], scheme, date.today() + timedelta(days=300))
    employed = db.session.get(type(riser), next(iter(listed)))
    employed.employment_status = EmploymentStatus.EMPLOYED
    db.session.commit()

    pool = snapshot.pool(Matching.of(request, date.today()))
    assert pool is not None and {riser.id, outside[0].id, employed.id} <= pool.ids
    assert employed.id not in pool.unchanged
    ranked = [(c.seeker.id, c.score) for c in rank_candidates(request, limit=3)]
    assert employed.id not in [i for i, _ in ranked]
    assert ranked == _full_ranking(request, 3)


def test_too_few_unchanged_people_left_falls_back_to_the_full_ranking(small_snapshots):
    request, people, _las, _scheme = _registry()
    snapshot.refresh_snapshot(request)
    db.session.commit()
    pool = snapshot.pool(Matching.of(request, date.today()))
    for seeker_id in list(pool.ids)[:3]:  # three of the five find work: two unchanged are left for a top 3
        db.session.get(type(people[0]), seeker_id).employment_status = EmploymentStatus.EMPLOYED
    db.session.commit()
    matching = Matching.of(request, date.today())
    pool = snapshot.pool(matching)
    few = Matching.of(request, date.today(), few=True)
    rows = db.session.execute(few.select(few.eligible, few.meets_all, JobSeeker.id.in_(pool.ids))
                              .order_by(*few.order)).all()
    assert not pool.exact(rows, 3)
    ranked = [(c.seeker.id, c.score) for c in rank_candidates(request, limit=3)]
    assert len(ranked) == 3 and ranked == _full_ranking(request, 3)


def test_the_first_places_rank_the_snapshot_head_and_proposals_fall_back_to_all_of_it(small_snapshots):
    from bontang.accounts.models import Role
    from bontang.hiring.matching import propose_candidates
    from tests.factories import make_user

    request, _people, _las, _scheme = _registry()
    snapshot.refresh_snapshot(request)
    db.session.commit()
    listed = json.loads(db.session.get(RankingSnapshot, request.id).seeker_ids)
    pool = snapshot.pool(Matching.of(request, date.today()))
    head = pool.head(2)  # the first 2 places: the snapshot's best 4 of 5, none of those behind them
    assert head.unchanged == listed[:4] and listed[4] not in head.ids and not head.complete
    assert pool.head(3) is pool  # 2 × 3 covers all five
    assert [c.seeker.id for c in rank_candidates(request, limit=2)] == listed[:2]
    assert [(c.seeker.id, c.score) for c in rank_candidates(request, limit=2)] == _full_ranking(request, 2)

    snapshot.refresh_snapshot(request)
    db.session.commit()
    # Proposing the best three takes them out without changing them: they count as changed since the snapshot.
    propose_candidates(request, listed[:3], actor=make_user(Role.STAFF))
    db.session.commit()
    pool = snapshot.pool(Matching.of(request, date.today()))
    assert set(listed[:3]) <= pool.ids and pool.unchanged == listed[3:5]
    few = Matching.of(request, date.today(), few=True)
    rows = db.session.execute(few.select(few.eligible, few.meets_all, JobSeeker.id.in_(pool.head(2).ids))
                              .order_by(*few.order)).all()
    assert pool.head(2).exact(rows, 2)  # the two unchanged left still qualify: nobody behind them can pass them
    ranked = [(c.seeker.id, c.score) for c in rank_candidates(request, limit=2)]
    assert [i for i, _s in ranked] == listed[3:5]
    assert ranked == _full_ranking(request, 2)


def test_snapshot_of_another_day_or_of_other_rules_is_not_used():
    request, _people, _las, _scheme = _registry()
    snapshot.refresh_snapshot(request, date.today() - timedelta(days=1))
    db.session.commit()
    assert snapshot.pool(Matching.of(request, date.today())) is None
    snapshot.refresh_snapshot(request)
    db.session.commit()
    assert snapshot.pool(Matching.of(request, date.today())) is not None
    request.age_max = 30
    db.session.commit()
    assert snapshot.pool(Matching.of(request, date.today())) is None


def test_verifying_a_request_queues_its_snapshot_and_the_sweep_takes_open_requests_only(jobs):
    request, _people, _las, _scheme = _registry()
    assert jobs.run_pending() >= 1
    stored = db.session.get(RankingSnapshot, request.id)
    assert stored is not None and stored.computed_for == date.today() and stored.complete
    draft = make_request(state="draft")
    db.session.delete(stored)
    db.session.commit()
    assert snapshot.refresh_due() == 1
    db.session.commit()
    assert db.session.get(RankingSnapshot, request.id) is not None
    assert db.session.get(RankingSnapshot, draft.id) is None
    assert snapshot.refresh_due() == 0  # fresh: nothing due


def test_the_ranking_page_never_writes_a_snapshot(client, login_as):
    request, _people, _las, _scheme = _registry()
    db.session.query(RankingSnapshot).delete()
    db.session.commit()
    login_as("staff")
    page = client.get(f"/kelola/permintaan/{request.id}/kandidat")
    assert page.status_code == 200 and "Orang" in page.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(RankingSnapshot)) == 0


def test_a_later_page_of_the_ranking_from_the_snapshot_equals_the_full_ranking(small_snapshots):
    request, _people, _las, _scheme = _registry()
    snapshot.refresh_snapshot(request)
    db.session.commit()
    second = [(c.seeker.id, c.score, c.rank) for c in rank_candidates(request, limit=2, offset=2)]
    assert [rank for *_x, rank in second] == [3, 4]
    assert [(i, score) for i, score, _r in second] == _full_ranking(request, 4)[2:]


def test_the_candidate_page_ranks_twenty_a_page(client, login_as):
    skill = make_skill("Las")
    for i in range(23):
        make_job_seeker(name=f"Peringkat {i:02d}", skills=[skill], registered_at=date.today() - timedelta(days=10 * i))
    request = make_request(state="verified", skill_ids=[skill.id])
    login_as("staff")
    first = client.get(f"/kelola/permintaan/{request.id}/kandidat").get_data(as_text=True)
    assert first.count('name="job_seeker_ids" value=') == 20 and "Berikutnya" in first and "Sebelumnya" not in first
    assert "Peringkat 22" in first and "Peringkat 02" not in first  # the longest waiting rank first
    second = client.get(f"/kelola/permintaan/{request.id}/kandidat?hal=2").get_data(as_text=True)
    assert second.count('name="job_seeker_ids" value=') == 3 and "Sebelumnya" in second and "Berikutnya" not in second
    assert '<td class="num">21</td>' in second and "Peringkat 00" in second
    assert client.get(f"/kelola/permintaan/{request.id}/kandidat?hal=-4").status_code == 200


def _unmet(request, page, per_page=2):
    return [(c.seeker.id, c.score, tuple(c.unmet)) for c in unmet_candidates(request, page, per_page=per_page).items]


def _full_unmet(request, pages, per_page=2):
    db.session.query(RankingSnapshot).filter_by(hiring_request_id=request.id).delete()
    db.session.flush()
    return [_unmet(request, page, per_page) for page in pages]


def _unmet_registry():
    """Fourteen people against "SMK, one year, a wanted skill": most miss one rule or more."""
    las = make_skill("Las")
    levels = ["SMP", "SMA", "SMK", "D3"]
    people = [make_job_seeker(name=f"Orang {i}", education_level=levels[i % 4], experience_years=i % 3,
                              skills=[las] if i % 2 else [], welfare_decile=1 + i % 10,
                              registered_at=date.today() - timedelta(days=20 * i)) for i in range(14)]
    request = make_request(state="verified", education_min="SMK", experience_years=1, skill_ids=[las.id],
                           skills_min=1)
    return request, people, las


def test_unmet_list_from_the_snapshot_equals_the_full_list_after_people_change(small_snapshots):
    request, people, las = _unmet_registry()
    snapshot.refresh_snapshot(request)
    db.session.commit()
    listed = snapshot.pool(Matching.of(request, date.today()), unmet=True).ids
    outside = [p for p in people if p.id not in listed]
    assert len(listed) == 5 and outside
    # After the snapshot: one outside it gets closer (a wanted skill), one inside finds a job, one meets every rule.
    closer = next(p for p in outside if not p.skills)
    closer.skills.append(las)
    inside = [db.session.get(type(closer), i) for i in sorted(listed)]
    inside[0].employment_status = EmploymentStatus.EMPLOYED
    inside[1].education_level, inside[1].experience_years = "D3", 2
    inside[1].skills = [las]
    db.session.commit()
    pool = snapshot.pool(Matching.of(request, date.today()), unmet=True)
    assert {closer.id, inside[0].id, inside[1].id} <= pool.ids and not set(pool.unchanged) & {inside[0].id, inside[1].id}
    got = [_unmet(request, page) for page in (1, 2)]
    assert inside[0].id not in {row[0] for rows in got for row in rows}
    assert got == _full_unmet(request, (1, 2))


def test_the_unmet_page_reads_the_snapshot_when_it_can_vouch_for_it(small_snapshots):
    request, _people, _las = _unmet_registry()
    snapshot.refresh_snapshot(request)
    db.session.commit()
    best_four, third_page = _unmet(request, 1, per_page=4), _unmet(request, 3, per_page=2)
    stored = db.session.get(RankingSnapshot, request.id)
    listed = json.loads(stored.unmet_ids)
    assert listed[0] == best_four[0][0]
    stored.unmet_ids, stored.unmet_complete = json.dumps(listed[1:]), True  # as if the best had not qualified then
    db.session.commit()
    assert _unmet(request, 1, per_page=3) == best_four[1:]  # the snapshot's word is taken
    assert _unmet(request, 3, per_page=2) == third_page  # past the snapshot's five: the whole registry


def test_the_unmet_count_is_the_snapshots_while_its_changes_cannot_bring_it_under_the_cap(small_snapshots, monkeypatch):
    from bontang.hiring import ranking

    monkeypatch.setattr(ranking, "UNMET_COUNT_CAP", 3)
    monkeypatch.setattr(snapshot, "CHANGED_LIMIT", 2)
    request, people, las = _unmet_registry()
    snapshot.refresh_snapshot(request)
    db.session.commit()
    full = unmet_candidates(request, 1, per_page=2)
    stored = db.session.get(RankingSnapshot, request.id)
    assert stored.unmet_counted == 3 + 2 + 1  # counted past the cap by more than a usable pool's changes
    assert full.capped and full.total == 3
    # The snapshot's word is taken: as if thirty had missed a rule then, no change since can bring it under 3.
    stored.unmet_counted = 30
    db.session.commit()
    assert snapshot.pool(Matching.of(request, date.today()), unmet=True).at_least == 30
    page = unmet_candidates(request, 1, per_page=2)
    assert page.capped and page.total == 3 and page.pages == full.pages
    assert [c.seeker.id for c in page.items] == [c.seeker.id for c in full.items]

    # Each change since the snapshot lowers the floor by one; under the cap, the page counts the registry again.
    stored.unmet_counted = 5
    db.session.commit()
    for seeker in [p for p in people if p.id not in json.loads(stored.unmet_ids)][:2]:
        seeker.experience_years = 1
    db.session.commit()
    assert snapshot.pool(Matching.of(request, date.today()), unmet=True).at_least == 3
    stored.unmet_counted = 4  # 4 - 2 changes = 2: not over the cap of 3, so counted again (truly more than 3)
    db.session.commit()
    again = unmet_candidates(request, 1, per_page=2)
    assert again.capped and again.total == 3


def test_a_short_unmet_list_is_counted_and_proposals_since_the_snapshot_lower_its_floor(small_snapshots):
    from bontang.accounts.models import Role
    from bontang.hiring.matching import propose_candidates
    from tests.factories import make_user

    request, people, las = _unmet_registry()
    snapshot.refresh_snapshot(request)
    db.session.commit()
    counted = db.session.get(RankingSnapshot, request.id).unmet_counted
    page = unmet_candidates(request, 1, per_page=2)
    assert not page.capped and page.total == counted  # under the cap of 1,000: the exact count
    listed = json.loads(db.session.get(RankingSnapshot, request.id).unmet_ids)
    propose_candidates(request, listed[:1], actor=make_user(Role.STAFF), reason="Pengalaman setara")  # proposed anyway
    db.session.commit()
    assert snapshot.pool(Matching.of(request, date.today()), unmet=True).at_least == counted - 1
    after = unmet_candidates(request, 1, per_page=2)
    assert after.total == counted - 1 and listed[0] not in [c.seeker.id for c in after.items]
