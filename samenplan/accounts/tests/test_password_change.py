from django.urls import reverse

from samenplan.accounts.models import User
from samenplan.conftest import PASSWORD

CHANGE = reverse("accounts:password_change")
NEW = "Een-nieuw-wachtwoord-77"


def test_it_requires_login(client, db):
    response = client.get(CHANGE)
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_changes_the_password_and_keeps_you_logged_in(patient, as_user):
    client = as_user(patient)
    response = client.post(CHANGE, {"old_password": PASSWORD, "new_password1": NEW,
                                    "new_password2": NEW}, follow=True)
    assert response.redirect_chain[0][0] == reverse("accounts:settings")
    assert "Uw wachtwoord is veranderd." in response.content.decode()
    assert User.objects.get(pk=patient.pk).check_password(NEW)


def test_it_says_when_the_current_password_is_wrong(patient, as_user):
    response = as_user(patient).post(CHANGE, {"old_password": "fout", "new_password1": NEW,
                                              "new_password2": NEW})
    assert "Uw huidige wachtwoord klopt niet." in response.content.decode()


def test_a_provider_keeps_the_second_factor_after_changing_it(provider, as_user):
    client = as_user(provider)
    client.post(CHANGE, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert client.get(reverse("accounts:settings")).status_code == 200
