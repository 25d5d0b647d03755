"""Login limits: per account, per account and address, a higher per-address ceiling; only failures count."""
from tests import factories


def _login(client, email, password, address="10.0.0.1"):
    return client.post("/masuk", data={"email": email, "password": password},
                       environ_overrides={"REMOTE_ADDR": address})


def test_one_address_gets_five_wrong_passwords_per_account(client):
    user = factories.make_user("staff")
    answers = [_login(client, user.email, "salah").status_code for _ in range(7)]
    assert answers == [422] * 5 + [429, 429]


def test_an_account_gets_ten_wrong_passwords_from_all_addresses(client):
    user = factories.make_user("staff")
    answers = [_login(client, user.email, "salah", f"10.0.1.{i % 4}").status_code for i in range(15)]
    assert answers.count(422) == 10 and answers[10:] == [429] * 5
    assert "Terlalu banyak percobaan" in _login(client, user.email, "salah", "10.0.9.9").get_data(as_text=True)


def test_successful_logins_of_an_office_do_not_count(client, app):
    app.config["LOGIN_ADDRESS_LIMIT"] = "8 per minute"
    try:
        users = [factories.make_user("company_hr") for _ in range(12)]
        for user in users:  # 12 colleagues behind one address: more than its ceiling of 8
            assert _login(app.test_client(), user.email, factories.PASSWORD, "10.0.2.1").status_code == 303
    finally:
        app.config["LOGIN_ADDRESS_LIMIT"] = "60 per minute"


def test_the_address_ceiling_holds_across_accounts(client, app):
    app.config["LOGIN_ADDRESS_LIMIT"] = "8 per minute"
    try:
        answers = [_login(client, f"orang{i}@example.com", "salah", "10.0.3.1").status_code for i in range(10)]
    finally:
        app.config["LOGIN_ADDRESS_LIMIT"] = "60 per minute"
    assert answers == [422] * 8 + [429, 429]
    assert _login(client, "orang0@example.com", "salah", "10.0.3.2").status_code == 422  # another address
