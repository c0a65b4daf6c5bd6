from django.contrib.messages import get_messages
from django.urls import reverse

from samenplan.conftest import client_for

from .helpers import log_in

LOGOUT = reverse("accounts:logout")


def test_it_does_not_log_out_on_get(patient):
    client = client_for(patient)
    assert client.get(LOGOUT).status_code == 405
    assert "_auth_user_id" in client.session


def test_it_logs_out_on_post_and_says_so(patient):
    client = client_for(patient)
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["U bent uitgelogd."]


def test_it_shows_the_message_on_the_login_page(patient):
    client = client_for(patient)
    response = client.post(LOGOUT, follow=True)
    assert "U bent uitgelogd." in response.content.decode()


def test_it_lets_a_provider_log_out_before_entering_a_code(client, provider):
    assert log_in(client, provider).status_code == 302
    response = client.post(LOGOUT)
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
