"""Makkelijk lezen (issue 9): a switch on the account page that the person keeps; with it
on every page is larger and shows a picture with each part, which read-aloud tools skip."""

import re

from django.urls import reverse

from samenplan.accounts.models import User


def test_the_switch_is_kept_on_the_account(patient, as_user):
    client = as_user(patient)
    response = client.post(reverse("accounts:settings"), {"easy_read": "on"})
    assert response.status_code == 302
    assert User.objects.get(pk=patient.pk).easy_read
    page = client.get(reverse("accounts:settings")).content.decode()
    assert re.search(r'<input[^>]*name="easy_read"[^>]*checked', page)
    client.post(reverse("accounts:settings"), {})
    assert not User.objects.get(pk=patient.pk).easy_read


def test_the_class_is_on_the_page_only_when_it_is_on(patient, plan, as_user):
    client = as_user(patient)
    overview = reverse("plans:overview", args=[plan.pk])
    assert "sp-easy-read" not in client.get(overview).content.decode()
    User.objects.filter(pk=patient.pk).update(easy_read=True)
    page = client.get(overview).content.decode()
    assert re.search(r'<html[^>]*class="[^"]*sp-easy-read', page)


def test_each_part_has_an_icon_with_an_empty_alt(patient, plan, as_user):
    User.objects.filter(pk=patient.pk).update(easy_read=True)
    page = as_user(patient).get(reverse("plans:overview", args=[plan.pk])).content.decode()
    icons = re.findall(r'<img class="sp-icon"[^>]*>', page)
    nav = re.search(r'<nav class="sp-plannav".*?</nav>', page, re.S).group(0)
    assert nav.count('class="sp-icon"') == nav.count("<li>")
    assert len(icons) > nav.count("<li>")  # the section headings have one too
    assert all('alt=""' in icon for icon in icons)


def test_without_it_there_are_no_icons(patient, plan, as_user):
    page = as_user(patient).get(reverse("plans:overview", args=[plan.pk])).content.decode()
    assert "sp-icon" not in page
