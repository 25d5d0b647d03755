"""MoU views: staff (this module), company, official and template pages in the views_* modules."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import defer, joinedload, selectinload

from bontang import audit
from bontang.core import DomainError
from bontang.errors import render_error
from bontang.exports import download, table_response
from bontang.inputs import ActionForm, raw_id, raw_ids
from bontang.jobs import services as job_services
from bontang.jobs.models import JobKind
from bontang.mou import bp, documents, queries, services
from bontang.mou.forms import ReinviteForm, RevokeForm
from bontang.mou.models import Agreement, AgreementStatus, MouTemplate, Signature
from bontang.pagination import paginate
from bontang.security import COMPANY, STAFF, STAFF_AND_OFFICIALS, get_or_404, roles
from bontang.templating import localised_table
from bontang.web import attach_error, page_number, redirect_to, render, same_site_referrer


BACKGROUND_BATCH = 20  # more invitations or reminders than this run in the background with a progress page


def _filters() -> tuple[str, str]:
    return request.args.get("q", "").strip()[:100], request.args.get("status", "")


@bp.route("/mou")
@roles(STAFF)
def index():
    """Progress, and the filterable table of companies and their agreements."""
    q, status = _filters()
    progress = queries.progress()
    page = paginate(queries.table_query(q, status), page_number(), scalars=False,
                    total=queries.table_total(progress, q, status))
    return render("mou/index.html", "mou/_agreement_table.html", page=page, q=q, status_filter=status,
                  progress=progress, labels=localised_table(queries.STATUS_LABELS), badges=queries.STATUS_BADGES,
                  template=services.current_template(defer(MouTemplate.body)), action_form=ActionForm())


@bp.route("/mou/undang", methods=["POST"])
@roles(STAFF)
def invite():
    """Invite the selected companies, or every company not yet invited (many: in the background)."""
    try:
        ids = services.uninvited_company_ids() if request.form.get("all") else raw_ids(request.form.getlist("company_ids"))
        if len(ids) > BACKGROUND_BATCH and services.current_template() is not None:
            job = job_services.start_mou_batch(JobKind.MOU_INVITE, ids, actor=current_user)
            return redirect_to(url_for("jobs.detail", job_id=job.id))
        invited = services.invite_companies(ids, actor=current_user)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("%(n)d perusahaan diundang; e-mail dikirim ke wakilnya.", n=len(invited)), "success")
    return redirect_to(url_for("mou.index"))


@bp.route("/mou/ingatkan", methods=["POST"])
@roles(STAFF)
def remind():
    """Remind every company that has not signed (many: in the background), or one agreement."""
    one = raw_id(request.form.get("agreement_id"))
    try:
        if "agreement_id" in request.form and one is None:
            raise DomainError(_("Perjanjian tidak ditemukan."))
        if one is None and len(unsigned := services.unsigned_agreement_ids()) > BACKGROUND_BATCH:
            job = job_services.start_mou_batch(JobKind.MOU_REMIND, unsigned, actor=current_user)
            return redirect_to(url_for("jobs.detail", job_id=job.id))
        count = services.remind_unsigned(actor=current_user, agreement_ids=[one] if one else None)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Pengingat dikirim untuk %(n)d undangan.", n=count), "success")
    return redirect_to(same_site_referrer() or url_for("mou.index"))


@bp.route("/mou/ekspor.csv")
@roles(STAFF)
def export_csv():
    """The table (with the current filters) as CSV."""
    headers, rows = queries.export_rows(*_filters())
    return table_response("csv", "mou-kemitraan", headers, rows)


@bp.route("/mou/arsip", methods=["POST"])
@roles(STAFF)
def archive():
    """Prepare the ZIP of every sealed PDF in the background and follow its progress."""
    try:
        job = job_services.request_archive(actor=current_user)
    except DomainError as error:
        flash(error.message, "error")
        return redirect_to(url_for("mou.index"))
    return redirect_to(url_for("jobs.detail", job_id=job.id))


@bp.route("/mou/<int:agreement_id>")
@roles(STAFF_AND_OFFICIALS)
def detail(agreement_id: int):
    """One agreement: facts, signatures, document hash and its timeline from the audit log."""
    agreement = get_or_404(Agreement, agreement_id, options=(
        joinedload(Agreement.company), joinedload(Agreement.template),
        selectinload(Agreement.signatures).undefer(Signature.image_png)))
    return _detail_page(agreement, RevokeForm())


def _detail_page(agreement: Agreement, revoke_form: RevokeForm, status: int = 200, reinvite_form=None):
    events = audit.events_for("Agreement", agreement.id)
    document = documents.final_document(agreement.id)
    # The timeline shows the latest 200 changes (their labels translated once here, not once per row); the
    # downloads are summed up below it.
    return render("mou/detail.html", agreement=agreement, events=events, revoke_form=revoke_form,
                  reads=audit.reads_of("Agreement", agreement.id),
                  labels=queries.STATUS_LABELS, badges=queries.STATUS_BADGES, action_form=ActionForm(),
                  actions=localised_table(queries.ACTION_LABELS),
                  document=document, status=status,
                  reinvite_form=reinvite_form or ReinviteForm(formdata=None),
                  newest=not services.has_live_agreement(agreement.company_id))


@bp.route("/mou/<int:agreement_id>/undang-ulang", methods=["POST"])
@roles(STAFF)
def reinvite(agreement_id: int):
    """Invite a company again after a decline or revocation, with a reason."""
    agreement = get_or_404(Agreement, agreement_id)
    form = ReinviteForm()
    if form.validate_on_submit():
        try:
            fresh = services.reinvite_company(agreement, form.reason.data, actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("%(name)s diundang ulang (nomor %(number)s).", name=fresh.company.name, number=fresh.number),
                  "success")
            return redirect_to(url_for("mou.detail", agreement_id=fresh.id))
    return _detail_page(agreement, RevokeForm(formdata=None), status=422, reinvite_form=form)


@bp.route("/mou/<int:agreement_id>/cabut", methods=["POST"])
@roles(STAFF)
def revoke(agreement_id: int):
    """Revoke an agreement with a reason."""
    agreement = get_or_404(Agreement, agreement_id)
    form = RevokeForm()
    if form.validate_on_submit():
        try:
            services.revoke_agreement(agreement, form.reason.data, actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Perjanjian dicabut. Halaman verifikasi kini menyatakan dicabut."), "success")
            return redirect_to(url_for("mou.detail", agreement_id=agreement.id))
    return _detail_page(agreement, form, status=422)


@bp.route("/mou/<int:agreement_id>/segel-ulang", methods=["POST"])
@roles(STAFF)
def retry_seal(agreement_id: int):
    """Try sealing a pending final PDF again, from the first attempt."""
    agreement = get_or_404(Agreement, agreement_id)
    if documents.retry_seals([agreement.id]):
        flash(_("Penyegelan PDF diantrekan lagi."), "success")
    else:
        flash(_("PDF perjanjian ini tidak menunggu penyegelan."), "error")
    return redirect_to(url_for("mou.detail", agreement_id=agreement.id))


@bp.route("/mou/<int:agreement_id>/pdf")
@roles(STAFF_AND_OFFICIALS, COMPANY)
def download_pdf(agreement_id: int):
    """The sealed final PDF (hash checked), or a marked preview while the second party has not signed."""
    agreement = get_or_404(Agreement, agreement_id)
    document = documents.final_document(agreement.id)
    if document is None and agreement.status == AgreementStatus.COMPLETED:
        return render_error(202, _("PDF final sedang disiapkan (disegel oleh proses latar). Coba lagi sebentar."))
    if document is not None:
        try:
            data = documents.checked_bytes(document)
        except DomainError as error:
            return render_error(409, error.message)
        audit.record("mou.downloaded", agreement, details={"sha256": document.sha256})
        return download(data, documents.pdf_filename(agreement), "application/pdf")
    if agreement.status != AgreementStatus.SIGNED_BY_COMPANY:
        abort(404)
    data = documents.render_agreement_pdf(agreement, preview=True)
    audit.record("mou.preview_downloaded", agreement)
    return download(data, "PRATINJAU-" + documents.pdf_filename(agreement), "application/pdf")


from bontang.mou import commands, views_company, views_official, views_templates  # noqa: E402,F401
