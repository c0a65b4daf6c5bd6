"""Mijn patiënten: the provider's caseload."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit.actions import do_record_event, verify_chain
from samenplan.audit.models import AuditEvent
from samenplan.conftest import add_member, client_for, make_user
from samenplan.health.constants import Visibility
from samenplan.health.models import Appointment, LogEntry
from samenplan.plans.actions import do_create_own_plan
from samenplan.plans.constants import Access, Assignee, Role
from samenplan.plans.models import Action, Evaluation, Goal, Membership
from samenplan.practice.queries import CASELOAD, caseload
from samenplan.reminders.models import CheckInAnswer

pytestmark = pytest.mark.django_db
URL = reverse("caseload:list")


def names(response):
    return [m.name for m in response.context["rows"]]


def patient_with_plan(name, provider, email=None):
    user = make_user(email or f"{name.split()[0].lower()}@example.org", name)
    plan = do_create_own_plan(user)
    add_member(plan, provider, Role.PROVIDER)
    return plan


def row_of(user, plan, **kwargs):
    return caseload(user, **kwargs).get(plan=plan)


def log_entry(plan, visibility=Visibility.TEAM, days_ago=0, shared_with=()):
    author = plan.memberships.get(role=Role.PATIENT)
    entry = LogEntry.objects.create(plan=plan, occurred_at=timezone.now(), kind="pain",
                                    author=author.user, author_member=author,
                                    visibility=visibility)
    entry.shared_with.set(shared_with)
    if days_ago:
        LogEntry.objects.filter(pk=entry.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago))
    return entry


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_it_refuses_the_patient_and_a_naaste(patient, naaste):
    assert client_for(patient).get(URL).status_code == 403
    assert client_for(naaste).get(URL).status_code == 403


def test_as_karin_in_the_demo_it_lists_anna_and_bert():
    call_command("load_demo", "--force", stdout=StringIO())
    karin = User.objects.get(email="karin@example.org")
    response = client_for(karin).get(URL)
    assert response.status_code == 200
    assert names(response) == ["Anna de Vries", "Bert Visser"]
    assert b'href="/plan/' in response.content
    assert reverse("consult:view", args=[response.context["rows"][0].plan_id]).encode() \
        in response.content


def test_it_lists_only_the_plans_where_i_am_a_provider(plan, provider, outsider, naaste):
    doctor = make_user("arts@example.org", "Pieter Bakker", is_provider=True)
    bert_plan = Membership.objects.get(user=outsider).plan
    add_member(bert_plan, doctor, Role.PROVIDER)
    assert names(client_for(provider).get(URL)) == ["Anna de Vries"]
    assert names(client_for(doctor).get(URL)) == ["Bert Visser"]
    # A provider who is a naaste in a plan does not see that plan here.
    helper = make_user("zus@example.org", "Zus Zorg", is_provider=True)
    add_member(bert_plan, helper, Role.NAASTE)
    assert names(client_for(helper).get(URL)) == []


def test_a_removed_membership_drops_the_plan(plan, provider):
    Membership.objects.filter(plan=plan, user=provider).update(removed_at=timezone.now())
    response = client_for(provider).get(URL)
    assert names(response) == []
    assert "U helpt nog niemand met een plan." in response.content.decode()


def test_it_counts_what_is_new_and_what_waits_for_me(plan, provider, naaste):
    me = Membership.objects.get(plan=plan, user=provider)
    other = Membership.objects.get(plan=plan, user=naaste)
    log_entry(plan)
    log_entry(plan, Visibility.CHOSEN, shared_with=[me])
    log_entry(plan, Visibility.CHOSEN, shared_with=[other, me])
    log_entry(plan, Visibility.CHOSEN, shared_with=[other])  # not shared with me
    log_entry(plan, Visibility.ONLY_ME)
    log_entry(plan, days_ago=20)  # before the last two weeks, and I never visited
    goal = Goal.objects.create(plan=plan, text="Wandelen", created_by=naaste)
    CheckInAnswer.objects.create(plan=plan, goal=goal, score=3, author=naaste)
    Action.objects.create(plan=plan, what="Wandelen", assignee=Assignee.PATIENT, when="Elke dag",
                          proposed_by=naaste, patient_confirmed_at=timezone.now())
    Action.objects.create(plan=plan, what="Bellen", assignee=Assignee.PROVIDER, when="Morgen",
                          proposed_by=provider, provider_confirmed_at=timezone.now())
    row = row_of(provider, plan)
    assert (row.new_log_entries, row.new_check_ins, row.waiting) == (3, 1, 1)
    assert row.last_visit is None


def test_new_means_since_my_last_visit_before_today(plan, provider):
    me = Membership.objects.get(plan=plan, user=provider)
    log_entry(plan, days_ago=20)
    do_record_event(provider, AuditEvent.READ, "overview", plan=plan, membership=me)
    do_record_event(provider, AuditEvent.READ, CASELOAD, plan=plan, membership=me)
    log_entry(plan)
    # Seen from tomorrow, today's visit is the last one: only the entry after it is new.
    tomorrow = timezone.now() + timedelta(days=1)
    row = row_of(provider, plan, now=tomorrow)
    assert row.last_visit is not None and row.new_log_entries == 1
    # Today's own visit does not count yet: new is still the last two weeks.
    assert row_of(provider, plan).new_log_entries == 1
    assert row_of(provider, plan).last_visit is None


def test_it_respects_what_the_patient_shares(plan, provider):
    me = Membership.objects.get(plan=plan, user=provider)
    me.section_access = {"logbook": Access.HIDDEN, "agenda": Access.HIDDEN,
                         "evaluations": Access.HIDDEN}
    me.save()
    log_entry(plan)
    Appointment.objects.create(plan=plan, starts_at=timezone.now() + timedelta(days=3),
                               purpose="Controle")
    row = row_of(provider, plan)
    assert row.new_log_entries == 0 and row.next_appointment is None
    assert row.last_evaluation is None and not row.evaluation_due
    page = client_for(provider).get(URL).content.decode()
    assert page.count("niet gedeeld") == 3
    assert "Terugkijken nodig</span>" not in page


def test_evaluation_due_when_none_in_the_last_twelve_months(plan, provider):
    assert row_of(provider, plan).evaluation_due
    evaluation = Evaluation.objects.create(plan=plan, participants="Anna",
                                           created_by=provider,
                                           held_on=timezone.localdate() - timedelta(days=400))
    assert row_of(provider, plan).evaluation_due
    Evaluation.objects.filter(pk=evaluation.pk).update(
        held_on=timezone.localdate() - timedelta(days=30))
    row = row_of(provider, plan)
    assert not row.evaluation_due
    assert row.last_evaluation == timezone.localdate() - timedelta(days=30)


def test_it_filters_and_searches(plan, provider):
    bert = patient_with_plan("Bert Visser", provider)
    Evaluation.objects.create(plan=bert, participants="Bert", created_by=provider,
                              held_on=timezone.localdate())
    Action.objects.create(plan=bert, what="Wandelen", assignee=Assignee.PATIENT, when="Elke dag",
                          proposed_by=provider, patient_confirmed_at=timezone.now())
    client = client_for(provider)
    assert names(client.get(URL, {"evaluatie": "on"})) == ["Anna de Vries"]
    assert names(client.get(URL, {"acties": "on"})) == ["Bert Visser"]
    assert names(client.get(URL, {"zoek": "viss"})) == ["Bert Visser"]
    response = client.get(URL, {"zoek": "niemand"})
    assert "Geen patiënten die hierbij passen." in response.content.decode()


def test_it_sorts(plan, provider):
    bert = patient_with_plan("Bert Visser", provider)
    carla = patient_with_plan("Carla Smit", provider)
    soon = timezone.now() + timedelta(days=2)
    Appointment.objects.create(plan=carla, starts_at=soon, purpose="Controle")
    Appointment.objects.create(plan=bert, starts_at=soon + timedelta(days=5), purpose="Controle")
    Evaluation.objects.create(plan=carla, participants="Carla", created_by=provider,
                              held_on=timezone.localdate())
    log_entry(bert)
    client = client_for(provider)
    assert names(client.get(URL)) == ["Anna de Vries", "Bert Visser", "Carla Smit"]
    assert names(client.get(URL, {"sorteer": "afspraak"})) == [
        "Carla Smit", "Bert Visser", "Anna de Vries"]
    assert names(client.get(URL, {"sorteer": "evaluatie"}))[-1] == "Carla Smit"
    assert names(client.get(URL, {"sorteer": "nieuw"}))[0] == "Bert Visser"
    # A sort it does not know falls back to the name.
    assert names(client.get(URL, {"sorteer": "x"})) == ["Anna de Vries", "Bert Visser",
                                                         "Carla Smit"]


def many_patients(provider, count, start=0):
    for i in range(start, start + count):
        plan = patient_with_plan(f"Patiënt {i:03d}", provider, email=f"p{i}@example.org")
        log_entry(plan)
        Appointment.objects.create(plan=plan, starts_at=timezone.now() + timedelta(days=i + 1),
                                   purpose="Controle")


def test_it_shows_25_per_page(provider):
    many_patients(provider, 29)
    client = client_for(provider)
    first = client.get(URL, {"zoek": "Patiënt"})
    assert len(names(first)) == 25 and "Pagina 1 van 2" in first.content.decode()
    assert "zoek=Pati%C3%ABnt" in first.content.decode()
    second = client.get(URL, {"zoek": "Patiënt", "pagina": "2"})
    assert names(second) == [f"Patiënt {i:03d}" for i in range(25, 29)]


def test_the_number_of_queries_does_not_grow_with_the_patients(provider):
    client = client_for(provider)
    many_patients(provider, 3)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"sorteer": "nieuw"})
    many_patients(provider, 40, start=3)
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"sorteer": "nieuw"})
    assert len(many) == len(few) <= 15


def test_it_logs_a_read_of_each_plan_shown(plan, provider):
    patient_with_plan("Bert Visser", provider)
    client_for(provider).get(URL)
    events = AuditEvent.objects.filter(user=provider, section=CASELOAD, kind=AuditEvent.READ)
    assert events.count() == 2
    assert {e.organisation for e in events} == {"Huisartsenpraktijk Test"}
    assert verify_chain() == []


def test_the_home_page_links_to_it(plan, provider):
    assert URL.encode() in client_for(provider).get(reverse("plans:home")).content
