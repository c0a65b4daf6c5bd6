"""Mail header injection: the patient's name goes into the subject of an invitation. A
line break in it (a crafted POST can send one in a one-line field) must not add a header
(a Bcc to someone else), and must not stop the invitation either."""

from django.core import mail
from django.urls import reverse

from samenplan.conftest import client_for
from samenplan.plans.models import Invitation, Profile

from .attempts import leaked, tried

PART = "mail header injection"
NAME = "Anna\r\nBcc: evil@attack.example"


def invite(world):
    Profile.objects.filter(plan=world.plan).update(name=NAME)
    client = client_for(world.patient)
    client.raise_request_exception = False
    return client.post(reverse("plans:members", args=[world.plan.pk]),
                       {"name": "Piet", "email": "piet@attack.example", "role": "naaste"})


def test_a_line_break_in_the_name_adds_no_mail_header(world):
    tried(PART)
    invite(world)
    # The headers: what comes before the first empty line (the name may be in the text).
    headers = [m.message().as_string().split("\n\n", 1)[0] for m in mail.outbox]
    if any("\nBcc:" in h for h in headers) or any(m.bcc for m in mail.outbox):
        leaked(PART)
    assert headers and not any("\nBcc:" in h for h in headers)
    assert [m.recipients() for m in mail.outbox] == [["piet@attack.example"]]


def test_a_line_break_in_the_name_does_not_stop_the_invitation(world):
    response = invite(world)
    assert response.status_code == 302
    assert Invitation.objects.filter(email="piet@attack.example").exists()
    (message,) = mail.outbox
    assert "\n" not in message.subject
