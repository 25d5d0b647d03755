"""The admin audit log reads as sentences, not codes."""
from bontang.accounts.models import Role
from tests.factories import make_user


def test_audit_log_shows_readable_actions_and_objects(client, auth):
    admin = make_user(Role.ADMIN)
    auth.login(admin)
    html = client.get("/admin/audit").get_data(as_text=True)
    row = html[html.index("<tbody>"):]
    assert "Masuk<br><code" in row
    assert f"pengguna #{admin.id}" in row
    assert f"User {admin.id}" not in row


def test_unknown_codes_stay_visible(app):
    from bontang.templating import audit_action, audit_object

    with app.test_request_context():
        assert audit_action("something.new") == "something.new"
        assert audit_object("") == "—"
