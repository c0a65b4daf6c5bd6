"""`manage.py seed_bench --patients N`: a care group at full size, for the benchmarks of
issue 10 (docs/performance.md).

For 10,000 patients: 45 practices, 200 providers and 5,000 naasten; per patient a year of
use, with 8 goals, 15 actions, 300 logbook entries (2,000 for one patient in ten), 200
measurements, 15 medicines and 20 appointments, and 5 million audit events in all, in one
unbroken chain that `verify_audit` accepts. Other numbers of patients scale the same way.

It writes some 13 million rows, so it skips the ORM: rows are tuples, streamed to
PostgreSQL with COPY (on SQLite, for the tests, with executemany), with ids handed out
here so that rows can point at each other without asking the database. Everything goes
in one transaction: a failure leaves the database as it was. Every row gets its history
row ("made", by its author, when it was written), copied inside the database, as
django-simple-history writes one for each save; every account shares one password.
"""

import itertools
import json
import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from time import perf_counter

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from samenplan.accounts.models import Organisation, User
from samenplan.audit.actions import _chain_end, _lock_chain
from samenplan.audit.models import AuditEvent, event_hash
from samenplan.health.constants import LogKind, ResultKind, Visibility
from samenplan.health.measurements import TYPES
from samenplan.health.models import (
    Appointment,
    LogEntry,
    Measurement,
    Medication,
    Result,
    Target,
)
from samenplan.reminders.models import CheckInAnswer, CheckInPlan

from .constants import (
    ActionStatus,
    Assignee,
    ContactKind,
    DomainSet,
    GoalStatus,
    PlanStatus,
    Role,
)
from .demo_scale import FIRST_NAMES, GOALS, LAST_NAMES, LOG_TEXTS
from .models import (
    Action,
    Contact,
    DomainNote,
    DomainScore,
    Evaluation,
    Goal,
    GoalReview,
    Membership,
    Plan,
    Profile,
)

CARE_GROUP = "Zorggroep Benchmark"
DOMAIN = "bench.example.org"
# Made-up accounts of a benchmark database, never a real one.
PASSWORD = "Samenplan-bench-2026"  # noqa: S105  # nosec B105
DAYS = 365  # a year of use

# Per 10,000 patients, as the issue asks; other sizes scale (at least one of each).
PER_10000 = {"practices": 45, "providers": 200, "naasten": 5000, "audit_events": 5_000_000}
PER_PLAN = {"goals": 8, "actions": 15, "logbook": 300, "logbook_heavy": 2000,
            "measurements": 200, "medicines": 15, "appointments": 20}
HEAVY_SHARE = 0.10  # one patient in ten writes 2,000 logbook entries
CHECK_IN_SHARE = 0.30  # has check-ins between consults, with 12 answers

POSITIVE_HEALTH = ["body", "mind", "meaning", "quality", "participation", "daily"]
# (kind, share of the measurements): what people with diabetes measure at home.
MEASURED = [("blood_pressure", 0.35), ("fasting_glucose", 0.30), ("weight", 0.15),
            ("steps", 0.20)]
MEDICINES = [
    ("Metformine", "500 mg", "2 keer per dag 1 tablet, bij het eten.",
     "Voor een lagere bloedsuiker."),
    ("Gliclazide", "80 mg", "1 keer per dag 1 tablet, bij het ontbijt.",
     "Voor een lagere bloedsuiker."),
    ("Simvastatine", "40 mg", "1 keer per dag 1 tablet, 's avonds.",
     "Voor minder vet in het bloed."),
    ("Lisinopril", "10 mg", "1 keer per dag 1 tablet.", "Voor een lagere bloeddruk."),
    ("Amlodipine", "5 mg", "1 keer per dag 1 tablet.", "Voor een lagere bloeddruk."),
    ("Hydrochloorthiazide", "12,5 mg", "1 keer per dag 1 tablet, 's ochtends.",
     "Plaspil: voor een lagere bloeddruk."),
    ("Acetylsalicylzuur", "80 mg", "1 keer per dag 1 tablet.",
     "Zodat het bloed minder snel stolt."),
    ("Omeprazol", "20 mg", "1 keer per dag 1 capsule, voor het ontbijt.",
     "Beschermt uw maag."),
    ("Paracetamol", "500 mg", "Bij pijn 1 tot 2 tabletten, hooguit 6 per dag.",
     "Tegen pijn."),
    ("Insuline glargine", "100 E/ml", "1 keer per dag spuiten, 's avonds.",
     "Voor een lagere bloedsuiker in de nacht."),
    ("Salbutamol", "100 microg", "Bij benauwdheid 1 tot 2 pufjes.",
     "Maakt de luchtwegen snel wijder."),
    ("Tiotropium", "2,5 microg", "1 keer per dag 2 pufjes.", "Houdt de luchtwegen open."),
    ("Vitamine D", "10 microg", "1 keer per dag 1 tablet.", "Voor sterke botten."),
    ("Metoprolol", "50 mg", "1 keer per dag 1 tablet.", "Voor een rustig hartritme."),
    ("Furosemide", "40 mg", "1 keer per dag 1 tablet, 's ochtends.",
     "Plaspil: tegen vocht in de benen."),
]
ACTION_TEXTS = [
    ("Ik loop elke ochtend een rondje door de wijk.", Assignee.PATIENT, "Elke ochtend"),
    ("De praktijkondersteuner belt om te vragen hoe het gaat.", Assignee.PROVIDER,
     "Over 4 weken"),
    ("Ik schrijf op wanneer ik mijn medicijnen neem.", Assignee.PATIENT, "Elke dag"),
    ("Mijn naaste gaat een keer mee naar de afspraak.", Assignee.NAASTE,
     "Bij de volgende afspraak"),
    ("Ik meet elke week mijn bloeddruk.", Assignee.PATIENT, "Elke maandag"),
    ("De diëtist maakt samen met mij een weekmenu.", Assignee.PROVIDER, "Deze maand"),
]
QUESTIONS = "Mag ik minder pillen? Hoe gaat het met mijn bloedsuiker?"



@dataclass
class Table:
    """One table to fill: the fields each row gives, in order; every other column gets
    its field's default, the same for all rows."""

    model: type
    given: tuple

    def columns(self):
        fields = self.model._meta.concrete_fields
        by_name = {f.name: f for f in fields}
        rest = [f for f in fields if f.name not in self.given]
        self.fields = [by_name[name] for name in self.given] + rest
        self.tail = tuple(f.get_default() for f in rest)
        return [f.column for f in self.fields]


class Writer:
    """Streams rows into tables: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, out):
        self.out = out
        self.counts = {}
        self.seconds = {}

    def write(self, model, given, rows):
        table = Table(model, given)
        columns = table.columns()
        started = perf_counter()
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                count = self._copy(cursor, model, columns, table, rows)
            else:
                count = self._insert(cursor, model, columns, table, rows)
        name = model._meta.db_table
        self.counts[name] = self.counts.get(name, 0) + count
        self.seconds[name] = self.seconds.get(name, 0) + perf_counter() - started
        self.out(f"{name}: {count:,} rows in {perf_counter() - started:.1f} s")

    def _copy(self, cursor, model, columns, table, rows):
        jsons = [i for i, f in enumerate(table.fields) if isinstance(f, models.JSONField)]
        tail = list(table.tail)
        for i in jsons:
            if i >= len(table.given):
                tail[i - len(table.given)] = json.dumps(tail[i - len(table.given)])
        tail = tuple(tail)
        given_jsons = [i for i in jsons if i < len(table.given)]
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        count = 0
        sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({quoted}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                if given_jsons:
                    row = list(row)
                    for i in given_jsons:
                        row[i] = json.dumps(row[i])
                copy.write_row(tuple(row) + tail)
                count += 1
        return count

    def _insert(self, cursor, model, columns, table, rows):
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        # Names from our own models; the values are parameters.
        table_name = connection.ops.quote_name(model._meta.db_table)
        sql = f"INSERT INTO {table_name} ({quoted}) VALUES ({marks})"  # noqa: S608  # nosec B608
        fields = table.fields
        count = 0
        for batch in _batched(rows, 2000):
            prepared = [
                [f.get_db_prep_save(v, connection) for f, v in zip(fields, row + table.tail,
                                                                   strict=True)]
                for row in batch
            ]
            cursor.executemany(sql, prepared)
            count += len(prepared)
        return count


def _batched(rows, size):
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def scaled(patients, key):
    return max(1, round(PER_10000[key] * patients / 10000))


class Ids:
    """Hands out ids above what each table holds now."""

    def __init__(self):
        self.next = {}
        self.first = {}  # the first id handed out per table: ours are first..next-1

    def block(self, model, count):
        if model not in self.next:
            last = model.objects.aggregate(m=models.Max("pk"))["m"] or 0
            self.next[model] = self.first[model] = last + 1
        first = self.next[model]
        self.next[model] += count
        return first


class Seed:
    def __init__(self, patients, out, seed=2026):
        self.n = patients
        self.out = out
        self.random = random.Random(seed)  # nosec B311: benchmark data, not secrets
        self.now = timezone.now()
        self.start = self.now - timedelta(days=DAYS)
        self.ids = Ids()
        self.writer = Writer(out)
        self.password = make_password(PASSWORD)

    def run(self):
        started = perf_counter()
        with transaction.atomic():
            _lock_chain()  # the audit chain continues from its end; nobody writes between
            self.people()
            self.plans()
            self.plan_content()
            self.health()
            self.audit()
            self.history()
            self.reset_sequences()
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Fresh tables: their statistics for the planner, and the visibility map for
            # index-only scans, now rather than by autovacuum in the middle of a benchmark.
            # (Not inside a transaction, such as a test's: VACUUM cannot run there.)
            vacuum_started = perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE)")
            self.out(f"VACUUM (ANALYZE) in {perf_counter() - vacuum_started:.1f} s")
        self.out(f"seeded {self.n:,} patients: "
                 f"{sum(self.writer.counts.values()):,} rows in {perf_counter() - started:.1f} s")
        return self.writer.counts

    # People -------------------------------------------------------------------------

    def people(self):
        rnd = self.random
        practices = scaled(self.n, "practices")
        org0 = self.ids.block(Organisation, practices + 1)
        self.care_group = org0
        names = [CARE_GROUP] + [f"Huisartsenpraktijk Benchmark {i + 1}" for i in range(practices)]
        self.org_names = dict(zip(range(org0, org0 + practices + 1), names, strict=True))
        self.writer.write(Organisation, ("id", "name", "phone"),
                          ((org0 + i, name, "030 123 45 67") for i, name in enumerate(names)))

        providers = scaled(self.n, "providers")
        naasten = min(self.n, scaled(self.n, "naasten"))
        user0 = self.ids.block(User, providers + self.n + naasten)
        self.providers = list(range(user0, user0 + providers))
        self.patients = list(range(user0 + providers, user0 + providers + self.n))
        self.naasten = list(range(user0 + providers + self.n, user0 + providers + self.n + naasten))
        # A provider works at one practice, and for the care group.
        self.practice_of = {p: org0 + 1 + i % practices for i, p in enumerate(self.providers)}
        self.names = {}
        joined = self.start - timedelta(days=30)

        def users():
            for i, pk in enumerate(self.providers):
                name = f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}"
                self.names[pk] = name
                yield (pk, f"zorgverlener-{i + 1:04d}@{DOMAIN}", name, self.password, True,
                       "praktijkondersteuner (POH)" if i % 4 else "huisarts", joined)
            for kind, pks in (("patient", self.patients), ("naaste", self.naasten)):
                for i, pk in enumerate(pks):
                    name = f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}"
                    self.names[pk] = name
                    yield (pk, f"{kind}-{i + 1:05d}@{DOMAIN}", name, self.password, False, "",
                           joined)

        self.writer.write(User, ("id", "email", "name", "password", "is_provider",
                                 "profession", "date_joined"), users())
        through = User.organisations.through
        link0 = self.ids.block(through, 2 * providers)
        self.writer.write(through, ("id", "user", "organisation"), (
            (link0 + 2 * i + j, p, org)
            for i, p in enumerate(self.providers)
            for j, org in enumerate((self.care_group, self.practice_of[p]))))

    # Plans and members --------------------------------------------------------------

    def plans(self):
        rnd = self.random
        n = self.n
        self.plan0 = self.ids.block(Plan, n)
        started = self.start
        providers = self.providers
        self.main = [providers[i % len(providers)] for i in range(n)]
        # A second provider of the same practice (the huisarts) in three plans in ten.
        same = {}
        for p in providers:
            same.setdefault(self.practice_of[p], []).append(p)
        self.second = [None] * n
        for i in range(n):
            colleagues = [p for p in same[self.practice_of[self.main[i]]] if p != self.main[i]]
            if colleagues and rnd.random() < 0.3:
                self.second[i] = rnd.choice(colleagues)
        self.writer.write(Plan, ("id", "status", "domain_set", "created_at", "created_by",
                                 "drawn_up_on", "drawn_up_by"), (
            (self.plan0 + i, PlanStatus.ACTIVE, DomainSet.POSITIVE_HEALTH, started,
             self.patients[i], (started + timedelta(days=7)).date(),
             f"{self.names[self.patients[i]]}, samen met {self.names[self.main[i]]}")
            for i in range(n)))
        profile0 = self.ids.block(Profile, n)
        self.writer.write(Profile, ("id", "plan", "name", "email", "date_of_birth", "address",
                                    "phone"), (
            (profile0 + i, self.plan0 + i, self.names[self.patients[i]],
             f"patient-{i + 1:05d}@{DOMAIN}",
             self.now.date().replace(year=self.now.year - rnd.randint(45, 90), day=1),
             f"Dorpsstraat {i % 200 + 1}, Utrecht", "06 12345678")
            for i in range(n)))

        # Members: the patient, the main provider, maybe a second one, maybe a naaste.
        self.member_of = {}  # (plan index, role) -> membership id
        rows = []
        mid = self.ids.block(Membership, 4 * n)  # room for all; ids need not be dense
        for i in range(n):
            plan = self.plan0 + i
            base = mid + 4 * i
            rows.append((base, plan, self.patients[i], Role.PATIENT, "", False, started))
            rows.append((base + 1, plan, self.main[i], Role.PROVIDER, "", False, started))
            self.member_of[i, Role.PATIENT] = base
            self.member_of[i, Role.PROVIDER] = base + 1
            if self.second[i]:
                rows.append((base + 2, plan, self.second[i], Role.PROVIDER, "", False, started))
            if i < len(self.naasten):
                rows.append((base + 3, plan, self.naasten[i], Role.NAASTE,
                             rnd.choice(["dochter", "zoon", "partner", "buurvrouw"]),
                             rnd.random() < 0.5, started))
                self.member_of[i, Role.NAASTE] = base + 3
        self.writer.write(Membership, ("id", "plan", "user", "role", "relation",
                                       "may_act_for_patient", "joined_at"), rows)
        contact0 = self.ids.block(Contact, 2 * n)
        contacts = [("Apotheek De Linde", "apotheek", "030 111 22 33"),
                    ("Diëtistenpraktijk Smaak", "diëtist", "030 444 55 66")]
        self.writer.write(Contact, ("id", "plan", "kind", "name", "role_or_relation",
                                    "organisation", "phone"), (
            (contact0 + 2 * i + k, self.plan0 + i, ContactKind.PROVIDER, name, role, name, phone)
            for i in range(n) for k, (name, role, phone) in enumerate(contacts)))

    # What matters, goals, actions, evaluations ----------------------------------------

    def plan_content(self):
        rnd = self.random
        n = self.n
        plan0 = self.plan0
        drawn_up = self.start + timedelta(days=7)
        note0 = self.ids.block(DomainNote, 8 * n)
        self.writer.write(DomainNote, ("id", "plan", "domain", "section", "text", "updated_at",
                                       "updated_by"), (
            (note0 + 8 * i + k, plan0 + i, domain, section, text, drawn_up, self.patients[i])
            for i in range(n)
            for k, (domain, section, text) in enumerate(
                [(d, DomainNote.WHAT_MATTERS, "Dat ik zelf kan blijven beslissen.")
                 for d in POSITIVE_HEALTH]
                + [("body", DomainNote.SUPPORT_NEEDS, "Hulp bij het meten van mijn bloeddruk."),
                   ("daily", DomainNote.SUPPORT_NEEDS, "Iemand die meegaat naar de praktijk.")])))
        score0 = self.ids.block(DomainScore, 12 * n)
        self.writer.write(DomainScore, ("id", "plan", "domain", "score", "scored_on", "author"), (
            (score0 + 12 * i + 6 * r + k, plan0 + i, domain, rnd.randint(3 + r, 7 + r),
             (drawn_up + timedelta(days=r * 300)).date(), self.patients[i])
            for i in range(n) for r in range(2) for k, domain in enumerate(POSITIVE_HEALTH)))

        goals = PER_PLAN["goals"]
        self.goal0 = self.ids.block(Goal, goals * n)
        kinds = ["fasting_glucose", "blood_pressure", "weight", "steps", "", "", "", ""]
        self.writer.write(Goal, ("id", "plan", "text", "why", "domains", "measurement_kind",
                                 "status", "created_at", "created_by"), (
            (self.goal0 + goals * i + k, plan0 + i, GOALS[k % len(GOALS)],
             "Dan voel ik me fitter.", [POSITIVE_HEALTH[k % 6]], kinds[k % len(kinds)],
             GoalStatus.ACHIEVED if k == 7 else GoalStatus.ACTIVE,
             drawn_up + timedelta(days=k * 20),
             self.patients[i] if rnd.random() < 0.7 else self.main[i])
            for i in range(n) for k in range(goals)))

        per = PER_PLAN["actions"]
        action0 = self.ids.block(Action, per * n)

        def actions():
            for i in range(n):
                patient, provider = self.patients[i], self.main[i]
                for k in range(per):
                    what, assignee, when = ACTION_TEXTS[k % len(ACTION_TEXTS)]
                    member = {Assignee.PATIENT: self.member_of[i, Role.PATIENT],
                              Assignee.PROVIDER: self.member_of[i, Role.PROVIDER]}.get(
                        assignee, self.member_of.get((i, Role.NAASTE)))
                    proposed = drawn_up + timedelta(days=k * 20)
                    draw = rnd.random()
                    agreed = draw < 0.7
                    by_provider = draw >= 0.85  # waiting for the patient; else for the provider
                    yield (action0 + per * i + k, plan0 + i, self.goal0 + 8 * i + k % 8, what,
                           assignee, member, when,
                           ActionStatus.DONE if agreed and k < 4 else ActionStatus.OPEN,
                           provider if by_provider else patient, proposed,
                           patient if agreed or not by_provider else None,
                           proposed if agreed or not by_provider else None,
                           provider if agreed or by_provider else None,
                           proposed if agreed or by_provider else None)

        self.writer.write(Action, (
            "id", "plan", "goal", "what", "assignee", "assignee_member", "when", "status",
            "proposed_by", "proposed_at", "patient_confirmed_by", "patient_confirmed_at",
            "provider_confirmed_by", "provider_confirmed_at"), actions())

        evaluation0 = self.ids.block(Evaluation, n)
        held = (self.now - timedelta(days=60)).date()
        self.writer.write(Evaluation, ("id", "plan", "held_on", "participants", "illness_note",
                                       "created_by", "created_at"), (
            (evaluation0 + i, plan0 + i, held,
             f"{self.names[self.patients[i]]}, {self.names[self.main[i]]}",
             "Het gaat wat beter.", self.main[i], self.now - timedelta(days=60))
            for i in range(n)))
        review0 = self.ids.block(GoalReview, goals * n)
        self.writer.write(GoalReview, ("id", "evaluation", "goal", "how_it_went", "next_step"), (
            (review0 + goals * i + k, evaluation0 + i, self.goal0 + goals * i + k,
             "Het lukt vaker dan in het begin.", "Zo doorgaan.")
            for i in range(n) for k in range(goals)))

        checking = [i for i in range(n) if rnd.random() < CHECK_IN_SHARE]
        checkin0 = self.ids.block(CheckInPlan, len(checking))
        self.writer.write(CheckInPlan, ("id", "plan", "active", "frequency", "started_at",
                                        "changed_by"), (
            (checkin0 + j, plan0 + i, True, "weekly", self.now - timedelta(days=90),
             self.patients[i]) for j, i in enumerate(checking)))
        through = CheckInPlan.goals.through
        link0 = self.ids.block(through, 2 * len(checking))
        self.writer.write(through, ("id", "checkinplan", "goal"), (
            (link0 + 2 * j + k, checkin0 + j, self.goal0 + goals * i + k)
            for j, i in enumerate(checking) for k in range(2)))
        answer0 = self.ids.block(CheckInAnswer, 12 * len(checking))
        self.writer.write(CheckInAnswer, ("id", "plan", "goal", "answered_at", "score", "note",
                                          "author", "author_member"), (
            (answer0 + 12 * j + w, plan0 + i, self.goal0 + goals * i + w % 2,
             self.now - timedelta(days=7 * (w // 2) + 1, hours=2), rnd.randint(2, 5),
             "Gaat goed." if w % 3 else "", self.patients[i], self.member_of[i, Role.PATIENT])
            for j, i in enumerate(checking) for w in range(12)))

    # Health: medicines, logbook, measurements, targets, results, agenda ---------------

    def health(self):
        rnd = self.random
        n = self.n
        plan0 = self.plan0
        per = PER_PLAN["medicines"]
        self.med0 = self.ids.block(Medication, per * n)
        self.writer.write(Medication, ("id", "plan", "name", "strength", "dose", "purpose",
                                       "since", "until", "prescribed_by"), (
            (self.med0 + per * i + k, plan0 + i, *MEDICINES[k % len(MEDICINES)],
             (self.start - timedelta(days=30 * k)).date(),
             (self.now - timedelta(days=40)).date() if k >= per - 3 else None,
             self.names[self.main[i]])
            for i in range(n) for k in range(per)))

        heavy = set(rnd.sample(range(n), max(1, round(n * HEAVY_SHARE))))
        sizes = [PER_PLAN["logbook_heavy"] if i in heavy else PER_PLAN["logbook"]
                 for i in range(n)]
        log0 = self.ids.block(LogEntry, sum(sizes))
        kinds = LogKind.values
        span = DAYS * 86400

        def entries():
            pk = log0
            for i in range(n):
                plan = plan0 + i
                naaste = self.member_of.get((i, Role.NAASTE))
                own = (self.patients[i], self.member_of[i, Role.PATIENT])
                theirs = (self.naasten[i], naaste) if naaste else own
                for _k in range(sizes[i]):
                    at = self.start + timedelta(seconds=int(rnd.random() * span))
                    kind = kinds[int(rnd.random() * len(kinds))]
                    author, member = theirs if rnd.random() < 0.2 else own
                    yield (pk, plan, at, kind, int(rnd.random() * 9) + 1,
                           LOG_TEXTS[pk % len(LOG_TEXTS)], author, member,
                           self.med0 + per * i if kind == LogKind.SIDE_EFFECT else None,
                           Visibility.ONLY_ME if rnd.random() < 0.1 else Visibility.TEAM, at)
                    pk += 1

        self.writer.write(LogEntry, ("id", "plan", "occurred_at", "kind", "intensity", "text",
                                     "author", "author_member", "medication", "visibility",
                                     "created_at"), entries())

        per = PER_PLAN["measurements"]
        measurement0 = self.ids.block(Measurement, per * n)
        plan_of_kind = []
        for kind, share in MEASURED:
            plan_of_kind += [kind] * round(share * per)
        plan_of_kind = (plan_of_kind + [MEASURED[0][0]] * per)[:per]
        bases = {"blood_pressure": (135, 82), "fasting_glucose": (7.5, None),
                 "weight": (88, None), "steps": (5500, None)}

        def measurements():
            for i in range(n):
                plan = plan0 + i
                author, member = self.patients[i], self.member_of[i, Role.PATIENT]
                for k, kind in enumerate(plan_of_kind):
                    t = TYPES[kind]
                    first, second = bases[kind]
                    value = Decimal(first * (0.85 + 0.3 * rnd.random())).quantize(
                        Decimal(1) if t.decimals == 0 else Decimal("0.1"))
                    second_value = Decimal(int(second * (0.85 + 0.3 * rnd.random()))) \
                        if second else None
                    at = self.start + timedelta(days=DAYS * k / per, hours=8)
                    yield (measurement0 + per * i + k, plan, kind, at, value, second_value,
                           t.loinc, t.unit, author, member)

        self.writer.write(Measurement, ("id", "plan", "kind", "measured_at", "value",
                                        "second_value", "loinc", "unit", "author",
                                        "author_member"), measurements())

        targets = [("blood_pressure", None, 140, None, 90), ("fasting_glucose", 4, 8, None, None),
                   ("hba1c", None, 53, None, None), ("weight", None, 85, None, None)]
        target0 = self.ids.block(Target, len(targets) * n)
        valid = (self.start + timedelta(days=7)).date()
        self.writer.write(Target, ("id", "plan", "kind", "low", "high", "second_low",
                                   "second_high", "loinc", "unit", "valid_from", "agreed_by",
                                   "author"), (
            (target0 + len(targets) * i + k, plan0 + i, kind, low, high, second_low,
             second_high, TYPES[kind].loinc, TYPES[kind].unit, valid,
             f"{self.names[self.patients[i]]} en {self.names[self.main[i]]}", self.main[i])
            for i in range(n)
            for k, (kind, low, high, second_low, second_high) in enumerate(targets)))

        # Each quarter an HbA1c and an LDL from the lab, the HbA1c slowly going down.
        result0 = self.ids.block(Result, 8 * n)
        labs = [("HbA1c", TYPES["hba1c"], Decimal(53), "Uw gemiddelde bloedsuiker."),
                ("LDL-cholesterol", TYPES["ldl"], Decimal("2.5"), "Het vet in uw bloed.")]
        self.writer.write(Result, ("id", "plan", "kind", "name", "taken_on", "value", "unit",
                                   "reference_high", "explanation", "measurement_kind",
                                   "loinc"), (
            (result0 + 8 * i + 2 * q + j, plan0 + i, ResultKind.LAB, name,
             (self.start + timedelta(days=90 * q + 20)).date(),
             Decimal(58 - 2 * q + rnd.randint(-5, 5)) if j == 0
             else Decimal(rnd.randint(18, 34)) / 10, t.unit, high, explanation, t.key, t.loinc)
            for i in range(n) for q in range(4)
            for j, (name, t, high, explanation) in enumerate(labs)))

        per = PER_PLAN["appointments"]
        appointment0 = self.ids.block(Appointment, per * n)
        self.writer.write(Appointment, ("id", "plan", "starts_at", "with_member", "where",
                                        "purpose", "questions"), (
            (appointment0 + per * i + k, plan0 + i,
             # Every 3 weeks over the past year, and the last few still to come.
             (self.start + timedelta(days=21 * k + i % 7 + 5)).replace(
                 hour=9 + i % 8, minute=0, second=0, microsecond=0),
             self.member_of[i, Role.PROVIDER], "De praktijk",
             "Controle diabetes" if k % 2 else "Gesprek over mijn plan",
             QUESTIONS if k >= per - 3 else "")
            for i in range(n) for k in range(per)))

    # The audit log --------------------------------------------------------------------

    def audit(self):
        """Reads and writes by the members of each plan, in time order, in one chain."""
        rnd = self.random
        total = scaled(self.n, "audit_events")
        seq, prev = _chain_end()
        first_pk = self.ids.block(AuditEvent, total)
        sections = ["overview", "what_matters", "goals", "actions", "logbook", "agenda",
                    "measurements", "medicines", "results", "evaluation", "consult"]
        step = DAYS * 86400 / total

        def events():
            nonlocal seq, prev
            for k in range(total):
                i = int(rnd.random() * self.n)
                draw = rnd.random()
                if draw < 0.5:
                    user, role, org = self.patients[i], Role.PATIENT, ""
                elif draw < 0.65 and (i, Role.NAASTE) in self.member_of:
                    user, role, org = self.naasten[i], Role.NAASTE, ""
                else:
                    user, role = self.main[i], Role.PROVIDER
                    org = self.org_names[self.practice_of[user]]
                kind = AuditEvent.READ if rnd.random() < 0.9 else AuditEvent.CREATE
                seq += 1
                values = {"seq": seq, "at": self.start + timedelta(seconds=k * step),
                          "kind": kind, "user_id": user, "role": role, "organisation": org,
                          "on_behalf_of_id": None, "plan_id": self.plan0 + i,
                          "section": sections[int(rnd.random() * len(sections))],
                          "object_id": "", "source": "10.0.0.1", "prev_hash": prev}
                prev = event_hash(values)
                yield (first_pk + k, values["at"], kind, user, role, org, None,
                       values["plan_id"], values["section"], "", "10.0.0.1", seq,
                       values["prev_hash"], prev)

        self.writer.write(AuditEvent, ("id", "at", "kind", "user", "role", "organisation",
                                       "on_behalf_of_id", "plan_id", "section", "object_id",
                                       "source", "seq", "prev_hash", "hash"), events())

    def history(self):
        """Per table with history, a 'made' row for each of ours, copied in the database."""
        for model, (moment, user) in HISTORY.items():
            if model not in self.ids.first:
                continue
            historical = model.history.model
            own = {f.column for f in model._meta.concrete_fields}
            columns = [f.column for f in historical._meta.concrete_fields if f.column in own]
            quote = connection.ops.quote_name
            names = ", ".join(quote(c) for c in columns)
            when = quote(moment) if moment else "%s"
            who = quote(user) if user else "NULL"
            # Names from our own models; the ids and the moment are parameters.
            sql = (f"INSERT INTO {quote(historical._meta.db_table)} ({names}, history_date, "  # noqa: S608  # nosec B608
                   f"history_type, history_user_id) SELECT {names}, {when}, '+', {who} "
                   f"FROM {quote(model._meta.db_table)} WHERE id >= %s AND id < %s")
            params = ([] if moment else [self.start]) + [self.ids.first[model],
                                                         self.ids.next[model]]
            started = perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                count = cursor.rowcount
            name = historical._meta.db_table
            self.writer.counts[name] = count
            self.out(f"{name}: {count:,} rows in {perf_counter() - started:.1f} s")

    def reset_sequences(self):
        """After rows with ids of our own, the database's counters go past them."""
        tables = list(self.ids.next) + [model.history.model for model in HISTORY]
        statements = connection.ops.sequence_reset_sql(no_style(), tables)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


# Per table with history: the column that says when a row was made and the one that says
# by whom (None: the start of the year, and nobody).
HISTORY = {
    Plan: ("created_at", "created_by_id"), Profile: (None, None), Membership: ("joined_at", None),
    Contact: (None, None), DomainNote: ("updated_at", "updated_by_id"),
    DomainScore: (None, "author_id"), Goal: ("created_at", "created_by_id"),
    Action: ("proposed_at", "proposed_by_id"), Evaluation: ("created_at", "created_by_id"),
    GoalReview: (None, None), CheckInPlan: ("started_at", "changed_by_id"),
    CheckInAnswer: ("answered_at", "author_id"), Medication: (None, None),
    LogEntry: ("created_at", "author_id"), Measurement: ("measured_at", "author_id"),
    Target: (None, "author_id"), Result: (None, None), Appointment: (None, None),
}


def is_seeded():
    return Organisation.objects.filter(name=CARE_GROUP).exists()
