"""Officials: the countersigning queue; countersign one or many agreements with one code."""
from __future__ import annotations

from datetime import datetime

from flask import flash, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from bontang.accounts.models import Role
from bontang.core import DomainError, utcnow
from bontang.extensions import limiter
from bontang.inputs import raw_id, raw_ids
from bontang.jobs import services as job_services
from bontang.mou import bp, queries, signing
from bontang.mou.forms import SignForm
from bontang.mou.views_company import code_limit, evidence, user_key
from bontang.security import roles
from bontang.web import attach_error, redirect_to, render, render_invalid

SEEN_KEY = "mou_queue_seen_at"


def _seen_at() -> datetime | None:
    try:
        return datetime.fromisoformat(session.get(SEEN_KEY, ""))
    except ValueError:
        return None


@bp.route("/mou/tanda-tangan")
@roles(Role.OFFICIAL)
def countersign_queue():
    """Agreements signed by companies, waiting for the official's signature."""
    session[SEEN_KEY] = utcnow().isoformat()
    form = SignForm(name=current_user.name, position=current_user.position)
    return render("mou/countersign.html", queue=queries.countersign_queue(current_user), form=form, selected=set())


@bp.route("/mou/tanda-tangan/kode", methods=["POST"])
@roles(Role.OFFICIAL)
@limiter.limit(code_limit, key_func=user_key)
def countersign_code():
    """E-mail a 6-digit code to the official."""
    try:
        signing.request_countersign_code(actor=current_user)
    except DomainError as error:
        return render("mou/_code_status.html", error=error.message, status=422)
    if request.headers.get("HX-Request"):
        return render("mou/_code_status.html", email=current_user.email)
    flash(_("Kode dikirim ke %(email)s dan berlaku 10 menit.", email=current_user.email), "success")
    return redirect_to(url_for("mou.countersign_queue"))


@bp.route("/mou/tanda-tangan", methods=["POST"])
@roles(Role.OFFICIAL)
def countersign():
    """Countersign the selected agreements, then follow the sealing of their PDFs."""
    form = SignForm()
    chosen = request.form.getlist("agreements")
    ids = [i for i in map(raw_id, chosen) if i is not None]
    if form.validate_on_submit():
        data = {**form.data_for_service(), **evidence(), "viewed_at": _seen_at()}
        try:
            ids = raw_ids(chosen, max_items=1000, field="agreements")
            done = signing.countersign_agreements(ids, data, actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            return _after_countersigning(done)
    return render_invalid("mou/countersign.html", "mou/_countersign_form.html",
                          queue=queries.countersign_queue(current_user), form=form, selected=set(ids))


def _after_countersigning(done: signing.Countersigned):
    message = _("%(n)d perjanjian ditandatangani.", n=len(done.signed))
    if done.skipped:
        message += " " + _("Dilewati karena tidak lagi menunggu tanda tangan: %(names)s.", names="; ".join(done.skipped))
    flash(message, "success")
    if not done.completed:
        return redirect_to(url_for("mou.countersign_queue"))
    job = job_services.start_seal_batch([a.id for a in done.completed], done.skipped, actor=current_user)
    return redirect_to(url_for("jobs.detail", job_id=job.id))
