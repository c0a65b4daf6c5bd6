"""Every account page works without JavaScript and within our Content-Security-Policy."""

import re

import pytest
from django.urls import reverse

from samenplan.accounts.actions import do_set_totp_device
from samenplan.conftest import client_for

from .helpers import log_in

PUBLIC = ["accounts:login", "accounts:password_reset", "accounts:password_reset_done",
          "accounts:password_reset_complete"]
PRIVATE = ["accounts:settings", "accounts:password_change", "accounts:setup"]


def check(response):
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert not re.search(r"\sstyle=|<style|<script|\son[a-z]+=", content)
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_have_a_heading_and_no_inline_code(client, db, name):
    check(client.get(reverse(name)))


@pytest.mark.parametrize("name", PRIVATE)
def test_account_pages_have_a_heading_and_no_inline_code(provider, name):
    check(client_for(provider).get(reverse(name)))


def test_the_code_page_has_a_heading_and_no_inline_code(provider, client):
    do_set_totp_device(provider, "00" * 20)
    log_in(client, provider)
    check(client.get(reverse("accounts:verify")))


def test_the_settings_page_shows_name_and_email(patient):
    content = client_for(patient).get(reverse("accounts:settings")).content.decode()
    assert "Anna de Vries" in content
    assert "patient@example.org" in content
    assert reverse("accounts:password_change") in content
