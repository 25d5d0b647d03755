"""Every route declares who may use it; anonymous and wrong-role requests are refused."""
import re

import pytest

from bontang.security import ANY_USER, PUBLIC


def _routes(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]


def test_every_route_declares_an_access_rule(app):
    missing = [rule.endpoint for rule in _routes(app) if not hasattr(app.view_functions[rule.endpoint], "access_rule")]
    assert missing == [], f"routes without @roles/@public/@logged_in: {missing}"


def _url_for_rule(rule) -> str:
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: "1" if "int" in m.group(0) else "x", rule.rule)


def test_anonymous_gets_login_redirect_on_every_protected_get(app, client):
    for rule in _routes(app):
        view = app.view_functions[rule.endpoint]
        if view.access_rule == PUBLIC or "GET" not in rule.methods:
            continue
        response = client.get(_url_for_rule(rule))
        assert response.status_code == 302 and "/masuk" in response.headers["Location"], rule.endpoint


def test_anonymous_htmx_request_gets_hx_redirect(client):
    response = client.get("/kelola/perusahaan", headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/masuk")


@pytest.mark.parametrize("role", ["company_rep", "company_hr", "trainer", "official", "staff", "admin"])
def test_roles_outside_a_rule_get_403(app, client, login_as, role):
    login_as(role)
    for rule in _routes(app):
        access = app.view_functions[rule.endpoint].access_rule
        if access in (PUBLIC, ANY_USER) or "GET" not in rule.methods or role in {r.value for r in access}:
            continue
        response = client.get(_url_for_rule(rule))
        assert response.status_code == 403, f"{role} reached {rule.endpoint}: {response.status_code}"


def test_route_without_rule_is_refused(app):
    """The before_request hook fails closed for a view that forgot its declaration."""
    from flask import Flask  # noqa: F401

    app.view_functions["main.healthz"].access_rule, saved = None, app.view_functions["main.healthz"].access_rule
    try:
        del app.view_functions["main.healthz"].access_rule
        response = app.test_client().get("/healthz")
        assert response.status_code == 403
    finally:
        app.view_functions["main.healthz"].access_rule = saved


@pytest.mark.parametrize("role", ["company_rep", "company_hr", "trainer", "official", "staff", "admin"])
def test_every_change_route_refuses_roles_outside_its_rule(app, client, login_as, role):
    """POST to every data-changing route the role may not use: 403, whatever the form holds."""
    login_as(role)
    checked = 0
    for rule in _routes(app):
        access = app.view_functions[rule.endpoint].access_rule
        if "POST" not in rule.methods or access in (PUBLIC, ANY_USER) or role in {r.value for r in access}:
            continue
        response = client.post(_url_for_rule(rule), data={"x": "1"})
        assert response.status_code == 403, f"{role} changed data through {rule.endpoint}: {response.status_code}"
        checked += 1
    assert checked > 0 or role == "admin"


def test_anonymous_post_to_protected_routes_goes_to_login(app, client):
    for rule in _routes(app):
        access = app.view_functions[rule.endpoint].access_rule
        if "POST" not in rule.methods or access == PUBLIC:
            continue
        response = client.post(_url_for_rule(rule), data={"x": "1"})
        assert response.status_code == 302 and "/masuk" in response.headers["Location"], rule.endpoint
