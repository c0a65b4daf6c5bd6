"""The check-in pages: the choices, the check-in itself, the stop page, and the answers
under each goal."""

import pytest
from django.urls import reverse

from samenplan.audit.models import AuditEvent
from samenplan.plans.models import Goal
from samenplan.reminders.actions import do_start_check_ins
from samenplan.reminders.models import CheckInAnswer, CheckInPlan, Reminder

from .conftest import actor_of

PAGES = ["reminders:settings", "reminders:check_in", "reminders:stop"]


def url(name, plan):
    return reverse(name, args=[plan.pk])


@pytest.mark.parametrize("name", PAGES)
def test_it_requires_login(client, plan, name):
    response = client.get(url(name, plan))
    assert response.status_code == 302
    assert response.url == reverse("accounts:login") + "?next=" + url(name, plan)


@pytest.mark.parametrize("name", PAGES)
def test_it_refuses_a_member_of_another_plan(plan, outsider, as_user, name):
    client = as_user(outsider)
    assert client.get(url(name, plan)).status_code == 404
    assert client.post(url(name, plan), {"active": "1"}).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_a_provider_or_a_naaste_who_may_not_act_is_refused(plan, provider, bystander, as_user,
                                                           check_ins, name):
    for user in (provider, bystander):
        client = as_user(user)
        assert client.get(url(name, plan)).status_code == 403
        assert client.post(url(name, plan), {"active": "0"}).status_code == 403
    assert CheckInPlan.objects.get(plan=plan).active


def test_the_patient_turns_check_ins_on(plan, patient, goals, as_user):
    client = as_user(patient)
    page = client.get(url("reminders:settings", plan)).content.decode()
    assert "Elke dag 20 minuten wandelen" in page and "Elke twee weken" in page
    response = client.post(url("reminders:settings", plan), {
        "active": "1", "frequency": "monthly", "goals": [goals[0].pk]})
    assert response.status_code == 302
    check_ins = CheckInPlan.objects.get(plan=plan)
    assert check_ins.active and check_ins.frequency == "monthly"
    assert list(check_ins.goals.all()) == [goals[0]]
    assert Reminder.objects.filter(plan=plan, sent_at=None).count() == 1
    assert AuditEvent.objects.filter(kind=AuditEvent.CREATE, section="goals",
                                     plan_id=plan.pk).exists()


def test_turning_on_without_a_goal_says_so_and_saves_nothing(plan, patient, goals, as_user):
    response = as_user(patient).post(url("reminders:settings", plan),
                                     {"active": "1", "frequency": "weekly"})
    assert response.status_code == 200
    assert "Kies minstens één doel." in response.content.decode()
    assert not CheckInPlan.objects.exists() and not Reminder.objects.exists()


def test_a_goal_of_another_plan_cannot_be_chosen(plan, patient, goals, outsider, as_user):
    foreign = Goal.objects.create(plan=outsider.memberships.get().plan, text="Van Bert",
                                  created_by=outsider)
    response = as_user(patient).post(url("reminders:settings", plan), {
        "active": "1", "frequency": "weekly", "goals": [foreign.pk]})
    assert response.status_code == 200
    assert not CheckInPlan.objects.exists()


def test_turning_off_stops_the_rounds(plan, patient, check_ins, as_user):
    response = as_user(patient).post(url("reminders:settings", plan), {"active": "0"})
    assert response.status_code == 302
    check_ins.refresh_from_db()
    assert not check_ins.active and check_ins.stopped_at
    assert not Reminder.objects.filter(plan=plan).exists()


def test_the_stop_link_shows_a_button_and_only_a_post_stops(plan, patient, check_ins, as_user):
    client = as_user(patient)
    page = client.get(url("reminders:stop", plan))
    assert page.status_code == 200 and "Stoppen" in page.content.decode()
    check_ins.refresh_from_db()
    assert check_ins.active
    assert client.post(url("reminders:stop", plan)).status_code == 302
    check_ins.refresh_from_db()
    assert not check_ins.active


def test_the_check_in_asks_one_question_per_goal(plan, patient, check_ins, as_user):
    page = as_user(patient).get(url("reminders:check_in", plan)).content.decode()
    assert "Hoe gaat het met: Elke dag 20 minuten wandelen?" in page
    assert "Hoe gaat het met: Minder suiker eten?" in page
    assert "Heel moeilijk" in page and "Gaat wel" in page and "Heel goed" in page


def test_a_naaste_who_may_act_answers(plan, naaste, goals, check_ins, as_user):
    response = as_user(naaste).post(url("reminders:check_in", plan), {
        f"score_{goals[0].pk}": "4", f"note_{goals[0].pk}": "Drie keer gelopen.",
        f"score_{goals[1].pk}": "2"})
    assert response.status_code == 302
    answers = {a.goal_id: a for a in CheckInAnswer.objects.all()}
    assert answers[goals[0].pk].score == 4 and answers[goals[0].pk].note == "Drie keer gelopen."
    assert answers[goals[1].pk].score == 2
    assert answers[goals[0].pk].author == naaste
    assert answers[goals[0].pk].author_member.user == naaste


def test_a_missing_score_gets_a_plain_message_and_nothing_is_saved(plan, patient, goals,
                                                                    check_ins, as_user):
    response = as_user(patient).post(url("reminders:check_in", plan), {
        f"score_{goals[0].pk}": "4", f"note_{goals[1].pk}": "Weet ik niet."})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kies hoe het gaat." in page and "Weet ik niet." in page
    assert not CheckInAnswer.objects.exists()


def test_a_score_outside_the_scale_is_refused(plan, patient, goals, check_ins, as_user):
    response = as_user(patient).post(url("reminders:check_in", plan), {
        f"score_{goals[0].pk}": "9", f"score_{goals[1].pk}": "0"})
    assert response.status_code == 200
    assert not CheckInAnswer.objects.exists()


def test_the_check_in_asks_only_about_the_chosen_goals(plan, patient, goals, as_user):
    do_start_check_ins(actor_of(patient, plan), "weekly", goals[1:])
    page = as_user(patient).get(url("reminders:check_in", plan)).content.decode()
    assert "Minder suiker eten" in page and "wandelen" not in page


def test_without_check_ins_it_asks_about_every_current_goal(plan, patient, goals, as_user):
    Goal.objects.filter(pk=goals[1].pk).update(status="achieved")
    page = as_user(patient).get(url("reminders:check_in", plan)).content.decode()
    assert "Hoe gaat het met: Elke dag 20 minuten wandelen?" in page
    assert "suiker" not in page


def test_without_goals_the_page_says_so_and_saves_nothing(plan, patient, as_user):
    page = as_user(patient).get(url("reminders:check_in", plan)).content.decode()
    assert "Er staan nog geen doelen in het plan." in page
    assert as_user(patient).post(url("reminders:check_in", plan), {}).status_code == 200
    assert not CheckInAnswer.objects.exists()


@pytest.mark.parametrize("name", PAGES)
def test_no_get_changes_anything(plan, patient, check_ins, as_user, name):
    before = (list(CheckInPlan.objects.values()), list(Reminder.objects.values()),
              CheckInAnswer.objects.count())
    assert as_user(patient).get(url(name, plan)).status_code == 200
    assert (list(CheckInPlan.objects.values()), list(Reminder.objects.values()),
            CheckInAnswer.objects.count()) == before


def test_the_goals_page_shows_the_newest_answers_and_the_links(plan, patient, provider, goals,
                                                               check_ins, as_user):
    client = as_user(patient)
    for score in ("1", "2", "3", "5"):
        client.post(url("reminders:check_in", plan), {
            f"score_{goals[0].pk}": score, f"score_{goals[1].pk}": "3"})
    page = client.get(reverse("plans:goals", args=[plan.pk])).content.decode()
    assert url("reminders:settings", plan) in page and url("reminders:check_in", plan) in page
    assert "Heel goed" in page and "Heel moeilijk" not in page  # only the newest three
    provider_page = as_user(provider).get(reverse("plans:goals", args=[plan.pk])).content.decode()
    assert "Heel goed" in provider_page
    assert url("reminders:settings", plan) not in provider_page


def test_a_goal_added_after_the_page_was_shown_is_not_asked_for(plan, patient, goals,
                                                                 check_ins, as_user):
    newer = Goal.objects.create(plan=plan, text="Beter slapen", created_by=patient)
    check_ins.goals.add(newer)
    response = as_user(patient).post(url("reminders:check_in", plan), {
        "goal": [goals[0].pk, goals[1].pk], f"score_{goals[0].pk}": "4",
        f"score_{goals[1].pk}": "3"})
    assert response.status_code == 302
    assert CheckInAnswer.objects.count() == 2


def test_a_goal_of_another_plan_cannot_be_answered(plan, patient, goals, check_ins, outsider,
                                                   as_user):
    foreign = Goal.objects.create(plan=outsider.memberships.get().plan, text="Van Bert",
                                  created_by=outsider)
    response = as_user(patient).post(url("reminders:check_in", plan), {
        "goal": [foreign.pk], f"score_{foreign.pk}": "4"})
    assert response.status_code == 200  # asked about its own goals instead
    assert not CheckInAnswer.objects.exists()
