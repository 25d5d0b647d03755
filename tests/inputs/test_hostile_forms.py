"""Every POST form of every role, posted with hostile values and a valid CSRF token: no 500, a message, nothing written.

The walker logs in as each role, follows the links of the pages it can reach (two levels, a few pages per
URL pattern), finds each POST form and posts it as a browser would (its own values, the first submit button)
with one field replaced by a value that field must refuse.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from flask import current_app
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bontang.accounts.models import Role
from bontang.extensions import db, limiter
from tests import factories
from tests.conftest import Auth, csrf_token_from
from tests.inputs.form_walker import all_bad, forms_on, hostile_value

MESSAGE_MARKS = ('class="field__error"', 'class="flash flash--error"', 'class="card error-page"', "row-error")
SKIP_LINKS = re.compile(r"\.(csv|xlsx|pdf|zip|png|svg|js|css)$|/keluar|/ekspor|/unduh|/arsip|/templat/.*\.|/static/")
EXAMPLES = settings(max_examples=5, deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


def _world():
    """One of everything a form can act on: companies, people, requests in several states, a programme, MoUs."""
    from tests.training.factories import make_graduate, make_programme
    from tests.hiring.factories import make_request
    from tests.mou.factories import make_invited, make_signed

    company = factories.make_company()
    rep = factories.make_user(Role.COMPANY_REP, company=company)
    hr = factories.make_user(Role.COMPANY_HR, company=company)
    trainer = factories.make_user(Role.TRAINER)
    from bontang.training.models import TrainingInstitution

    programme = make_programme(db.session.get(TrainingInstitution, trainer.institution_id))
    make_graduate(programme=programme, consent_to_share=True)
    make_invited(company, rep)
    make_signed()
    requests = {state: make_request(company, actor=hr, state=state)
                for state in ("draft", "submitted", "verified", "proposed")}
    seeker = make_graduate(consent_to_share=True)
    from bontang.graduates import services as services_company  # the company-facing search

    with current_app.test_request_context():
        services_company.ask_for_proposal(seeker, {"hiring_request_id": requests["verified"].id, "note": "Mohon"},
                                          actor=hr)
    db.session.commit()
    staff_pages = [f"/kelola/permintaan/{requests['verified'].id}/kandidat", f"/permintaan/{requests['proposed'].id}",
                   "/permintaan-usulan"]
    company_pages = [f"/permintaan/{r.id}" for r in requests.values()]
    return {"users": {"company_rep": rep, "company_hr": hr, "trainer": trainer},
            "pages": {"staff": staff_pages, "admin": staff_pages, "company_hr": company_pages,
                      "company_rep": company_pages}}


def _pattern(url: str) -> str:
    return re.sub(r"/\d+", "/<id>", urlsplit(url).path)


def _crawl(client, starts: list[str], depth: int = 4, per_pattern: int = 4) -> dict[str, str]:
    """Pages reachable from `starts` by links: url -> html."""
    pages, seen_patterns, frontier = {}, {}, list(starts)
    for _ in range(depth + 1):
        next_frontier = []
        for url in frontier:
            if url in pages or seen_patterns.get(_pattern(url), 0) >= per_pattern:
                continue
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.content_type:
                continue
            seen_patterns[_pattern(url)] = seen_patterns.get(_pattern(url), 0) + 1
            html = response.get_data(as_text=True)
            pages[url] = html
            for href in re.findall(r'href="([^"#]+)', html):
                link = urljoin("http://localhost" + url, href.replace("&amp;", "&"))
                if urlsplit(link).netloc == "localhost" and not SKIP_LINKS.search(urlsplit(link).path):
                    next_frontier.append(urlsplit(link).path)
        frontier = next_frontier
    return pages


def _snapshot() -> dict[str, list]:
    """Every row of every table, to prove a refused post wrote nothing."""
    rows = {}
    for table in db.metadata.sorted_tables:
        rows[table.name] = sorted(map(repr, db.session.execute(select(table)).all()))
    db.session.rollback()
    return rows


def _unique_forms(pages: dict[str, str]):
    forms = {}
    for url, html in pages.items():
        for form in forms_on("http://localhost" + url, html):
            key = (_pattern(form.action), tuple(sorted(form.fields)))
            forms.setdefault(key, form)
    return list(forms.values())


def _post(client, form, data, token):
    return client.post(form.action, data={**data, "csrf_token": token},
                       content_type="multipart/form-data" if form.multipart else None)


def _check_refused(client, form, data, before, what: str, token: str) -> None:
    response = _post(client, form, data, token)
    assert response.status_code < 500, f"{form.action} {what}: {response.status_code}"
    assert _snapshot() == before, f"{form.action} {what}: something was written ({response.status_code})"
    if 300 <= response.status_code < 400:  # refused with a flash message on the page it redirects to
        response = client.get(response.headers["Location"])
        assert 'class="flash flash--error"' in response.get_data(as_text=True), f"{form.action} {what}: no message"
        return
    body = response.get_data(as_text=True)
    assert 400 <= response.status_code < 500, f"{form.action} {what}: accepted with {response.status_code}"
    assert any(mark in body for mark in MESSAGE_MARKS), f"{form.action} {what}: no message on the page"


def _walk(client, role: str | None, world: dict) -> int:
    if role is not None:
        Auth(client).login(world["users"].get(role) or factories.make_user(role))
    pages = _crawl(client, (["/"] + world["pages"].get(role, [])) if role else ["/masuk", "/lupa-sandi"])
    forms = _unique_forms(pages)
    token = csrf_token_from(client.get("/masuk" if role is None else "/"))  # one token serves the whole session
    before = _snapshot()
    for form in forms:
        _check_refused(client, form, all_bad(form), before, "with NUL bytes and 20-digit numbers", token)

        @EXAMPLES
        @given(st.sampled_from(form.hostile_fields).flatmap(lambda f: hostile_value(f).map(lambda v: (f.name, v))))
        def one_field(case):
            name, value = case
            _check_refused(client, form, {**form.defaults(), name: value}, before, f"{name}={value!r:.60}", token)

        one_field()
    return len(forms)


@pytest.fixture
def walker(app, client, csrf_on):
    limiter.enabled = False
    yield
    limiter.enabled = True


@pytest.mark.parametrize("role", ["staff", "admin", "company_hr", "company_rep", "trainer", "official"])
def test_every_form_of_a_role_refuses_hostile_values(app, client, walker, role):
    assert _walk(client, role, _world()) >= 1


def test_every_public_form_refuses_hostile_values(app, client, walker):
    assert _walk(client, None, _world()) >= 2
