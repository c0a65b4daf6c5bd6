"""'Wat is er veranderd': every change keeps who, when and the previous value, and the plan
shows when it was last changed and by whom (M1)."""

import re

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from samenplan.plans.models import Goal


def text_of(response):
    """The page as it reads, tags left out."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def add_goal(client, plan, text):
    response = client.post(reverse("plans:add_goal", args=[plan.pk]), {"text": text})
    assert response.status_code == 302
    return Goal.objects.get(plan=plan, text=text)


def test_it_shows_the_old_and_new_text_and_who_changed_it(plan, patient, naaste, as_user):
    goal = add_goal(as_user(patient), plan, "Weer naar de markt lopen")
    before = timezone.now()

    response = as_user(naaste).post(reverse("plans:edit_goal", args=[plan.pk, goal.pk]), {
        "text": "Elke zaterdag naar de markt lopen", "status": "active"})
    assert response.status_code == 302

    history = as_user(patient).get(reverse("plans:history", args=[plan.pk]))
    change = history.context["entries"][0]
    assert change.who == "Sanne de Vries"
    assert change.kind == "veranderd"
    assert change.when >= before
    assert [(c.label, c.old, c.new) for c in change.changes] == [
        ("Mijn doel", "Weer naar de markt lopen", "Elke zaterdag naar de markt lopen")]
    # The page reads: what, who, and the text before and after.
    text = text_of(history)
    assert "Sanne de Vries" in text
    assert ("Mijn doel: eerst Weer naar de markt lopen → nu Elke zaterdag naar de markt lopen"
            in text)
    # The first version is still there, by the patient.
    added = [e for e in history.context["entries"] if e.kind == "toegevoegd"
             and e.what == "Doel: Weer naar de markt lopen"]
    assert [e.who for e in added] == ["Anna de Vries"]


def test_it_keeps_every_version_of_a_profile(plan, patient, naaste, as_user):
    edit = reverse("plans:edit_profile", args=[plan.pk])
    as_user(patient).post(edit, {"name": "Anna de Vries", "phone": "06 1234 5678",
                                  "pronoun": "name"})
    as_user(naaste).post(edit, {"name": "Anna de Vries", "phone": "06 8765 4321",
                                 "pronoun": "name"})

    history = as_user(patient).get(reverse("plans:history", args=[plan.pk]))

    phones = [(e.who, c.old, c.new) for e in history.context["entries"] for c in e.changes
              if c.label == "Telefoon"]
    assert phones == [("Sanne de Vries", "06 1234 5678", "06 8765 4321"),
                      ("Anna de Vries", "—", "06 1234 5678")]


def test_it_leaves_saves_without_a_change_out(plan, patient, as_user):
    goal = add_goal(as_user(patient), plan, "Weer naar de markt lopen")
    as_user(patient).post(reverse("plans:edit_goal", args=[plan.pk, goal.pk]), {
        "text": "Weer naar de markt lopen", "status": "active"})

    history = as_user(patient).get(reverse("plans:history", args=[plan.pk]))

    about_goal = [e for e in history.context["entries"] if e.what.startswith("Doel:")]
    assert [e.kind for e in about_goal] == ["toegevoegd"]


def test_it_shows_the_latest_change_on_the_profile_page(plan, patient, naaste, provider,
                                                        as_user):
    profile = reverse("plans:profile", args=[plan.pk])
    goal = add_goal(as_user(patient), plan, "Weer naar de markt lopen")
    as_user(naaste).post(reverse("plans:edit_goal", args=[plan.pk, goal.pk]), {
        "text": "Elke zaterdag naar de markt", "status": "active"})

    page = as_user(patient).get(profile)
    assert page.context["last"].history_user == naaste
    assert "door Sanne de Vries" in text_of(page)

    as_user(provider).post(reverse("plans:add_indication", args=[plan.pk]), {
        "law": "wmo", "kind_of_care": "Huishouden", "start": "2026-01-01",
        "decided_by": "De gemeente"})

    page = as_user(patient).get(profile)
    last = page.context["last"]
    assert last.history_user == provider
    assert last.kind_of_care == "Huishouden"
    when = date_format(timezone.localtime(last.history_date), "j F Y, H:i")
    assert f"Laatst veranderd {when}, door Karin Jansen" in text_of(page)
