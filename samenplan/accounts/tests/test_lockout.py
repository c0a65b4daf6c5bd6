import logging

from django.conf import settings
from django.core import mail
from django.urls import reverse

from .helpers import log_in, reset_path


def fail(client, user, times):
    return [log_in(client, user, password="fout-wachtwoord") for _ in range(times)]


def test_it_locks_out_after_the_failure_limit(client, patient):
    assert settings.AXES_FAILURE_LIMIT == 5
    responses = fail(client, patient, 5)
    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert responses[4].status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in responses[4].templates]


def test_it_refuses_even_the_right_password_when_locked_out(client, patient):
    fail(client, patient, 5)
    response = log_in(client, patient)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_locked_out_page_says_when_to_try_again_and_links_to_reset(client, patient):
    response = fail(client, patient, 5)[-1]
    content = response.content.decode()
    assert "<h1" in content
    assert "Probeer het over 30 minuten opnieuw." in content
    assert reverse("accounts:password_reset") in content


def test_it_counts_addresses_in_capitals_as_the_same_person(client, patient):
    for _ in range(4):
        log_in(client, patient, password="fout")
    response = client.post(reverse("accounts:login"),
                           {"username": patient.email.upper(), "password": "fout"})
    assert response.status_code == 429


def test_it_does_not_lock_out_someone_else(client, patient, outsider):
    fail(client, patient, 5)
    assert log_in(client, outsider).status_code == 302


def test_a_successful_login_resets_the_count(client, patient):
    fail(client, patient, 4)
    assert log_in(client, patient).status_code == 302
    client.post(reverse("accounts:logout"))
    assert fail(client, patient, 4)[-1].status_code == 200


def test_a_new_password_ends_the_lock_out(client, patient):
    fail(client, patient, 5)
    client.post(reverse("accounts:password_reset"), {"email": patient.email})
    form_url = client.get(reset_path(mail.outbox[0]))["Location"]
    new = "Een-nieuw-wachtwoord-77"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    assert log_in(client, patient, password=new).status_code == 302


def test_a_lock_out_is_logged_without_the_email_address(client, patient, caplog):
    # The address is in the database (axes' attempts), not in the log.
    with caplog.at_level(logging.INFO, logger="axes"):
        for _ in range(5):
            log_in(client, patient, password="fout-wachtwoord")
    assert "Locking out" in caplog.text
    assert "127.0.0.1" in caplog.text
    assert patient.email not in caplog.text
