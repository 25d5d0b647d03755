"""Officials: the countersigning queue, opening each preview, countersigning a selection with one code."""
from __future__ import annotations

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from bontang.accounts.models import Role
from bontang.core import DomainError
from bontang.extensions import limiter
from bontang.inputs import ActionForm, raw_id, raw_ids
from bontang.jobs import services as job_services
from bontang.mou import bp, queries, signing
from bontang.mou.evidence import consent_statement
from bontang.mou.forms import SignForm
from bontang.mou.models import Agreement
from bontang.mou.views_company import code_limit, evidence, user_key
from bontang.security import get_or_404, roles
from bontang.web import attach_error, redirect_to, render

MAX_BATCH = 1000


def _selection(values) -> list[int]:
    return [i for i in map(raw_id, values[:MAX_BATCH]) if i is not None]


def _page(form: SignForm | None, ids: list[int], *, status: int = 200, fragment: str | None = None):
    """The queue, with the signing card for the selected agreements that wait for this official."""
    queue = queries.countersign_queue(current_user)
    chosen = [a for a in queue if a.id in set(ids)]
    form = form or SignForm(name=current_user.name, position=current_user.position)
    form.consent.label.text = consent_statement(signing.numbers_of(chosen))
    return render("mou/countersign.html", fragment, status=status, queue=queue, chosen=chosen, form=form,
                  selected=set(ids), views=signing.viewed(current_user, [a.id for a in queue]),
                  preview_form=ActionForm(), office=signing.OFFICE_TITLES.get(current_user.office, ""))


@bp.route("/mou/tanda-tangan")
@roles(Role.OFFICIAL)
def countersign_queue():
    """Agreements waiting for this official's office; with ?agreements=…, the signing card for them."""
    return _page(None, _selection(request.args.getlist("agreements")))


@bp.route("/mou/tanda-tangan/<int:agreement_id>/pratinjau", methods=["POST"])
@roles(Role.OFFICIAL)
def countersign_preview(agreement_id: int):
    """Open one agreement's preview: the opening is recorded as this official's "viewed" evidence."""
    agreement = get_or_404(Agreement, agreement_id, company_attr=None)
    view = signing.record_preview(agreement, actor=current_user)
    if request.headers.get("HX-Request"):
        return render("mou/_official_preview.html", agreement=agreement, view=view)
    return redirect_to(url_for("mou.detail", agreement_id=agreement.id))


@bp.route("/mou/tanda-tangan/kode", methods=["POST"])
@roles(Role.OFFICIAL)
@limiter.limit(code_limit, key_func=user_key)
def countersign_code():
    """E-mail the official a 6-digit code for the selected agreements (the e-mail names them)."""
    try:
        ids = raw_ids(request.form.getlist("agreements"), max_items=MAX_BATCH, field="agreements")
        covered = signing.request_countersign_code(ids, actor=current_user)
    except DomainError as error:
        return render("mou/_code_status.html", error=error.message, status=422)
    numbers = "; ".join(signing.numbers_of(covered))
    if request.headers.get("HX-Request"):
        return render("mou/_code_status.html", email=current_user.email, numbers=numbers, count=len(covered))
    flash(_("Kode dikirim ke %(email)s dan berlaku 10 menit.", email=current_user.email), "success")
    return redirect_to(url_for("mou.countersign_queue", agreements=ids))


@bp.route("/mou/tanda-tangan/passkey", methods=["POST"])
@roles(Role.OFFICIAL)
@limiter.limit(code_limit, key_func=user_key)
def countersign_passkey_options():
    """WebAuthn options (a fresh challenge for exactly the selected agreements) for the official's passkeys."""
    from bontang.passkeys.views import options_response

    def options():
        ids = raw_ids(request.form.getlist("agreements"), max_items=MAX_BATCH, field="agreements")
        signing.check_official(current_user)
        signing.ready_for(ids, current_user)
        return signing.passkey_options(current_user, signing.countersign_purpose(ids))
    return options_response(options)


@bp.route("/mou/tanda-tangan", methods=["POST"])
@roles(Role.OFFICIAL)
def countersign():
    """Countersign the selected agreements, then follow the sealing of their PDFs."""
    chosen = request.form.getlist("agreements")
    ids = _selection(chosen)
    form = SignForm()
    if form.validate_on_submit():
        try:
            ids = raw_ids(chosen, max_items=MAX_BATCH, field="agreements")
            done = signing.countersign_agreements(ids, {**form.data_for_service(), **evidence()}, actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            return _after_countersigning(done)
    return _page(form, ids, status=422, fragment="mou/_countersign_form.html")


def _after_countersigning(done: signing.Countersigned):
    message = _("%(n)d perjanjian ditandatangani.", n=len(done.signed))
    if done.skipped:
        message += " " + _("Dilewati karena tidak lagi menunggu tanda tangan: %(names)s.", names="; ".join(done.skipped))
    flash(message, "success")
    if not done.completed:
        return redirect_to(url_for("mou.countersign_queue"))
    job = job_services.start_seal_batch([a.id for a in done.completed], done.skipped, actor=current_user)
    return redirect_to(url_for("jobs.detail", job_id=job.id))
