"""Who may write which section (F2f), for every role and every section in the one table in
sections.py: in `may_write`, and through the web. Every member may read every section."""

from dataclasses import dataclass, field

import pytest
from django.urls import reverse
from django.utils import timezone

from samenplan.health.models import (
    Appointment,
    LogEntry,
    Measurement,
    Medication,
    Result,
    Target,
)
from samenplan.plans.models import (
    Action,
    Contact,
    DomainNote,
    DomainScore,
    Evaluation,
    Goal,
    Indication,
    Invitation,
    Plan,
    Profile,
)
from samenplan.plans.sections import SECTIONS, Filler, Section, label, may_write

from .conftest import membership_of

ROLES = ["patient", "naaste", "bystander", "provider"]

# Who may write per filler, written out again on purpose: this is what the filler means,
# whatever may_write happens to do.
WRITERS = {
    Filler.PATIENT: {"patient", "naaste"},
    Filler.PATIENT_OR_NAASTE: {"patient", "naaste", "bystander"},
    Filler.TOGETHER: {"patient", "naaste", "provider"},
    Filler.PROVIDER: {"provider"},
    Filler.EACH: {"patient", "naaste", "provider"},
}


@dataclass
class Write:
    """One write to a section through the web, and how to see that it was saved."""

    url_name: str
    data: dict
    saved: object  # plan -> bool
    url_args: object = field(default_factory=list)  # or plan -> list, to make the object

    def url(self, plan):
        args = self.url_args(plan) if callable(self.url_args) else self.url_args
        return reverse(self.url_name, args=[plan.pk, *args])


WRITES = {
    "personal": Write(
        "plans:edit_profile",
        {"name": "Anna de Vries-Bakker", "pronoun": "she"},
        lambda plan: Profile.objects.get(plan=plan).name == "Anna de Vries-Bakker",
    ),
    "indication": Write(
        "plans:add_indication",
        {"law": "wmo", "kind_of_care": "Hulp in het huishouden", "start": "2026-01-01",
         "decided_by": "De gemeente"},
        lambda plan: Indication.objects.filter(plan=plan, kind_of_care="Hulp in het huishouden")
        .exists(),
    ),
    "plan_data": Write(
        "plans:edit_plan_data",
        {"drawn_up_on": "2026-01-05", "drawn_up_by": "Anna en Karin"},
        lambda plan: Plan.objects.get(pk=plan.pk).drawn_up_by == "Anna en Karin",
    ),
    "contacts": Write(
        "plans:add_contact",
        {"kind": "provider", "name": "Dokter Bakker", "role_or_relation": "huisarts"},
        lambda plan: Contact.objects.filter(plan=plan, name="Dokter Bakker").exists(),
    ),
    "what_matters": Write(
        "plans:edit_domain",
        {"what_matters": "Wandelen met de hond"},
        lambda plan: DomainNote.objects.filter(
            plan=plan, domain="body", section=DomainNote.WHAT_MATTERS,
            text="Wandelen met de hond",
        ).exists(),
        ["body"],
    ),
    "support_needs": Write(
        "plans:edit_domain",
        {"support_needs": "Hulp bij de trap"},
        lambda plan: DomainNote.objects.filter(
            plan=plan, domain="body", section=DomainNote.SUPPORT_NEEDS, text="Hulp bij de trap",
        ).exists(),
        ["body"],
    ),
    "domain_scores": Write(
        "plans:edit_domain",
        {"score": "7"},
        lambda plan: DomainScore.objects.filter(plan=plan, domain="body", score=7).exists(),
        ["body"],
    ),
    "goals": Write(
        "plans:add_goal",
        {"text": "Weer naar de markt lopen", "domains": ["body"]},
        lambda plan: Goal.objects.filter(plan=plan, text="Weer naar de markt lopen").exists(),
    ),
    "actions": Write(
        "plans:add_action",
        {"what": "Elke dag 20 minuten lopen", "assignee": "patient", "when": "elke dag"},
        lambda plan: Action.objects.filter(plan=plan, what="Elke dag 20 minuten lopen").exists(),
    ),
    "evaluations": Write(
        "plans:add_evaluation",
        {"held_on": "2026-01-10", "participants": "Anna en Karin"},
        lambda plan: Evaluation.objects.filter(plan=plan, participants="Anna en Karin").exists(),
    ),
    "logbook": Write(
        "health:add_log_entry",
        {"kind": "pain", "occurred_at": "2026-01-05T09:30", "intensity": "4",
         "text": "Pijn in mijn knie", "visibility": "team"},
        lambda plan: LogEntry.objects.filter(plan=plan, text="Pijn in mijn knie").exists(),
    ),
    "agenda": Write(
        "health:add_appointment",
        {"starts_at": "2026-12-01T10:00", "purpose": "Controle van mijn suiker"},
        lambda plan: Appointment.objects.filter(plan=plan, purpose="Controle van mijn suiker")
        .exists(),
    ),
    "medicines": Write(
        "health:add_medication",
        {"name": "Metformine", "strength": "500 mg", "dose": "2 keer per dag 1 tablet",
         "purpose": "Dit verlaagt uw bloedsuiker.", "since": "2026-01-01"},
        lambda plan: Medication.objects.filter(plan=plan, name="Metformine").exists(),
    ),
    "medicine_notes": Write(
        "health:edit_medication_note",
        {"patient_note": "Ik neem hem bij het ontbijt."},
        lambda plan: Medication.objects.filter(plan=plan, patient_note__startswith="Ik neem")
        .exists(),
        lambda plan: [Medication.objects.get_or_create(
            plan=plan, name="Gliclazide",
            defaults={"dose": "1 tablet", "purpose": "Voor de suiker.", "since": "2026-01-01"},
        )[0].pk],
    ),
    "results": Write(
        "health:add_result",
        {"kind": "lab", "name": "HbA1c", "taken_on": "2026-01-05", "value": "53",
         "unit": "mmol/mol"},
        lambda plan: Result.objects.filter(plan=plan, name="HbA1c").exists(),
    ),
    "measurements": Write(
        "health:add_measurement",
        {"measured_at": "2026-01-05T08:30", "value": "138", "second_value": "84"},
        lambda plan: Measurement.objects.filter(plan=plan, value=138, second_value=84).exists(),
        ["blood_pressure"],
    ),
    "targets": Write(
        "health:add_target",
        {"high": "53", "valid_from": "2026-01-05", "agreed_by": "Anna en Karin"},
        lambda plan: Target.objects.filter(plan=plan, kind="hba1c", high=53).exists(),
        ["hba1c"],
    ),
    "members": Write(
        "plans:members",
        {"name": "Piet de Vries", "email": "piet@example.org", "role": "naaste",
         "relation": "zoon"},
        lambda plan: Invitation.objects.filter(plan=plan, email="piet@example.org").exists(),
    ),
}


@pytest.fixture
def everyone(patient, naaste, bystander, provider):
    return {"patient": patient, "naaste": naaste, "bystander": bystander, "provider": provider}


@pytest.mark.parametrize("key", SECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_the_filler_write(plan, everyone, role, key):
    membership = membership_of(everyone[role], plan)
    assert may_write(membership, key) == (role in WRITERS[SECTIONS[key].filler])


@pytest.mark.parametrize("filler", WRITERS)
@pytest.mark.parametrize("role", ROLES)
def test_it_knows_what_every_filler_means(plan, everyone, monkeypatch, role, filler):
    # The table uses only some fillers today; the others must work when a section uses them.
    monkeypatch.setitem(SECTIONS, "test", Section("test", filler, "", "", "plans:goals", ""))
    membership = membership_of(everyone[role], plan)
    assert may_write(membership, "test") == (role in WRITERS[filler])


@pytest.mark.parametrize("key", SECTIONS)
def test_it_lets_a_removed_member_write_nothing(plan, naaste, key):
    membership = membership_of(naaste, plan)
    membership.removed_at = timezone.now()
    membership.save()
    assert not may_write(membership, key)
    assert not may_write(None, key)


def test_it_has_a_write_for_every_section():
    assert set(WRITES) == set(SECTIONS)


@pytest.mark.parametrize("key", SECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_it_saves_a_write_from_the_filler_and_refuses_anyone_else(
    plan, everyone, as_user, role, key
):
    write = WRITES[key]
    assert not write.saved(plan)
    response = as_user(everyone[role]).post(write.url(plan), write.data)
    if role in WRITERS[SECTIONS[key].filler]:
        assert response.status_code == 302, response.content.decode()[-2000:]
        assert write.saved(plan)
    else:
        assert response.status_code == 403
        assert not write.saved(plan)


@pytest.mark.parametrize("key", SECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_it_shows_every_section_to_every_member(plan, everyone, as_user, role, key):
    response = as_user(everyone[role]).get(reverse(SECTIONS[key].url_name, args=[plan.pk]))
    assert response.status_code == 200
    # The page knows whether this member may write, from the same table.
    section = response.context["sections"][key]
    assert section["may_write"] == (role in WRITERS[SECTIONS[key].filler])
    assert str(section["label"]) in response.content.decode()


def test_it_tells_the_patient_and_others_who_fills_a_section_in(plan, patient, naaste, as_user):
    own = as_user(patient).get(reverse("plans:goals", args=[plan.pk]))
    other = as_user(naaste).get(reverse("plans:goals", args=[plan.pk]))
    assert "Dit vult u zelf in." in own.content.decode()
    assert "Dit vult Anna de Vries zelf in." in other.content.decode()


def test_it_tells_a_naaste_who_may_act_that_they_may_fill_in_for_the_patient(
    plan, naaste, bystander
):
    acting, reading = membership_of(naaste, plan), membership_of(bystander, plan)

    assert label("goals", acting, "Anna") == (
        "Dit vult Anna zelf in. U mag dit namens Anna invullen."
    )
    assert label("goals", reading, "Anna") == "Dit vult Anna zelf in."
