"""Fixtures for the reminders tests: a real SMTP server on loopback, and a plan with goals
and check-ins turned on."""

import socket
import threading

import pytest
from aiosmtpd.controller import Controller

from samenplan.plans.models import Goal
from samenplan.plans.tests.conftest import actor_of, other_plan  # noqa: F401
from samenplan.reminders.actions import do_start_check_ins


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(envelope)
        return "250 OK"

    def wait_for(self, count, timeout=5.0):
        """The messages, once `count` have arrived (the server runs in its own thread)."""
        import time

        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.messages

    def bodies(self):
        return [m.content.decode() for m in self.messages]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1, with Django's SMTP backend pointed at it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.SITE_URL = "https://samenplan.example"
    yield inbox
    controller.stop()


@pytest.fixture
def goals(plan, patient):
    return [Goal.objects.create(plan=plan, text="Elke dag 20 minuten wandelen",
                                created_by=patient),
            Goal.objects.create(plan=plan, text="Minder suiker eten", created_by=patient)]


@pytest.fixture
def check_ins(plan, patient, goals):
    return do_start_check_ins(actor_of(patient, plan), "weekly", goals)
