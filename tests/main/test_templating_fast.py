"""The template filters and helpers written for speed give exactly what flask_babel gives."""
from datetime import datetime, timedelta, timezone

from flask import render_template_string
from flask_babel import force_locale, format_date, format_datetime, format_decimal, format_percent, gettext

from bontang.accounts.models import Role
from bontang.templating import nav_items, number, percent, tanggal, translations, wita
from tests.factories import make_user

MOMENTS = [datetime(2025, 1, 1, 0, 0), datetime(2024, 12, 31, 16, 0), datetime(2025, 5, 31, 23, 59, 59),
           datetime(999, 3, 4, 5, 6), datetime(2026, 2, 28, 15, 30)] + [
    datetime(2025, 1, 1) + timedelta(days=d, minutes=d * 37) for d in range(0, 400, 7)]


def test_wita_and_tanggal_match_babel_in_both_languages(app):
    with app.test_request_context():
        for locale in ("id", "en"):
            with force_locale(locale):
                for moment in MOMENTS:
                    assert wita(moment) == f"{format_datetime(moment, 'd MMM yyyy HH:mm')} WITA"
                    assert wita(moment.replace(tzinfo=timezone.utc)) == \
                        f"{format_datetime(moment.replace(tzinfo=timezone.utc), 'd MMM yyyy HH:mm')} WITA"
                    assert wita(moment, "d MMM yyyy") == f"{format_datetime(moment, 'd MMM yyyy')} WITA"
                    day = moment.date()
                    assert tanggal(day) == format_date(day, "d MMMM yyyy")
                    assert tanggal(day, "d MMM yyyy") == format_date(day, "d MMM yyyy")
                    assert tanggal(moment) == format_date(moment, "d MMMM yyyy")
        assert wita(None) == "" and tanggal(None) == ""
    assert wita(datetime(2025, 1, 1, 0, 0)) == "1 Jan 2025 08:00 WITA"  # outside a request: the default locale


def test_numbers_match_babel_in_both_languages(app):
    values = [0, 1, -1, 0.0, -0.0, 1234.5, 1234.56, -0.04, 10**9, 66.666, 83.9, 100]
    with app.test_request_context():
        for locale in ("id", "en"):
            with force_locale(locale):
                for value in values * 2:  # the second time from the memo
                    assert number(value) == format_decimal(value, "#,##0.#")
                    assert number(value, "#,##0") == format_decimal(value, "#,##0")
                    assert percent(value) == format_percent(value / 100, "#,##0.#%")
        with force_locale("id"):
            assert number(1234.5) == "1.234,5" and number(None) == "–"
        with force_locale("en"):
            assert number(1234.5) == "1,234.5" and percent(83.9) == "83.9%"


def test_template_translations_follow_force_locale(app):
    with app.test_request_context():
        assert translations() is translations()
        before = render_template_string('{{ _("Keluar") }}')
        with force_locale("en"):
            assert render_template_string('{{ _("Keluar") }}') == gettext("Keluar") == "Log out"
        assert render_template_string('{{ _("Keluar") }}') == before == "Keluar"


def test_menu_follows_role_language_and_page(client, auth):
    staff = make_user(Role.STAFF)
    auth.login(staff)
    html = client.get("/mou").get_data(as_text=True)
    assert 'href="/mou" aria-current="page">MoU</a>' in html
    assert "Pencari kerja" in html and "Log audit" not in html
    client.post("/bahasa", data={"locale": "en"})
    html_en = client.get("/pencari-kerja").get_data(as_text=True)
    assert 'aria-current="page">Job seekers</a>' in html_en
    assert 'href="/mou" aria-current' not in html_en


def test_menu_items_are_those_the_role_may_open(app):
    admin = make_user(Role.ADMIN)
    with app.test_request_context("/admin/audit"):
        from flask_login import login_user

        login_user(admin)
        menu = nav_items()
        labels = [str(item["label"]) for item in menu["primary"] + menu["secondary"]]
        assert "Log audit" in labels and len(labels) == len(set(labels))
        assert menu["secondary_active"]


TEMPLATE_CALLS = ['{{ _("Keluar") }}', '{{ gettext("Keluar") }}', '{{ _("minimal 75%%") }}',
                  '{{ _("Usulan %(name)s ditarik; perusahaan diberi tahu.", name=who) }}',
                  '{{ _("Porsi lokal penempatan (target %(t)d%%)", t=75) }}', '{% trans %}Keluar{% endtrans %}',
                  '{% trans n=who %}Usulan {{ n }} ditarik; perusahaan diberi tahu.{% endtrans %}']


def test_template_gettext_means_what_jinja2_newstyle_gettext_means(app):
    """The one-call _() gives jinja2's own newstyle result: escaped variables, %% as %, both languages,
    in templates that autoescape and in those that do not (mail text)."""
    from jinja2 import Environment
    from jinja2.ext import i18n

    with app.test_request_context():
        for autoescape in (True, False):
            reference = Environment(extensions=[i18n], autoescape=autoescape)  # noqa: S701 - both modes compared
            reference.install_gettext_callables(lambda s: translations().ugettext(s),
                                                lambda s, p, n: translations().ungettext(s, p, n), newstyle=True)
            ours = app.jinja_env.overlay(autoescape=autoescape)
            for locale in ("id", "en"):
                with force_locale(locale):
                    for source in TEMPLATE_CALLS:
                        expected = reference.from_string(source).render(who="<b>Ani & Co</b>")
                        assert ours.from_string(source).render(who="<b>Ani & Co</b>") == expected, source
        with force_locale("en"):
            html = render_template_string(TEMPLATE_CALLS[3], who="<b>Ani</b>")
        assert "&lt;b&gt;Ani&lt;/b&gt;" in html and "<b>" not in html and "withdrawn" in html.lower()
        assert render_template_string(TEMPLATE_CALLS[2]) == "minimal 75%"


def test_templates_csrf_token_is_the_fast_one_and_gives_flask_wtfs_token(app):
    """flask_wtf puts its generate_csrf into every template's context; the templates must see the wrapper that reads
    the request's token back (a queue page asks for it twice per row), and get the same token."""
    from flask_wtf.csrf import generate_csrf

    with app.test_request_context("/"):
        fast = app.jinja_env.globals["csrf_token"]
        assert fast is not generate_csrf
        assert render_template_string("{{ csrf_token is sameas fast }}", fast=fast) == "True"
        assert render_template_string("{{ csrf_token() }}") == generate_csrf() == fast()


def test_template_url_for_gives_flasks_url_for_under_every_mount(app):
    from flask import url_for

    from bontang.templating import template_url_for

    calls = [("hiring.detail", {"request_id": 7}), ("hiring.detail", {"request_id": 8}), ("hiring.queue", {}),
             ("hiring.candidates", {"request_id": 7, "hal": 2, "cari": None}), ("hiring.queue", {"q": "las & <b>"}),
             ("hiring.detail", {"request_id": 7, "_anchor": "kandidat"}), ("static", {"filename": "app.css"}),
             ("hiring.queue", {"status": ["a", "b"]})]
    for mount in ("", "/portal", "/kota/bontang"):
        for _ in range(2):  # the second round reads what the first remembered
            with app.test_request_context("/kelola/permintaan", base_url=f"http://localhost{mount}/"):
                assert url_for("hiring.queue").startswith(f"{mount}/")
                for endpoint, values in calls:
                    assert template_url_for(endpoint, **values) == url_for(endpoint, **values), (mount, endpoint)
    with app.test_request_context("/", base_url="http://localhost/portal/"):
        html = render_template_string("{{ url_for('hiring.detail', request_id=3) }}")
        assert html == "/portal/permintaan/3"
