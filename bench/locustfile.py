"""The people of the load test, for locust. Run by bench/loadtest.py, which logs them in
beforehand and passes their sessions, plans and tokens in the JSON file named by
SAMENPLAN_BENCH_DATA; nobody logs in through a form here.

Every request is named by its page (`name=`), so that locust's figures are per page and
not per plan. The phase is put in front of the name ("warm-up: ", "max: "), so that one
locust run gives the figures of every phase apart. A request counts as failed unless it
is the page that was asked for: status 200 (no redirect is followed, so a login redirect
fails) and the page's heading, the PDF or the FHIR resource type in the answer.
"""

import html
import json
import os
import random
import re

from locust import LoadTestShape, between, constant, events
from locust.contrib.fasthttp import FastHttpUser
from requests.cookies import create_cookie

DATA = json.loads(open(os.environ["SAMENPLAN_BENCH_DATA"], encoding="utf-8").read())
HOST = "127.0.0.1"
# How long someone looks at a page before the next click: one to five seconds, which is
# a quick reader (people reading their plan take longer), so the mixed phase is on the
# heavy side of real use.
THINK_TIME = between(1, 5)

# What the page's <h1> says, whoever reads it: "Mijn plan", "Het plan van Anna",
# "Zijn logboek", "Logboek van Anna", "Consult met Anna de Vries", ...
HEADINGS = {
    "overview": r"\bplan\b",
    "logbook": r"logboek",
    "agenda": r"agenda",
    "measurements": r"metingen",
    "log form": r"nieuw in het logboek",
    "caseload": r"mijn patiënten",
    "consult": r"^consult met",
}
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
OCCURRED_AT = re.compile(r'name="occurred_at" value="([^"]+)"')
CHART = re.compile(r'<img[^>]+src="(/plan/\d+/logboek/grafiek\.svg[^"]*)"')
LOG_TEXTS = ["Even gewandeld, dat ging goed.", "Slecht geslapen.", "Wat pijn in mijn knie.",
             "Fijne dag gehad met mijn kleinkinderen."]


class Phase:
    """Whether the mixed load is still warming up; the shape below sets it."""

    prefix = "warm-up: "


def named(user, page):
    return (Phase.prefix if user.prefix is None else user.prefix) + page


def heading(text):
    found = H1.search(text)
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip() if found else ""


def get_page(user, url, page, kind):
    """GET a page of the app; it fails unless it is that page. Returns its text or None."""
    with user.client.get(url, name=named(user, page), catch_response=True,
                         allow_redirects=False) as response:
        if response.status_code != 200:
            # Without the query (?next=/plan/12/), so that locust counts these as one error.
            location = response.headers.get("Location", "").split("?")[0]
            response.failure(f"{response.status_code} {location}")
            return None
        text = response.text
        if not re.search(HEADINGS[kind], heading(text), re.I):
            response.failure(f"not the {kind} page: <h1> {heading(text)[:60]!r}")
            return None
        return text


def get_fhir(user, url, page, resource_type):
    headers = {"Authorization": f"Bearer {user.me['token']}", "Accept": "application/fhir+json"}
    with user.client.get(url, name=named(user, page), headers=headers, catch_response=True,
                         allow_redirects=False) as response:
        if response.status_code != 200:
            response.failure(f"{response.status_code} {response.text[:200]}")
        elif response.json().get("resourceType") != resource_type:
            response.failure(f"not a {resource_type}")


# --- the pages, each a task of a user below (a locust task takes the user) ----------------

def overview(user):
    get_page(user, f"/plan/{user.me['plan']}/", "plan overview" + user.role_note, "overview")


def logbook(user):
    text = get_page(user, f"/plan/{user.me['plan']}/logboek/", "logbook" + user.role_note,
                    "logbook")
    chart = CHART.search(text or "")
    # The browser fetches the logbook's chart, an SVG the app draws, with the page.
    if chart and user.prefix is None:
        with user.client.get(html.unescape(chart.group(1)), name=named(user, "logbook chart (svg)"),
                             catch_response=True, allow_redirects=False) as response:
            if response.status_code != 200 or b"<svg" not in response.content[:500]:
                response.failure(f"{response.status_code}: no SVG")


def shared_logbook(user):
    """A naaste's logbook, if the patient shares it with them; else the overview again."""
    (logbook if user.me["logbook"] else overview)(user)


def agenda(user):
    get_page(user, f"/plan/{user.me['plan']}/agenda/", "agenda", "agenda")


def measurements(user):
    get_page(user, f"/plan/{user.me['plan']}/metingen/", "measurements", "measurements")


def add_log_entry(user):
    """The real form: GET it (the CSRF token and the moment it fills in), then POST it.
    Saved, the app redirects to the logbook; the form again (200) means it was refused."""
    url = f"/plan/{user.me['plan']}/logboek/nieuw/"
    text = get_page(user, url, "logbook form", "log form")
    if text is None:
        return
    form = {
        "csrfmiddlewaretoken": CSRF.search(text).group(1),
        "kind": random.choice(["pain", "complaint", "mood", "sleep", "other"]),
        "medication": "",
        "occurred_at": OCCURRED_AT.search(text).group(1),
        "intensity": str(random.randint(0, 10)),
        "text": random.choice(LOG_TEXTS),
        "visibility": "team",
    }
    with user.client.post(url, data=form, name=named(user, "logbook entry (POST)"),
                          headers={"Referer": user.host + url}, catch_response=True,
                          allow_redirects=False) as response:
        location = response.headers.get("Location", "")
        if response.status_code != 302 or not location.endswith("/logboek/"):
            response.failure(f"not saved: {response.status_code} {location}")


def caseload(user):
    get_page(user, "/praktijk/mijn-patienten/", "caseload (Mijn patiënten)", "caseload")


def consult(user):
    plan = random.choice(user.me["plans"])
    get_page(user, f"/plan/{plan}/consult/", "consult view", "consult")


def fhir_patient(user):
    get_fhir(user, f"/fhir/Patient/{user.me['patient']}", "FHIR Patient read", "Patient")


def fhir_observations(user):
    get_fhir(user, f"/fhir/Observation?patient=Patient/{user.me['patient']}",
             "FHIR Observation search", "Bundle")


def fhir_goals(user):
    get_fhir(user, f"/fhir/Goal?patient=Patient/{user.me['patient']}", "FHIR Goal search",
             "Bundle")


def everything(user):
    get_fhir(user, f"/fhir/Patient/{user.me['patient']}/$everything", "FHIR $everything",
             "Bundle")


def booklet(user):
    """The whole booklet: every part, A4, normal print (the choose page's defaults)."""
    query = "&".join([*(f"delen={part}" for part in DATA["parts"]), "papier=a4",
                      "letters=normaal"])
    with user.client.get(f"/plan/{user.me['plan']}/boekje/pdf/?{query}",
                         name=named(user, "booklet PDF"), catch_response=True,
                         allow_redirects=False) as response:
        if response.status_code != 200 or not response.content.startswith(b"%PDF"):
            response.failure(f"{response.status_code}: no PDF")


def ceiling(user):
    with user.client.get("/bench/ceiling/", name=named(user, "minimal view"), catch_response=True,
                         allow_redirects=False) as response:
        if response.status_code != 200 or response.text != "ok":
            response.failure(f"{response.status_code}")


# --- who asks -------------------------------------------------------------------------------

class Member(FastHttpUser):
    """Someone from one of the pools of DATA, logged in with the session made for them."""

    abstract = True
    pool = None
    role_note = ""  # in the name, where two roles see the same page
    prefix = None  # before the name; None: the phase's, warm-up or not
    wait_time = THINK_TIME

    def on_start(self):
        self.me = random.choice(DATA[self.pool])
        if "session" in self.me:
            self.client.cookiejar.set_cookie(create_cookie(
                DATA["session_cookie"], self.me["session"], domain=HOST, path="/"))


class Patient(Member):
    pool = "patients"
    weight = 20
    tasks = {overview: 6, logbook: 3, add_log_entry: 1, agenda: 1, measurements: 1}


class Naaste(Member):
    """Reads the plan they are in: the overview, and the logbook if it is shared."""

    pool = "naasten"
    weight = 6
    role_note = " (naaste)"

    tasks = {overview: 3, shared_logbook: 2}


class Provider(Member):
    pool = "providers"
    weight = 14
    tasks = {caseload: 2, consult: 3}


class FhirApp(Member):
    """An app the patient connected, reading the plan with its bearer token."""

    pool = "apps"
    weight = 8
    # An app reads when its person opens it or it syncs, not at every click.
    wait_time = between(5, 15)
    tasks = {fhir_patient: 1, fhir_observations: 2, fhir_goals: 1, everything: 2}


class BookletUser(Member):
    """Prints the booklet now and then: a rare request, and the heaviest."""

    pool = "booklets"
    weight = 2
    wait_time = between(20, 40)
    tasks = [booklet]


MIXED = [Patient, Naaste, Provider, FhirApp, BookletUser]


# The throughput phases: one page each, asked for again at once (no think time).
class Flat(Member):
    abstract = True
    wait_time = constant(0)
    prefix = "max: "
    page = None  # the page's name, as its requests are named


class MaxOverview(Flat):
    pool, page, tasks = "patients", "plan overview", [overview]


class MaxLogbook(Flat):
    pool, page, tasks = "patients", "logbook", [logbook]


class MaxConsult(Flat):
    pool, page, tasks = "providers", "consult view", [consult]


class MaxCaseload(Flat):
    pool, page, tasks = "providers", "caseload (Mijn patiënten)", [caseload]


class MaxEverything(Flat):
    pool, page, tasks = "apps", "FHIR $everything", [everything]


class MaxCeiling(Flat):
    """The minimal view, as a logged-in patient: the same session and middleware work as
    every page, and nothing else."""

    pool, page, tasks = "patients", "minimal view", [ceiling]


# The minimal view first: the measure of the others.
THROUGHPUT = [MaxCeiling, MaxOverview, MaxLogbook, MaxConsult, MaxCaseload, MaxEverything]


class Phases(LoadTestShape):
    """The warm-up and the mixed phase (the same users; only Phase.prefix changes), then
    the throughput phases one after the other. locust keeps the users it has when the
    user classes change, so every throughput phase starts from none: the users of the
    phase before finish what they are doing (loadtest.py gives locust --stop-timeout),
    and the server gets a pause of 2 s to finish what it was doing."""

    PAUSE = 2

    def __init__(self):
        super().__init__()
        plan = DATA["phases"]
        users, mixed = plan["users"], [c for c in MIXED if DATA[c.pool]]
        # The mixed users arrive over the warm-up, not all at the same moment.
        mixed_load = (users, max(1, users / max(plan["warmup"], 1)), mixed)
        # (seconds, the tick: users, spawn rate, user classes)
        self.steps = [(plan["warmup"], mixed_load), (plan["mixed"], mixed_load)]
        for user_class in (c for c in THROUGHPUT if DATA[c.pool]):
            self.steps += [(self.PAUSE, (0, 100, [user_class])),
                           (plan["max"], (plan["max_users"], plan["max_users"], [user_class]))]
        self.step, self.step_started = 0, 0.0

    def tick(self):
        # Each step gets its time from when it really began: stopping the users of the
        # step before may take a while (a booklet, a slow $everything).
        now = self.get_run_time()
        while self.step < len(self.steps) and now - self.step_started >= self.steps[self.step][0]:
            self.step, self.step_started = self.step + 1, now
        if self.step == len(self.steps):
            return None
        if self.step > 0:
            Phase.prefix = ""
        return self.steps[self.step][1]


# When the requests of each name began and ended, for the requests per second: the
# time from the first one's start to the last one's end, pauses between phases left out.
SPANS = {}


@events.request.add_listener
def record_span(name, start_time, response_time, **kwargs):
    end = start_time + (response_time or 0) / 1000
    first, last = SPANS.get(name, (start_time, end))
    SPANS[name] = (min(first, start_time), max(last, end))


@events.quitting.add_listener
def write_spans(environment, **kwargs):
    with open(DATA["spans"], "w", encoding="utf-8") as file:
        json.dump(SPANS, file)
