"""Home page by role, language switch and the health check."""
from __future__ import annotations

from flask import current_app, jsonify, request, session, url_for
from flask_login import current_user
from sqlalchemy import text

from bontang.extensions import db
from bontang.main import bp
from bontang.main.services import home_summary
from bontang.security import public
from bontang.web import redirect_to, render, same_site_referrer


@bp.route("/")
@public
def home():
    """Public landing page, or the signed-in user's home for their role."""
    if not current_user.is_authenticated:
        return render("main/landing.html")
    return render("main/home.html", summary=home_summary(current_user))


@bp.route("/bahasa", methods=["POST"])
@public
def set_language():
    """Switch the interface language (Bahasa Indonesia or English)."""
    locale = request.form.get("locale", "id")
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
        if current_user.is_authenticated:
            current_user.locale = locale
    return redirect_to(same_site_referrer() or url_for("main.home"))


@bp.route("/healthz")
@public
def healthz():
    """200 when the database answers, 503 otherwise."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means unhealthy
        db.session.rollback()
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")
