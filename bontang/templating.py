"""Jinja globals and filters: navigation by role; numbers, percentages and dates (WITA) through Babel."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import flask_babel
from babel import Locale
from babel import numbers as babel_numbers
from flask import Flask, current_app, g, request, url_for
from flask.globals import _cv_app  # the app context's ContextVar (behind `g`), for _babel_context
from flask.globals import _cv_request  # the request context's, for template_url_for
from flask_babel import format_date, format_datetime
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from jinja2 import pass_eval_context
from markupsafe import Markup

from bontang.accounts.models import Role
from bontang.choices import option_tags
from bontang.reference import COMPANY_CATEGORIES, reference_label, scheme_name, skill_names
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
    ("hiring.placements_list", _l("Penempatan"), True),  # issue 12b
    ("hiring.seekers_to_call", _l("Kabari pencari kerja"), True),  # issue 12b
    ("workforce.company_reports", _l("Wajib lapor"), True),  # issue 12b
    ("workforce.status", _l("Wajib lapor"), True),  # issue 12b
    ("graduates.search", _l("Lulusan bersertifikat"), True),
    ("jobseekers.index", _l("Pencari kerja"), False),
    ("graduates.asks", _l("Permintaan usulan"), True),
    ("training.programmes", _l("Pelatihan"), True),
    ("privacy.index", _l("Permintaan data pribadi"), True),
    ("reports.company", _l("Profil perusahaan"), False),
    ("accounts.companies", _l("Perusahaan"), False),
    ("accounts.users", _l("Pengguna"), True),
    ("admin.outbox", _l("Kotak keluar"), True),
    ("admin.audit", _l("Log audit"), True),
    ("observability.status", _l("Status sistem"), True),
    ("passkeys.account", _l("Akun saya"), True),
    ("mailbox.index", _l("Kotak surat saya"), True),  # development and the demo only (bontang/mailbox)
)
MAX_PRIMARY = 5


def mailbox_enabled() -> bool:
    from bontang.mailbox.views import enabled

    return enabled()


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


def _nav_entries() -> tuple:
    """(url, label, secondary) of each menu item the current user may open, in the current language."""
    seen_labels = set()
    entries = []
    for endpoint, label, secondary in NAV_ITEMS:
        if not can_open(endpoint) or str(label) in seen_labels:
            continue
        if endpoint == "mailbox.index" and not mailbox_enabled():
            continue
        seen_labels.add(str(label))
        entries.append((url_for(endpoint), str(label), secondary))
    return tuple(entries)


def nav_items() -> dict:
    """The menu of the current user: primary items in the bar, secondary ones under "Lainnya".

    Which items a user sees depends only on the role, the language, the mount point and whether the
    mailbox is on, so the entries are computed once per process for each of those; only the
    active item is worked out per request.
    """
    role = current_user.role if current_user.is_authenticated else None
    key = (role, str(flask_babel.get_locale()), request.script_root, mailbox_enabled())
    cache = current_app.extensions.setdefault("bontang_nav", {})
    entries = cache.get(key)
    if entries is None:
        entries = cache[key] = _nav_entries()
    path = request.path
    items = [{"url": url, "label": label, "active": path == url or (url != "/" and path.startswith(url)),
              "secondary": secondary} for url, label, secondary in entries]
    if len(items) <= MAX_PRIMARY:
        return {"primary": items, "secondary": [], "secondary_active": False}
    more = [item for item in items if item["secondary"]]
    return {"primary": [item for item in items if not item["secondary"]], "secondary": more,
            "secondary_active": any(item["active"] for item in more)}


def _babel_context():
    """flask_babel's per-request namespace (locale, time zone, translations), or None outside an app context.

    Read through the app context's ContextVar rather than the `g` proxy: the template helpers ask for it a few
    hundred times per page, and the proxy's lookups were a tenth of a long page's render.
    """
    context = _cv_app.get(None)
    return None if context is None else context.g.__dict__.get("_flask_babel")


def translations():
    """flask_babel.get_translations(), remembered for the locale and domain it was found for.

    flask_babel looks the catalogue up again on every call (several context-local lookups each);
    templates translate a few hundred strings per page. The remembered catalogue is used only while
    the request's locale and domain are the very objects it was found for, so force_locale() and
    refresh() take effect exactly as before.
    """
    ctx = _babel_context()
    if ctx is not None:
        state = ctx.__dict__
        hit = state.get("bontang_translations")
        if hit is not None and hit[0] is state.get("babel_locale") and hit[1] is state.get("babel_domain"):
            return hit[2]
    found = flask_babel.get_translations()
    ctx = _babel_context()
    if ctx is not None and ctx.__dict__.get("babel_locale") is not None:
        ctx.bontang_translations = (ctx.babel_locale, ctx.__dict__.get("babel_domain"), found)
    return found


def _locale_and_zone():
    """The request's locale and time zone, as flask_babel.get_locale() and get_timezone() give them."""
    ctx = _babel_context()
    if ctx is not None:
        locale, zone = ctx.__dict__.get("babel_locale"), ctx.__dict__.get("babel_tzinfo")
        if locale is not None and zone is not None:
            return locale, zone
    return flask_babel.get_locale(), flask_babel.get_timezone()


def current_locale():
    """The request's locale, as flask_babel.get_locale() gives it, without its lookups once it is known."""
    return _locale_and_zone()[0]


_LOCALISED: dict = {}  # (id(lazy), locale) -> (lazy, text)
_LOCALISED_MAX = 5_000


def localised(lazy) -> str:
    """str(lazy) for a lazy string held by a module (a label table), remembered per locale.

    flask_babel translates a lazy string anew on every str(); label tables are read once per table row.
    The entry keeps the lazy string itself, so an id reused by another object never matches.
    """
    locale = current_locale()
    if locale is None:
        return str(lazy)
    key = (id(lazy), locale)
    hit = _LOCALISED.get(key)
    if hit is not None and hit[0] is lazy:
        return hit[1]
    if len(_LOCALISED) >= _LOCALISED_MAX:
        _LOCALISED.clear()
    text = str(lazy)
    _LOCALISED[key] = (lazy, text)
    return text


def localised_table(labels: dict) -> dict:
    """A label table (code -> lazy string) in the request's language, each label translated once per locale."""
    return {code: localised(label) for code, label in labels.items()}


WITA_FORMAT = "d MMM yyyy HH:mm"
# The patterns most pages use, written directly (Babel parses and applies a pattern per call); the
# result is the same text Babel makes (tests/test_templating_speed.py compares them).
_FAST_DATES = {"d MMMM yyyy": "wide", "d MMM yyyy": "abbreviated"}


_MONTHS: dict = {}


def _month_names(locale, width: str) -> dict:
    """Month names (1-12) of a locale as Babel's MMM / MMMM use them."""
    # Keyed by the locale object's id first: comparing Locale objects (the dict's equality check) costs more
    # than the lookup; the entry keeps the object, so a reused id never matches another locale.
    hit = _MONTHS.get((id(locale), width))
    if hit is not None and hit[0] is locale:
        return hit[1]
    names = _MONTHS.get((locale, width))
    if names is None:
        parsed = locale if isinstance(locale, Locale) else Locale.parse(locale)
        names = _MONTHS[(locale, width)] = dict(parsed.months["format"][width].items())
    if len(_MONTHS) < 1_000:
        _MONTHS[(id(locale), width)] = (locale, names)
    return names


_ZONES: dict = {}


def _zoneinfo(zone):
    """The zoneinfo zone of the same name as Babel's pytz zone (its conversions are done in C), or None."""
    name = getattr(zone, "zone", None)
    if name is None:
        return None
    found = _ZONES.get(name)
    if found is None:
        try:
            found = _ZONES[name] = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            return None
    return found


def wita(value, fmt: str = WITA_FORMAT) -> str:
    """A naive-UTC datetime shown in WITA (Asia/Makassar)."""
    if value is None:
        return ""
    if fmt == WITA_FORMAT and isinstance(value, datetime):
        locale, zone = _locale_and_zone()
        if locale is not None and zone is not None:
            # Before 1970 the two libraries round local mean time apart; the app's times are all later.
            fast = _zoneinfo(zone) if value.year >= 1970 else None
            aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
            if fast is not None:
                local = aware.astimezone(fast)
            else:
                local = aware.astimezone(zone)
                if hasattr(zone, "normalize"):  # pytz, as Babel does
                    local = zone.normalize(local)
            month = _month_names(locale, "abbreviated")[local.month]
            return f"{local.day} {month} {local.year:04d} {local.hour:02d}:{local.minute:02d} WITA"
    return f"{format_datetime(value, fmt)} WITA"


def tanggal(value, fmt: str = "d MMMM yyyy") -> str:
    if value is None:
        return ""
    width = _FAST_DATES.get(fmt)
    if width is not None and type(value) is date:
        locale, _zone = _locale_and_zone()
        if locale is not None:
            return f"{value.day} {_month_names(locale, width)[value.month]} {value.year:04d}"
    return format_date(value, fmt)


_FORMATTED: dict = {}  # (kind, type, value, pattern, locale) -> text; numbers repeat a lot across rows and pages
_FORMATTED_MAX = 20_000


def _format_number(kind: str, value, fmt: str) -> str:
    locale, _zone = _locale_and_zone()
    cacheable = type(value) is int or (type(value) is float and value != 0.0)  # not -0.0 == 0.0
    key = (kind, type(value), value, fmt, locale)
    if cacheable:
        text = _FORMATTED.get(key)
        if text is not None:
            return text
    if kind == "decimal":
        text = babel_numbers.format_decimal(value, format=fmt, locale=locale)
    else:
        text = babel_numbers.format_percent(value, format=fmt, locale=locale)
    if cacheable:
        if len(_FORMATTED) >= _FORMATTED_MAX:
            _FORMATTED.clear()
        _FORMATTED[key] = text
    return text


def number(value, fmt: str = "#,##0.#") -> str:
    """A number in the chosen locale: 1.234,5 in Indonesian, 1,234.5 in English; – when unknown."""
    return "–" if value is None else _format_number("decimal", value, fmt)


def percent(value, fmt: str = "#,##0.#%") -> str:
    """A percentage given as 0–100 in the chosen locale: 83,9% in Indonesian, 83.9% in English."""
    return "–" if value is None else _format_number("percent", value / 100, fmt)


def role_label(role) -> str:
    label = ROLE_LABELS.get(Role(role))
    return localised(label) if label is not None else str(role)


ROLE_LABELS = {
    Role.ADMIN: _l("Administrator Disnaker"),
    Role.STAFF: _l("Petugas Disnaker"),
    Role.OFFICIAL: _l("Pejabat"),
    Role.COMPANY_REP: _l("Wakil perusahaan"),
    Role.COMPANY_HR: _l("HRD perusahaan"),
    Role.TRAINER: _l("Lembaga pelatihan"),
}


# Audit log: what each recorded action means, for people (the code stays visible for filtering).
AUDIT_ACTIONS = {
    "auth.login": _l("Masuk"), "auth.logout": _l("Keluar"), "auth.invitation_sent": _l("Undangan akun dikirim"),
    "auth.password_set": _l("Kata sandi ditetapkan"), "auth.reset_requested": _l("Atur ulang kata sandi diminta"),
    "user.created": _l("Pengguna dibuat"), "user.updated": _l("Pengguna diubah"), "user.activated": _l("Status pengguna diubah"),
    "company.created": _l("Perusahaan didaftarkan"), "company.updated": _l("Perusahaan diubah"),
    "company.activated": _l("Status perusahaan diubah"),
    "mou.invited": _l("Undangan MoU dikirim"), "mou.reminded": _l("Pengingat MoU dikirim"),
    "mou.viewed": _l("MoU dibuka wakil perusahaan"), "mou.code_sent": _l("Kode tanda tangan dikirim"),
    "mou.signed_by_company": _l("MoU ditandatangani perusahaan"), "mou.declined": _l("MoU ditolak perusahaan"),
    "mou.countersigned": _l("MoU ditandatangani pejabat"), "mou.document_sealed": _l("PDF final dibuat dan disegel"),
    "mou.downloaded": _l("PDF MoU diunduh"), "mou.preview_downloaded": _l("Pratinjau PDF MoU diunduh"),
    "mou.archive_downloaded": _l("Arsip ZIP MoU diunduh"), "mou.revoked": _l("MoU dicabut"),
    "mou.archive_requested": _l("Arsip ZIP MoU diminta"), "mou.seal_failed": _l("Penyegelan PDF gagal"),
    "mou.seal_skipped": _l("Penyegelan PDF dilewati"), "mou.seal_retried": _l("Penyegelan PDF dicoba lagi"),
    "mou.template_created": _l("Templat MoU dibuat"), "mou.template_updated": _l("Templat MoU diubah"),
    "mou.template_published": _l("Templat MoU diterbitkan"),
    "hiring.created": _l("Permintaan tenaga kerja dibuat"), "hiring.updated": _l("Permintaan tenaga kerja diubah"),
    "hiring.candidates_proposed": _l("Kandidat diusulkan"), "hiring.candidate_interview": _l("Kandidat diundang wawancara"),
    "hiring.candidate_accepted": _l("Kandidat diterima"), "hiring.candidate_rejected": _l("Kandidat ditolak"),
    "hiring.candidate_withdrawn": _l("Usulan kandidat ditarik"), "hiring.plan_item_added": _l("Posisi rencana ditambah"),
    "hiring.plan_item_removed": _l("Posisi rencana dihapus"), "hiring.plan_submitted": _l("Rencana kebutuhan dikirim"),
    "hiring.plan_deadline_set": _l("Batas waktu rencana ditetapkan"),
    "hiring.plan_reminders_sent": _l("Pengingat rencana dikirim"),
    "job_seeker.created": _l("Pencari kerja didaftarkan"), "job_seeker.updated": _l("Pencari kerja diubah"),
    "job_seeker.nik_revealed": _l("NIK ditampilkan"), "graduate.proposal_asked": _l("Perusahaan meminta usulan lulusan"),
    "graduate.proposal_ask_closed": _l("Permintaan usulan ditutup"), "institution.created": _l("Lembaga pelatihan dibuat"),
    "programme.created": _l("Program pelatihan dibuat"), "enrolment.created": _l("Peserta ditambahkan"),
    "enrolment.result": _l("Hasil pelatihan dicatat"), "certificate.issued": _l("Sertifikat dicatat"),
    "certificate.verified": _l("Sertifikat diverifikasi"), "import.uploaded": _l("Berkas impor diperiksa"),
    "import.applied": _l("Impor diterapkan"), "demo.seeded": _l("Data demo dibuat"),
    "demo.report_history_seeded": _l("Riwayat laporan demo dibuat"),
    "privacy.exported": _l("Data pribadi diekspor"), "privacy.consent_withdrawn": _l("Persetujuan ditarik (UU 27/2022)"),
    "privacy.anonymised": _l("Data pribadi dianonimkan"),
    "backup.alerted": _l("Peringatan cadangan basis data dikirim"),
    "auth.credentials_changed": _l("Kredensial akun diubah (penandatanganan ditahan)"),
    "auth.credentials_confirmed": _l("Perubahan akun dikonfirmasi dengan passkey"),
    "hiring.interview_cancelled": _l("Wawancara dibatalkan"),
    "hiring.interview_rescheduled": _l("Jadwal wawancara diubah"),
    "hiring.officer_assigned": _l("Petugas ditugaskan"),
    "hiring.placement_ended": _l("Penempatan berakhir"),
    "hiring.seeker_called": _l("Pencari kerja dihubungi lewat telepon"),
    "mou.document_retimestamped": _l("PDF final diberi cap waktu ulang"),
    "mou.previewed": _l("Pratinjau MoU dibuka pejabat"),
    "mou.reinvited": _l("Perusahaan diundang ulang"),
    "mou.retimestamp_failed": _l("Cap waktu ulang PDF gagal"),
    "passkey.enrolled": _l("Passkey didaftarkan"),
    "passkey.removed": _l("Passkey dihapus"),
    "workforce.reminders_sent": _l("Pengingat wajib lapor dikirim"),
    "workforce.report_corrected": _l("Laporan tenaga kerja dikoreksi"),
}
AUDIT_OBJECTS = {
    "User": _l("pengguna"), "Company": _l("perusahaan"), "Agreement": _l("perjanjian MoU"), "MouTemplate": _l("templat MoU"),
    "HiringRequest": _l("permintaan tenaga kerja"), "CandidateProposal": _l("usulan kandidat"),
    "WorkforcePlan": _l("rencana kebutuhan"), "JobSeeker": _l("pencari kerja"), "TrainingProgramme": _l("program pelatihan"),
    "TrainingInstitution": _l("lembaga pelatihan"), "Enrolment": _l("peserta pelatihan"), "Certificate": _l("sertifikat"),
    "GraduateProposalAsk": _l("permintaan usulan"), "ImportBatch": _l("impor"), "Document": _l("dokumen"),
    "Placement": _l("penempatan"), "WorkforcePlanRound": _l("periode rencana kebutuhan"),
    "WorkforcePlanItem": _l("posisi rencana kebutuhan"),
}


def audit_action(code: str) -> str:
    """A recorded action for people: "auth.login" becomes "Masuk"; unknown codes stay as they are."""
    label = AUDIT_ACTIONS.get(code)
    return localised(label) if label is not None else code


@pass_eval_context
def template_gettext(eval_ctx, string: str, /, **variables) -> str:
    """The templates' _() and gettext() with jinja2's newstyle meaning: the translation, marked safe where the
    template autoescapes, always a format string ("75%%" shows "75%"; variables are escaped into it)."""
    catalogue = translations()
    memo = catalogue.__dict__.get("bontang_markup")
    if memo is None:
        memo = catalogue.bontang_markup = {}
    text = memo.get(string) if eval_ctx.autoescape else None
    if text is None:
        text = catalogue.ugettext(string)
        if eval_ctx.autoescape:  # a translator's text is markup, as jinja2's own gettext takes it
            # Remembered with the catalogue (one per language): a page asks for the same texts row after row.
            text = memo[string] = Markup(text)  # noqa: S704  # nosec
    return text % variables if variables or "%" in text else text


def audit_object(object_type: str, object_id: str = "") -> str:
    """The object of an audit event: "User 1" becomes "pengguna #1"."""
    if not object_type:
        return "—"
    label = AUDIT_OBJECTS.get(object_type)
    name = localised(label) if label is not None else object_type
    return f"{name} #{object_id}" if object_id else name


_BUILT: dict = {}  # (script root, endpoint, values) -> path, for template_url_for
_BUILT_MAX = 20_000


def template_url_for(endpoint: str, **values) -> str:
    """The templates' url_for: Flask's, with each relative URL remembered once built.

    A queue page builds some seventy links (a few microseconds each in Flask and werkzeug) and the next view
    builds the same ones. A path depends only on the endpoint, its values and the mount point, as long as no
    url_defaults function adds values (none is registered: then every call goes to Flask). Links with an
    anchor, a method, a scheme or _external, to a blueprint-relative endpoint (".name") or built outside a request
    (mails), are not remembered.
    """
    app, context = _cv_app.get().app, _cv_request.get(None)
    if (context is None or endpoint[:1] == "." or any(key[:1] == "_" for key in values)
            or app.url_default_functions):
        return app.url_for(endpoint, **values)
    try:  # the values in the call's own order: a template line always names them alike
        key = (context.request.script_root, endpoint, tuple(values.items()))
        found = _BUILT.get(key)
    except TypeError:  # an unhashable value (a list of ids): built each time
        return app.url_for(endpoint, **values)
    if found is None:
        found = app.url_for(endpoint, **values)
        if len(_BUILT) >= _BUILT_MAX:
            _BUILT.clear()
        _BUILT[key] = found
    return found


def register(app: Flask) -> None:
    app.jinja_env.globals.update(nav_items=nav_items, nav_labels=NAV_ITEMS, can_open=can_open, Role=Role,
                                 option_tags=option_tags, url_for=template_url_for,
                                 mailbox_enabled=mailbox_enabled,
                                  company_categories=COMPANY_CATEGORIES, category_labels=dict(COMPANY_CATEGORIES))
    app.jinja_env.filters.update(wita=wita, tanggal=tanggal, role_label=role_label, number=number, percent=percent,
                                 audit_action=audit_action, audit_object=audit_object)
    # Reference labels in the page's language: {{ skill.name|ref("skill", skill.code) }},
    # {{ programme.funding|ref("funding") }}, {{ seeker.education_level|ref("education") }},
    # {{ seeker.skills|skill_names("—") }}, {{ cert.scheme|scheme_name }} (bontang/reference.py).
    app.jinja_env.filters.update(ref=reference_label, skill_names=skill_names, scheme_name=scheme_name)
    # The templates' _() and friends, through the remembered catalogue (translations() above).
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
    )
    # _() is the most called function of every page: one call instead of jinja2's three nested ones.
    app.jinja_env.globals.update(_=template_gettext, gettext=template_gettext)
    generate_csrf = app.jinja_env.globals.get("csrf_token")  # flask_wtf's, which keeps the request's token on g
    if generate_csrf is not None:
        field = app.config.get("WTF_CSRF_FIELD_NAME") or "csrf_token"

        def csrf_token() -> str:
            """The request's CSRF token: flask_wtf's generate_csrf(), without its config lookups once made."""
            token = g.get(field)
            return token if token is not None else generate_csrf()

        app.jinja_env.globals["csrf_token"] = csrf_token

        @app.context_processor
        def inject_csrf_token():
            # flask_wtf also puts its generate_csrf into every template's context (which beats the globals);
            # this processor is registered after flask_wtf's, so the context gets this one.
            return {"csrf_token": csrf_token}
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def inject_locale():
        from flask_babel import get_locale

        return {"current_locale": str(get_locale() or "id")}
