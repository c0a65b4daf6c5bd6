from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from samenplan.accounts.models import User

from .helpers import log_in, reset_path

RESET = reverse("accounts:password_reset")
NEW = "Een-nieuw-wachtwoord-77"


def test_it_shows_the_form(client, db):
    response = client.get(RESET)
    assert response.status_code == 200
    assert "E-mailadres" in response.content.decode()


def test_it_sends_an_email_with_a_link(client, patient):
    response = client.post(RESET, {"email": patient.email})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [patient.email]
    assert email.subject == "Maak een nieuw wachtwoord voor Samenplan"
    assert "Beste Anna," in email.body
    assert "De link werkt 2 uur." in email.body
    assert reset_path(email).startswith("/account/wachtwoord-vergeten/")


def test_it_builds_the_link_from_site_url_not_the_host_header(client, patient, settings):
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    settings.SITE_URL = "https://samenplan.example"
    client.post(RESET, {"email": patient.email}, HTTP_HOST="evil.example")
    assert "https://samenplan.example/account/wachtwoord-vergeten/" in mail.outbox[0].body
    assert "evil.example" not in mail.outbox[0].body


def test_it_does_not_tell_whether_an_address_has_an_account(client, db):
    response = client.post(RESET, {"email": "niemand@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_the_link_lets_you_set_a_new_password(client, patient):
    client.post(RESET, {"email": patient.email})
    response = client.get(reset_path(mail.outbox[0]))
    # Django moves the token out of the URL into the session before showing the form.
    form_url = response["Location"]
    assert "Nieuw wachtwoord" in client.get(form_url).content.decode()

    response = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert response["Location"] == reverse("accounts:password_reset_complete")
    assert User.objects.get(pk=patient.pk).check_password(NEW)
    assert SESSION_KEY not in client.session
    assert log_in(client, patient, password=NEW).status_code == 302


def test_the_link_works_only_once(client, patient):
    client.post(RESET, {"email": patient.email})
    path = reset_path(mail.outbox[0])
    form_url = client.get(path)["Location"]
    client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    response = client.get(path, follow=True)
    assert "Deze link werkt niet meer." in response.content.decode()


def test_it_says_when_the_two_passwords_differ(client, patient):
    client.post(RESET, {"email": patient.email})
    form_url = client.get(reset_path(mail.outbox[0]))["Location"]
    response = client.post(form_url, {"new_password1": NEW, "new_password2": NEW + "x"})
    assert "De twee wachtwoorden zijn niet hetzelfde." in response.content.decode()


def test_it_refuses_a_weak_password(client, patient):
    client.post(RESET, {"email": patient.email})
    form_url = client.get(reset_path(mail.outbox[0]))["Location"]
    response = client.post(form_url, {"new_password1": "12345", "new_password2": "12345"})
    assert response.status_code == 200
    assert User.objects.get(pk=patient.pk).check_password("Samenplan-test-2026")
