"""Imports of participants, results and certificates: upload, preview with the error report, apply, templates."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from bontang.core import DomainError
from bontang.exports import table_response
from bontang.inputs import ActionForm
from bontang.security import get_or_404, roles
from bontang.training import bp, imports
from bontang.training.forms import IMPORT_LABELS, ImportForm
from bontang.training.models import ImportBatch, ImportKind
from bontang.training.views import MANAGERS, _detail_context, load_programme
from bontang.web import attach_error, redirect_to, render, render_invalid

PREVIEW_ROWS = 200


@bp.route("/pelatihan/<int:programme_id>/impor", methods=["POST"])
@roles(*MANAGERS)
def import_upload(programme_id: int):
    """Upload a CSV/XLSX file; it is checked row by row and shown for preview, not applied."""
    programme = load_programme(programme_id)
    form = ImportForm()
    upload = request.files.get("file")
    if form.validate_on_submit():
        try:
            if upload is None or not upload.filename:
                raise DomainError(_("Pilih berkas CSV atau XLSX."), "file")
            batch = imports.upload_import(programme, form.kind.data, upload.filename, upload.read(), actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            return redirect_to(url_for("training.import_preview", batch_id=batch.id))
    return render_invalid("training/programme_detail.html", "training/_import_form.html",
                          **_detail_context(programme, import_form=form))


def _load_batch(batch_id: int) -> ImportBatch:
    batch = get_or_404(ImportBatch, batch_id, company_attr=None)
    load_programme(batch.programme_id)
    return batch


@bp.route("/impor/<int:batch_id>")
@roles(*MANAGERS)
def import_preview(batch_id: int):
    """The rows of an uploaded file with what applying would do, and the row-by-row error report."""
    batch = _load_batch(batch_id)
    checked = imports.preview(batch) if batch.applied_at is None else None
    return render("training/import_preview.html", batch=batch, checked=checked, labels=IMPORT_LABELS,
                  preview_rows=PREVIEW_ROWS, form=ActionForm())


@bp.route("/impor/<int:batch_id>/terapkan", methods=["POST"])
@roles(*MANAGERS)
def import_apply(batch_id: int):
    """Apply every row of the file in one transaction, or none when a row is wrong."""
    batch = _load_batch(batch_id)
    form = ActionForm()
    if form.validate_on_submit():
        try:
            summary = imports.apply_import(batch, actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Impor diterapkan: %(new)d baris baru, %(existing)d sudah ada sebelumnya.", **summary), "success")
            return redirect_to(url_for("training.programme_detail", programme_id=batch.programme_id))
    checked = imports.preview(batch) if batch.applied_at is None else None
    return render_invalid("training/import_preview.html", batch=batch, checked=checked, labels=IMPORT_LABELS,
                          preview_rows=PREVIEW_ROWS, form=form)


@bp.route("/pelatihan/<int:programme_id>/ekspor.<fmt>")
@roles(*MANAGERS)
def programme_export(programme_id: int, fmt: str):
    """Participants, results and certificates of a programme as CSV or XLSX (text neutralised against formulas)."""
    programme = load_programme(programme_id)
    context = _detail_context(programme)
    certificates = {c.enrolment_id: c for c in context["certificates"]}
    headers = [_("Nama"), _("Nomor AK1"), _("Hasil"), _("Nomor sertifikat"), _("Skema"), _("Unit SKKNI"),
               _("Terbit"), _("Berlaku sampai")]
    rows = []
    for e in context["enrolments"]:
        c = certificates.get(e.id)
        rows.append([e.job_seeker.name, e.job_seeker.ak1_number, e.result.value if e.result else "",
                     c.number if c else "", c.scheme.name if c else "", c.skkni_units if c else "",
                     c.issue_date if c else None, c.valid_until if c else None])
    return table_response("xlsx" if fmt == "xlsx" else "csv", f"peserta-program-{programme.id}", headers, rows,
                          title="Peserta")


@bp.route("/impor/templat/<kind>.<fmt>")
@roles(*MANAGERS)
def import_template(kind: str, fmt: str):
    """A ready-to-fill template with the expected columns and one example row."""
    try:
        kind = ImportKind(kind)
    except ValueError:
        abort(404)
    if fmt not in ("csv", "xlsx"):
        abort(404)
    columns, _required = imports.COLUMNS[kind]
    return table_response(fmt, f"templat-impor-{kind.value}", columns, [imports.EXAMPLES[kind]], title=kind.value)
