"""Reflected XSS: what is sent to a page in the query or in a form, and comes back on the
answer page (a filter, a `next` address, a form with an error in it), comes back as text.

Every form of the site that posts to its own page (from the URL conf) is sent with a
payload in every field (a text where a choice, a date or a number is expected gives an
error message that may repeat it), as the patient, a provider and someone not logged in.
Every URL of the site is read with a payload in the query parameters the site reads in
test_csrf_and_safe_methods.py, together with the check that a GET changes nothing."""

import pytest
from django.test import Client

from samenplan.conftest import client_for

from .attempts import leaked, tried
from .world import NOT_EDITS, PAYLOAD, REFLECTED, forms_on, site_urls, unsafe


def client_of(world, who):
    return Client() if who == "anonymous" else client_for(getattr(world, who))


@pytest.mark.parametrize("who", ["patient", "provider", "anonymous"])
def test_no_form_field_comes_back_unescaped(world, who):
    client = client_of(world, who)
    found, sent = [], 0
    for name, params in site_urls():
        if name in NOT_EDITS:
            continue
        url = world.url(name, params)
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        for form in forms_on(response.content.decode()):
            if form["method"] != "post" or form["action"] not in ("", url):
                continue
            names = set(form["names"]) - {"csrfmiddlewaretoken"}
            answer = client.post(url, dict.fromkeys(names, PAYLOAD))
            sent += 1
            tried(REFLECTED, len(names))
            assert answer.status_code < 500, name
            if problems := unsafe(answer):
                leaked(REFLECTED, len(problems))
                found.append((name, problems))
    assert sent >= {"patient": 15, "provider": 10, "anonymous": 2}[who]
    assert found == []
