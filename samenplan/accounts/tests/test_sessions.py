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
