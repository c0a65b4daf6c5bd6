"""`manage.py load_demo --patients N`: a care group with a realistic spread of plans."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from samenplan.accounts.models import Organisation, User
from samenplan.health.models import Appointment, LogEntry
from samenplan.plans.constants import PlanStatus, Role
from samenplan.plans.demo_scale import CARE_GROUP
from samenplan.plans.models import Action, DomainScore, Evaluation, Goal, Membership, Plan

from .test_load_demo import counts

pytestmark = pytest.mark.django_db


def load(*args):
    out = StringIO()
    call_command("load_demo", "--force", *args, stdout=out)
    return out.getvalue()


def care_group_plans():
    return Plan.objects.filter(memberships__user__organisations__name=CARE_GROUP,
                               memberships__role=Role.PROVIDER).distinct()


def test_it_adds_a_care_group_with_providers_and_patients():
    out = load("--patients", "20")
    assert "20 patients" in out
    providers = Organisation.objects.get(name=CARE_GROUP).providers.all()
    assert providers.count() == 4 and all(p.is_provider for p in providers)
    assert care_group_plans().count() == 20
    anna = User.objects.get(email="anna@example.org")
    assert all(p.password == anna.password for p in providers)  # the one shared hash


def test_the_spread_is_there():
    load("--patients", "20")
    plans = care_group_plans()
    now = timezone.now()
    statuses = dict(Plan.objects.filter(pk__in=plans).values_list("status")
                    .annotate(n=Count("pk")))
    assert statuses[PlanStatus.INVITED] == 2 and statuses[PlanStatus.DECLINED] == 2
    assert statuses[PlanStatus.ACTIVE] == 16
    declined = Plan.objects.filter(pk__in=plans, status=PlanStatus.DECLINED)
    assert all(p.decline_reason and p.declined_at for p in declined)
    # Only those who take part have an account and a patient membership.
    assert Membership.objects.filter(plan__in=plans, role=Role.PATIENT).count() == 16
    active = Plan.objects.filter(pk__in=plans, status=PlanStatus.ACTIVE)
    assert active.filter(created_at__lt=now - timedelta(days=365)).exists()
    assert active.filter(created_at__gte=now - timedelta(days=365)).exists()
    goals = Goal.objects.filter(plan__in=plans)
    assert goals.filter(created_by__is_provider=False).exists()
    assert goals.filter(created_by__is_provider=True).exists()
    actions = Action.objects.filter(plan__in=plans)
    agreed = actions.exclude(patient_confirmed_at=None).exclude(provider_confirmed_at=None)
    assert agreed.exists() and actions.filter(provider_confirmed_at=None).exists()
    assert actions.filter(patient_confirmed_at=None).exists()
    evaluations = Evaluation.objects.filter(plan__in=plans)
    assert evaluations.filter(held_on__gte=now.date() - timedelta(days=365)).exists()
    twice = (DomainScore.objects.filter(plan__in=plans).values("plan")
             .annotate(n=Count("scored_on", distinct=True)).filter(n__gte=2))
    assert twice.exists()  # a score at the start and a later one: a change to compute
    assert Appointment.objects.filter(plan__in=plans, starts_at__gte=now).exists()
    assert LogEntry.objects.filter(plan__in=plans,
                                   created_at__gte=now - timedelta(days=90)).exists()
    assert Plan.history.filter(id__in=plans).count() == 20  # history rows go in as well


def demo_content():
    """What the hand-written demo holds, per plan of Anna and Bert."""
    plans = Plan.objects.filter(memberships__user__email__in=["anna@example.org",
                                                              "bert@example.org"])
    return {
        "members": sorted(Membership.objects.filter(plan__in=plans)
                          .values_list("plan_id", "user__email", "role")),
        "goals": Goal.objects.filter(plan__in=plans).count(),
        "actions": Action.objects.filter(plan__in=plans).count(),
        "karin": sorted(Membership.objects.filter(user__email="karin@example.org")
                        .values_list("plan_id", flat=True)),
    }


def test_it_leaves_the_hand_written_demo_as_it_is():
    load()
    before = demo_content()
    load("--patients", "20")
    assert demo_content() == before


def test_a_second_run_adds_nothing():
    load("--patients", "20")
    before = counts()
    out = load("--patients", "20")
    assert "nothing changed" in out
    assert counts() == before


def test_it_refuses_a_negative_number():
    with pytest.raises(CommandError):
        load("--patients", "-1")
