"""What the attack suite works on: a plan with one object of every kind (and its members,
an outsider with a plan of their own, a plan someone declined), every named URL of the
site with ids to fill it in, a snapshot of every row, and the forms on a page."""

import hashlib
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser

from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from samenplan.accounts.models import Organisation
from samenplan.conftest import add_member, client_for, make_user
from samenplan.health.models import (
    Appointment,
    CalendarFeed,
    LogEntry,
    Measurement,
    Medication,
    Result,
    Target,
)
from samenplan.plans.actions import do_create_own_plan, do_decline_plan, do_start_plan
from samenplan.plans.constants import Assignee, Role
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
)

APPS = ("plans", "health", "accounts")
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEMO_KEY = "48656c6c6f21deadbeef48656c6c6f21deadbeef"  # the TOTP secret in the README


def sha256(token):
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class World:
    patient: object
    naaste: object  # may act for the patient
    provider: object
    outsider: object
    plan: object
    other_plan: object
    declined_plan: object  # started by the provider, declined by its patient
    ids: dict = field(default_factory=dict)  # URL arguments, by name
    tokens: dict = field(default_factory=dict)  # URL name -> its secret `token`

    @property
    def members(self):
        return {"patient": self.patient, "naaste": self.naaste, "provider": self.provider}

    def membership(self, user, plan=None):
        return Membership.objects.get(plan=plan or self.plan, user=user, removed_at=None)

    def kwargs_for(self, name, params):
        values = {**self.ids, "token": self.tokens.get(name, self.tokens["plans:invitation"])}
        missing = set(params) - set(values)
        assert not missing, f"the world has no object for {missing} of {name}"
        return {p: values[p] for p in params}

    def url(self, name, params):
        return reverse(name, kwargs=self.kwargs_for(name, params))


def build_world():
    """Everything at once; call it inside a transaction that is rolled back afterwards."""
    now, today = timezone.now(), timezone.localdate()
    patient = make_user("anna@attack.example", "Anna de Vries")
    plan = do_create_own_plan(patient)
    naaste = make_user("sanne@attack.example", "Sanne de Vries")
    add_member(plan, naaste, Role.NAASTE, relation="dochter", may_act_for_patient=True)
    provider = make_user("karin@attack.example", "Karin Jansen", is_provider=True,
                         profession="praktijkondersteuner", phone="030 123 45 67")
    provider.organisations.add(Organisation.objects.create(name="Huisartsenpraktijk De Linde",
                                                           phone="030 765 43 21"))
    TOTPDevice.objects.create(user=provider, name="test", key=DEMO_KEY, confirmed=True)
    provider_member = add_member(plan, provider, Role.PROVIDER)
    outsider = make_user("bert@attack.example", "Bert Visser")
    other_plan = do_create_own_plan(outsider)
    helper = make_user("hans@attack.example", "Hans Helper")
    helper_member = add_member(plan, helper, Role.NAASTE, relation="buurman")

    declined_plan = do_start_plan(provider, "Kees Nee", "kees@attack.example", None)
    do_decline_plan(Invitation.objects.get(plan=declined_plan), "other", "Nu even niet.")
    # A plan the provider started, its patient not yet asked: their link can say no.
    decline_token = "decline-" + "z" * 40
    Invitation.objects.filter(
        plan=do_start_plan(provider, "Joke Nog", "joke@attack.example", None)
    ).update(token_hash=sha256(decline_token))

    me = Membership.objects.get(plan=plan, user=patient)
    goal = Goal.objects.create(plan=plan, text="Weer naar de markt lopen",
                               why="Dan zie ik mensen.", created_by=patient)
    action = Action.objects.create(
        plan=plan, goal=goal, what="Elke dag lopen", assignee=Assignee.PROVIDER,
        assignee_member=provider_member, when="elke dag", proposed_by=patient,
        patient_confirmed_by=patient, patient_confirmed_at=now)
    contact = Contact.objects.create(
        plan=plan, kind="provider", name="Dokter Bakker", role_or_relation="huisarts",
        organisation="De Linde", phone="030 111 22 33", email="bakker@attack.example")
    indication = Indication.objects.create(plan=plan, law="wmo", kind_of_care="Huishouden",
                                           start=today, decided_by="Gemeente")
    for section in (DomainNote.WHAT_MATTERS, DomainNote.SUPPORT_NEEDS):
        DomainNote.objects.create(plan=plan, domain="body", section=section,
                                  text="Buiten zijn.", updated_by=patient)
    DomainScore.objects.create(plan=plan, domain="body", score=6, scored_on=today,
                               author=patient)
    evaluation = Evaluation.objects.create(plan=plan, held_on=today, participants="Anna, Karin",
                                           illness_note="Het gaat beter.", created_by=provider)
    GoalReview.objects.create(evaluation=evaluation, goal=goal, how_it_went="Goed",
                              what_was_hard="Regen", next_step="Verder")
    invitation_token, feed_token = "invitation-" + "x" * 40, "feed-" + "y" * 40
    invitation = Invitation.objects.create(
        plan=plan, email="ilse@attack.example", name="Ilse", role=Role.NAASTE,
        relation="vriendin", token_hash=sha256(invitation_token), invited_by=patient,
        expires_at=now + timedelta(days=14))
    CalendarFeed.objects.create(plan=plan, token_hash=sha256(feed_token), created_by=patient)
    medication = Medication.objects.create(
        plan=plan, name="Metformine", strength="500 mg", dose="1 tablet", purpose="Voor de suiker.",
        since=today, prescribed_by="Dokter Bakker", patient_note="Bij het ontbijt.")
    entry = LogEntry.objects.create(plan=plan, kind="side_effect", intensity=4, text="Buikpijn",
                                    occurred_at=now, author=patient, author_member=me,
                                    medication=medication)
    appointment = Appointment.objects.create(
        plan=plan, starts_at=now + timedelta(days=3), with_contact=contact, where="De Linde",
        purpose="Controle", questions="Mag ik meer lopen?")
    result = Result.objects.create(
        plan=plan, kind="lab", name="HbA1c", value=53, unit="mmol/mol", reference_low=20,
        reference_high=42, outcome="iets te hoog", explanation="Uw suiker is wat hoog.",
        taken_on=today)
    measurement = Measurement.objects.create(
        plan=plan, kind="weight", measured_at=now - timedelta(hours=1), value=80,
        loinc="29463-7", unit="kg", note="Na het ontbijt.", author=patient, author_member=me)
    Target.objects.create(plan=plan, kind="weight", high=78, loinc="29463-7", unit="kg",
                          valid_from=today, agreed_by="Anna en Karin", author=provider)
    return World(
        patient=patient, naaste=naaste, provider=provider, outsider=outsider, plan=plan,
        other_plan=other_plan, declined_plan=declined_plan,
        ids={
            "plan_id": plan.pk, "goal_id": goal.pk, "action_id": action.pk,
            "contact_id": contact.pk, "indication_id": indication.pk,
            "membership_id": helper_member.pk, "invitation_id": invitation.pk,
            "entry_id": entry.pk, "appointment_id": appointment.pk,
            "medication_id": medication.pk, "result_id": result.pk,
            "measurement_id": measurement.pk, "kind": "weight", "domain": "body",
            "uidb64": urlsafe_base64_encode(force_bytes(patient.pk)),
            "resource_type": "Goal", "resource_id": str(goal.pk),
        },
        tokens={
            "plans:invitation": invitation_token, "plans:decline": decline_token,
            "health:calendar_feed": feed_token,
            # Made last: the token depends on the password and the last login.
            "accounts:password_reset_confirm": default_token_generator.make_token(patient),
        },
    )


def site_urls():
    """(name, parameter names) of every named URL of the site, from the URL conf itself,
    so that a URL added later is attacked too."""

    def walk(patterns, route, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
                yield from walk(p.url_patterns, route + str(p.pattern), inner)
            elif p.name:
                params = re.findall(r"<(?:\w+:)?(\w+)>", route + str(p.pattern))
                yield namespace + p.name, tuple(params)

    return sorted(set(walk(get_resolver().url_patterns, "", "")))


# URLs that an app calls with its own credentials (a bearer token, an OAuth code with its
# PKCE verifier) and never with the browser's cookies: CSRF cannot reach through them, so
# they are exempt from the CSRF check, and without those credentials they refuse (401, or
# 400/405) what a forged form sends.
TOKEN_URLS = {"fhirapi:transaction", "fhirapi:metadata", "fhirapi:code_system", "fhirapi:read",
              "fhirapi:search", "fhirapi:everything", "fhirapi_access:token",
              "fhirapi_access:revoke"}


def plan_urls():
    return [(name, params) for name, params in site_urls() if "plan_id" in params]


def snapshot(app_labels=APPS):
    """Every row of every model of these apps: history, many-to-many links included."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for label in app_labels
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


def changed_tables(before, after):
    return sorted(label for label in before if before[label] != after[label])


_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)


@contextmanager
def writes():
    """The tables the database is asked to write to meanwhile: every INSERT, UPDATE and
    DELETE, through the ORM or not (a list that fills while the block runs)."""
    tables = []

    def record(execute, sql, params, many, context):
        if match := _WRITE.match(sql):
            tables.append(match.group(1))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield tables


class _Forms(HTMLParser):
    """The forms on a page: per form its method, action, the fields a browser would send
    without anyone touching them (buttons excepted), the names of all its fields, and the
    choices of its radio buttons and the names of its checkboxes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._select, self._options, self._textarea = [], None, [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (a.get("method") or "get").lower(),
                               "action": a.get("action") or "", "fields": [], "names": [],
                               "radios": {}, "checkboxes": set()})
        elif not self.forms:
            return
        form = self.forms[-1]
        fields = form["fields"]
        if tag in ("input", "textarea", "select") and a.get("name"):
            if (a.get("type") or "").lower() not in ("submit", "button", "image", "reset"):
                form["names"].append(a["name"])
        if tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind == "radio":
                form["radios"].setdefault(a["name"], []).append(a.get("value", "on"))
            if kind == "checkbox":
                form["checkboxes"].add(a["name"])
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
        elif tag == "select" and a.get("name"):
            self._select, self._options = (a["name"], "multiple" in a), []
        elif tag == "option" and self._select:
            self._options.append((a.get("value", ""), "selected" in a))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline right after <textarea>.
            name, text = self._textarea
            self.forms[-1]["fields"].append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self.forms[-1]["fields"].extend((name, value) for value in chosen)
            self._select = None


def forms_on(html):
    parser = _Forms()
    parser.feed(html)
    return parser.forms


# Pages with a POST form to themselves that edit no row: what they do instead.
NOT_EDITS = {
    "plans:remove_member": "asks 'are you sure?', then removes the member; no fields",
    "plans:close": "closes the plan and removes the account, after the password",
    "fhirapi:import": "takes a FHIR file, no fields; what a file may bring and what it is "
                      "refused is in fhirapi/tests/test_import.py and test_import_page.py",
}


def edit_forms(world, who):
    """(URL name, URL, the form, whether the URL names an object) of every plan page with
    a form that posts to the page itself, for this person; and their client."""
    client = client_for(world.members[who])
    found = []
    for name, params in plan_urls():
        url = world.url(name, params)
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        own = [f for f in forms_on(response.content.decode())
               if f["method"] == "post" and f["action"] in ("", url)]
        if own and name not in NOT_EDITS:
            found.append((name, url, own[0], any(
                p.endswith("_id") and p != "plan_id" for p in params)))
    return client, found


# Enough valid data for any form of the site that a POST would change something if it got
# through (each form takes the fields it knows).
VALID = {
    "name": "Indringer", "text": "Overgenomen", "what": "Overgenomen", "why": "Zomaar",
    "assignee": "patient", "when": "nu", "email": "indringer@attack.example",
    "role": "naaste", "relation": "buurman", "kind": "provider", "role_or_relation": "huisarts",
    "law": "wmo", "kind_of_care": "Huishouden", "start": "2026-01-01", "decided_by": "Gemeente",
    "what_matters": "Buiten zijn", "support_needs": "Boodschappen", "score": "3",
    "held_on": "2026-01-01", "participants": "Anna", "domain_set": "life_areas",
    "drawn_up_by": "Anna", "occurred_at": "2026-01-01T10:00", "intensity": "3",
    "visibility": "team", "purpose": "Controle", "starts_at": "2026-06-01T10:00",
    "dose": "1 tablet", "since": "2026-01-01", "patient_note": "Bij het eten",
    "taken_on": "2026-01-01", "value": "81", "unit": "kg", "outcome": "goed",
    "measured_at": "2026-01-01T10:00", "high": "90", "valid_from": "2026-01-01",
    "agreed_by": "Anna en Karin", "may_act": "1", "reason": "other", "note": "Nee",
    "username": "anna@attack.example", "password": "Samenplan-test-2026",
    "old_password": "Samenplan-test-2026", "new_password1": "Een-nieuw-wachtwoord-77",
    "new_password2": "Een-nieuw-wachtwoord-77", "password1": "Een-nieuw-wachtwoord-77",
    "password2": "Een-nieuw-wachtwoord-77", "code": "123456", "language": "en",
    "next": "/", "confirm": "on",
}


MARKUP = ("text/html", "image/svg+xml")  # what a browser renders as a document


class Markup(HTMLParser):
    """What in a page could run: script elements with content, event handler attributes,
    javascript: URLs."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in self.URL_ATTRIBUTES and (value or "").strip().lower().startswith(
                    "javascript:"):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append(f"<script>{data[:40]}")

    def handle_endtag(self, tag):
        self._in_script = False


# Hostile input that a page may repeat: in a query or a form field.
REFLECTED = "reflected XSS (inputs x pages)"
PAYLOAD = '<script>alert(9)</script>"><img src=x onerror=alert(9)>'
RAW = ("<script>alert(9)</script>", "<img src=x onerror=alert(9)>")
QUERY = dict.fromkeys(["next", "naam", "soort", "periode", "pagina", "q"], PAYLOAD)


def unsafe(response):
    """Raw payload, or anything that could run, in a page or chart."""
    if not response["Content-Type"].startswith(MARKUP):
        return []
    content = response.content.decode()
    markup = Markup()
    markup.feed(content)
    return [r for r in RAW if r in content] + markup.found
