"""Measurements and target values (D1): the patient and providers each add their own;
targets are agreed together; values that cannot be are refused and nothing is saved; a
goal shows the measurement it is about; charts come with a text alternative."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samenplan.health import measurements
from samenplan.health.actions import do_save_measurement
from samenplan.health.models import Measurement, Result, Target
from samenplan.plans.models import Goal
from samenplan.plans.tests.conftest import actor_of

PRESSURE = {"measured_at": "2026-06-01T08:30", "value": "138", "second_value": "84"}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def add(client, plan, kind="blood_pressure", **data):
    return client.post(reverse("health:add_measurement", args=[plan.pk, kind]), data)


def agree(client, plan, kind="hba1c", **data):
    return client.post(reverse("health:add_target", args=[plan.pk, kind]),
                       {"valid_from": "2026-01-05", "agreed_by": "Anna en Karin", **data})


def test_every_kind_has_a_loinc_code_a_ucum_unit_and_possible_limits():
    for kind in measurements.TYPES.values():
        assert kind.loinc and kind.unit and kind.parts
        assert all(part.loinc and part.low < part.high for part in kind.parts)
    pressure = measurements.TYPES["blood_pressure"]
    assert [p.loinc for p in pressure.parts] == ["8480-6", "8462-4"]
    assert pressure.unit == "mm[Hg]" and measurements.TYPES["hba1c"].unit == "mmol/mol"


def test_the_patient_adds_a_blood_pressure_with_its_codes(plan, patient, as_user):
    response = add(as_user(patient), plan, **PRESSURE, note="Thuis gemeten")
    assert response.status_code == 302
    measurement = Measurement.objects.get(plan=plan)
    assert (measurement.value, measurement.second_value) == (138, 84)
    assert (measurement.loinc, measurement.unit) == ("85354-9", "mm[Hg]")
    assert measurement.author == patient
    page = as_user(patient).get(reverse("health:measurement_kind",
                                        args=[plan.pk, "blood_pressure"])).content.decode()
    assert "138/84 mmHg" in page and "Thuis gemeten" in page


def test_a_dutch_decimal_comma_is_read(plan, patient, as_user):
    add(as_user(patient), plan, "weight", measured_at="2026-06-01T08:30", value="72,4")
    assert Measurement.objects.get(plan=plan).value == Decimal("72.4")


@pytest.mark.parametrize("kind, data, field, message", [
    ("blood_pressure", {"value": "400", "second_value": "20"}, "value",
     "400 mmHg kan niet kloppen. Vul een getal in van 50 tot en met 300."),
    ("blood_pressure", {"value": "120", "second_value": "130"}, "second_value",
     "De onderdruk is altijd lager dan de bovendruk. Kijk de getallen nog eens na."),
    ("blood_pressure", {"value": "120", "second_value": ""}, "second_value", "Vul dit in."),
    ("weight", {"value": "0"}, "value",
     "0 kg kan niet kloppen. Vul een getal in van 1 tot en met 400."),
    ("hba1c", {"value": "500"}, "value",
     "500 mmol/mol kan niet kloppen. Vul een getal in van 15 tot en met 200."),
    ("steps", {"value": "4500,5"}, "value", "Vul een heel getal in, zonder komma."),
    ("weight", {"value": "veel"}, "value", "Vul een getal in, zoals 7,5."),
    ("weight", {"value": "80", "measured_at": (timezone.localtime() + timedelta(days=1))
                .strftime("%Y-%m-%dT%H:%M")}, "measured_at",
     "Dit tijdstip ligt in de toekomst. Kies een ander."),
])
def test_it_refuses_a_value_that_cannot_be_and_saves_nothing(plan, patient, as_user, kind,
                                                              data, field, message):
    response = add(as_user(patient), plan, kind, **{"measured_at": "2026-06-01T08:30", **data})
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert not Measurement.objects.exists()


def test_the_action_refuses_what_the_form_refuses(plan, patient):
    # The FHIR import will call the action without the form: the rule holds there too.
    with pytest.raises(ValidationError):
        do_save_measurement(actor_of(patient, plan), Measurement(
            kind="blood_pressure", measured_at=timezone.now(), value=120, second_value=130))
    with pytest.raises(ValidationError):
        do_save_measurement(actor_of(patient, plan), Measurement(
            kind="weight", measured_at=timezone.now(), value=Decimal(0)))
    assert not Measurement.objects.exists()


def test_an_unknown_kind_of_measurement_is_not_found(plan, patient, as_user):
    client = as_user(patient)
    assert client.get(reverse("health:measurement_kind", args=[plan.pk, "bloed"])).status_code \
        == 404
    assert add(client, plan, "bloed", value="5").status_code == 404


def test_only_whoever_measured_changes_or_removes_a_measurement(plan, patient, provider,
                                                                as_user):
    add(as_user(provider), plan, **PRESSURE)
    measurement = Measurement.objects.get()
    edit = reverse("health:edit_measurement", args=[plan.pk, measurement.pk])
    remove = reverse("health:delete_measurement", args=[plan.pk, measurement.pk])
    assert as_user(patient).post(edit, {**PRESSURE, "value": "150"}).status_code == 404
    assert as_user(patient).post(remove).status_code == 404
    assert as_user(provider).post(edit, {**PRESSURE, "value": "150"}).status_code == 302
    assert Measurement.objects.get().value == 150
    assert as_user(provider).post(remove).status_code == 302
    assert not Measurement.objects.exists()


def test_a_naaste_who_may_not_act_adds_no_measurement(plan, bystander, as_user):
    assert add(as_user(bystander), plan, **PRESSURE).status_code == 403
    assert not Measurement.objects.exists()


def test_a_target_is_agreed_and_each_value_is_placed_against_it(plan, patient, provider,
                                                               as_user):
    assert agree(as_user(provider), plan, "blood_pressure", high="140",
                 second_high="90").status_code == 302
    target = Target.objects.get()
    assert (target.loinc, target.unit, target.author) == ("85354-9", "mm[Hg]", provider)
    add(as_user(patient), plan, **PRESSURE)
    add(as_user(patient), plan, **{**PRESSURE, "measured_at": "2026-06-02T08:30",
                                   "second_value": "95"})
    page = as_user(patient).get(reverse("health:measurement_kind",
                                        args=[plan.pk, "blood_pressure"])).content.decode()
    assert "bovendruk tot en met 140 mmHg, onderdruk tot en met 90 mmHg" in page
    assert "Afgesproken door Anna en Karin" in page
    assert "Binnen de streefwaarde" in page and "Hoger dan de streefwaarde" in page


def test_a_newer_target_replaces_the_older_from_its_date_and_both_are_kept(plan, provider,
                                                                          as_user):
    client = as_user(provider)
    agree(client, plan, high="58", valid_from="2025-06-01")
    agree(client, plan, high="53", valid_from="2026-01-05")
    agree(client, plan, high="48", valid_from=(timezone.localdate() + timedelta(days=30))
          .isoformat())  # agreed now, from next month
    page = client.get(reverse("health:measurements", args=[plan.pk])).content.decode()
    assert "tot en met 53 mmol/mol" in page and "tot en met 58" not in page
    assert Target.objects.count() == 3


@pytest.mark.parametrize("data, field, message", [
    ({}, "high", "Vul een getal in: niet lager dan, niet hoger dan, of allebei."),
    ({"low": "60", "high": "50"}, "high",
     "Dit is lager dan: niet lager dan. Kijk het nog eens na."),
    ({"high": "500"}, "high", "500 mmol/mol kan niet kloppen. Vul een getal in van 15 tot en "
     "met 200."),
    ({"high": "53", "agreed_by": ""}, "agreed_by", "Vul dit in."),
])
def test_it_refuses_a_target_that_cannot_be(plan, provider, as_user, data, field, message):
    response = agree(as_user(provider), plan, **data)
    assert message in response.context["form"].errors[field]
    assert not Target.objects.exists()


def test_a_coded_lab_result_counts_as_a_measurement_and_its_unit_is_checked(plan, provider,
                                                                           patient, as_user):
    client = as_user(provider)
    url = reverse("health:add_result", args=[plan.pk])
    result = {"kind": "lab", "measurement_kind": "hba1c", "name": "HbA1c",
              "taken_on": "2026-06-01", "value": "54"}
    wrong = client.post(url, {**result, "unit": "%"})
    assert "Bij HbA1c (gemiddelde bloedsuiker) hoort de eenheid mmol/mol." in \
        wrong.context["form"].errors["unit"]
    assert not Result.objects.exists()
    assert client.post(url, {**result, "unit": ""}).status_code == 302  # the unit is filled in
    saved = Result.objects.get()
    assert (saved.unit, saved.loinc) == ("mmol/mol", "59261-8")
    page = as_user(patient).get(reverse("health:measurement_kind",
                                        args=[plan.pk, "hba1c"])).content.decode()
    assert "54 mmol/mol" in page and "het lab" in page


def test_a_goal_shows_the_measurement_it_is_about(plan, patient, provider, as_user):
    agree(as_user(provider), plan, high="53")
    client = as_user(patient)
    client.post(reverse("plans:add_goal", args=[plan.pk]), {
        "text": "Mijn suiker rustig houden", "topic": "food", "measurement_kind": "hba1c"})
    goal = Goal.objects.get()
    assert (goal.topic, goal.measurement_kind) == ("food", "hba1c")
    add(client, plan, "hba1c", measured_at="2026-06-01T08:30", value="55")
    page = client.get(reverse("plans:goals", args=[plan.pk])).content.decode()
    assert "Onderwerp: Voeding" in page
    assert "Hoort bij de meting: HbA1c (gemiddelde bloedsuiker)." in page
    assert "Laatste meting: 55 mmol/mol" in page
    assert "Streefwaarde (de waarde die u wilt halen): tot en met 53" in page


def test_the_chart_shows_the_values_against_the_target_band(plan, patient, provider, as_user):
    agree(as_user(provider), plan, "blood_pressure", high="140", second_high="90")
    add(as_user(patient), plan, **PRESSURE)
    client = as_user(patient)
    page = client.get(reverse("health:measurement_kind", args=[plan.pk, "blood_pressure"]))
    assert 'alt="Grafiek van Bloeddruk over de tijd' in page.content.decode()
    assert "<caption" in page.content.decode()  # the figures as a table
    chart = client.get(reverse("health:measurement_chart", args=[plan.pk, "blood_pressure"]))
    assert chart.status_code == 200 and chart["Content-Type"].startswith("image/svg+xml")
    svg = chart.content.decode()
    assert "<title>Bloeddruk</title>" in svg and "<desc>" in svg
    assert "Streefwaarde bovendruk" in svg and "Streefwaarde onderdruk" in svg
    assert svg.count('class="band"') == 2


def test_the_domain_scores_show_as_a_spider_web_with_a_table(plan, patient, as_user):
    client = as_user(patient)
    client.post(reverse("plans:edit_domain", args=[plan.pk, "body"]), {"score": "6"})
    page = client.get(reverse("plans:domains", args=[plan.pk])).content.decode()
    assert "Spinnenweb met een cijfer per levensgebied" in page
    assert "Cijfer per levensgebied, van 0 tot en met 10" in page
    chart = client.get(reverse("plans:domain_scores_chart", args=[plan.pk]))
    assert chart.status_code == 200 and "Mijn lichaam" in chart.content.decode()


def test_reading_and_writing_measurements_is_in_the_audit_log(plan, patient, as_user):
    from samenplan.audit.models import AuditEvent

    client = as_user(patient)
    add(client, plan, **PRESSURE)
    client.get(reverse("health:measurements", args=[plan.pk]))
    events = set(AuditEvent.objects.filter(section="measurements")
                 .values_list("kind", flat=True))
    assert {AuditEvent.CREATE, AuditEvent.READ} <= events
