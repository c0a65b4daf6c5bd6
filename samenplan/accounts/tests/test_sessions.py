from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from samenplan.conftest import client_for


def test_a_session_lasts_30_minutes_and_ends_when_the_browser_closes(patient):
    client = client_for(patient)
    response = client.get(reverse("accounts:settings"))
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert response.wsgi_request.session.get_expiry_age() == 30 * 60
    assert response.wsgi_request.session.get_expire_at_browser_close()
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert cookie["httponly"]


def test_every_request_extends_the_session(patient):
    client = client_for(patient)
    session = Session.objects.get()
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))
    client.get(reverse("accounts:settings"))
    expires = Session.objects.get(pk=session.pk).expire_date
    assert expires > timezone.now() + timedelta(minutes=29)


def test_after_30_minutes_without_activity_you_must_log_in_again(patient):
    client = client_for(patient)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_provider_is_logged_out_after_15_minutes_without_activity(provider):
    client = client_for(provider)
    assert client.get(reverse("accounts:settings")).status_code == 200
    session = client.session
    session["samenplan_last_seen"] -= 15 * 60 + 1
    session.save()
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert client.get(reverse("accounts:settings")).status_code == 302  # really logged out


def test_a_provider_who_keeps_working_stays_logged_in(provider):
    client = client_for(provider)
    client.get(reverse("accounts:settings"))
    session = client.session
    session["samenplan_last_seen"] -= 14 * 60
    session.save()
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_a_patient_may_be_idle_longer_than_a_provider(patient):
    client = client_for(patient)
    client.get(reverse("accounts:settings"))
    session = client.session
    session["samenplan_last_seen"] = 0  # never looked at for someone who is not a provider
    session.save()
    assert client.get(reverse("accounts:settings")).status_code == 200
