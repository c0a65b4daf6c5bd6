from django.urls import reverse

from samenplan.conftest import PASSWORD

from .helpers import log_in

LOGIN = reverse("accounts:login")


def test_it_shows_an_email_field_named_username(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="username"' in content
    assert 'type="email"' in content
    assert "E-mailadres" in content
    assert "utrecht-textbox" in content


def test_it_links_to_the_password_reset(client, db):
    response = client.get(LOGIN)
    assert reverse("accounts:password_reset") in response.content.decode()
    assert "Wachtwoord vergeten?" in response.content.decode()


def test_it_logs_in_and_goes_to_the_start_page(client, patient):
    response = log_in(client, patient)
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:home") == "/"
    assert client.session["_auth_user_id"] == str(patient.pk)


def test_it_accepts_the_address_in_capitals(client, patient):
    response = client.post(LOGIN, {"username": " Patient@Example.org ",
                                   "password": PASSWORD})
    assert response.status_code == 302


def test_it_goes_to_the_page_that_was_asked_for(client, patient):
    response = log_in(client, patient, next="/plan/1/")
    assert response["Location"] == "/plan/1/"


def test_it_does_not_go_to_another_site_after_login(client, patient):
    response = log_in(client, patient, next="https://evil.example/")
    assert response["Location"] == "/"


def test_it_says_when_the_password_is_wrong(client, patient):
    response = log_in(client, patient, password="niet-goed")
    assert response.status_code == 200
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_says_the_same_for_an_unknown_address(client, db):
    response = client.post(LOGIN, {"username": "niemand@example.org", "password": "x"})
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.content.decode()


def test_it_asks_to_fill_in_empty_fields(client, db):
    response = client.post(LOGIN, {"username": "", "password": ""})
    assert "Vul dit in." in response.content.decode()


def test_it_stores_passwords_with_argon2(patient):
    assert patient.password.startswith("argon2")
