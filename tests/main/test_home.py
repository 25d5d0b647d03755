"""Home pages show what needs each role's attention now, with counts and the next action."""
from bontang.accounts.models import Role
from tests.factories import make_company, make_user
from tests.hiring.factories import make_request
from tests.mou.factories import make_invited, make_official, make_signed


def _attention(client) -> str:
    html = client.get("/").get_data(as_text=True)
    return html[html.index('id="attention-title"'):html.index("Pintasan") if "Pintasan" in html else None]


def test_staff_see_requests_waiting_for_verification(client, auth):
    company = make_company()
    hr = make_user(Role.COMPANY_HR, company=company)
    for _ in range(3):
        make_request(company, actor=hr, state="submitted")
    make_request(company, actor=hr)  # a draft is not Disnaker's business yet
    auth.login(make_user(Role.STAFF))
    text = _attention(client)
    assert '<span class="attention__count">3</span> permintaan tenaga kerja menunggu verifikasi' in text
    assert "/kelola/permintaan?status=submitted" in text


def test_representative_is_asked_to_sign_and_hr_is_told_who_signs(client, auth):
    agreement, rep = make_invited()
    auth.login(rep)
    text = _attention(client)
    assert "MoU Anda menunggu tanda tangan" in text and "Baca dan tandatangani" in text
    auth.logout()
    auth.login(make_user(Role.COMPANY_HR, company=agreement.company))
    text = _attention(client)
    assert "menunggu tanda tangan wakil perusahaan" in text and "Baca dan tandatangani" not in text


def test_official_sees_the_countersigning_queue(client, auth):
    official = make_official()
    make_signed()
    make_signed()
    auth.login(official)
    assert '<span class="attention__count">2</span> MoU menunggu tanda tangan Anda' in _attention(client)


def test_nothing_waiting_says_so_and_zero_counts_are_left_out(client, auth):
    auth.login(make_user(Role.COMPANY_HR, company=make_company()))
    text = _attention(client)
    assert "Tidak ada yang menunggu tindakan Anda saat ini." in text
    assert 'class="attention__count">0<' not in text


def test_numbers_follow_the_chosen_language(app):
    from flask_babel import force_locale

    from bontang.templating import number, percent

    with app.test_request_context():
        with force_locale("id"):
            assert (number(1234.5), percent(83.94), percent(100.0)) == ("1.234,5", "83,9%", "100%")
        with force_locale("en"):
            assert (number(1234.5), percent(83.94)) == ("1,234.5", "83.9%")
