"""The results (M10): providers enter them, with a plain explanation; everyone in the plan
reads them grouped by kind, with the trend per test against the normal range."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samenplan.health.models import Result

HBA1C = {"kind": "lab", "name": "HbA1c", "taken_on": "2026-06-01", "value": "54",
         "unit": "mmol/mol", "reference_high": "53",
         "explanation": "Dit is uw gemiddelde bloedsuiker."}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def add(client, plan, **changes):
    return client.post(reverse("health:add_result", args=[plan.pk]), {**HBA1C, **changes})


def test_a_provider_enters_results_and_the_patient_reads_the_trend(plan, provider, patient,
                                                                  as_user):
    client = as_user(provider)
    assert add(client, plan).status_code == 302
    add(client, plan, taken_on="2026-09-01", value="52,5")
    add(client, plan, kind="checkup", name="Ogen", value="", unit="", reference_high="",
        outcome="Geen schade aan de ogen.")

    page = as_user(patient).get(reverse("health:results", args=[plan.pk])).content.decode()
    assert page.index("Bloed en urine") < page.index("HbA1c") < page.index("Controles")
    assert "52,5 mmol/mol" in page and "Normaal: tot en met 53 mmol/mol" in page
    assert "Geen schade aan de ogen." in page
    assert "uitslagen/grafiek.svg?naam=HbA1c" in page  # two numbers make a trend

    chart = as_user(patient).get(reverse("health:result_chart", args=[plan.pk]),
                                 {"naam": "HbA1c"})
    assert chart["Content-Type"].startswith("image/svg+xml")
    assert b"HbA1c" in chart.content and b"Normaal" in chart.content


def test_the_patient_does_not_enter_results(plan, patient, as_user):
    assert add(as_user(patient), plan).status_code == 403
    assert not Result.objects.exists()


@pytest.mark.parametrize("changes, field, message", [
    ({"value": "veel"}, "value", "Vul een getal in, zoals 7,5."),
    ({"unit": ""}, "unit", "Bij een getal hoort een eenheid."),
    ({"value": "", "outcome": ""}, "outcome", "Vul een getal of een uitslag in woorden in."),
    ({"reference_low": "60", "reference_high": "50"}, "reference_high",
     "Dit is lager dan: normaal vanaf."),
    ({"taken_on": (timezone.localdate() + timedelta(days=2)).isoformat()}, "taken_on",
     "Deze datum ligt in de toekomst. Kies een andere datum."),
])
def test_it_refuses_bad_input_and_saves_nothing(plan, provider, as_user, changes, field,
                                                message):
    response = add(as_user(provider), plan, **changes)
    assert message in response.context["form"].errors[field]
    assert not Result.objects.exists()
