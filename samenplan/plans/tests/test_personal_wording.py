"""Personal wording (F2c) and who fills it in (F2f): the patient reads "Mijn doelen";
a naaste or provider reads "Het plan van Anna" and "Haar doelen" or "Doelen van Anna",
as the patient chose."""

import re

import pytest
from django.urls import reverse

from samenplan.plans.constants import Pronoun
from samenplan.plans.models import Profile
from samenplan.plans.sections import SECTIONS


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def set_pronoun(plan, pronoun):
    Profile.objects.filter(plan=plan).update(pronoun=pronoun)


def test_the_patient_reads_my_plan_and_my_goals(plan, patient, as_user):
    text = text_of(as_user(patient).get(reverse("plans:goals", args=[plan.pk])))

    assert "Mijn doelen" in text
    assert "Mijn plan" in text
    assert "Het plan van" not in text
    assert "Dit vult u zelf in." in text


@pytest.mark.parametrize("pronoun, goals, what_matters", [
    (Pronoun.SHE, "Haar doelen", "Wat zij belangrijk vindt"),
    (Pronoun.HE, "Zijn doelen", "Wat hij belangrijk vindt"),
    (Pronoun.NAME, "Doelen van Anna de Vries", "Wat Anna de Vries belangrijk vindt"),
])
def test_others_read_the_plan_as_the_patient_chose(plan, naaste, provider, as_user, pronoun,
                                                    goals, what_matters):
    set_pronoun(plan, pronoun)
    for user in (naaste, provider):
        text = text_of(as_user(user).get(reverse("plans:goals", args=[plan.pk])))
        assert "Het plan van Anna de Vries" in text
        assert goals in text
        assert what_matters in text  # in the plan menu
        assert "Mijn doelen" not in text
        assert "Dit vult Anna de Vries zelf in." in text


def test_the_patient_chooses_how_the_plan_speaks_of_them(plan, patient, provider, as_user):
    as_user(patient).post(reverse("plans:edit_profile", args=[plan.pk]),
                          {"name": "Anna de Vries", "pronoun": "she"})

    assert Profile.objects.get(plan=plan).pronoun == Pronoun.SHE
    text = text_of(as_user(provider).get(reverse("plans:profile", args=[plan.pk])))
    assert "Haar gegevens" in text
    assert "Hoe het plan over Anna de Vries schrijft" in text


@pytest.mark.parametrize("key", list(SECTIONS))
def test_every_section_page_says_who_fills_it_in(plan, patient, provider, as_user, key):
    url = reverse(SECTIONS[key].url_name, args=[plan.pk])
    as_patient = text_of(as_user(patient).get(url))
    as_provider = text_of(as_user(provider).get(url))

    assert re.search(r"Dit vult (u zelf|u samen met uw zorgverlener|u of uw naaste"
                     r"|uw zorgverlener) in\.", as_patient)
    assert re.search(r"Dit vult (Anna de Vries|de zorgverlener)", as_provider)
