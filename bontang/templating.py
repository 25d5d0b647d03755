"""Jinja globals and filters: navigation by role, dates in WITA, masks."""
from __future__ import annotations

from flask import Flask, current_app, request, url_for
from flask_babel import format_date, format_datetime
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from bontang.accounts.models import Role
from bontang.reference import COMPANY_CATEGORIES
from bontang.security import access_rule_of, ANY_USER, PUBLIC

# (endpoint, label, secondary). An item shows when its endpoint exists and the user's role may open
# it, so a feature appears in the menu as soon as its blueprint provides the endpoint. Secondary
# items go under "Lainnya" when a role has more than MAX_PRIMARY items, so the menu fits one row.
NAV_ITEMS = (
    ("main.home", _l("Beranda"), False),
    ("reports.dashboard", _l("Dasbor"), False),
    ("mou.index", _l("MoU"), False),
    ("mou.countersign_queue", _l("Tanda tangan MoU"), False),
    ("mou.my_agreement", _l("MoU perusahaan"), False),
    ("hiring.queue", _l("Permintaan tenaga kerja"), False),
    ("hiring.index", _l("Permintaan tenaga kerja"), False),
    ("hiring.plans", _l("Rencana kebutuhan"), True),
    ("graduates.search", _l("Lulusan bersertifikat"), True),
    ("graduates.jobseekers", _l("Pencari kerja"), False),
    ("graduates.asks", _l("Permintaan usulan"), True),
    ("graduates.programmes", _l("Pelatihan"), True),
    ("reports.company", _l("Profil perusahaan"), False),
    ("accounts.companies", _l("Perusahaan"), False),
    ("accounts.users", _l("Pengguna"), True),
    ("admin.outbox", _l("Kotak keluar"), True),
    ("admin.audit", _l("Log audit"), True),
)
MAX_PRIMARY = 5


def can_open(endpoint: str) -> bool:
    """Whether the current user may open an endpoint (used to show links and buttons)."""
    if endpoint not in current_app.view_functions:
        return False
    rule = access_rule_of(endpoint)
    if rule == PUBLIC:
        return True
    if not current_user.is_authenticated:
        return False
    return rule == ANY_USER or (rule is not None and current_user.role in rule)


def nav_items() -> dict:
    """The menu of the current user: primary items in the bar, secondary ones under "Lainnya"."""
    seen_labels = set()
    items = []
    for endpoint, label, secondary in NAV_ITEMS:
        if not can_open(endpoint) or str(label) in seen_labels:
            continue
        seen_labels.add(str(label))
        url = url_for(endpoint)
        active = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"url": url, "label": label, "active": active, "secondary": secondary})
    if len(items) <= MAX_PRIMARY:
        return {"primary": items, "secondary": [], "secondary_active": False}
    more = [item for item in items if item["secondary"]]
    return {"primary": [item for item in items if not item["secondary"]], "secondary": more,
            "secondary_active": any(item["active"] for item in more)}


def wita(value, fmt: str = "d MMM yyyy HH:mm") -> str:
    """A naive-UTC datetime shown in WITA (Asia/Makassar)."""
    return "" if value is None else f"{format_datetime(value, fmt)} WITA"


def tanggal(value, fmt: str = "d MMMM yyyy") -> str:
    return "" if value is None else format_date(value, fmt)


def role_label(role) -> str:
    return str(ROLE_LABELS.get(Role(role), role))


ROLE_LABELS = {
    Role.ADMIN: _l("Administrator Disnaker"),
    Role.STAFF: _l("Petugas Disnaker"),
    Role.OFFICIAL: _l("Pejabat"),
    Role.COMPANY_REP: _l("Wakil perusahaan"),
    Role.COMPANY_HR: _l("HRD perusahaan"),
    Role.TRAINER: _l("Lembaga pelatihan"),
}


def register(app: Flask) -> None:
    app.jinja_env.globals.update(nav_items=nav_items, nav_labels=NAV_ITEMS, can_open=can_open, Role=Role,
                                  company_categories=COMPANY_CATEGORIES, category_labels=dict(COMPANY_CATEGORIES))
    app.jinja_env.filters.update(wita=wita, tanggal=tanggal, role_label=role_label)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def inject_locale():
        from flask_babel import get_locale

        return {"current_locale": str(get_locale() or "id")}
