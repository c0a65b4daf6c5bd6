"""The outcome indicators (D9, D10) on a small known data set, with a fixed `today`:
every number exactly. The set, per plan of the organisation "Praktijk Noord":

A  active, 17 months old, changed 45 days ago; goals by the patient (achieved), by the
   provider and by a naaste who may act for the patient; one action agreed by both, one
   only by the patient; looked back 5 months ago; body 4 → 8 (two scores on each day,
   the newest counts), mind once; experience at the start (4, 5, 3) and after a year (5, 5, 4).
B  active, 15 months old, last change 6 months ago; a goal by a naaste who may not act
   (achieved); an action only the provider confirmed; looked back 12 months and a day ago;
   body 6 → 5, mind 5 → 7; experience at the start (2, 3, 3).
C  active, 3 months old, changed 5 days ago; a goal by the patient (achieved); an action
   agreed by both; looked back today and two weeks ago; mind once; skipped the start.
D  active, 6 weeks old, nothing written.
E  declined ("not busy"), with a goal by the provider that does not count.
F  declined ("other reason").   G  invited, not answered yet.
Not counted: a plan of another organisation only, and a plan the provider has left.
"""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import Organisation
from samenplan.audit.models import AuditEvent
from samenplan.conftest import add_member, client_for, make_user
from samenplan.health.models import LogEntry, Measurement
from samenplan.plans.actions import do_create_own_plan, do_decline_plan, do_start_plan
from samenplan.plans.constants import Assignee, GoalStatus, Role
from samenplan.plans.models import (
    Action,
    DomainNote,
    DomainScore,
    Evaluation,
    Goal,
    Invitation,
    Membership,
    Plan,
)
from samenplan.practice.indicators import indicators_for, months_before
from samenplan.practice.models import ExperienceAnswer

TODAY = datetime.date(2026, 6, 15)
PATIENT_NAMES = ["Anna Alfa", "Bram Beta", "Cor Gamma", "Dina Delta", "Eef Epsilon",
                 "Frits Zeta", "Gerda Eta"]
HISTORY_MODELS = (Goal, Action, Evaluation, DomainNote, DomainScore, LogEntry, Measurement)


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


def own_plan(name, created, provider):
    user = make_user(f"{name.split()[0].lower()}@example.org", name)
    plan = do_create_own_plan(user)
    Plan.objects.filter(pk=plan.pk).update(created_at=at(created))
    add_member(plan, provider, Role.PROVIDER)
    return plan, user


def touch(plan, day):
    """Every history row of the plan's goals, actions, ... as if written on `day`."""
    for model in HISTORY_MODELS:
        model.history.filter(plan_id=plan.pk).update(history_date=at(day))


def action(plan, by, patient=None, provider=None):
    return Action.objects.create(
        plan=plan, what="Wandelen", assignee=Assignee.PATIENT, when="elke dag", proposed_by=by,
        patient_confirmed_by=patient, patient_confirmed_at=at(TODAY) if patient else None,
        provider_confirmed_by=provider, provider_confirmed_at=at(TODAY) if provider else None)


def answer(plan, moment, helps=None, in_control=None, recognised=None, skipped=False):
    membership = Membership.objects.get(plan=plan, role=Role.PATIENT)
    ExperienceAnswer.objects.create(plan=plan, membership=membership, moment=moment,
                                    answered_at=at(TODAY), skipped=skipped, helps=helps,
                                    in_control=in_control, recognised=recognised)


@pytest.fixture
def world(db):
    noord = Organisation.objects.create(name="Praktijk Noord")
    zuid = Organisation.objects.create(name="Praktijk Zuid")
    karin = make_user("karin@example.org", "Karin Jansen", is_provider=True)
    karin.organisations.add(noord)
    other = make_user("olga@example.org", "Olga Overkant", is_provider=True)
    other.organisations.add(zuid)

    a, anna = own_plan(PATIENT_NAMES[0], datetime.date(2025, 1, 10), karin)
    sanne = make_user("sanne@example.org", "Sanne Alfa")
    add_member(a, sanne, Role.NAASTE, may_act_for_patient=True)
    b, bram = own_plan(PATIENT_NAMES[1], datetime.date(2025, 3, 1), karin)
    henk = make_user("henk@example.org", "Henk Beta")
    add_member(b, henk, Role.NAASTE)
    c, cor = own_plan(PATIENT_NAMES[2], datetime.date(2026, 3, 1), karin)
    d, _dina = own_plan(PATIENT_NAMES[3], datetime.date(2026, 5, 1), karin)
    e = do_start_plan(karin, PATIENT_NAMES[4], "eef@example.org", None)
    do_decline_plan(Invitation.objects.get(plan=e), "not_busy", "")
    f = do_start_plan(karin, PATIENT_NAMES[5], "frits@example.org", None)
    do_decline_plan(Invitation.objects.get(plan=f), "other", "Later misschien.")
    do_start_plan(karin, PATIENT_NAMES[6], "gerda@example.org", None)
    # Not of Praktijk Noord: only a provider of Zuid, or Karin has left the plan.
    zuid_plan, _ = own_plan("Zus Zuid", datetime.date(2025, 1, 1), other)
    left, _ = own_plan("Lies Links", datetime.date(2025, 1, 1), karin)
    Membership.objects.filter(plan=left, user=karin).update(removed_at=at(TODAY))

    Goal.objects.create(plan=a, text="Naar de markt", created_by=anna,
                        status=GoalStatus.ACHIEVED)
    Goal.objects.create(plan=a, text="Minder suiker", created_by=karin)
    Goal.objects.create(plan=a, text="Samen koken", created_by=sanne)
    Goal.objects.create(plan=b, text="Fietsen", created_by=henk, status=GoalStatus.ACHIEVED)
    Goal.objects.create(plan=c, text="Zwemmen", created_by=cor, status=GoalStatus.ACHIEVED)
    Goal.objects.create(plan=e, text="Telt niet", created_by=karin, status=GoalStatus.ACHIEVED)
    for plan in (zuid_plan, left):
        Goal.objects.create(plan=plan, text="Telt niet", created_by=other)

    action(a, anna, patient=anna, provider=karin)
    action(a, anna, patient=anna)
    action(b, karin, provider=karin)
    action(c, cor, patient=cor, provider=karin)
    action(zuid_plan, other, provider=other)

    for plan, day in ((a, datetime.date(2026, 1, 10)), (b, datetime.date(2025, 6, 14)),
                      (c, TODAY), (c, datetime.date(2026, 6, 1))):
        Evaluation.objects.create(plan=plan, held_on=day, participants="x", created_by=karin)

    for plan, domain, day, score in (
        (a, "body", datetime.date(2026, 1, 1), 3), (a, "body", datetime.date(2026, 1, 1), 4),
        (a, "body", datetime.date(2026, 6, 1), 7), (a, "body", datetime.date(2026, 6, 1), 8),
        (a, "mind", datetime.date(2026, 1, 1), 6),
        (b, "body", datetime.date(2025, 5, 1), 6), (b, "body", datetime.date(2026, 2, 1), 5),
        (b, "mind", datetime.date(2025, 5, 1), 5), (b, "mind", datetime.date(2026, 2, 1), 7),
        (c, "mind", datetime.date(2026, 3, 1), 5),
        (zuid_plan, "body", datetime.date(2025, 1, 1), 0),
        (zuid_plan, "body", datetime.date(2026, 1, 1), 10),
    ):
        DomainScore.objects.create(plan=plan, domain=domain, scored_on=day, score=score,
                                   author=karin)

    answer(a, "start", 4, 5, 3)
    answer(a, "year", 5, 5, 4)
    answer(b, "start", 2, 3, 3)
    answer(c, "start", skipped=True)
    answer(zuid_plan, "start", 1, 1, 1)

    for plan in Plan.objects.all():
        touch(plan, datetime.date(2025, 1, 1))
    touch(a, days_ago(45))
    touch(b, days_ago(182))
    touch(c, days_ago(5))
    touch(zuid_plan, days_ago(1))
    touch(left, days_ago(1))
    # A change after `today` does not count for `today`.
    touch(d, TODAY + datetime.timedelta(days=1))
    return {"noord": noord, "zuid": zuid, "karin": karin, "other": other, "anna": anna}


# key: (value, count, out_of)
EXPECTED = {
    "invited": (7, 7, None),
    "started": (57.1, 4, 7),
    "active_90_days": (28.6, 2, 7),
    "active_after_12_months": (50.0, 1, 2),
    "declined": (28.6, 2, 7),
    "declined_not_busy": (50.0, 1, 2),
    "declined_follow_advice": (0.0, 0, 2),
    "declined_other": (50.0, 1, 2),
    "goals": (5, 5, None),
    "goals_by_patient": (60.0, 3, 5),
    "goals_achieved": (60.0, 3, 5),
    "actions_agreed": (50.0, 2, 4),
    "evaluated_12_months": (50.0, 2, 4),
    "domain_body": (1.5, 2, None),
    "domain_mind": (2.0, 1, None),
    "domain_overall": (1.67, 3, None),
    "experience_start_answered": (2, 2, None),
    "experience_start_skipped": (1, 1, None),
    "experience_start_helps_mean": (3.0, 2, None),
    "experience_start_in_control_mean": (4.0, 2, None),
    "experience_start_recognised_mean": (3.0, 2, None),
    "experience_start_helps_1": (0, 0, None),
    "experience_start_helps_2": (1, 1, None),
    "experience_start_helps_3": (0, 0, None),
    "experience_start_helps_4": (1, 1, None),
    "experience_start_helps_5": (0, 0, None),
    "experience_start_in_control_3": (1, 1, None),
    "experience_start_in_control_5": (1, 1, None),
    "experience_start_recognised_3": (2, 2, None),
    "experience_year_answered": (1, 1, None),
    "experience_year_skipped": (0, 0, None),
    "experience_year_helps_mean": (5.0, 1, None),
    "experience_year_in_control_mean": (5.0, 1, None),
    "experience_year_recognised_mean": (4.0, 1, None),
    "experience_year_recognised_4": (1, 1, None),
    "experience_year_recognised_5": (0, 0, None),
}


def test_every_indicator_is_exactly_right(world):
    rows = {row.key: (row.value, row.count, row.out_of)
            for row in indicators_for(world["noord"], TODAY).rows}
    assert {key: rows[key] for key in EXPECTED} == EXPECTED
    # Only domains with scores on two days or more have a row.
    assert {key for key in rows if key.startswith("domain_")} == set(
        k for k in EXPECTED if k.startswith("domain_"))


def test_it_counts_only_the_plans_of_that_organisation(world):
    rows = {row.key: row for row in indicators_for(world["zuid"], TODAY).rows}
    assert rows["invited"].count == 1
    assert rows["domain_overall"].value == 10
    assert rows["experience_start_helps_1"].count == 1


def test_it_needs_few_queries(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        indicators_for(world["noord"], TODAY)


def test_months_before_keeps_to_the_month():
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 6, 15), 12) == datetime.date(2025, 6, 15)
    assert months_before(datetime.date(2026, 1, 15), 11) == datetime.date(2025, 2, 15)


# --- the pages ------------------------------------------------------------------------


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("samenplan.practice.indicators.timezone.localdate", lambda: TODAY)


def get(client, name, organisation=None):
    query = {"organisatie": organisation.pk} if organisation else {}
    return client.get(reverse(f"indicators:{name}"), query)


def test_the_page_shows_the_numbers_and_no_names(world, today):
    response = get(client_for(world["karin"]), "organisation")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Praktijk Noord" in page
    assert "57,1%" in page and "4 van 7" in page and "1,67" in page
    for name in PATIENT_NAMES + ["Sanne Alfa", "Henk Beta"]:
        assert name not in page
    event = AuditEvent.objects.filter(section="indicators").get()
    assert (event.kind, event.plan_id, event.object_id) == (
        AuditEvent.READ, None, str(world["noord"].pk))


def test_the_csv_has_the_same_numbers(world, today):
    response = get(client_for(world["karin"]), "csv", world["noord"])
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="uitkomsten.csv"'
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content[1:]), delimiter=";"))
    assert rows[0] == ["code", "indicator", "waarde", "eenheid", "aantal", "van"]
    by_key = {row[0]: row for row in rows[1:]}
    assert by_key["started"][1:] == ["Doet mee (plan actief)", "57,1", "%", "4", "7"]
    assert by_key["invited"][2:] == ["7", "", "7", ""]
    assert by_key["domain_overall"][2:] == ["1,67", "", "3", ""]
    for key, (value, count, out_of) in EXPECTED.items():
        assert by_key[key][2] == str(value).replace(".", ","), key
        assert by_key[key][4] == str(count), key
        assert by_key[key][5] == ("" if out_of is None else str(out_of)), key
    for name in PATIENT_NAMES:
        assert name not in content
    assert AuditEvent.objects.filter(section="indicators", kind=AuditEvent.EXPORT).count() == 1


def test_the_charts_are_svg_without_names(world, today):
    client = client_for(world["karin"])
    for name in ("funnel_chart", "shares_chart"):
        response = get(client, name)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("image/svg+xml")
        svg = response.content.decode()
        assert "<title>" in svg and "<desc>" in svg
        assert not any(patient in svg for patient in PATIENT_NAMES)


def test_it_requires_login(world, client):
    for name in ("organisation", "csv", "funnel_chart"):
        response = get(client, name)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_it_refuses_someone_who_is_not_a_provider(world):
    client = client_for(world["anna"])
    for name in ("organisation", "csv", "funnel_chart", "shares_chart"):
        assert get(client, name).status_code == 403


def test_it_refuses_a_provider_of_another_organisation(world):
    client = client_for(world["other"])
    for name in ("organisation", "csv", "funnel_chart", "shares_chart"):
        assert get(client, name, world["noord"]).status_code == 404
    assert client.get(reverse("indicators:csv"), {"organisatie": "x"}).status_code == 404


def test_a_provider_of_two_organisations_chooses_one(world, today):
    karin = world["karin"]
    karin.organisations.add(world["zuid"])
    client = client_for(karin)
    page = get(client, "organisation").content.decode()
    assert "Kies de organisatie" in page and "57,1%" not in page
    assert get(client, "csv").status_code == 404
    assert "57,1%" in get(client, "organisation", world["noord"]).content.decode()


def test_a_provider_without_an_organisation_is_told_so(world):
    alone = make_user("alleen@example.org", "Alleen", is_provider=True)
    client = client_for(alone)
    page = get(client, "organisation").content.decode()
    assert "U werkt nog niet voor een organisatie" in page
    assert get(client, "csv").status_code == 404
