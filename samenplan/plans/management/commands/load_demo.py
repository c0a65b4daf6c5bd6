"""`manage.py load_demo`: demo people and a year of plan content, for trying Samenplan.

Anna de Vries (diabetes type 2 and COPD, lives alone) has a full plan that she keeps with
her daughter Sanne and three providers; Bert Visser has a light plan. Everything is
written through the action functions, so history and audit look like real use. The
actions stamp 'now'; `Clock.at` then moves what one step wrote to the moment in the past
year when it happened, so 'Wat is er veranderd' reads like a year of use.

The audit log (AuditEvent) is left as it is: it records when the data was really written.
"""

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from time import perf_counter as time_now

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from samenplan.accounts.actions import do_set_totp_device
from samenplan.accounts.models import Organisation, User
from samenplan.audit.actions import do_record_event
from samenplan.audit.models import AuditEvent
from samenplan.health.demo import (
    load_anna_agenda,
    load_anna_logbook,
    load_anna_measurements,
    load_anna_medicines,
    load_anna_results,
    load_bert_health,
    load_bert_logbook,
)
from samenplan.health.measurements import Topic
from samenplan.health.models import Appointment, LogEntry, Measurement, Medication, Result, Target
from samenplan.plans import demo_scale
from samenplan.plans.actions import (
    Actor,
    do_change_action,
    do_confirm_action,
    do_create_own_plan,
    do_propose_action,
    do_record_evaluation,
    do_save_contact,
    do_save_domain,
    do_save_goal,
    do_save_indication,
    do_update_plan_data,
    do_update_profile,
)
from samenplan.plans.constants import (
    ActionStatus,
    Assignee,
    ContactKind,
    GoalStatus,
    Law,
    Pronoun,
    Role,
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
    Membership,
    Plan,
    Profile,
)
from samenplan.reminders.demo import load_anna_check_ins
from samenplan.reminders.models import CheckInAnswer, CheckInPlan

# Published in the README; load_demo refuses to run with DEBUG off unless --force.
PASSWORD = "Samenplan-demo-2026"  # nosec B105
ORGANISATION = "Huisartsenpraktijk De Linde"
# base32 JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP: the code every demo provider types in.
TOTP_HEX_KEY = "48656c6c6f21deadbeef48656c6c6f21deadbeef"

# (e-mail, name, fields). Anna's address is the one whose presence means "loaded".
PEOPLE = {
    "anna": ("anna@example.org", "Anna de Vries", {"phone": "06 12 34 56 78"}),
    "sanne": ("sanne@example.org", "Sanne de Vries", {"phone": "06 23 45 67 89"}),
    "karin": ("karin@example.org", "Karin Jansen",
              {"is_provider": True, "profession": "praktijkondersteuner (POH)"}),
    "pieter": ("pieter@example.org", "Pieter Bakker",
               {"is_provider": True, "profession": "huisarts"}),
    "fatima": ("fatima@example.org", "Fatima El Amrani",
               {"is_provider": True, "profession": "wijkverpleegkundige"}),
    "bert": ("bert@example.org", "Bert Visser", {"phone": "06 98 76 54 32"}),
}

HISTORY_MODELS = [Plan, Profile, Indication, Membership, Contact, DomainNote, DomainScore,
                  Goal, Action, Evaluation, GoalReview, LogEntry, Appointment,
                  Medication, Result, Measurement, Target, CheckInPlan, CheckInAnswer]
# Timestamps the models set themselves (or the actions set to 'now').
TIMESTAMPS = {
    User: ["date_joined"],
    Plan: ["created_at"],
    Membership: ["joined_at"],
    DomainNote: ["updated_at"],
    Goal: ["created_at"],
    Action: ["proposed_at", "patient_confirmed_at", "provider_confirmed_at"],
    Evaluation: ["created_at"],
    LogEntry: ["created_at"],
    CheckInPlan: ["started_at"],
    CheckInAnswer: ["answered_at"],
}


class Clock:
    """Dates what the demo writes: whatever is saved inside `with clock.at(moment):` gets
    `moment` as its history date and as its own timestamps, as if it happened then.

    Rows written by an earlier step already lie in the past, so 'written at or after the
    start of the load' means 'written by this step'. Change objects only after fetching
    them again (`fresh`), or their old in-memory timestamps are saved back."""

    def __init__(self):
        self.started = timezone.now()
        self.today = timezone.localdate(self.started)
        # model.history builds a new manager on every access: look the tables up once.
        self.historical = {model: model.history.model for model in HISTORY_MODELS}

    def moment(self, days_ago, hour, minute=0):
        day = self.today - timedelta(days=days_ago)
        return timezone.make_aware(datetime.combine(day, time(hour)) + timedelta(minutes=minute))

    def day(self, days_ago):
        return self.today - timedelta(days=days_ago)

    @contextmanager
    def at(self, moment):
        if moment >= self.started:
            raise ValueError(f"{moment} is not in the past")
        saved = set()

        def note(sender, **kwargs):
            saved.add(sender)

        # Only the models this step saved need their timestamps moved: that keeps loading
        # a year of demo data quick.
        post_save.connect(note, weak=False)
        try:
            yield
        finally:
            post_save.disconnect(note)
        for historical in self.historical.values():
            if historical in saved:
                historical.objects.filter(history_date__gte=self.started).update(
                    history_date=moment)
        for model, names in TIMESTAMPS.items():
            if model not in saved:
                continue
            for name in names:
                written_now = {f"{name}__gte": self.started}
                model.objects.filter(**written_now).update(**{name: moment})
                if model in self.historical:
                    self.historical[model].objects.filter(**written_now).update(
                        **{name: moment})


def fresh(obj):
    obj.refresh_from_db()
    return obj


def join(plan, user, role, invited_by, **fields):
    """Add a member the way do_accept_invitation does, without the e-mail round trip."""
    membership = Membership(plan=plan, user=user, role=role, invited_by=invited_by, **fields)
    membership._history_user = user
    membership.save()
    do_record_event(user, AuditEvent.CREATE, "members", plan=plan, membership=membership,
                    obj=membership)
    return membership


class Command(BaseCommand):
    help = "Load demo people and plans (Anna de Vries and Bert Visser). Only with DEBUG on."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true",
                            help="Load even though DEBUG is off (never on a real server).")
        parser.add_argument("--patients", type=int, default=0, metavar="N",
                            help="Also load a care group with N patients (for the caseload "
                            "and the indicators).")

    def handle(self, *args, force=False, patients=0, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: demo data does not belong in a real installation. "
                "Use --force if you are sure."
            )
        if patients < 0:
            raise CommandError("--patients needs a number of 0 or more.")
        self.load_people()
        if patients:
            self.load_care_group(patients)

    def load_care_group(self, patients):
        if demo_scale.is_loaded():
            self.stdout.write(f"{demo_scale.CARE_GROUP} is already loaded; nothing changed.")
            return
        started = time_now()
        with transaction.atomic():
            # The one demo hash again: hashing is slow on purpose, once is enough.
            password_hash = User.objects.get(email=PEOPLE["anna"][0]).password
            demo_scale.CareGroup(patients, password_hash, TOTP_HEX_KEY).load()
        self.stdout.write(self.style.SUCCESS(
            f"{demo_scale.CARE_GROUP} loaded: {patients} patients in "
            f"{time_now() - started:.1f} s. Its providers log in as "
            f"{', '.join(f'{key}@{demo_scale.DOMAIN}' for key, _n, _p in demo_scale.PROVIDERS)}."
        ))

    def load_people(self):
        emails = [email for email, _name, _fields in PEOPLE.values()]
        if User.objects.filter(email=PEOPLE["anna"][0]).exists():
            self.stdout.write("Demo data is already loaded; nothing changed.")
            return
        taken = User.objects.filter(email__in=emails).values_list("email", flat=True)
        if taken:
            raise CommandError(
                f"These accounts exist already, without the rest of the demo: "
                f"{', '.join(sorted(taken))}. Remove them or use an empty database."
            )
        with transaction.atomic():
            Demo(Clock()).load()
        self.stdout.write(self.style.SUCCESS(
            f"Demo data loaded. Log in as {', '.join(emails)} with password {PASSWORD}. "
            f"Providers use the authenticator key JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP."
        ))


class Demo:
    def __init__(self, clock):
        self.clock = clock
        self.at = clock.at
        self.moment = clock.moment
        self.day = clock.day

    def load(self):
        self.create_people()
        self.load_anna()
        self.load_bert()

    # --- people ---------------------------------------------------------------------------

    def create_people(self):
        with self.at(self.moment(370, 9)):
            organisation = Organisation.objects.create(name=ORGANISATION, phone="030 234 56 70")
            hashed = make_password(PASSWORD)
            for key, (email, name, fields) in PEOPLE.items():
                # One Argon2 hash for all: hashing is slow on purpose, once is enough.
                user = User.objects.create(email=email, name=name, password=hashed, **fields)
                if user.is_provider:
                    user.organisations.add(organisation)
                    do_set_totp_device(user, TOTP_HEX_KEY, confirmed=True)
                setattr(self, key, user)

    # --- Anna ------------------------------------------------------------------------------

    def load_anna(self):
        anna, sanne = self.anna, self.sanne
        with self.at(self.moment(364, 10, 15)):
            plan = do_create_own_plan(anna)
            me = Actor(anna, Membership.objects.get(plan=plan, user=anna))
        with self.at(self.moment(364, 10, 40)):
            daughter = Actor(sanne, join(plan, sanne, Role.NAASTE, anna, relation="dochter",
                                         may_act_for_patient=True))
        with self.at(self.moment(363, 16, 5)):
            karin = Actor(self.karin, join(plan, self.karin, Role.PROVIDER, anna))
        with self.at(self.moment(361, 8, 50)):
            pieter = Actor(self.pieter, join(plan, self.pieter, Role.PROVIDER, anna))
        with self.at(self.moment(360, 13, 20)):
            fatima = Actor(self.fatima, join(plan, self.fatima, Role.PROVIDER, anna))

        with self.at(self.moment(362, 19, 30)):
            profile = Profile.objects.get(plan=plan)
            profile.date_of_birth = date(1958, 4, 12)
            profile.address = "Kastanjelaan 14, 3551 GB Utrecht"
            profile.language_needs = ("Ik lees liever grote letters. Lange brieven lees ik "
                                      "samen met Sanne.")
            profile.pronoun = Pronoun.SHE
            do_update_profile(daughter, profile)

        self.anna_contacts(daughter, me)
        self.anna_domains(me, daughter)
        with self.at(self.moment(357, 11, 45)):
            plan = fresh(plan)
            plan.drawn_up_on = self.day(357)
            plan.drawn_up_by = "Anna de Vries, samen met Karin Jansen (praktijkondersteuner)"
            plan.participants = ("Anna de Vries, Sanne de Vries (dochter), "
                                 "Karin Jansen (praktijkondersteuner)")
            do_update_plan_data(karin, plan)
        self.anna_indications(fatima, daughter)
        goals = self.anna_goals(me)
        actions = self.anna_actions(me, daughter, karin, pieter, fatima, goals)
        self.anna_evaluations(me, daughter, karin, pieter, goals, actions)
        load_anna_medicines(self.clock, pieter)
        load_anna_results(self.clock, pieter, karin)
        load_anna_logbook(self.clock, me, daughter)
        load_anna_agenda(self.clock, me, karin, pieter, fatima)
        load_anna_measurements(self.clock, me, karin)
        load_anna_check_ins(self.clock, me)

    def anna_contacts(self, daughter, me):
        contacts = [
            (ContactKind.PROVIDER, "Pieter Bakker", "huisarts", ORGANISATION,
             "030 234 56 70", "pieter@example.org"),
            (ContactKind.PROVIDER, "Karin Jansen", "praktijkondersteuner (POH)", ORGANISATION,
             "030 234 56 71", "karin@example.org"),
            (ContactKind.PROVIDER, "Fatima El Amrani", "wijkverpleegkundige", ORGANISATION,
             "06 34 56 78 90", "fatima@example.org"),
            (ContactKind.PROVIDER, "Apotheek Kastanjeplein", "apotheek", "",
             "030 234 99 00", ""),
            (ContactKind.NAASTE, "Sanne de Vries", "dochter", "", "06 23 45 67 89",
             "sanne@example.org"),
            (ContactKind.NAASTE, "Ria Smit", "buurvrouw, heeft een sleutel van mijn huis", "",
             "06 45 67 89 01", ""),
        ]
        for minute, (kind, name, role, organisation, phone, email) in enumerate(contacts):
            with self.at(self.moment(362, 19, 40 + minute * 2)):
                do_save_contact(daughter, Contact(
                    kind=kind, name=name, role_or_relation=role, organisation=organisation,
                    phone=phone, email=email,
                ))

    def anna_indications(self, fatima, daughter):
        with self.at(self.moment(350, 14, 10)):
            do_save_indication(fatima, Indication(
                law=Law.ZVW, kind_of_care="Wijkverpleging: 1 keer per week de medicijnen "
                "klaarzetten in de weekdoos",
                start=self.day(350), decided_by="Fatima El Amrani, wijkverpleegkundige",
            ))
        with self.at(self.moment(300, 20, 15)):
            start = self.day(305)
            do_save_indication(daughter, Indication(
                law=Law.WMO, kind_of_care="Huishoudelijke hulp, 3 uur per week",
                start=start, end=start + timedelta(days=2 * 365), decided_by="Gemeente Utrecht",
            ))

    # What matters to me (M2) and my support needs (M3) per domain, and my own scores
    # at the start, halfway and near the end of the year.
    DOMAINS = {
        "body": (
            "Ik wil weer zelf naar de markt kunnen lopen. Daar koop ik graag mijn groente. "
            "Nu sta ik onderweg vaak stil, omdat ik buiten adem raak.",
            "Ik wil beter snappen hoe mijn puffers werken. En ik wil weten wat ik kan doen "
            "als ik het benauwd krijg.",
            (5, 5, 6),
        ),
        "mind": (
            "Ik wil me rustig voelen in mijn eigen huis. Soms pieker ik 's avonds. Wat "
            "gebeurt er als ik ziek word en er is niemand?",
            "Ik vind het fijn als iemand weet hoe het met me gaat. Ik wil graag een vast "
            "moment waarop Sanne belt.",
            (6, 5, 6),
        ),
        "meaning": (
            "Mijn kleinkinderen zijn voor mij het belangrijkst. Op woensdag pas ik op Daan. "
            "Ook mijn tuintje achter het huis maakt me blij.",
            "Ik wil op woensdag blijven oppassen. Daarvoor wil ik me goed genoeg voelen.",
            (7, 7, 7),
        ),
        "quality": (
            "Ik geniet van een kopje koffie op de markt en van de zon in mijn tuin. Ik wil zo "
            "lang mogelijk in mijn eigen huis blijven wonen.",
            "Ik wil hulp bij de dingen die zwaar zijn. Dan houd ik energie over voor de "
            "dingen die ik leuk vind.",
            (6, 6, 7),
        ),
        "participation": (
            "Sinds mijn man is overleden ben ik veel alleen. Vooral de avonden zijn lang. "
            "Ik wil meer mensen zien.",
            "Ik weet niet goed wat er in de buurt te doen is. Ik wil hulp bij het zoeken "
            "naar iets voor de avond.",
            (4, 5, 6),
        ),
        "daily": (
            "Ik doe mijn eigen boodschappen en ik kook zelf. Ik regel mijn eigen post en "
            "rekeningen. Dat wil ik zo houden.",
            "Stofzuigen en de bedden opmaken lukt me niet meer alleen. En ik wil dat mijn "
            "medicijnen goed klaarstaan, want ik haal ze soms door elkaar.",
            (6, 6, 7),
        ),
    }
    PARTICIPATION_LATER = (
        "Ik wil een keer gaan kijken in het buurthuis. Het is fijn als iemand de eerste "
        "keer met mij meegaat."
    )

    def anna_domains(self, me, daughter):
        # At the start Anna fills in most domains herself; Sanne types two for her.
        for minute, (domain, (matters, needs, scores)) in enumerate(self.DOMAINS.items()):
            actor = daughter if domain in ("quality", "daily") else me
            with self.at(self.moment(357, 10, 5 + minute * 5)):
                do_save_domain(actor, domain, matters, needs, scores[0], self.day(357))

    def anna_scores(self, me, days_ago, index):
        """Anna scores every domain again; the texts stay as they are."""
        texts = {(note.domain, note.section): note.text
                 for note in DomainNote.objects.filter(plan=me.plan)}
        for minute, (domain, (_matters, _needs, scores)) in enumerate(self.DOMAINS.items()):
            with self.at(self.moment(days_ago, 15, minute)):
                do_save_domain(me, domain, texts[domain, DomainNote.WHAT_MATTERS],
                               texts[domain, DomainNote.SUPPORT_NEEDS], scores[index],
                               self.day(days_ago))

    def anna_goals(self, me):
        goals = [
            ("Ik wil weer zelf naar de markt op zaterdag kunnen lopen.",
             "Op de markt zie ik bekenden en koop ik mijn eigen groente. Dan hoor ik er weer "
             "bij.", ["body", "participation"], Topic.EXERCISE, ""),
            ("Ik wil snappen hoe mijn puffers werken en wanneer ik welke neem.",
             "Dan schrik ik minder als ik het benauwd krijg. Ik weet dan wat ik kan doen.",
             ["body", "mind"], Topic.MEDICINES, ""),
            ("Ik wil minder avonden alleen zijn.",
             "'s Avonds is het stil in huis. Ik mis de gesprekken met mijn man.",
             ["participation", "mind", "quality"], "", ""),
            ("Ik wil dat mijn suiker rustig blijft, zodat ik alleen kan blijven wonen.",
             "Mijn huis en mijn tuin zijn belangrijk voor mij. En ik wil op Daan blijven "
             "passen.", ["daily", "meaning", "body"], Topic.FOOD, "hba1c"),
        ]
        saved = []
        for minute, (text, why, domains, topic, kind) in enumerate(goals):
            with self.at(self.moment(357, 10, 45 + minute * 5)):
                saved.append(do_save_goal(me, Goal(text=text, why=why, domains=domains,
                                                   topic=topic, measurement_kind=kind)))
        return saved

    def anna_actions(self, me, daughter, karin, pieter, fatima, goals):
        market, inhalers, evenings, sugar = goals
        sanne_member, karin_member = daughter.membership, karin.membership
        # (days ago, proposer, goal, what, who, which member, when, confirmer, hours later)
        plans = [
            (357, me, market, "Ik loop elke ochtend een rondje om het blok. Eerst 10 minuten, "
             "later langer.", Assignee.PATIENT, None, "Elke ochtend na het ontbijt",
             karin, 0.2),
            (357, karin, inhalers, "Karin laat zien hoe de twee puffers werken en kijkt mee "
             "hoe Anna ze gebruikt.", Assignee.PROVIDER, karin_member,
             "Bij de volgende afspraak op de praktijk", me, 0.1),
            (356, daughter, market, "Sanne loopt op zaterdag samen met Anna naar de markt.",
             Assignee.NAASTE, sanne_member, "Om de week op zaterdag", karin, 22),
            (355, me, evenings, "Sanne belt mij op dinsdagavond en donderdagavond.",
             Assignee.NAASTE, sanne_member, "Dinsdag en donderdag rond 19.00 uur", karin, 26),
            (350, fatima, sugar, "Fatima zet de medicijnen voor de hele week klaar in de "
             "weekdoos.", Assignee.PROVIDER, fatima.membership, "Elke maandagochtend",
             daughter, 4),
            (349, pieter, sugar, "Pieter bespreekt met Anna de uitslag van het bloedonderzoek "
             "en of de medicijnen zo kunnen blijven.", Assignee.PROVIDER, pieter.membership,
             "Elke 3 maanden, bij de controle", me, 24),
            (330, me, inhalers, "Ik hang een briefje op de koelkast. Daarop staat welke puffer "
             "ik wanneer neem.", Assignee.PATIENT, None, "Nu, en opnieuw als er iets "
             "verandert", karin, 2),
        ]
        actions = []
        for i, (days_ago, proposer, goal, what, who, member, when, confirmer,
                later) in enumerate(plans):
            proposed_at = self.moment(days_ago, 11, 15 + i * 2)
            with self.at(proposed_at):
                action = do_propose_action(proposer, Action(
                    goal=goal, what=what, assignee=who, assignee_member=member, when=when,
                ))
            with self.at(proposed_at + timedelta(hours=later)):
                do_confirm_action(confirmer, action)
            actions.append(action)
        # Karin showed the puffers at the next appointment: that action is done.
        with self.at(self.moment(343, 9, 40)):
            action = fresh(actions[1])
            action.status = ActionStatus.DONE
            do_change_action(karin, action)
        return actions

    def anna_evaluations(self, me, daughter, karin, pieter, goals, actions):
        market, inhalers, evenings, sugar = goals
        self.anna_scores(me, 182, 1)
        with self.at(self.moment(181, 10, 30)):
            do_record_evaluation(karin, Evaluation(
                held_on=self.day(181),
                participants="Anna de Vries, Sanne de Vries (dochter), "
                "Karin Jansen (praktijkondersteuner)",
                illness_note=(
                    "Mijn suiker was de afgelopen maanden rustig. De uitslagen heb ik met "
                    "Pieter besproken. In het voorjaar was ik een week erg benauwd. Ik kreeg "
                    "toen een kuur van de huisarts. Daarna ging het weer zoals daarvoor."
                ),
            ), [
                (market, {
                    "how_it_went": "Ik loop bijna elke ochtend mijn rondje. Het is nu een "
                    "kwartier.",
                    "what_was_hard": "Bij koud en nat weer blijf ik binnen. Dan word ik "
                    "sneller benauwd.",
                    "next_step": "Met Sanne de hele weg naar de markt lopen, met een pauze "
                    "op het bankje bij de kerk.",
                }),
                (inhalers, {
                    "how_it_went": "Karin heeft de puffers met mij doorgenomen. Ik weet nu "
                    "welke puffer voor elke dag is en welke voor als ik benauwd ben.",
                    "what_was_hard": "De puffer met het poeder vind ik lastig.",
                    "next_step": "Bij de volgende controle kijkt Karin nog een keer mee.",
                }),
                (evenings, {
                    "how_it_went": "Sanne belt twee avonden per week. Daar kijk ik naar uit.",
                    "what_was_hard": "De andere avonden zijn nog steeds lang.",
                    "next_step": "Kijken wat er 's avonds in de buurt te doen is.",
                }),
                (sugar, {
                    "how_it_went": "Fatima zet elke maandag de weekdoos klaar. Ik haal de "
                    "medicijnen nu niet meer door elkaar.",
                    "next_step": "Zo doorgaan.",
                }),
            ])

        # After the first evaluation Anna knows better what she wants for her evenings.
        with self.at(self.moment(180, 20, 5)):
            matters, _needs, _scores = self.DOMAINS["participation"]
            do_save_domain(me, "participation", matters, self.PARTICIPATION_LATER, None, None)

        self.anna_scores(me, 30, 2)
        with self.at(self.moment(28, 14, 0)):
            do_record_evaluation(pieter, Evaluation(
                held_on=self.day(28),
                participants="Anna de Vries, Sanne de Vries (dochter), Pieter Bakker "
                "(huisarts), Karin Jansen (praktijkondersteuner)",
                illness_note=(
                    "Mijn suiker is het hele jaar rustig gebleven. In de winter was ik één "
                    "keer extra benauwd. Ik wist toen welke puffer ik kon nemen en ik heb "
                    "de huisarts gebeld. Ik hoefde niet naar het ziekenhuis."
                ),
            ), [
                (market, {
                    "how_it_went": "In de zomer ben ik drie keer met Sanne naar de markt "
                    "gelopen. Alleen lukt het nog niet.",
                    "what_was_hard": "Het laatste stuk over de brug is zwaar.",
                    "next_step": "Mijn rondje in de ochtend blijven lopen. Om de week met "
                    "Sanne naar de markt.",
                }),
                (inhalers, {
                    "how_it_went": "Ik weet nu hoe mijn puffers werken. Wat mij betreft is "
                    "dit doel bereikt.",
                    "next_step": "Karin kijkt één keer per jaar mee bij de controle.",
                }),
                (evenings, {
                    "how_it_went": "Sanne belt nog steeds twee avonden. Op donderdag is er "
                    "een eetgroep in het buurthuis.",
                    "what_was_hard": "Ik vind het spannend om alleen ergens heen te gaan waar "
                    "ik niemand ken.",
                    "next_step": "Karin doet een voorstel. Ik denk erover na.",
                }),
                (sugar, {
                    "how_it_went": "Mijn suiker is rustig. Ik woon nog steeds in mijn eigen "
                    "huis.",
                    "next_step": "Zo doorgaan. Over een half jaar weer samen terugkijken.",
                }),
            ])
        with self.at(self.moment(27, 19, 10)):
            goal = fresh(inhalers)
            goal.status = GoalStatus.ACHIEVED
            do_save_goal(me, goal)
        # The one action that is not agreed yet: Karin proposed it, Anna has not answered.
        with self.at(self.moment(26, 12, 30)):
            do_propose_action(karin, Action(
                goal=evenings,
                what="Anna gaat een keer kijken bij de eetgroep in het buurthuis. Sanne gaat "
                "de eerste keer mee.",
                assignee=Assignee.PATIENT, when="Op een donderdag in de komende maand",
            ))

    # --- Bert ------------------------------------------------------------------------------

    def load_bert(self):
        bert = self.bert
        with self.at(self.moment(200, 14, 0)):
            plan = do_create_own_plan(bert)
            me = Actor(bert, Membership.objects.get(plan=plan, user=bert))
        with self.at(self.moment(200, 14, 20)):
            profile = Profile.objects.get(plan=plan)
            profile.date_of_birth = date(1949, 9, 3)
            profile.address = "Wilgenstraat 3, 3555 TC Utrecht"
            profile.pronoun = Pronoun.HE
            do_update_profile(me, profile)
        with self.at(self.moment(199, 9, 15)):
            karin = Actor(self.karin, join(plan, self.karin, Role.PROVIDER, bert))
        with self.at(self.moment(196, 10, 0)):
            goal = do_save_goal(me, Goal(
                text="Ik wil elke dag met mijn hond Max naar het park kunnen lopen.",
                why="Max en ik lopen al jaren samen. In het park zie ik mensen uit de buurt.",
                domains=["body", "participation"],
            ))
        with self.at(self.moment(196, 10, 20)):
            action = do_propose_action(me, Action(
                goal=goal, what="Ik loop elke ochtend met Max een kwartier naar het park.",
                assignee=Assignee.PATIENT, when="Elke ochtend",
            ))
        with self.at(self.moment(196, 10, 25)):
            do_confirm_action(karin, action)
        load_bert_logbook(self.clock, me)
        load_bert_health(self.clock, me, karin)
