"""Placements: who works where through Disnaker, and recording the end of a placement (company HR and staff)."""
from __future__ import annotations

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from bontang.core import DomainError
from bontang.hiring import bp, placements
from bontang.hiring.forms import EndPlacementForm
from bontang.hiring.models import Placement
from bontang.hiring.views import labels
from bontang.pagination import paginate
from bontang.security import COMPANY, STAFF, company_scope_id, get_or_404, roles
from bontang.web import attach_error, page_number, redirect_to, render, render_form

STATES = ("active", "ended", "all")


@bp.route("/penempatan")
@roles(STAFF, COMPANY)
def placements_list():
    """Placements (the company's own, or all for Disnaker): active ones first, with the end recorded."""
    state = request.args.get("status", "active")
    state = state if state in STATES else "active"
    page = paginate(placements.placements_query(company_scope_id(), state), page_number(), 25)
    return render("hiring/placements.html", "hiring/_placements_table.html", page=page, chosen=state,
                  reasons=dict(placements.END_REASONS), **labels())


@bp.route("/penempatan/<int:placement_id>/akhiri", methods=["GET", "POST"])
@roles(STAFF, COMPANY)
def end_placement(placement_id: int):
    """Record the end of a placement (contract ended, resignation, dismissal)."""
    placement = get_or_404(Placement, placement_id)
    form = EndPlacementForm()
    if form.validate_on_submit():
        try:
            placements.end_placement(placement, form.ended_on.data, form.reason.data, form.note.data or "",
                                     actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Penempatan %(name)s berakhir; ia kembali tersedia untuk lowongan lain.",
                    name=placement.job_seeker.name), "success")
            return redirect_to(url_for("hiring.placements_list"))
    return render_form("hiring/end_placement.html", form, placement=placement, **labels())
