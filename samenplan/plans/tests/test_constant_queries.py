"""The number of SQL queries of a page does not grow with what the plan holds (issue 10,
point 4): each page, for each member who can open it, costs the same with one item of
every kind as with fifty. A page that loads something per goal, per action or per
member (an N+1) fails here, with the queries that grew.

Two plans are built once for the whole module (inside a transaction that is rolled back
at the end; each test runs in a savepoint of it): a small one with one item of every
kind and a large one with fifty. The provider of the large plan takes part in fifty
plans, for "Mijn patiënten" and the indicators of their organisation. Every item's text
carries a numbered marker ("Doel-17"), so each test also checks that the large page
really shows many of them: a page that is empty, refused or not found cannot pass.

Both counts come from the same database; they differ between SQLite and PostgreSQL
(savepoints, the advisory lock of the audit chain), so no number is written down here.
"""

import hashlib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from samenplan.accounts.models import Organisation, User
from samenplan.audit.actions import do_record_reads
from samenplan.booklet import views as booklet_views
from samenplan.conftest import client_for
from samenplan.health import measurements
from samenplan.health.actions import feed_hash
from samenplan.health.constants import LogKind, ResultKind, Visibility
from samenplan.health.models import (
    Appointment,
    CalendarFeed,
    LogEntry,
    Measurement,
    Medication,
    Result,
    Target,
)
from samenplan.plans.actions import do_create_own_plan
from samenplan.plans.constants import (
    ActionStatus,
    Assignee,
    ContactKind,
    GoalStatus,
    Law,
    Role,
    domains_for,
)
from samenplan.plans.models import (
    Action,
    Contact,
    DomainNote,
    DomainScore,
    Evaluation,
    Goal,
    GoalReview,
    Indication,
    Invitation,
    Membership,
    Plan,
)
from samenplan.plans.sections import PARTS
from samenplan.plantemplates.models import PlanCondition, PlanTemplate, TemplateManager
from samenplan.practice.constants import Moment
from samenplan.practice.models import ExperienceAnswer
from samenplan.reminders.models import CheckInAnswer, CheckInPlan

from .test_plan_isolation import PLAN_URLS

MANY = 50
ROLES = ("patient", "naaste", "provider")
# Measurements of several kinds, each with a possible value for item i.
KINDS = {
    "weight": lambda i: (Decimal(f"{70 + i % 20}.5"), None),
    "blood_pressure": lambda i: (Decimal(130 + i % 20), Decimal(80 + i % 10)),
    "hba1c": lambda i: (Decimal(45 + i % 20), None),
    "steps": lambda i: (Decimal(4000 + i), None),
    "pain": lambda i: (Decimal(i % 11), None),
}


# --- the plans -----------------------------------------------------------------------------

def new_user(email, name, **fields):
    # No password: hashing one, even cheaply, is what would make this module slow.
    return User.objects.create(email=email, name=name, password="!", **fields)  # noqa: S106


def fill(plan, n, people):
    """Put n items of every kind a plan holds into `plan`, for the memberships in
    `people` (patient, naaste, provider): n - 1 more naasten and providers, and n goals
    (with actions and reviews), actions (agreed and open), evaluations, logbook entries
    (of the patient and of the naaste), measurements and targets (at least one of every
    kind in KINDS), results, medicines, appointments, contacts (of both kinds), domain
    notes (there are only six of each) and scores, check-in answers, invitations,
    indications, conditions, templates and audit reads. The first item of a kind has all
    it can point to (an entry shared with chosen members, about a medicine). Item i's text
    carries its marker, such as "Doel-i"."""
    now, today = timezone.now(), timezone.localdate()
    patient, naaste, provider = people["patient"], people["naaste"], people["provider"]
    key = f"{plan.pk}-{n}"

    organisations = Organisation.objects.bulk_create(
        [Organisation(name=f"Praktijk {key}-{i}") for i in range(1, n)])
    helpers = [new_user(f"naaste{key}-{i}@example.org", f"Naaste-{i}") for i in range(1, n)]
    carers = [new_user(f"zorg{key}-{i}@example.org", f"Zorgverlener-{i}", is_provider=True,
                       profession="fysiotherapeut") for i in range(1, n)]
    User.organisations.through.objects.bulk_create([
        User.organisations.through(user=user, organisation=organisation)
        for user, organisation in zip(carers, organisations, strict=True)])
    extra = bulk_create_with_history(
        [Membership(plan=plan, user=u, role=Role.NAASTE, relation="buurvrouw") for u in helpers]
        + [Membership(plan=plan, user=u, role=Role.PROVIDER) for u in carers], Membership)
    members = [patient, naaste, provider, *Membership.objects.filter(pk__in=[m.pk for m in extra])]
    naasten = [m for m in members if m.role == Role.NAASTE]
    providers = [m for m in members if m.role == Role.PROVIDER]
    writers = [patient, naaste]  # who keeps the logbook

    codes = [code for code, _name, _help in domains_for(plan.domain_set)]
    kinds = list(KINDS)
    statuses = [GoalStatus.ACTIVE, GoalStatus.ACTIVE, GoalStatus.ACHIEVED, GoalStatus.STOPPED]
    goals = bulk_create_with_history([
        Goal(plan=plan, text=f"Doel-{i} weer naar de markt lopen", why="Dan zie ik mensen.",
             domains=[codes[i % len(codes)]], topic="exercise",
             measurement_kind=kinds[i % len(kinds)], status=statuses[i % len(statuses)],
             created_by=patient.user)
        for i in range(n)], Goal)

    def agreed(i):
        """A third agreed on both sides, a third waiting for the provider, a third for the
        patient."""
        sides = {}
        if i % 3 in (0, 1):
            sides.update(patient_confirmed_by=patient.user, patient_confirmed_at=now)
        if i % 3 in (0, 2):
            sides.update(provider_confirmed_by=provider.user, provider_confirmed_at=now)
        return sides

    assignees = [(Assignee.PATIENT, lambda i: patient),
                 (Assignee.NAASTE, lambda i: naasten[i % len(naasten)]),
                 (Assignee.PROVIDER, lambda i: providers[i % len(providers)])]
    actions = bulk_create_with_history([
        Action(plan=plan, goal=goals[0] if i % 2 == 0 else goals[i],
               what=f"Actie-{i} elke dag een half uur lopen",
               assignee=assignees[i % 3][0], assignee_member=assignees[i % 3][1](i),
               when="elke dag", status=ActionStatus.DONE if i % 7 == 6 else ActionStatus.OPEN,
               proposed_by=provider.user, **agreed(i))
        for i in range(n)], Action)

    evaluations = bulk_create_with_history([
        Evaluation(plan=plan, held_on=today - timedelta(days=7 * i),
                   participants=f"Terugblik-{i} met Anna en Karin",
                   illness_note="Het gaat beter.", created_by=provider.user)
        for i in range(n)], Evaluation)
    bulk_create_with_history(
        [GoalReview(evaluation=e, goal=goals[i], how_it_went=f"Review-{i} ging goed",
                    what_was_hard="Het weer.", next_step="Verder lopen.")
         for i, e in enumerate(evaluations)]
        + [GoalReview(evaluation=e, goal=goals[0], how_it_went="Ook goed")
           for e in evaluations[1:]], GoalReview)

    medications = bulk_create_with_history([
        Medication(plan=plan, name=f"Medicijn-{i}", strength="500 mg",
                   dose="2 keer per dag 1 tablet", purpose="Voor de suiker.",
                   since=today - timedelta(days=30 + i),
                   until=today - timedelta(days=1) if i % 4 == 3 else None,
                   prescribed_by="Dokter Bakker", patient_note="Bij het eten.")
        for i in range(n)], Medication)

    # Each writer's first entry is shared with chosen members, about a medicine.
    visibilities = [Visibility.CHOSEN, Visibility.TEAM, Visibility.ONLY_ME]
    log_kinds = list(LogKind.values)
    entries = bulk_create_with_history([
        LogEntry(plan=plan, occurred_at=now - timedelta(hours=i + 1),
                 kind=LogKind.SIDE_EFFECT if i % 2 == 0 else log_kinds[i % len(log_kinds)],
                 intensity=i % 11, text=f"Logregel-{w * n + i} vandaag",
                 author=writer.user, author_member=writer,
                 medication=medications[0] if i % 2 == 0 else None,
                 visibility=visibilities[i % 3])
        for w, writer in enumerate(writers) for i in range(n)], LogEntry)
    LogEntry.shared_with.through.objects.bulk_create([
        LogEntry.shared_with.through(logentry=entry, membership=member)
        for i, entry in enumerate(entries) if entry.visibility == Visibility.CHOSEN
        for member in {naaste, provider, members[i % len(members)]}])

    contacts = bulk_create_with_history([
        Contact(plan=plan, kind=kind, name=f"Contact-{k * n + i}",
                role_or_relation="huisarts" if kind == ContactKind.PROVIDER else "zus",
                organisation="De Linde", phone="0612345678", email=f"c{k * n + i}@example.org")
        for k, kind in enumerate(ContactKind.values) for i in range(n)], Contact)
    # The first is in two days (to prepare it), with a member and a contact; the others
    # before and after today.
    bulk_create_with_history([
        Appointment(plan=plan, starts_at=now + timedelta(days=2 if i == 0 else 3 * i - 2 * n),
                    with_member=providers[i % len(providers)] if i % 2 == 0 else None,
                    with_contact=contacts[i] if i % 2 or i == 0 else None, where="De Linde",
                    purpose=f"Bezoek-{i} controle", questions="Mag ik minder pillen?")
        for i in range(n)], Appointment)

    # At least one measurement and target of each kind.
    points, targets = [], []
    for i in range(max(n, len(kinds))):
        kind = measurements.TYPES[kinds[i % len(kinds)]]
        value, second = KINDS[kind.key](i)
        author = members[i % 3]  # the patient, the naaste, the provider
        points.append(Measurement(
            plan=plan, kind=kind.key, measured_at=now - timedelta(hours=i + 1), value=value,
            second_value=second, loinc=kind.loinc, unit=kind.unit, note=f"Meting-{i}",
            author=author.user, author_member=author))
        targets.append(Target(
            plan=plan, kind=kind.key, high=Decimal(140 if kind.has_two_parts else 90),
            second_high=Decimal(90) if kind.has_two_parts else None, loinc=kind.loinc,
            unit=kind.unit, valid_from=today - timedelta(days=i), agreed_by=f"Streefwaarde-{i}",
            author=provider.user))
    points = bulk_create_with_history(points, Measurement)
    bulk_create_with_history(targets, Target)
    hba1c = measurements.TYPES["hba1c"]
    bulk_create_with_history([
        Result(plan=plan, kind=ResultKind.values[i % 4], name=["HbA1c", "LDL", f"Foto-{i}"][i % 3],
               taken_on=today - timedelta(days=i), value=Decimal(50 + i % 5) if i % 3 < 2 else None,
               unit="mmol/mol" if i % 3 < 2 else "", reference_low=Decimal(20),
               reference_high=Decimal(53), outcome="" if i % 3 < 2 else "Geen breuk",
               explanation=f"Uitslag-{i} is goed",
               measurement_kind="hba1c" if i % 3 == 0 else "",
               loinc=hba1c.loinc if i % 3 == 0 else "")
        for i in range(n)], Result)

    bulk_create_with_history([
        DomainNote(plan=plan, domain=code, section=section,
                   text=f"Notitie-{k * len(codes) + i} wat ik wil", updated_by=patient.user)
        for k, section in enumerate((DomainNote.WHAT_MATTERS, DomainNote.SUPPORT_NEEDS))
        for i, code in enumerate(codes[:n])], DomainNote)
    bulk_create_with_history([
        DomainScore(plan=plan, domain=codes[i % len(codes)], score=i % 11,
                    scored_on=today - timedelta(days=i // len(codes)), author=patient.user)
        for i in range(n)], DomainScore)

    check_ins = CheckInPlan.objects.create(plan=plan, active=True, started_at=now,
                                           changed_by=patient.user)
    check_ins.goals.set(goals)
    bulk_create_with_history([
        CheckInAnswer(plan=plan, goal=goals[i], score=1 + i % 5, note=f"Checkin-{i} gaat goed",
                      author=patient.user, author_member=patient)
        for i in range(n)], CheckInAnswer)

    bulk_create_with_history([
        Invitation(plan=plan, email=f"uitgenodigd{key}-{i}@example.org", name=f"Uitgenodigd-{i}",
                   role=Role.NAASTE if i % 2 else Role.PROVIDER, relation="neef",
                   token_hash=hashlib.sha256(f"{key}-{i}".encode()).hexdigest(),
                   invited_by=patient.user, expires_at=now + timedelta(days=14))
        for i in range(n)], Invitation)
    bulk_create_with_history([
        Indication(plan=plan, law=Law.values[i % 4], kind_of_care=f"Indicatie-{i} huishouden",
                   start=today - timedelta(days=i), decided_by="Gemeente")
        for i in range(n)], Indication)

    # The templates of the provider's organisation, which they manage, and the conditions
    # made with them.
    organisation = provider.user.organisations.get()
    TemplateManager.objects.create(user=provider.user, organisation=organisation)
    templates = PlanTemplate.objects.bulk_create([
        PlanTemplate(organisation=organisation, name=f"Sjabloon-{i}", condition="COPD",
                     measurement_kinds=["weight", "blood_pressure"],
                     targets=[{"kind": "weight", "high": 90}],
                     example_goals=[goals[0].text, "Rustig ademen"],
                     shown_sections=["goals", "actions"])
        for i in range(n)])
    conditions = PlanCondition.objects.bulk_create([
        PlanCondition(plan=plan, template=templates[i], name=f"Aandoening-{i}",
                      added_by=provider.user)
        for i in range(n)])
    for tags, items in ((PlanCondition.goals, goals), (PlanCondition.actions, actions),
                        (PlanCondition.measurements, points)):
        through, column = tags.through, tags.field.m2m_reverse_field_name()
        through.objects.bulk_create([
            through(plancondition=condition, **{column: item})
            for i, condition in enumerate(conditions) for item in {items[0], items[i]}])
    # Asked at the start; the question after a year is not due yet, but is answered.
    ExperienceAnswer.objects.create(plan=plan, membership=patient, moment=Moment.YEAR,
                                    answered_at=now, helps=4, in_control=5, recognised=4)
    # "Wie heeft mijn gegevens bekeken": a read by every member but the patient.
    for member in members[1:]:
        do_record_reads(member.user, "goals", [member])


def add_plans(provider, count):
    """`count` more plans in which this provider takes part, each with a little in it."""
    now = timezone.now()
    plans = []
    for i in range(count):
        patient = new_user(f"patient{provider.pk}-{i}@example.org", f"Patiënt-{i + 1}")
        plans.append(do_create_own_plan(patient))
    members = Membership.objects.bulk_create(
        [Membership(plan=plan, user=provider, role=Role.PROVIDER) for plan in plans])
    patients = {m.plan_id: m for m in Membership.objects.filter(plan__in=plans,
                                                                 role=Role.PATIENT)}
    Appointment.objects.bulk_create([Appointment(plan=plan, starts_at=now + timedelta(days=3),
                                                 with_member=member, purpose="Controle")
                                     for plan, member in zip(plans, members, strict=True)])
    Action.objects.bulk_create([Action(plan=plan, what="Lopen", assignee=Assignee.PATIENT,
                                       when="elke dag", proposed_by=provider)
                                for plan in plans])
    LogEntry.objects.bulk_create([LogEntry(plan=plan, occurred_at=now, kind=LogKind.PAIN,
                                           intensity=3, author=patients[plan.pk].user,
                                           author_member=patients[plan.pk])
                                  for plan in plans])
    Evaluation.objects.bulk_create([Evaluation(plan=plan, held_on=timezone.localdate(),
                                               participants="Samen", created_by=provider)
                                    for plan in plans])
    ExperienceAnswer.objects.bulk_create([
        ExperienceAnswer(plan=plan, membership=patients[plan.pk], moment=Moment.START,
                         answered_at=now, helps=3, in_control=3, recognised=3)
        for plan in plans])


def token_for(user, plan):
    out = io.StringIO()
    call_command("issue_token", "--user", user.email, "--plan", str(plan.pk), stdout=out)
    return json.loads(out.getvalue())


@dataclass
class Side:
    """One plan of the world, its three members and what their requests need."""

    plan: Plan
    people: dict  # role -> Membership
    n: int
    clients: dict = field(default_factory=dict)  # role -> logged-in Client
    api: dict = field(default_factory=dict)  # role -> Client with a bearer token
    feed: str = ""  # the secret of the calendar address
    fhir_patient: str = ""  # the id of the plan's Patient in the FHIR API

    def first(self, model, **filters):
        return model.objects.filter(plan=self.plan, **filters).order_by("pk").first()


def build_side(name, n):
    # Named as the first of their kind: a page lists them with the others.
    patient = new_user(f"patient-{name}@example.org", "Anna Patiënt-0")
    plan = do_create_own_plan(patient)
    naaste = new_user(f"naaste-{name}@example.org", "Sanne Naaste-0")
    provider = new_user(f"poh-{name}@example.org", "Karin Zorgverlener-0", is_provider=True,
                        profession="praktijkondersteuner")
    provider.organisations.add(Organisation.objects.create(name=f"Huisartsenpraktijk {name}"))
    Membership.objects.create(plan=plan, user=naaste, role=Role.NAASTE, relation="dochter",
                              may_act_for_patient=True)
    Membership.objects.create(plan=plan, user=provider, role=Role.PROVIDER)
    people = {m.role: m for m in plan.memberships.select_related("user", "plan")}
    fill(plan, n, people)
    add_plans(provider, n - 1)
    side = Side(plan, people, n)
    for role, member in people.items():
        side.clients[role] = client_for(member.user)
        answer = token_for(member.user, plan)
        side.fhir_patient = answer["patient"]
        side.api[role] = Client(HTTP_AUTHORIZATION=f"Bearer {answer['access_token']}")
    side.feed = "agenda-" + name
    CalendarFeed.objects.create(plan=plan, token_hash=feed_hash(side.feed),
                                created_by=patient)
    return side


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield {1: build_side("klein", 1), MANY: build_side("groot", MANY)}
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def in_a_savepoint(db):
    """Each test in a savepoint inside the module's transaction."""


# --- the pages -----------------------------------------------------------------------------

def markers(word):
    """How many different items of one kind a page shows, by their markers ("Doel-17")."""
    pattern = re.compile(rf"\b{word}-(\d+)\b")
    return lambda content: len(set(pattern.findall(content.decode())))


def fhir_total(content):
    return json.loads(content)["total"]


def logged_in(side, role):
    return side.clients[role]


def with_token(side, role):
    return side.api[role]


def anyone(side, role):
    return Client()


@dataclass(frozen=True)
class Page:
    """A page: its address in a side of the world for a role, who opens it, and how many
    items the large plan's page shows at least (`count` reads them from the answer)."""

    url: object  # (side, role) -> str
    roles: tuple = ROLES
    count: object = None  # the answer's content -> how many items it shows
    at_least: int = MANY
    client: object = logged_in  # (side, role) -> the client that asks


def plan_url(name, query="", **objects):
    """The URL `name` in the side's plan; an object is its id, or (side, role) -> its id."""
    def url(side, role):
        kwargs = {"plan_id": side.plan.pk}
        kwargs.update({key: get(side, role) if callable(get) else get
                       for key, get in objects.items()})
        return reverse(name, kwargs=kwargs) + (f"?{query}" if query else "")
    return url


def other_url(name, query=""):
    return lambda side, role: reverse(name) + (f"?{query}" if query else "")


def fhir_url(path):
    """A FHIR path; {patient} is the plan's Patient id."""
    return lambda side, role: "/fhir/" + path.format(patient=side.fhir_patient)


def first(model):
    return lambda side, role: side.first(model).pk


def own(model):
    """The first item of this kind that the member wrote themself."""
    return lambda side, role: side.first(model, author_member=side.people[role]).pk


def other_member(side, role):
    """A member to stop or to share with: the provider, or for the provider the naaste."""
    return side.people["naaste" if role == "provider" else "provider"].pk


def own_template(side, role):
    organisation = side.people["provider"].user.organisations.get()
    return PlanTemplate.objects.filter(organisation=organisation).order_by("pk").first().pk


PATIENT_SIDE = ("patient", "naaste")  # the patient, and a naaste who may act for them
PROVIDER = ("provider",)
ALL_PARTS = "&".join(f"delen={part}" for part in PARTS)

PAGES = {
    # The plan (plans/urls.py)
    "overview": Page(plan_url("plans:overview"), count=markers("Actie"), at_least=15),
    "tailor": Page(plan_url("plans:tailor")),
    "profile": Page(plan_url("plans:profile"), count=markers("Indicatie")),
    "profile_contacts": Page(plan_url("plans:profile"), count=markers("Contact")),
    "profile_members": Page(plan_url("plans:profile"), count=markers("Zorgverlener")),
    "edit_profile": Page(plan_url("plans:edit_profile"), PATIENT_SIDE),
    "edit_plan_data": Page(plan_url("plans:edit_plan_data")),
    "add_indication": Page(plan_url("plans:add_indication")),
    "edit_indication": Page(plan_url("plans:edit_indication", indication_id=first(Indication)),
                            count=markers("Indicatie"), at_least=1),
    "add_contact": Page(plan_url("plans:add_contact"), PATIENT_SIDE),
    "edit_contact": Page(plan_url("plans:edit_contact", contact_id=first(Contact)),
                         PATIENT_SIDE, count=markers("Contact"), at_least=1),
    "download": Page(plan_url("plans:download"), ("patient",), count=markers("Actie")),
    "close": Page(plan_url("plans:close"), ("patient",)),
    "domains": Page(plan_url("plans:domains"), count=markers("Notitie"), at_least=12),
    "domain_scores_chart": Page(plan_url("plans:domain_scores_chart")),
    "domain_set": Page(plan_url("plans:domain_set"), PATIENT_SIDE),
    "edit_domain": Page(plan_url("plans:edit_domain", domain="body"), PATIENT_SIDE,
                        count=markers("Notitie"), at_least=2),
    "goals": Page(plan_url("plans:goals"), count=markers("Doel")),
    "goals_check_ins": Page(plan_url("plans:goals"), count=markers("Checkin")),
    "add_goal": Page(plan_url("plans:add_goal"), PATIENT_SIDE),
    "edit_goal": Page(plan_url("plans:edit_goal", goal_id=first(Goal)), PATIENT_SIDE,
                      count=markers("Doel"), at_least=1),
    "actions": Page(plan_url("plans:actions"), count=markers("Actie")),
    "add_action": Page(plan_url("plans:add_action"), count=markers("Doel")),
    "edit_action": Page(plan_url("plans:edit_action", action_id=first(Action)),
                        count=markers("Zorgverlener")),
    "evaluations": Page(plan_url("plans:evaluations"), count=markers("Review")),
    "add_evaluation": Page(plan_url("plans:add_evaluation"), count=markers("Doel"),
                           at_least=MANY // 2),
    "members": Page(plan_url("plans:members"), count=markers("Uitgenodigd")),
    "members_people": Page(plan_url("plans:members"), count=markers("Naaste")),
    "remove_member": Page(plan_url("plans:remove_member", membership_id=other_member),
                          PATIENT_SIDE),
    "share": Page(plan_url("plans:share", membership_id=other_member), ("patient",)),
    "history": Page(plan_url("plans:history"), count=markers("Indicatie"), at_least=40),
    "history_page_2": Page(plan_url("plans:history", query="pagina=2"),
                           count=markers("Uitgenodigd"), at_least=30),
    # Health (health/urls.py)
    "logbook": Page(plan_url("health:logbook"), count=markers("Logregel"), at_least=25),
    "logbook_page_2": Page(plan_url("health:logbook", query="pagina=2"),
                           count=markers("Logregel"), at_least=5),
    "logbook_chart": Page(plan_url("health:logbook_chart")),
    "add_log_entry": Page(plan_url("health:add_log_entry"), PATIENT_SIDE,
                          count=markers("Medicijn")),
    "edit_log_entry": Page(plan_url("health:edit_log_entry", entry_id=own(LogEntry)),
                           PATIENT_SIDE, count=markers("Zorgverlener")),
    "agenda": Page(plan_url("health:agenda"), count=markers("Bezoek")),
    "add_appointment": Page(plan_url("health:add_appointment"), count=markers("Contact")),
    "edit_appointment": Page(plan_url("health:edit_appointment",
                                      appointment_id=first(Appointment)),
                             count=markers("Zorgverlener")),
    "appointment_ics": Page(plan_url("health:appointment_ics",
                                     appointment_id=first(Appointment)),
                            count=markers("Bezoek"), at_least=1),
    "medicines": Page(plan_url("health:medicines"), count=markers("Medicijn")),
    "add_medication": Page(plan_url("health:add_medication"), PROVIDER),
    "edit_medication": Page(plan_url("health:edit_medication", medication_id=first(Medication)),
                            PROVIDER, count=markers("Medicijn"), at_least=1),
    "edit_medication_note": Page(plan_url("health:edit_medication_note",
                                          medication_id=first(Medication)), PATIENT_SIDE,
                                 count=markers("Medicijn"), at_least=1),
    "results": Page(plan_url("health:results"), count=markers("Uitslag")),
    "result_chart": Page(plan_url("health:result_chart", query="naam=HbA1c")),
    "add_result": Page(plan_url("health:add_result"), PROVIDER),
    "edit_result": Page(plan_url("health:edit_result", result_id=first(Result)), PROVIDER,
                        count=markers("Uitslag"), at_least=1),
    "measurements": Page(plan_url("health:measurements"), count=markers("Streefwaarde"),
                         at_least=len(KINDS)),
    "measurement_kind": Page(plan_url("health:measurement_kind", kind="weight"),
                             count=markers("Meting"), at_least=MANY // len(KINDS)),
    "measurement_kind_bp": Page(plan_url("health:measurement_kind", kind="blood_pressure"),
                                count=markers("Streefwaarde"), at_least=MANY // len(KINDS)),
    "measurement_chart": Page(plan_url("health:measurement_chart", kind="blood_pressure")),
    "add_measurement": Page(plan_url("health:add_measurement", kind="weight")),
    "add_target": Page(plan_url("health:add_target", kind="weight")),
    "edit_measurement": Page(plan_url("health:edit_measurement",
                                      measurement_id=own(Measurement)),
                             count=markers("Meting"), at_least=1),
    "calendar_feed": Page(lambda side, role: reverse("health:calendar_feed", args=[side.feed]),
                          ("calendar app",), count=markers("Bezoek"), client=anyone),
    # The other apps' pages of a plan
    "accesses": Page(plan_url("audit:accesses"), PATIENT_SIDE, count=markers("Zorgverlener"),
                     at_least=MANY // 2),
    "booklet": Page(plan_url("booklet:choose")),
    "connected_apps": Page(plan_url("fhirapi_access:connected_apps"), PATIENT_SIDE),
    "import": Page(plan_url("fhirapi:import"), PATIENT_SIDE),
    "check_in_settings": Page(plan_url("reminders:settings"), PATIENT_SIDE,
                              count=markers("Doel"), at_least=MANY // 2),
    "check_in_stop": Page(plan_url("reminders:stop"), PATIENT_SIDE),
    "check_in": Page(plan_url("reminders:check_in"), PATIENT_SIDE, count=markers("Doel"),
                     at_least=MANY // 2),
    "consult": Page(plan_url("consult:view"), PROVIDER, count=markers("Checkin"),
                    at_least=MANY // 2),
    "prepare": Page(plan_url("consult:prepare"), PATIENT_SIDE),
    "questionnaire": Page(plan_url("indicators:questionnaire"), ("patient",)),
    "conditions": Page(plan_url("plantemplates:conditions"), count=markers("Aandoening")),
    # One form per condition, each with every goal, action and measurement to choose:
    # seconds to render for the large plan, so for one role.
    "tag": Page(plan_url("plantemplates:tag"), ("patient",), count=markers("Aandoening")),
    # The provider's own pages
    "home": Page(other_url("plans:home"), PROVIDER, count=markers("Patiënt")),
    "caseload": Page(other_url("caseload:list"), PROVIDER, count=markers("Patiënt"),
                     at_least=24),
    "caseload_page_2": Page(other_url("caseload:list", "pagina=2"), PROVIDER,
                            count=markers("Patiënt"), at_least=25),
    "caseload_sorted": Page(other_url("caseload:list", "sorteer=nieuw"), PROVIDER,
                            count=markers("Patiënt"), at_least=24),
    "indicators": Page(other_url("indicators:organisation"), PROVIDER),
    "indicators_csv": Page(other_url("indicators:csv"), PROVIDER,
                           count=lambda content: int(re.search(
                               r"^invited;[^;]*;(\d+);", content.decode("utf-8-sig"),
                               re.MULTILINE)[1])),
    "indicators_funnel": Page(other_url("indicators:funnel_chart"), PROVIDER),
    "indicators_shares": Page(other_url("indicators:shares_chart"), PROVIDER),
    "templates": Page(other_url("plantemplates:manage"), PROVIDER, count=markers("Sjabloon")),
    "edit_template": Page(lambda side, role: reverse("plantemplates:edit_template")
                          + f"?sjabloon={own_template(side, role)}", PROVIDER),
    # The FHIR API, with a token for the plan
    "fhir_everything": Page(fhir_url("Patient/{patient}/$everything"), count=fhir_total,
                            at_least=10 * MANY, client=with_token),
    "fhir_patient": Page(fhir_url("Patient/{patient}"), client=with_token),
    # Filtered, as a search of everything shows only the first page (and logs only the
    # parts on it): the plan's observations are all read and mapped before the filter.
    "fhir_observations": Page(fhir_url("Observation?patient={patient}&code=29463-7"),
                              count=fhir_total, at_least=MANY // len(KINDS),
                              client=with_token),
    "fhir_goals": Page(fhir_url("Goal?patient={patient}"), count=fhir_total,
                       client=with_token),
    "fhir_goal": Page(lambda side, role: f"/fhir/Goal/{side.first(Goal).pk}",
                      client=with_token),
    "fhir_care_plans": Page(fhir_url("CarePlan?patient={patient}"), count=fhir_total,
                            at_least=MANY // 3, client=with_token),
    "fhir_conditions": Page(fhir_url("Condition?patient={patient}"), count=fhir_total,
                            at_least=len(KINDS), client=with_token),
    "fhir_medication_statements": Page(fhir_url("MedicationStatement?patient={patient}"),
                                       count=fhir_total, client=with_token),
    "fhir_appointments": Page(fhir_url("Appointment?patient={patient}"), count=fhir_total,
                              client=with_token),
    # All on one page (the naasten and the contacts): each page logs the parts it shows.
    "fhir_related_people": Page(fhir_url("RelatedPerson?patient={patient}&_count=200"),
                                count=fhir_total, client=with_token),
    "fhir_practitioners": Page(fhir_url("Practitioner"), count=fhir_total, client=with_token),
    "fhir_practitioner_roles": Page(fhir_url("PractitionerRole"), count=fhir_total,
                                    client=with_token),
    "fhir_organizations": Page(fhir_url("Organization"), count=fhir_total,
                               client=with_token),
    "fhir_care_team": Page(fhir_url("CareTeam?patient={patient}"), client=with_token),
}


BOOKLET = plan_url("booklet:pdf", query=f"{ALL_PARTS}&papier=a4&letters=normaal")
# What the large plan's booklet shows at least (of the agenda: what is coming, and the
# last appointments before it).
BOOKLET_SHOWS = {"Doel": MANY, "Actie": MANY, "Review": MANY, "Medicijn": MANY,
                 "Logregel": MANY, "Contact": MANY, "Bezoek": 20, "Uitslag": MANY // 3,
                 "Indicatie": MANY, "Naaste": MANY, "Zorgverlener": MANY}


def queries_of(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    return response, [query["sql"] for query in context.captured_queries]


def shape(sql):
    """A query without its values, so that the same query for another row looks alike."""
    sql = re.sub(r"'[^']*'|\b\d+\b|\"s\d+_x\d+\"", "?", sql)
    return re.sub(r"IN \((?:\?, )*\?\)", "IN (...)", sql)


def grown(small, large):
    """The queries the large plan's page made more often, most repeated first."""
    more = Counter(map(shape, large)) - Counter(map(shape, small))
    fewer = Counter(map(shape, small)) - Counter(map(shape, large))
    lines = [f"{count} more: {sql}" for sql, count in more.most_common()]
    lines += [f"{count} fewer: {sql}" for sql, count in fewer.most_common()]
    return "\n".join(lines)


WARMED = set()  # the views asked for once already in this process


def ask_both(world, url, client, role):
    """The answers and queries of the page in the small and in the large plan. The first
    time a view is asked for, it is asked once more before counting, so that what Django
    keeps between requests (content types, say) does not count for the small plan only."""
    small, large = world[1], world[MANY]
    view = resolve(urlsplit(url(small, role)).path).view_name
    if view not in WARMED:
        client(small, role).get(url(small, role))
        WARMED.add(view)
    return [queries_of(client(side, role), url(side, role)) for side in (small, large)]


def assert_same_number(url, small_queries, large_queries):
    assert len(large_queries) == len(small_queries), (
        f"{url}: {len(small_queries)} queries with one item of every kind, "
        f"{len(large_queries)} with {MANY}:\n{grown(small_queries, large_queries)}")


CASES = [pytest.param(name, role, id=f"{role}-{name}")
         for name, page in PAGES.items() for role in page.roles]


@pytest.mark.parametrize(("name", "role"), CASES)
def test_a_page_costs_as_many_queries_with_fifty_items_as_with_one(world, name, role):
    page = PAGES[name]
    (small, small_queries), (large, large_queries) = ask_both(world, page.url, page.client,
                                                              role)
    assert (small.status_code, large.status_code) == (200, 200)
    if page.count is not None:
        assert page.count(small.content) >= 1
        assert page.count(large.content) >= page.at_least
    assert_same_number(page.url(world[MANY], role), small_queries, large_queries)


@pytest.mark.parametrize("role", ROLES)
def test_the_booklet_costs_as_many_queries_with_fifty_items_as_with_one(world, role,
                                                                       monkeypatch):
    """Every part of the booklet, A4. WeasyPrint, which reads nothing from the database,
    is left out: it takes many seconds for the large plan. What it would print, the
    booklet's HTML, is counted instead."""
    printed = []
    monkeypatch.setattr(booklet_views, "render_pdf",
                        lambda html, fetcher, css: printed.append(html) or b"%PDF-1.7")
    (small, small_queries), (large, large_queries) = ask_both(world, BOOKLET, logged_in,
                                                              role)
    assert (small.status_code, large.status_code) == (200, 200)
    assert large["Content-Type"] == "application/pdf"
    for word, at_least in BOOKLET_SHOWS.items():
        assert markers(word)(printed[-2].encode()) >= 1, word
        assert markers(word)(printed[-1].encode()) >= at_least, word
    assert_same_number(BOOKLET(world[MANY], role), small_queries, large_queries)


def test_every_page_of_a_plan_is_counted(world):
    """A GET page added to a plan's URLs later is counted here too, or said here why not."""
    post_only = {"plans:delete_contact", "plans:confirm_action", "plans:set_may_act",
                 "plans:revoke_invitation", "health:delete_log_entry",
                 "health:delete_appointment", "health:start_calendar_feed",
                 "health:stop_calendar_feed", "health:delete_measurement"}
    leads_back = {"plantemplates:take_over_goal"}  # a GET only redirects to the conditions
    urls = [page.url(world[MANY], page.roles[0]) for page in PAGES.values()]
    urls.append(BOOKLET(world[MANY], "patient"))
    counted = {resolve(urlsplit(url).path).view_name for url in urls}
    assert set(PLAN_URLS) - post_only - leads_back - counted == set()
