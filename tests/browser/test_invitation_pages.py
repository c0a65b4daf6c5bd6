"""Invitation pages in a real browser: joining with a new account, and saying no to a
plan. These pages are reached from an e-mail, not by links, so the crawl misses them."""

import re

from django.core import mail
from playwright.sync_api import expect

from samenplan.plans.models import Plan

from .conftest import axe_violations, log_in


def link_in(message):
    return re.search(r"https?://\S+/uitnodiging/\S+/", message.body).group(0)


def path_of(url):
    return "/" + url.split("/", 3)[3]


def test_an_invited_naaste_makes_an_account_and_joins(demo, new_page):
    anna = log_in(new_page(), "anna@example.org")
    anna.goto(anna.url.rstrip("/") + "/wie-doen-mee/")
    anna.get_by_label("Naam").fill("Joost de Vries")
    anna.get_by_label("E-mailadres").fill("joost@example.org")
    anna.get_by_label("Een naaste (familie, vriend of mantelzorger)").check()
    anna.get_by_label("Relatie of beroep").fill("zoon")
    anna.get_by_role("button", name="Uitnodiging sturen").click()
    expect(anna.get_by_text("De uitnodiging is verstuurd naar joost@example.org.")).to_be_visible()

    joost = new_page(width=320)
    joost.goto(path_of(link_in(mail.outbox[-1])))
    expect(joost.get_by_role("heading", name="Meedoen met het plan van Anna de Vries")
           ).to_be_visible()
    assert axe_violations(joost) == []
    joost.get_by_role("button", name="Account maken en meedoen").click()
    expect(joost.get_by_text("Vul dit in.").first).to_be_visible()
    assert axe_violations(joost) == []
    joost.get_by_label("Kies een wachtwoord").fill("Een-lang-wachtwoord-2026")
    joost.get_by_label("Typ het wachtwoord nog een keer").fill("Een-lang-wachtwoord-2026")
    joost.get_by_role("button", name="Account maken en meedoen").click()
    expect(joost.get_by_text("U doet nu mee met het plan van Anna de Vries.")).to_be_visible()
    assert joost.evaluate("document.documentElement.scrollWidth") <= 320


def test_an_invited_patient_may_say_no(demo, new_page):
    karin = log_in(new_page(), "karin@example.org")
    karin.goto("/plan/nieuw/")
    assert axe_violations(karin) == []
    karin.get_by_label("Naam van de patiënt").fill("Gerrit Mulder")
    karin.get_by_label("E-mailadres van de patiënt").fill("gerrit@example.org")
    karin.get_by_role("button", name="Plan starten en uitnodiging sturen").click()
    expect(karin.get_by_text("Gerrit Mulder heeft de uitnodiging nog niet aangenomen")
           ).to_be_visible()

    gerrit = new_page()
    gerrit.goto(path_of(link_in(mail.outbox[-1])))
    expect(gerrit.get_by_role("heading", name="Uw eigen plan")).to_be_visible()
    gerrit.get_by_role("link", name="Ik wil nu liever geen plan").click()
    assert axe_violations(gerrit) == []
    gerrit.get_by_label("Ik wil nu niet veel met mijn ziekte bezig zijn").check()
    gerrit.get_by_role("button", name="Ik wil nu geen plan").click()
    expect(gerrit.get_by_role("heading", name="Uw keuze is bewaard")).to_be_visible()
    assert axe_violations(gerrit) == []

    karin.reload()
    expect(karin.get_by_text("Gerrit Mulder wil nu liever geen plan.")).to_be_visible()
    assert Plan.objects.get(profile__name="Gerrit Mulder").decline_reason == "not_busy"
