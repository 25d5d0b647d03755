"""Who may use each route, object loading scoped to the user's company, security headers.

Every view declares its rule with `@roles(...)` or `@public`. A `before_request` hook enforces
the rule in one place and refuses any route that declared none (fail closed); a test walks
`app.url_map` so that no route can ship without a rule.
"""
from __future__ import annotations

from typing import Callable, TypeVar

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user

from bontang.accounts.models import COMPANY_ROLES, DISNAKER_ROLES, Role
from bontang.extensions import REUSABLE_PLAN, db

F = TypeVar("F", bound=Callable)

PUBLIC = "public"
ANY_USER = "any_user"
STAFF = frozenset({Role.ADMIN, Role.STAFF})
STAFF_AND_OFFICIALS = frozenset({Role.ADMIN, Role.STAFF, Role.OFFICIAL})
COMPANY = frozenset(COMPANY_ROLES)
ADMIN = frozenset({Role.ADMIN})

# Endpoints that Flask itself adds.
BUILTIN_PUBLIC = {"static"}


def roles(*allowed) -> Callable[[F], F]:
    """Declare the roles that may use a view; sets of roles may be mixed with single roles."""
    flat: set[Role] = set()
    for item in allowed:
        flat.update(item if isinstance(item, (set, frozenset)) else {Role(item)})

    def decorate(view: F) -> F:
        view.access_rule = frozenset(flat)
        return view

    return decorate


def public(view: F) -> F:
    """Declare a view open to anyone, logged in or not."""
    view.access_rule = PUBLIC
    return view


def logged_in(view: F) -> F:
    """Declare a view open to every logged-in user, whatever the role."""
    view.access_rule = ANY_USER
    return view


def access_rule_of(endpoint: str | None):
    if endpoint is None:
        return None
    if endpoint in BUILTIN_PUBLIC:
        return PUBLIC
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "access_rule", None)


def refuse_nul_in_url():
    """before_request: a NUL byte in the path or the query string is never data (PostgreSQL refuses it in text)."""
    if "\x00" in request.path or any("\x00" in key or "\x00" in value for key, value in request.args.items(multi=True)):
        from flask_babel import gettext as _

        abort(400, description=_("Alamat berisi karakter yang tidak diizinkan."))


def enforce_access():
    """before_request: apply the declared rule of the matched route."""
    if request.endpoint is None:
        return None  # 404/405 are handled by Flask
    rule = access_rule_of(request.endpoint)
    if rule is None:
        current_app.logger.error("Route %s declares no access rule; refused.", request.endpoint)
        abort(403)
    if rule == PUBLIC:
        return None
    if not current_user.is_authenticated:
        return _to_login()
    if rule == ANY_USER or current_user.role in rule:
        return None
    abort(403)


def _to_login():
    target = url_for("auth.login", next=request.full_path if request.method == "GET" else None)
    if getattr(request, "htmx", False):
        response = current_app.response_class(status=401)
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target)


def company_scope_id() -> int | None:
    """The company the current user is confined to, or None for Disnaker and officials."""
    if current_user.is_authenticated and current_user.role in COMPANY_ROLES:
        return current_user.company_id
    return None


def get_or_404(model, object_id, *, company_attr: str | None = "company_id", options=()):
    """Load one object (with loader `options` for what the page reads of it); company users get 404 for another
    company's objects."""
    obj = db.session.get(model, object_id, options=options, execution_options=REUSABLE_PLAN)
    if obj is None:
        abort(404)
    scope = company_scope_id()
    if scope is not None and company_attr is not None and getattr(obj, company_attr) != scope:
        abort(404)
    return obj


def is_disnaker() -> bool:
    return current_user.is_authenticated and current_user.role in DISNAKER_ROLES


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)


def security_headers(response):
    """after_request: headers every response carries."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if current_app.config.get("SESSION_COOKIE_SECURE") or current_app.config.get("APP_ENV") == "production":
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if request.endpoint != "static":
        # Every page may carry a token (set-password and invitation links, CSRF) or personal data (verification
        # pages, everything behind the login): no browser or proxy keeps a copy, logged in or not.
        response.headers["Cache-Control"] = "no-store"
        response.headers.setdefault("Pragma", "no-cache")
    return response
