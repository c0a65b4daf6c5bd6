"""`manage.py load_demo --patients N`: a care group with many patients, for trying the
caseload and the outcome indicators with real numbers.

Zorggroep De Brug has four providers and N patients with a spread like a real practice:
some are invited and have not started, some said no (with a reason), most take part. Of
those, some started more than a year ago, some wrote in their logbook in the last three
months; goals are written by the patient or by a provider, actions are agreed by both
or only proposed, some plans were looked back on in the last year and some not, life
domain scores exist at the start and later, appointments are coming.

Speed matters more here than in the hand-written demo: rows go in with bulk_create (with
their history rows), in a few inserts per table, and every account shares the demo's one
password hash. Unlike the hand-written demo, these rows are not written through the
action functions, so the audit log does not show them being written.
"""

import hashlib
import random
from contextlib import contextmanager
from datetime import datetime, time, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from samenplan.accounts.actions import do_set_totp_device
from samenplan.accounts.models import Organisation, User
from samenplan.health.constants import LogKind, Visibility
from samenplan.health.models import Appointment, LogEntry

from .constants import (
    Access,
    ActionStatus,
    Assignee,
    DeclineReason,
    DomainSet,
    PlanStatus,
    Pronoun,
    Role,
    domains_for,
)
from .models import (
    Action,
    DomainScore,
    Evaluation,
    Goal,
    GoalReview,
    Invitation,
    Membership,
    Plan,
    Profile,
)

CARE_GROUP = "Zorggroep De Brug"
DOMAIN = "zorggroep-debrug.example.org"
PROVIDERS = [
    ("esther", "Esther Mulder", "praktijkondersteuner (POH)"),
    ("johan", "Johan de Boer", "huisarts"),
    ("linda", "Linda Bos", "praktijkondersteuner (POH)"),
    ("mehmet", "Mehmet Yılmaz", "wijkverpleegkundige"),
]
FIRST_NAMES = ["Jan", "Maria", "Henk", "Fatma", "Kees", "Ans", "Mohamed", "Wilma", "Piet",
               "Greet", "Ahmed", "Joke", "Cor", "Nel", "Hassan", "Riet", "Theo", "Ineke",
               "Sjaak", "Yvonne", "Gerrit", "Leen", "Mustafa", "Truus", "Bram", "Els"]
LAST_NAMES = ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker",
              "Janssen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos",
              "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "Kaya",
              "Öztürk", "El Idrissi", "Wijaya", "Koster", "Prins"]
GOALS = [
    "Ik wil elke dag een half uur wandelen.",
    "Ik wil mijn medicijnen elke dag op tijd innemen.",
    "Ik wil minder suiker in mijn koffie.",
    "Ik wil weer naar de zangvereniging.",
    "Ik wil 's nachts beter slapen.",
    "Ik wil stoppen met roken.",
    "Ik wil zelf mijn boodschappen blijven doen.",
    "Ik wil vaker mijn kleinkinderen zien.",
]
ACTIONS = [
    ("Ik loop elke ochtend een rondje door de wijk.", Assignee.PATIENT, "Elke ochtend"),
    ("De praktijkondersteuner belt om te vragen hoe het gaat.", Assignee.PROVIDER,
     "Over 4 weken"),
    ("Ik schrijf op wanneer ik mijn medicijnen neem.", Assignee.PATIENT, "Elke dag"),
    ("Mijn dochter gaat een keer mee naar de afspraak.", Assignee.NAASTE,
     "Bij de volgende afspraak"),
]
LOG_TEXTS = ["Wat benauwd vandaag.", "Goed geslapen.", "Pijn in mijn rug.",
             "Somber door het weer.", "Fijne dag gehad."]

# The spread, as shares of all patients (the rest take part).
INVITED, DECLINED = 0.10, 0.08
# Of those who take part:
STARTED_OVER_A_YEAR_AGO = 0.20
RECENT_LOGBOOK = 0.45
EVALUATED = 0.65  # of plans older than six months; the rest never looked back yet
HIDES_LOGBOOK = 0.10  # the patient does not share the logbook with the main provider


def is_loaded():
    return Organisation.objects.filter(name=CARE_GROUP).exists()


@contextmanager
def own_timestamps(*models):
    """Let bulk_create keep the moments we give (created_at in the past) instead of the
    'now' that auto_now_add would put in."""
    fields = [f for model in models for f in model._meta.concrete_fields
              if getattr(f, "auto_now_add", False)]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


class CareGroup:
    def __init__(self, count, password_hash, totp_hex_key, seed=2026):
        self.count = count
        self.password_hash = password_hash
        self.totp_hex_key = totp_hex_key
        self.random = random.Random(seed)  # nosec B311: demo data, not secrets
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)

    def moment(self, days_ago, hour=10):
        day = self.today - timedelta(days=days_ago)
        return timezone.make_aware(datetime.combine(day, time(hour)))

    def load(self):
        with own_timestamps(User, Plan, Membership, Goal, Action, Evaluation, LogEntry,
                            Invitation):
            self.create_providers()
            self.create_plans()
            self.fill_active_plans()

    def create_providers(self):
        organisation = Organisation.objects.create(name=CARE_GROUP, phone="030 765 43 21")
        self.providers = []
        for key, name, profession in PROVIDERS:
            user = User.objects.create(email=f"{key}@{DOMAIN}", name=name, is_provider=True,
                                       profession=profession, password=self.password_hash,
                                       date_joined=self.moment(900))
            user.organisations.add(organisation)
            do_set_totp_device(user, self.totp_hex_key, confirmed=True)
            self.providers.append(user)

    def _stamp(self, obj, user, moment):
        obj._history_user = user
        obj._history_date = moment
        return obj

    def create_plans(self):
        rnd = self.random
        self.rows = []  # (plan, patient user or None, main provider, started days ago)
        patients = []
        # Exact shares (at least one of each), in a shuffled order.
        invited, declined = (max(1, round(self.count * share)) for share in (INVITED, DECLINED))
        kinds = ([PlanStatus.INVITED] * invited + [PlanStatus.DECLINED] * declined
                 + [PlanStatus.ACTIVE] * (self.count - invited - declined))[:self.count]
        rnd.shuffle(kinds)
        for i in range(self.count):
            name = f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}"
            email = f"patient-{i + 1:05d}@{DOMAIN}"
            patients.append((name, email))
        started = [rnd.randint(370, 900) if rnd.random() < STARTED_OVER_A_YEAR_AGO
                   else rnd.randint(10, 360) for _ in range(self.count)]
        users = [User(email=email, name=name, password=self.password_hash,
                      date_joined=self.moment(days))
                 for (name, email), kind, days in zip(patients, kinds, started, strict=True)
                 if kind == PlanStatus.ACTIVE]
        users = iter(User.objects.bulk_create(users))
        plans = []
        for i, kind in enumerate(kinds):
            provider = self.providers[i % 2 * 2]  # the two POHs keep the caseloads
            patient = next(users) if kind == PlanStatus.ACTIVE else None
            moment = self.moment(started[i])
            plan = Plan(status=kind, created_by=patient or provider, created_at=moment,
                        domain_set=DomainSet.POSITIVE_HEALTH)
            if kind == PlanStatus.ACTIVE:
                plan.drawn_up_on = (moment + timedelta(days=7)).date()
                plan.drawn_up_by = f"{patients[i][0]}, samen met {provider.name}"
            if kind == PlanStatus.DECLINED:
                plan.decline_reason = rnd.choice(DeclineReason.values)
                plan.declined_at = moment + timedelta(days=3)
                if plan.decline_reason == DeclineReason.OTHER:
                    plan.decline_note = "Ik heb nu te veel aan mijn hoofd."
            plans.append(self._stamp(plan, patient or provider, moment))
            self.rows.append((plan, patient, provider, started[i]))
        bulk_create_with_history(plans, Plan)
        self.create_profiles_members_invitations(patients)

    def create_profiles_members_invitations(self, patients):
        rnd = self.random
        profiles, members, invitations = [], [], []
        for (plan, patient, provider, _days), (name, email) in zip(self.rows, patients,
                                                                  strict=True):
            moment = plan.created_at
            profiles.append(self._stamp(Profile(
                plan=plan, name=name, email=email,
                date_of_birth=self.today.replace(year=self.today.year - rnd.randint(45, 92),
                                                 day=1),
                pronoun=rnd.choice(Pronoun.values)), patient or provider, moment))
            access = {}
            if patient and rnd.random() < HIDES_LOGBOOK:
                access = {"logbook": Access.HIDDEN}
            members.append(self._stamp(Membership(
                plan=plan, user=provider, role=Role.PROVIDER, invited_by=patient or provider,
                joined_at=moment, section_access=access), provider, moment))
            if patient:
                members.append(self._stamp(Membership(
                    plan=plan, user=patient, role=Role.PATIENT, joined_at=moment),
                    patient, moment))
                if rnd.random() < 0.3:  # the huisarts takes part too
                    members.append(self._stamp(Membership(
                        plan=plan, user=self.providers[1], role=Role.PROVIDER,
                        invited_by=patient, joined_at=moment + timedelta(days=2)),
                        patient, moment))
            else:
                token = hashlib.sha256(f"{DOMAIN}/{plan.pk}".encode()).hexdigest()
                invitations.append(self._stamp(Invitation(
                    plan=plan, email=email, name=name, role=Role.PATIENT, token_hash=token,
                    invited_by=provider, created_at=moment,
                    expires_at=moment + timedelta(days=14),
                    declined_at=plan.declined_at), provider, moment))
        bulk_create_with_history(profiles, Profile)
        self.members = {(m.plan_id, m.user_id): m for m in
                        bulk_create_with_history(members, Membership)}
        bulk_create_with_history(invitations, Invitation)

    def fill_active_plans(self):
        rnd = self.random
        active = [row for row in self.rows if row[1] is not None]
        goals, scores, appointments, entries = [], [], [], []
        goal_authors = {}
        for plan, patient, provider, _days in active:
            start = plan.created_at + timedelta(days=7)
            for domain, _name, _help in domains_for(plan.domain_set):
                scores.append(self._stamp(DomainScore(
                    plan=plan, domain=domain, score=rnd.randint(3, 7),
                    scored_on=start.date(), author=patient), patient, start))
            for text in rnd.sample(GOALS, rnd.choice([0, 1, 2, 2, 3])):
                author = patient if rnd.random() < 0.7 else provider
                goal = Goal(plan=plan, text=text, domains=["body"], created_by=author,
                            created_at=start)
                goals.append(self._stamp(goal, author, start))
                goal_authors[id(goal)] = (patient, provider)
            if rnd.random() < 0.6:
                when = self.now + timedelta(days=rnd.randint(1, 60), hours=rnd.randint(0, 6))
                appointments.append(self._stamp(Appointment(
                    plan=plan, starts_at=when, with_member=self.members[(plan.pk, provider.pk)],
                    where="De praktijk", purpose="Controle"), provider, start))
            if rnd.random() < RECENT_LOGBOOK:
                for _n in range(rnd.randint(1, 5)):
                    moment = self.now - timedelta(days=rnd.randint(0, 89), hours=rnd.randint(1, 9))
                    entries.append(self._stamp(LogEntry(
                        plan=plan, occurred_at=moment, created_at=moment,
                        kind=rnd.choice(LogKind.values), intensity=rnd.randint(1, 8),
                        text=rnd.choice(LOG_TEXTS), author=patient,
                        author_member=self.members[(plan.pk, patient.pk)],
                        visibility=Visibility.TEAM if rnd.random() < 0.85
                        else Visibility.ONLY_ME), patient, moment))
        bulk_create_with_history(goals, Goal)
        bulk_create_with_history(scores, DomainScore)
        bulk_create_with_history(appointments, Appointment)
        bulk_create_with_history(entries, LogEntry)
        self.create_actions(goals, goal_authors)
        self.create_evaluations(active, goals)

    def create_actions(self, goals, goal_authors):
        rnd = self.random
        actions = []
        for goal in goals:
            patient, provider = goal_authors[id(goal)]
            for what, assignee, when in rnd.sample(ACTIONS, rnd.randint(0, 2)):
                proposed = goal.created_at + timedelta(days=1)
                draw = rnd.random()
                action = Action(plan_id=goal.plan_id, goal=goal, what=what, assignee=assignee,
                                when=when, proposed_at=proposed,
                                proposed_by=patient if draw < 0.8 else provider)
                if draw < 0.6 or draw >= 0.8:  # agreed, or proposed by the provider only
                    action.provider_confirmed_by = provider
                    action.provider_confirmed_at = proposed
                if draw < 0.8:  # agreed, or proposed by the patient only
                    action.patient_confirmed_by = patient
                    action.patient_confirmed_at = proposed
                if draw < 0.6 and rnd.random() < 0.2:
                    action.status = ActionStatus.DONE
                actions.append(self._stamp(action, action.proposed_by, proposed))
        bulk_create_with_history(actions, Action)

    def create_evaluations(self, active, goals):
        rnd = self.random
        goals_of = {}
        for goal in goals:
            goals_of.setdefault(goal.plan_id, []).append(goal)
        evaluations, plan_goals, scores = [], [], []
        for plan, patient, provider, days in active:
            if days < 180 or rnd.random() >= EVALUATED:
                continue
            # Mostly in the last year; a plan over two years old may have gone without.
            ago = rnd.randint(14, 330) if days < 730 or rnd.random() < 0.5 else \
                rnd.randint(400, days - 30)
            moment = self.moment(ago, 14)
            evaluations.append(self._stamp(Evaluation(
                plan=plan, held_on=moment.date(), created_by=provider, created_at=moment,
                participants=f"{patient.name}, {provider.name}"), provider, moment))
            plan_goals.append(goals_of.get(plan.pk, []))
            for domain, _name, _help in domains_for(plan.domain_set):
                scores.append(self._stamp(DomainScore(
                    plan=plan, domain=domain, score=rnd.randint(4, 9),
                    scored_on=moment.date(), author=patient), patient, moment))
        bulk_create_with_history(evaluations, Evaluation)
        bulk_create_with_history(scores, DomainScore)
        reviews = [
            self._stamp(GoalReview(evaluation=evaluation, goal=goal,
                                   how_it_went="Het gaat beter dan in het begin.",
                                   next_step="Zo doorgaan."),
                        evaluation.created_by, evaluation.created_at)
            for evaluation, its_goals in zip(evaluations, plan_goals, strict=True)
            for goal in its_goals
        ]
        bulk_create_with_history(reviews, GoalReview)
