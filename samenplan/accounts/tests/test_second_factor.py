"""Providers must enter a code from an authenticator app after their password; others may
choose to."""

from base64 import b32encode

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from samenplan.accounts.actions import do_set_totp_device
from samenplan.conftest import client_for

from .helpers import code_for, log_in, wrong_code_for

DEMO_KEY = "48656c6c6f21deadbeef48656c6c6f21deadbeef"
VERIFY = reverse("accounts:verify")
SETUP = reverse("accounts:setup")


def logged_in_with_password(user):
    client = Client()
    assert log_in(client, user).status_code == 302
    return client


# A provider without an app


def test_a_provider_without_an_app_is_sent_to_set_up(provider):
    client = logged_in_with_password(provider)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == SETUP + "?next=%2F"


def test_a_provider_without_an_app_cannot_open_any_other_page(provider, plan):
    client = logged_in_with_password(provider)
    for url in ["/", reverse("plans:overview", args=[plan.pk]), reverse("accounts:settings"),
                reverse("accounts:password_change")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(SETUP), url


def test_the_set_up_page_shows_the_secret_and_a_qr_code(provider):
    client = logged_in_with_password(provider)
    response = client.get(SETUP)
    assert response.status_code == 200
    content = response.content.decode()
    device = TOTPDevice.objects.get(user=provider)
    assert not device.confirmed
    assert 'src="data:image/svg+xml;base64,' in content
    secret = response.context["secret"]
    assert secret in content
    assert all(len(group) == 4 for group in secret.split(" "))
    assert secret.replace(" ", "") == b32encode(device.bin_key).decode()


def test_reloading_the_set_up_page_keeps_the_same_secret(provider):
    client = logged_in_with_password(provider)
    first = client.get(SETUP).context["secret"]
    assert client.get(SETUP).context["secret"] == first
    assert TOTPDevice.objects.filter(user=provider).count() == 1


def test_a_valid_code_confirms_the_app_and_lets_the_provider_in(provider):
    client = logged_in_with_password(provider)
    client.get(SETUP + "?next=/")
    device = TOTPDevice.objects.get(user=provider)
    response = client.post(SETUP + "?next=/", {"code": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.session["otp_device_id"] == device.persistent_id
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_a_wrong_code_does_not_confirm_the_app(provider):
    client = logged_in_with_password(provider)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=provider)
    response = client.post(SETUP, {"code": wrong_code_for(device)})
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


# A provider with an app


def test_a_provider_with_an_app_is_asked_for_a_code(provider):
    do_set_totp_device(provider, DEMO_KEY)
    client = logged_in_with_password(provider)
    response = client.get("/")
    assert response["Location"] == VERIFY + "?next=%2F"
    response = client.get(VERIFY)
    assert response.status_code == 200
    assert "Voer uw code in" in response.content.decode()


def test_a_valid_code_lets_the_provider_in(provider, plan):
    device = do_set_totp_device(provider, DEMO_KEY)
    client = logged_in_with_password(provider)
    next_url = reverse("plans:overview", args=[plan.pk])
    response = client.post(f"{VERIFY}?next={next_url}", {"code": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == next_url
    assert client.session["otp_device_id"] == device.persistent_id
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_a_code_with_a_space_is_accepted(provider):
    device = do_set_totp_device(provider, DEMO_KEY)
    client = logged_in_with_password(provider)
    code = code_for(device)
    response = client.post(VERIFY, {"code": f"{code[:3]} {code[3:]}"})
    assert response["Location"] == "/"


def test_after_the_code_it_does_not_go_to_another_site(provider):
    device = do_set_totp_device(provider, DEMO_KEY)
    client = logged_in_with_password(provider)
    response = client.post(VERIFY + "?next=https://evil.example/", {"code": code_for(device)})
    assert response["Location"] == "/"


def test_a_wrong_code_shows_an_error(provider):
    device = do_set_totp_device(provider, DEMO_KEY)
    client = logged_in_with_password(provider)
    response = client.post(VERIFY, {"code": wrong_code_for(device)})
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()
    assert client.get("/")["Location"].startswith(VERIFY)


def test_a_code_that_is_not_6_digits_shows_an_error(provider):
    do_set_totp_device(provider, DEMO_KEY)
    client = logged_in_with_password(provider)
    response = client.post(VERIFY, {"code": "12ab"})
    assert "Vul de 6 cijfers in die u nu in uw app ziet." in response.content.decode()


def test_after_wrong_codes_it_makes_you_wait(provider):
    device = do_set_totp_device(provider, DEMO_KEY)
    client = logged_in_with_password(provider)
    client.post(VERIFY, {"code": wrong_code_for(device)})
    response = client.post(VERIFY, {"code": code_for(device)})
    assert "De code klopte te vaak niet." in response.content.decode()
    assert client.get("/")["Location"].startswith(VERIFY)


def test_a_code_cannot_be_used_twice(provider):
    device = do_set_totp_device(provider, DEMO_KEY)
    code = code_for(device)
    assert logged_in_with_password(provider).post(VERIFY, {"code": code}).status_code == 302
    response = logged_in_with_password(provider).post(VERIFY, {"code": code})
    assert "Deze code klopt niet." in response.content.decode()


def test_knowing_the_password_is_not_enough_to_replace_the_app(provider):
    do_set_totp_device(provider, DEMO_KEY)
    client = logged_in_with_password(provider)
    response = client.get(SETUP)
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=provider, confirmed=False).count() == 0


def test_an_unconfirmed_app_does_not_count(provider):
    do_set_totp_device(provider, DEMO_KEY, confirmed=False)
    client = logged_in_with_password(provider)
    assert client.get("/")["Location"].startswith(SETUP)


def test_the_test_helper_logs_a_provider_in_with_the_second_factor(provider):
    assert client_for(provider).get(reverse("accounts:settings")).status_code == 200


# A new phone


def test_a_verified_provider_can_move_to_a_new_phone(provider):
    old = do_set_totp_device(provider, DEMO_KEY)
    client = logged_in_with_password(provider)
    client.post(VERIFY, {"code": code_for(old)})
    response = client.get(SETUP)
    assert response.status_code == 200
    assert "nieuwe telefoon" in response.content.decode()
    new = TOTPDevice.objects.get(user=provider, confirmed=False)
    # Until the new phone is confirmed, the old one keeps working.
    assert TOTPDevice.objects.filter(pk=old.pk, confirmed=True).exists()
    response = client.post(SETUP, {"code": code_for(new)})
    assert response["Location"] == reverse("accounts:settings")
    assert list(TOTPDevice.objects.filter(user=provider)) == [new]


# Others


def test_a_patient_is_not_asked_for_a_code(patient):
    client = logged_in_with_password(patient)
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 200
    assert "Deze staat uit." in response.content.decode()


def test_a_patient_can_choose_to_set_up_an_app(patient):
    client = logged_in_with_password(patient)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=patient)
    response = client.post(SETUP, {"code": code_for(device)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:settings")
    assert "Deze staat aan." in response.content.decode()


def test_a_patient_with_an_app_is_asked_for_a_code(patient):
    device = do_set_totp_device(patient, DEMO_KEY)
    client = logged_in_with_password(patient)
    assert client.get(reverse("accounts:settings"))["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": code_for(device)})
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_the_code_page_sends_someone_without_an_app_to_set_up(provider):
    client = logged_in_with_password(provider)
    assert client.get(VERIFY + "?next=/x/")["Location"] == SETUP + "?next=%2Fx%2F"


def test_the_code_pages_require_login(client, db):
    for url in [VERIFY, SETUP]:
        assert client.get(url)["Location"].startswith(reverse("accounts:login"))
