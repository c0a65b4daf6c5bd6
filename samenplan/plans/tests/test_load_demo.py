"""`manage.py load_demo`: the demo people and a year of plan content."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from samenplan.accounts.models import Organisation, User
from samenplan.audit.models import AuditEvent
from samenplan.plans.constants import DomainSet, Role, domains_for
from samenplan.plans.history import KIND_LABELS, plan_history
from samenplan.plans.management.commands.load_demo import HISTORY_MODELS, PASSWORD
from samenplan.plans.models import (
    Action,
    DomainNote,
    DomainScore,
    Evaluation,
    Goal,
    GoalReview,
    Membership,
    Plan,
)

pytestmark = pytest.mark.django_db


def load():
    out = StringIO()
    call_command("load_demo", "--force", stdout=out)
    return out.getvalue()


def plan_of(email):
    return Plan.objects.get(memberships__user__email=email, memberships__role=Role.PATIENT)


def counts():
    totals = {model.__name__: model.objects.count()
              for model in (User, Organisation, Plan, Membership, Goal, Action, Evaluation,
                            GoalReview, DomainNote, DomainScore, TOTPDevice, AuditEvent)}
    totals.update({f"history of {model.__name__}": model.history.count()
                   for model in HISTORY_MODELS})
    return totals


def test_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.exists()


def test_loads_with_debug_on(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    assert User.objects.filter(email="anna@example.org").exists()


def test_people_organisation_and_second_factor():
    load()
    anna = User.objects.get(email="anna@example.org")
    assert anna.name == "Anna de Vries" and anna.check_password(PASSWORD)
    assert not anna.is_provider
    organisation = Organisation.objects.get(name="Huisartsenpraktijk De Linde")
    professions = {"karin@example.org": "praktijkondersteuner (POH)",
                   "pieter@example.org": "huisarts",
                   "fatima@example.org": "wijkverpleegkundige"}
    for email, profession in professions.items():
        provider = User.objects.get(email=email)
        assert provider.is_provider and provider.profession == profession
        assert provider.check_password(PASSWORD)
        assert organisation in provider.organisations.all()
        device = TOTPDevice.objects.get(user=provider)
        assert device.confirmed and device.key == "48656c6c6f21deadbeef48656c6c6f21deadbeef"
    for email in ("anna@example.org", "sanne@example.org", "bert@example.org"):
        assert not TOTPDevice.objects.filter(user__email=email).exists()


def test_annas_plan_holds_a_year_of_content():
    load()
    plan = plan_of("anna@example.org")
    assert plan.profile.name == "Anna de Vries"
    assert plan.profile.date_of_birth.year == 1958
    assert plan.profile.address and plan.profile.language_needs
    assert plan.indications.count() == 2
    assert plan.drawn_up_on and plan.drawn_up_by and plan.participants
    kinds = set(plan.contacts.values_list("kind", flat=True))
    assert kinds == {"provider", "naaste"}
    assert plan.contacts.filter(kind="naaste", email="").exists()  # someone without account

    filled = set(plan.domain_notes.exclude(text="").values_list("domain", "section"))
    domains = [code for code, _name, _help in domains_for(DomainSet.POSITIVE_HEALTH)]
    assert filled == {(domain, section) for domain in domains
                      for section in (DomainNote.WHAT_MATTERS, DomainNote.SUPPORT_NEEDS)}
    moments = set(plan.domain_scores.values_list("scored_on", flat=True))
    assert len(moments) == 3
    assert plan.domain_scores.count() == 3 * len(domains)

    assert plan.goals.count() == 4
    actions = list(plan.actions.all())
    assert len(actions) == 8
    not_agreed = [action for action in actions if not action.is_agreed]
    assert len(not_agreed) == 1
    assert not_agreed[0].proposed_by.email == "karin@example.org"
    assert not_agreed[0].patient_confirmed_at is None
    assert sum(action.status == "done" for action in actions) == 1

    evaluations = plan.evaluations.all()
    assert evaluations.count() == 2
    for evaluation in evaluations:
        assert evaluation.illness_note
        assert evaluation.reviews.count() == 4


def test_team_membership():
    load()
    anna_plan, bert_plan = plan_of("anna@example.org"), plan_of("bert@example.org")
    assert anna_plan != bert_plan

    def members(plan):
        return set(plan.memberships.filter(removed_at=None).values_list("user__email", flat=True))

    assert members(anna_plan) == {"anna@example.org", "sanne@example.org", "karin@example.org",
                                  "pieter@example.org", "fatima@example.org"}
    assert members(bert_plan) == {"bert@example.org", "karin@example.org"}
    sanne = anna_plan.memberships.get(user__email="sanne@example.org")
    assert sanne.role == Role.NAASTE and sanne.relation == "dochter"
    assert sanne.may_act_for_patient
    assert bert_plan.goals.count() == 1
    assert [action.is_agreed for action in bert_plan.actions.all()] == [True]


def test_second_run_changes_nothing():
    load()
    before = counts()
    out = load()
    assert "already loaded" in out
    assert counts() == before


def test_history_reads_like_a_year_of_use():
    started = timezone.now()
    load()
    plan = plan_of("anna@example.org")
    entries = plan_history(plan)
    changed = str(KIND_LABELS["~"])

    def confirmed_by(name, field):
        label = str(Action._meta.get_field(field).verbose_name).capitalize()
        return [entry for entry in entries if entry.who == name and entry.kind == changed
                and any(change.label == label for change in entry.changes)]

    assert confirmed_by("Anna de Vries", "patient_confirmed_at")
    assert confirmed_by("Karin Jansen", "provider_confirmed_at")
    assert confirmed_by("Sanne de Vries", "patient_confirmed_at")

    # Spread over the past year, nothing stamped with the moment of loading.
    whens = [entry.when for entry in entries]
    assert min(whens) < started - timedelta(days=300)
    assert max(whens) < started
    for action in Action.objects.all():
        for moment in (action.proposed_at, action.patient_confirmed_at,
                       action.provider_confirmed_at):
            assert moment is None or moment < started
    assert all(goal.created_at < started for goal in Goal.objects.all())


def test_annas_health_year_and_a_little_of_berts():
    load()
    anna, bert = plan_of("anna@example.org"), plan_of("bert@example.org")
    assert 140 <= anna.log_entries.count() <= 160
    now = timezone.now()
    assert anna.appointments.count() == 8
    assert anna.appointments.filter(starts_at__gt=now).count() == 3
    assert set(anna.medications.values_list("name", flat=True)) == {
        "Metformine", "Gliclazide", "Atorvastatine", "Lisinopril", "Salbutamol", "Tiotropium"}
    for kind in ("hba1c", "ldl", "egfr"):  # every quarter, coded as a measurement
        assert anna.results.filter(measurement_kind=kind).count() == 4
    weights = anna.measurements.filter(kind="weight")
    pressures = anna.measurements.filter(kind="blood_pressure")
    assert weights.count() >= 52 and pressures.count() >= 52
    days = sorted(m.measured_at.date() for m in weights.filter(author__email="anna@example.org"))
    assert max(b - a for a, b in zip(days, days[1:], strict=False)) == timedelta(days=7)
    assert all(p.second_value < p.value for p in pressures)
    targets = {t.kind: (t.high, t.second_high) for t in anna.targets.all()}
    assert targets == {"hba1c": (53, None), "blood_pressure": (140, 90)}
    assert anna.goals.filter(measurement_kind="hba1c").exists()
    assert bert.measurements.filter(kind="weight").count() == 3
    assert bert.medications.count() == 1 and bert.results.count() == 1
    assert bert.appointments.filter(starts_at__gt=now).count() == 1
