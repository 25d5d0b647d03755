"""Every hiring route against every role: who may open it and who gets 403."""
import pytest

from bontang.accounts.models import Role
from tests.hiring.factories import make_request

COMPANY_ONLY = ["/permintaan", "/permintaan/baru"]
STAFF_ONLY = ["/kelola/permintaan"]
BOTH = ["/rencana-kebutuhan"]
ROLES = [r.value for r in Role]


@pytest.mark.parametrize("role", ROLES)
def test_list_pages_by_role(client, login_as, role):
    login_as(role)
    for url in COMPANY_ONLY:
        assert client.get(url).status_code == (200 if role in ("company_hr", "company_rep") else 403), (role, url)
    for url in STAFF_ONLY:
        assert client.get(url).status_code == (200 if role in ("staff", "admin") else 403), (role, url)
    for url in BOTH:
        allowed = role in ("staff", "admin", "company_hr", "company_rep")
        assert client.get(url).status_code == (200 if allowed else 403), (role, url)


@pytest.mark.parametrize("role", ROLES)
def test_request_pages_by_role(client, login_as, role):
    user = login_as(role)
    company = user.company if role in ("company_hr", "company_rep") else None
    request = make_request(company, state="verified")
    detail = client.get(f"/permintaan/{request.id}").status_code
    candidates = client.get(f"/kelola/permintaan/{request.id}/kandidat").status_code
    review = client.post(f"/kelola/permintaan/{request.id}/tinjau", data={"decision": "verify"}).status_code
    if role in ("staff", "admin"):
        assert (detail, candidates, review) == (200, 200, 422)
    elif role in ("company_hr", "company_rep"):
        assert (detail, candidates, review) == (200, 403, 403)
    else:
        assert (detail, candidates, review) == (403, 403, 403)


def test_anonymous_is_sent_to_login(client):
    assert client.get("/permintaan").status_code == 302
    assert client.get("/kelola/permintaan", headers={"HX-Request": "true"}).status_code == 401


def test_staff_cannot_open_a_company_draft(client, login_as):
    login_as("staff")
    draft = make_request(state="draft")
    assert client.get(f"/permintaan/{draft.id}").status_code == 404
    submitted = make_request(state="submitted")
    assert client.get(f"/permintaan/{submitted.id}").status_code == 200
