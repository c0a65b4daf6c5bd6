"""The patient decides per member which parts of the plan they see and fill in (F4). A
part not shared is refused on every page that shows it, its text appears nowhere else,
and a change holds at once for a member who is already logged in."""

import pytest
from django.urls import reverse

from samenplan.audit.models import AuditEvent
from samenplan.health.models import Appointment, LogEntry, Measurement, Medication, Result
from samenplan.plans.constants import Access
from samenplan.plans.models import (
    Action,
    Contact,
    DomainNote,
    Evaluation,
    Goal,
    GoalReview,
    Invitation,
    Profile,
)
from samenplan.plans.sections import PARTS, SECTIONS, may_read, may_write

from .conftest import membership_of
from .test_plan_isolation import PATTERNS, PLAN_URLS, fill_plan, url_for


def marker(part):
    return f"Geheim-{part}-tekst"


def mark_every_part(plan, ids):
    """Put a text that belongs to exactly one part in an object of each part."""
    Profile.objects.filter(plan=plan).update(address=marker("personal"))
    Contact.objects.filter(pk=ids["contact_id"]).update(organisation=marker("personal"))
    DomainNote.objects.create(plan=plan, domain="body", section=DomainNote.WHAT_MATTERS,
                              text=marker("what_matters"), updated_by=plan.created_by)
    Goal.objects.filter(pk=ids["goal_id"]).update(text=marker("goals"))
    Action.objects.filter(pk=ids["action_id"]).update(what=marker("actions"))
    evaluation = Evaluation.objects.create(
        plan=plan, held_on="2026-06-01", participants="Anna",
        illness_note=marker("evaluations"), created_by=plan.created_by)
    GoalReview.objects.create(evaluation=evaluation, goal_id=ids["goal_id"],
                              how_it_went="Goed")
    LogEntry.objects.filter(pk=ids["entry_id"]).update(text=marker("logbook"))
    Appointment.objects.filter(pk=ids["appointment_id"]).update(purpose=marker("agenda"))
    Medication.objects.filter(pk=ids["medication_id"]).update(purpose=marker("medicines"))
    Result.objects.filter(pk=ids["result_id"]).update(name=marker("results"))
    Measurement.objects.filter(pk=ids["measurement_id"]).update(note=marker("measurements"))
    Invitation.objects.filter(pk=ids["invitation_id"]).update(name=marker("members"))


def share(client, plan, membership, **choices):
    """Anna fills in the form as it is, with these choices changed."""
    url = reverse("plans:share", args=[plan.pk, membership.pk])
    form = client.get(url).context["form"]
    return client.post(url, {part: form.initial[part] for part in PARTS} | choices)


@pytest.fixture
def ids(plan, patient):
    ids = fill_plan(plan, patient)
    mark_every_part(plan, ids)
    return ids


def get_every_page(client, ids):
    """Every plan page a GET can open, with its answer."""
    for name in PLAN_URLS:
        yield name, client.get(url_for(name, ids))


def test_it_has_a_part_for_every_section():
    assert sorted(k for keys in PARTS.values() for k in keys) == sorted(SECTIONS)


def test_by_default_every_member_sees_every_part(ids, plan, naaste, provider, as_user):
    for user in (naaste, provider):
        membership = membership_of(user, plan)
        assert all(may_read(membership, key) for key in SECTIONS)
    # Each marker shows somewhere, so the sweeps below would see a leak.
    pages = " ".join(r.content.decode() for _name, r in get_every_page(as_user(naaste), ids)
                     if r.status_code == 200)
    assert [part for part in PARTS if marker(part) not in pages] == []


@pytest.mark.parametrize("part", PARTS)
def test_a_hidden_part_is_refused_and_shown_nowhere(ids, plan, patient, naaste, as_user, part):
    # Sanne is logged in before Anna stops sharing: it holds for her next request.
    sanne = as_user(naaste)
    assert sanne.get(reverse("plans:overview", args=[plan.pk])).status_code == 200
    assert share(as_user(patient), plan, membership_of(naaste, plan),
                 **{part: Access.HIDDEN}).status_code == 302

    url_name = SECTIONS[part].url_name
    refused_before = AuditEvent.objects.filter(kind=AuditEvent.DENIED, plan_id=plan.pk).count()
    page = sanne.get(reverse(url_name, args=[plan.pk]))
    assert page.status_code == 403
    assert "Dit deel van het plan is niet gedeeld met u" in page.content.decode()
    assert AuditEvent.objects.filter(kind=AuditEvent.DENIED, plan_id=plan.pk).count() == (
        refused_before + 1)

    for name, response in get_every_page(sanne, ids):
        if response.status_code == 200:
            assert marker(part) not in response.content.decode(), name
    overview = sanne.get(reverse("plans:overview", args=[plan.pk]))
    menu = [item["key"] for item in overview.context["nav"]]
    assert part not in menu
    assert (reverse(url_name, args=[plan.pk]) + '"') not in overview.content.decode()


def test_nothing_shows_when_nothing_is_shared(ids, plan, patient, provider, as_user):
    hidden = dict.fromkeys(PARTS, Access.HIDDEN)
    share(as_user(patient), plan, membership_of(provider, plan), **hidden)
    karin = as_user(provider)
    opened = []
    for name, response in get_every_page(karin, ids):
        if response.status_code == 200:
            opened.append(name)
            body = response.content.decode()
            assert not [part for part in PARTS if marker(part) in body], name
    # What is left: the overview and the list of changes, both empty of the plan's content.
    assert set(opened) == {"plans:overview", "plans:history"}


def test_a_part_to_only_see_can_not_be_filled_in(ids, plan, patient, naaste, as_user):
    share(as_user(patient), plan, membership_of(naaste, plan), goals=Access.READ)
    membership = membership_of(naaste, plan)
    assert may_read(membership, "goals") and not may_write(membership, "goals")
    sanne = as_user(naaste)
    assert marker("goals") in sanne.get(reverse("plans:goals", args=[plan.pk])).content.decode()
    response = sanne.post(reverse("plans:add_goal", args=[plan.pk]), {"text": "Van Sanne"})
    assert response.status_code == 403
    assert not Goal.objects.filter(text="Van Sanne").exists()
    # Other parts she may still fill in for Anna.
    assert may_write(membership, "what_matters")


def test_only_limits_are_kept(plan, patient, bystander, as_user):
    # Henk may not act for Anna, so "see" for goals is no limit: it stays so when Anna
    # later lets him act for her.
    membership = membership_of(bystander, plan)
    share(as_user(patient), plan, membership, goals=Access.READ, logbook=Access.READ,
          results=Access.HIDDEN)
    membership.refresh_from_db()
    assert membership.section_access == {"logbook": Access.READ, "results": Access.HIDDEN}
    assert AuditEvent.objects.filter(plan_id=plan.pk, kind=AuditEvent.UPDATE,
                                     section="members").exists()
    assert membership.history.count() >= 2


def test_the_form_offers_filling_in_only_where_the_role_allows_it(plan, patient, provider,
                                                                 as_user):
    page = as_user(patient).get(reverse("plans:share",
                                        args=[plan.pk, membership_of(provider, plan).pk]))
    form = page.context["form"]
    assert [c for c, _label in form.fields["goals"].choices] == [Access.READ, Access.HIDDEN]
    assert Access.WRITE in dict(form.fields["results"].choices)
    assert "Wat mag Karin Jansen zien?" in page.content.decode()


def test_only_the_patient_chooses(plan, patient, naaste, provider, as_user):
    url = reverse("plans:share", args=[plan.pk, membership_of(provider, plan).pk])
    for user in (naaste, provider):
        client = as_user(user)
        assert client.get(url).status_code == 403
        assert client.post(url, dict.fromkeys(PARTS, Access.HIDDEN)).status_code == 403
    assert membership_of(provider, plan).section_access == {}
    # The patient's own membership is not a member to share with.
    own = reverse("plans:share", args=[plan.pk, membership_of(patient, plan).pk])
    assert as_user(patient).get(own).status_code == 404


def test_a_choice_that_does_not_exist_is_refused(plan, patient, naaste, as_user):
    membership = membership_of(naaste, plan)
    response = share(as_user(patient), plan, membership, results="everything")
    assert response.status_code == 200
    assert "Kies een van de mogelijkheden." in response.content.decode()
    membership.refresh_from_db()
    assert membership.section_access == {}


def test_a_calendar_app_stops_when_the_agenda_is_no_longer_shared(plan, patient, naaste,
                                                                  as_user):
    sanne = as_user(naaste)
    sanne.post(reverse("health:start_calendar_feed", args=[plan.pk]))
    feed_url = sanne.get(reverse("health:agenda", args=[plan.pk])).context["new_feed_url"]
    assert sanne.get(feed_url).status_code == 200
    share(as_user(patient), plan, membership_of(naaste, plan), agenda=Access.HIDDEN)
    assert sanne.get(feed_url).status_code == 404


def test_every_url_with_a_member_is_in_the_sweep():
    assert "plans:share" in PLAN_URLS and "membership_id" in PATTERNS[
        "plans:share"].pattern.converters
