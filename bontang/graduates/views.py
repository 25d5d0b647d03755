"""Company-facing views: the certified graduates search, a graduate's profile and the proposal ask; staff's list of asks.

These pages never show NIK, address, phone, welfare decile or disability details; only consenting
graduates appear, and every opening of a profile is recorded.
"""
from __future__ import annotations

from datetime import date
from functools import cache

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from bontang.choices import choice_list, choice_lists
from bontang.core import DomainError
from bontang.extensions import db
from bontang.graduates import bp
from bontang.graduates import services as company
from bontang.graduates.forms import AskCloseForm, AskForm
from bontang.graduates.models import GraduateProposalAsk
from bontang.jobseekers.models import Skill
from bontang.pagination import paginate
from bontang.security import COMPANY, STAFF, get_or_404, roles
from bontang.together import Together, together
from bontang.training.models import CertificationScheme, TrainingProgramme
from bontang.web import attach_error, page_number, redirect_to, render, render_invalid, wants_fragment

PER_PAGE = 20


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, type=int)
    return value if value and value > 0 else None


def _filters() -> company.GraduateFilters:
    return company.GraduateFilters(
        q=request.args.get("q", "").strip()[:100], skill_id=_int_arg("keahlian"), programme_id=_int_arg("pelatihan"),
        scheme_id=_int_arg("skema"), valid_only=request.args.get("berlaku") == "1",
        local_only=request.args.get("lokal") == "1", available_only=request.args.get("tersedia") == "1")


@cache
def _filter_lists() -> Together:
    return together(
        skills=choice_list(Skill.id, Skill.name, group_column=Skill.area, order_by=(Skill.area, Skill.name)),
        schemes=choice_list(CertificationScheme.id, CertificationScheme.name, order_by=(CertificationScheme.name,)),
        programmes=choice_list(TrainingProgramme.id, TrainingProgramme.title, order_by=(TrainingProgramme.title,)))


def _filter_choices() -> dict:
    return choice_lists(_filter_lists())


@bp.route("/lulusan")
@roles(COMPANY)
def search():
    """Certified graduates for companies, filtered with htmx and paginated."""
    filters = _filters()
    page = company.paginate_graduates(filters, page_number(), PER_PAGE)
    choices = {} if wants_fragment() else _filter_choices()
    return render("graduates/search.html", "graduates/_graduate_results.html", page=page, f=filters,
                  today=date.today(), **choices)


@bp.route("/lulusan/<int:job_seeker_id>")
@roles(COMPANY)
def profile(job_seeker_id: int):
    """A graduate's profile for a company; each opening is recorded for Disnaker."""
    seeker = company.visible_graduate(job_seeker_id)
    if seeker is None:
        abort(404)
    company.record_profile_view(seeker, user=current_user)
    form = AskForm(hiring_requests=company.open_hiring_requests(current_user.company_id))
    return render("graduates/profile.html", seeker=seeker, form=form, today=date.today())


@bp.route("/lulusan/<int:job_seeker_id>/minta-usulan", methods=["POST"])
@roles(COMPANY)
def ask(job_seeker_id: int):
    """Ask Disnaker to propose this graduate for one of the company's open hiring requests."""
    seeker = company.visible_graduate(job_seeker_id)
    if seeker is None:
        abort(404)
    form = AskForm(hiring_requests=company.open_hiring_requests(current_user.company_id))
    if form.validate_on_submit():
        try:
            company.ask_for_proposal(seeker, form.data, actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Permintaan terkirim. Disnaker akan menindaklanjuti dan mengusulkan kandidat."), "success")
            return redirect_to(url_for("graduates.profile", job_seeker_id=seeker.id))
    return render_invalid("graduates/profile.html", "graduates/_ask_form.html", seeker=seeker, form=form,
                          today=date.today())


@bp.route("/permintaan-usulan")
@roles(STAFF)
def asks():
    """Companies' asks to propose a graduate, for Disnaker to act on."""
    status = request.args.get("status", "open")
    page = paginate(company.asks_query(status), page_number())
    return render("graduates/asks.html", "graduates/_ask_table.html", page=page, status_filter=status, form=AskCloseForm())


@bp.route("/permintaan-usulan/<int:ask_id>", methods=["POST"])
@roles(STAFF)
def ask_close(ask_id: int):
    """Mark a company's ask handled or declined."""
    ask = get_or_404(GraduateProposalAsk, ask_id, company_attr=None)
    form = AskCloseForm()
    if not form.validate_on_submit():
        for name, messages in form.errors.items():
            label = form[name].label.text if name in form else ""
            flash(f"{label}: {' '.join(messages)}" if label else " ".join(messages), "error")
        page = paginate(company.asks_query("open"), page_number())
        return render_invalid("graduates/asks.html", page=page, status_filter="open", form=form)
    try:
        company.close_ask(ask, form.status.data, form.note.data, actor=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        flash(_("Permintaan ditandai selesai."), "success")
    return redirect_to(url_for("graduates.asks"))
