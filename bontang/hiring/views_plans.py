"""Annual workforce plans: companies file theirs; Disnaker sets the deadline, sees who reported, reminds."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from bontang.core import DomainError
from bontang.extensions import db
from bontang.hiring import bp
from bontang.hiring import plans as workforce
from bontang.hiring.forms import MONTHS, DeadlineForm, PlanItemForm
from bontang.hiring.models import WorkforcePlanItem
from bontang.inputs import ActionForm
from bontang.pagination import paginate
from bontang.security import COMPANY, STAFF, is_disnaker, roles
from bontang.web import attach_error, page_number, redirect_to, render


def _year() -> int:
    default = workforce.planning_year()
    year = request.args.get("tahun", default, type=int) or default
    return year if default - 5 <= year <= default else default


@bp.route("/rencana-kebutuhan")
@roles(STAFF, COMPANY)
def plans():
    """The annual workforce plan: the company's own, or Disnaker's overview of who reported."""
    if is_disnaker():
        return _staff_page(DeadlineForm())
    return _company_page(PlanItemForm())


def _company_page(form: PlanItemForm, status: int = 200):
    year = _year()
    plan = workforce.get_plan(current_user.company_id, year)
    return render("hiring/plans_company.html", status=status, year=year, plan=plan, form=form,
                  settings=workforce.get_round(year), action_form=ActionForm(), years=_years(), months=dict(MONTHS))


def _staff_page(form: DeadlineForm, status: int = 200):
    year = _year()
    settings = workforce.get_round(year)
    if settings is not None and not form.is_submitted():
        form.deadline.data = settings.deadline
    reported = request.args.get("lapor", "")
    page = paginate(workforce.plan_overview_query(year, reported), page_number(), 30, scalars=False)
    return render("hiring/plans_staff.html", "hiring/_plans_table.html", status=status, year=year, page=page,
                  settings=settings, form=form, reported=reported, years=_years(), action_form=ActionForm(),
                  counts=workforce.plan_counts(year, settings.deadline if settings else None))


def _years() -> list[int]:
    latest = workforce.planning_year()
    return [latest, latest - 1]


@bp.route("/rencana-kebutuhan/posisi", methods=["POST"])
@roles(COMPANY)
def plan_item_add():
    """Add a planned position to the company's plan."""
    form = PlanItemForm()
    if form.validate_on_submit():
        plan = workforce.get_plan(current_user.company_id, _year(), create=True)
        try:
            workforce.add_plan_item(plan, form.data, actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Posisi ditambahkan ke rencana."), "success")
            return redirect_to(url_for("hiring.plans", tahun=_year()))
    db.session.rollback()
    return _company_page(form, status=422)


def _own_item(item_id: int) -> WorkforcePlanItem:
    item = db.session.get(WorkforcePlanItem, item_id)
    if item is None or item.plan.company_id != current_user.company_id:
        abort(404)
    return item


@bp.route("/rencana-kebutuhan/posisi/<int:item_id>/hapus", methods=["POST"])
@roles(COMPANY)
def plan_item_remove(item_id: int):
    """Remove a planned position."""
    item = _own_item(item_id)
    year = item.plan.year
    return _plan_action(lambda: workforce.remove_plan_item(item, actor=current_user), _("Posisi dihapus."), year)


@bp.route("/rencana-kebutuhan/kirim", methods=["POST"])
@roles(COMPANY)
def plan_submit():
    """Send the company's plan to Disnaker."""
    year = _year()
    plan = workforce.get_plan(current_user.company_id, year, create=True)
    return _plan_action(lambda: workforce.submit_plan(plan, actor=current_user),
                        _("Rencana kebutuhan tenaga kerja %(year)d terkirim ke Disnaker.", year=year), year)


def _plan_action(action, message: str, year: int):
    try:
        action()
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return _company_page(PlanItemForm(formdata=None), status=422)
    flash(message, "success")
    return redirect_to(url_for("hiring.plans", tahun=year))


@bp.route("/rencana-kebutuhan/posisi/<int:item_id>/permintaan", methods=["POST"])
@roles(COMPANY)
def plan_item_to_request(item_id: int):
    """Turn a planned position into a draft hiring request in one step."""
    item = _own_item(item_id)
    try:
        hiring = workforce.item_to_request(item, actor=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return _company_page(PlanItemForm(formdata=None), status=422)
    flash(_("Draf permintaan dibuat dari rencana; lengkapi lalu ajukan."), "success")
    return redirect_to(url_for("hiring.edit", request_id=hiring.id))


@bp.route("/rencana-kebutuhan/tenggat", methods=["POST"])
@roles(STAFF)
def plan_deadline():
    """Set the reporting deadline of a planning year."""
    form = DeadlineForm()
    if form.validate_on_submit():
        try:
            workforce.set_deadline(_year(), form.deadline.data, actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Batas waktu tersimpan."), "success")
            return redirect_to(url_for("hiring.plans", tahun=_year()))
    db.session.rollback()
    return _staff_page(form, status=422)


@bp.route("/rencana-kebutuhan/ingatkan", methods=["POST"])
@roles(STAFF)
def plan_remind():
    """E-mail the companies that have not reported yet."""
    try:
        count = workforce.remind_companies(_year(), actor=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return _staff_page(DeadlineForm(formdata=None), status=422)
    flash(_("Pengingat dikirim ke %(n)d perusahaan.", n=count), "success")
    return redirect_to(url_for("hiring.plans", tahun=_year()))
