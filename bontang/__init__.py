"""Application factory for the Bontang employment partnership portal."""
from __future__ import annotations

import gc
from pathlib import Path

from flask import Flask, session
from flask_login import current_user

from bontang.config import INSTANCE, ROOT, check_production, engine_options, load_config
from bontang.extensions import babel, compress, csrf, db, htmx, limiter, login_manager, migrate

FEATURES = ("main", "auth", "accounts", "admin", "mou", "verify", "hiring", "jobseekers", "training", "graduates", "reports",
            "jobs", "mailbox", "observability", "privacy", "passkeys",
            "workforce")


def create_app(config: dict | None = None) -> Flask:
    """Create the app; `config` overrides settings read from the environment (tests use it)."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(INSTANCE),
    )
    app.config.update(load_config())
    if config:
        app.config.update(config)
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", engine_options(app.config["SQLALCHEMY_DATABASE_URI"]))
    check_production(app.config)
    from bontang.pki import check_configured_certificate

    check_configured_certificate(app.config)  # refuses a sealing certificate that cannot make a valid seal
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(_translation_dirs())
    Path(app.instance_path).mkdir(exist_ok=True)
    from bontang.observability import logs

    logs.register(app)  # JSON log lines and the request id, before any other hook

    if app.config["PROXY_HOPS"]:
        # Behind a load balancer: take the client's address and scheme from X-Forwarded-*, so audit
        # events, rate limits and signature evidence record the real client, not the proxy.
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    _init_extensions(app)
    _register_blueprints(app)
    _register_request_hooks(app)

    from bontang import cli, errors, templating
    from bontang.tasks import jobs, queue  # noqa: F401  (jobs registers every task)

    queue.bind(app, replace=False)
    errors.register(app)
    templating.register(app)
    cli.register(app)
    return app


def settle_for_serving() -> None:
    """Leave what start-up built (modules, routes, mappers, compiled statements) out of the garbage collector's
    full passes: it lives as long as the process, and a long page's allocations otherwise make the collector walk
    all of it again and again (about 0.5 ms of a 9 ms page). Called by the WSGI entry points, not by tests."""
    gc.collect()
    gc.freeze()


def _translation_dirs() -> list[str]:
    dirs = [str(ROOT / "translations")]
    dirs += [str(p) for p in sorted((ROOT / "bontang").glob("*/translations"))]
    return dirs


def _init_extensions(app: Flask) -> None:
    from bontang import models  # noqa: F401  (every table on the metadata)
    from bontang.auth.services import load_user

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    compress.init_app(app)
    babel.init_app(app, locale_selector=_select_locale)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    login_manager.session_protection = "strong"
    login_manager.user_loader(load_user)


def _select_locale() -> str:
    from flask import current_app, has_request_context

    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("locale")
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale:
        return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def _register_blueprints(app: Flask) -> None:
    import importlib

    for name in FEATURES:
        module = importlib.import_module(f"bontang.{name}")
        importlib.import_module(f"bontang.{name}.views")
        app.register_blueprint(module.bp)


def _register_request_hooks(app: Flask) -> None:
    from bontang.security import enforce_access, refuse_nul_in_url, security_headers

    app.before_request(refuse_nul_in_url)
    app.before_request(enforce_access)

    @app.after_request
    def commit_request(response):
        """One commit per request, here: a request that failed (4xx/5xx) changes nothing."""
        if response.status_code < 400:
            db.session.commit()  # jobs that the request deferred are enqueued once this succeeds
        else:
            db.session.rollback()
        return response

    app.after_request(security_headers)
