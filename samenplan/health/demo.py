"""Demo health data for `manage.py load_demo`: Anna's year (logbook, agenda, medicines,
results), a little of Bert's.

The texts are the demo people's own words: plain Dutch, no judging, so the B1 sweep of
the pages stays strict (see tests/browser/test_accessibility.py)."""

import random
from datetime import timedelta
from decimal import Decimal

from .actions import (
    do_save_appointment,
    do_save_log_entry,
    do_save_measurement,
    do_save_medication,
    do_save_result,
    do_save_target,
)
from .constants import LogKind, ResultKind, Visibility
from .models import Appointment, LogEntry, Measurement, Medication, Result, Target

ANNA_TEXTS = {
    LogKind.PAIN: (
        (2, 6), ["Pijn in mijn knie na het boodschappen doen.", "Mijn knie deed pijn op de trap.",
                 "Pijn in mijn rug na het stofzuigen.", "Stijve knie bij het opstaan."],
    ),
    LogKind.COMPLAINT: (
        (2, 8), ["Benauwd bij het traplopen.", "Veel gehoest vannacht.",
                 "Kortademig na het wandelen naar de bakker.", "Hoesten in de koude lucht."],
    ),
    LogKind.SIDE_EFFECT: (
        (1, 5), ["Na de metformine wat last van mijn maag.", "Misselijk na het ontbijt.",
                 "Droge mond na de puffer."],
    ),
    LogKind.MOOD: (
        (2, 8), ["Ik voelde me alleen vanavond.", "Wat somber door het grijze weer.",
                 "Fijne dag met Sanne op de markt.", "Onrustig over de uitslag."],
    ),
    LogKind.SLEEP: (
        (2, 7), ["Vaak wakker geworden.", "Onrustig geslapen door het hoesten.",
                 "Pas laat in slaap gevallen."],
    ),
    LogKind.OTHER: (
        None, ["Met de buurvrouw koffie gedronken.", "Bloedsuiker 's ochtends gemeten: 7,2.",
               "Naar de kapper geweest."],
    ),
}
SANNE_TEXTS = [
    "Mama was benauwd toen ik langskwam.",
    "Samen boodschappen gedaan. Mama liep het hele stuk.",
    "Mama klaagde over haar knie.",
]


# Which medicine a side effect in Anna's logbook is about.
SIDE_EFFECT_OF = {"puffer": "Tiotropium", "maag": "Metformine", "Misselijk": "Metformine"}


def _entry(random_, texts, moment, medications):
    kind = random_.choices(list(texts), weights=[4, 4, 1, 3, 3, 2])[0]
    span, lines = texts[kind]
    text = random_.choice(lines)
    medicine = next((name for word, name in SIDE_EFFECT_OF.items() if word in text), None)
    return LogEntry(
        kind=kind, occurred_at=moment, text=text,
        intensity=random_.randint(*span) if span else None,
        medication=medications.get(medicine) if kind == LogKind.SIDE_EFFECT else None,
    )


def load_anna_logbook(clock, anna, sanne, entries=150):
    """About `entries` entries over the past year, by Anna and a few by Sanne. Most are for
    everyone in the plan, some only for the writer, some shared with Sanne."""
    random_ = random.Random(2026)  # nosec B311  # the same demo data every time, no secret
    medications = {m.name: m for m in Medication.objects.filter(plan=anna.plan)}
    every = timedelta(days=365) / entries
    for index in range(entries):
        moment = clock.moment(365, 8) + every * index + timedelta(hours=random_.randint(0, 12))
        if moment >= clock.started:
            break
        with clock.at(moment):
            if index % 12 == 5:
                entry = LogEntry(kind=LogKind.COMPLAINT, occurred_at=moment,
                                 text=random_.choice(SANNE_TEXTS), intensity=None)
                do_save_log_entry(sanne, entry)
                continue
            entry = _entry(random_, ANNA_TEXTS, moment, medications)
            shared = []
            if index % 9 == 0:
                entry.visibility = Visibility.ONLY_ME
            elif index % 13 == 0:
                entry.visibility, shared = Visibility.CHOSEN, [sanne.membership]
            do_save_log_entry(anna, entry, shared)


def load_bert_logbook(clock, bert):
    for days_ago, kind, intensity, text in [
        (150, LogKind.PAIN, 5, "Pijn in mijn heup na de wandeling met Max."),
        (90, LogKind.PAIN, 3, "Heup wat beter. Korter gelopen."),
        (30, LogKind.SLEEP, 4, "Vaak wakker door mijn heup."),
    ]:
        moment = clock.moment(days_ago, 20)
        with clock.at(moment):
            do_save_log_entry(bert, LogEntry(kind=kind, occurred_at=moment,
                                             intensity=intensity, text=text))


def load_anna_agenda(clock, anna, karin, pieter, fatima):
    """Eight appointments over the year, three still to come; Anna's questions with the
    coming ones."""
    for days_ago, hour, who, purpose, where, questions in [
        (330, 10, karin, "Controle van mijn suiker", "Huisartsenpraktijk De Linde", ""),
        (240, 9, pieter, "Uitslag van het bloedonderzoek", "Huisartsenpraktijk De Linde", ""),
        (200, 14, fatima, "Kennismaken met de wijkverpleging", "Thuis", ""),
        (150, 10, karin, "Controle van mijn suiker en longen", "Huisartsenpraktijk De Linde",
         ""),
        (60, 11, pieter, "Griepprik", "Huisartsenpraktijk De Linde", ""),
        (-6, 10, karin, "Controle van mijn suiker", "Huisartsenpraktijk De Linde",
         "Is mijn suiker nog rustig?\nKan ik de puffer ook 's avonds nemen?"),
        (-20, 15, fatima, "Medicijnen voor de week klaarzetten", "Thuis",
         "Wie helpt als Sanne op vakantie is?"),
        (-45, 9, pieter, "Samen terugkijken op het jaar", "Huisartsenpraktijk De Linde", ""),
    ]:
        starts_at = clock.moment(days_ago, hour)  # days_ago < 0: still to come
        planned_at = clock.moment(max(days_ago, 0) + 14, 12)
        with clock.at(planned_at):
            appointment = do_save_appointment(who, Appointment(
                starts_at=starts_at, with_member=who.membership, purpose=purpose, where=where))
        if questions:
            with clock.at(clock.moment(1, 19)):
                appointment.refresh_from_db()
                appointment.questions = questions
                do_save_appointment(anna, appointment)


ANNA_MEDICINES = [
    ("Metformine", "500 mg", "2 keer per dag 1 tablet, bij het ontbijt en het avondeten.",
     "Dit verlaagt uw bloedsuiker. Het helpt uw lichaam beter met suiker om te gaan.", 2900),
    ("Gliclazide", "80 mg", "1 keer per dag 1 tablet, bij het ontbijt.",
     "Dit verlaagt uw bloedsuiker. Uw lichaam maakt er meer insuline door.", 1400),
    ("Atorvastatine", "20 mg", "1 keer per dag 1 tablet, 's avonds.",
     "Dit verlaagt het vet in uw bloed. Zo blijven uw bloedvaten beter.", 2000),
    ("Lisinopril", "10 mg", "1 keer per dag 1 tablet, 's ochtends.",
     "Dit verlaagt uw bloeddruk. Het beschermt ook uw nieren.", 1800),
    ("Salbutamol", "100 microgram per puf", "Als u benauwd bent: 1 of 2 pufjes.",
     "Dit maakt uw luchtwegen snel wijder. U kunt dan makkelijker ademen.", 1200),
    ("Tiotropium", "2,5 microgram per puf", "1 keer per dag 2 pufjes, 's ochtends.",
     "Dit houdt uw luchtwegen de hele dag wijder. U bent dan minder vaak benauwd.", 900),
]


def load_anna_medicines(clock, pieter):
    """Six medicines from Pieter, the huisarts; the gliclazide dose went up this year."""
    for name, strength, dose, purpose, days_ago in ANNA_MEDICINES:
        with clock.at(clock.moment(min(days_ago, 358), 11)):
            do_save_medication(pieter, Medication(
                name=name, strength=strength, dose=dose, purpose=purpose,
                since=clock.day(days_ago), prescribed_by="Pieter Bakker, huisarts"))
    with clock.at(clock.moment(100, 11)):
        gliclazide = Medication.objects.get(plan=pieter.plan, name="Gliclazide")
        gliclazide.dose = "1 keer per dag 2 tabletten, bij het ontbijt."
        do_save_medication(pieter, gliclazide)


def load_anna_results(clock, pieter, karin):
    """Lab values every quarter, a blaastest, a kuur and two check-ups."""
    lab = [
        ("hba1c", "HbA1c", "mmol/mol", None, 53, [58, 55, 52, 54],
         "Dit is uw gemiddelde bloedsuiker van de laatste 2 tot 3 maanden."),
        ("ldl", "LDL-cholesterol", "mmol/l", None, 2.5, [2.9, 2.7, 2.5, 2.4],
         "Dit is het vet in uw bloed dat uw bloedvaten kan vernauwen."),
        ("egfr", "eGFR", "ml/min/1,73m²", 60, None, [68, 66, 67, 65],
         "Dit laat zien hoe goed uw nieren werken."),
    ]
    for quarter, days_ago in enumerate([330, 240, 150, 60]):
        with clock.at(clock.moment(days_ago - 2, 16)):
            for kind, name, unit, low, high, values, explanation in lab:
                do_save_result(pieter, Result(
                    kind=ResultKind.LAB, name=name, taken_on=clock.day(days_ago),
                    value=Decimal(str(values[quarter])), unit=unit, reference_low=low,
                    reference_high=high, explanation=explanation, measurement_kind=kind))
    for kind, name, days_ago, outcome, explanation in [
        (ResultKind.TEST, "Blaastest", 200, "Uw longen werken wat minder dan vorig jaar.",
         "Met de blaastest meten we hoeveel lucht u kunt uitblazen."),
        (ResultKind.TREATMENT, "Kuur tegen de benauwdheid", 170, "Na een week weer beter.",
         "U kreeg een week tabletten. Die maken de luchtwegen rustiger."),
        (ResultKind.CHECKUP, "Voeten", 150, "Geen wondjes en genoeg gevoel.",
         "Bij diabetes kijken we elk jaar naar uw voeten."),
        (ResultKind.CHECKUP, "Ogen", 90, "Geen schade aan de ogen.",
         "Bij diabetes kijken we elke 2 jaar naar uw ogen."),
    ]:
        with clock.at(clock.moment(days_ago - 1, 16)):
            do_save_result(karin, Result(kind=kind, name=name, taken_on=clock.day(days_ago),
                                         outcome=outcome, explanation=explanation))


def _wobble(random_, spread):
    return random_.uniform(-spread, spread)


def load_anna_measurements(clock, anna, karin):
    """Weekly weight and blood pressure at home, the same at the practice at two
    controls; targets HbA1c at most 53 mmol/mol and blood pressure at most 140/90, agreed
    with Karin when the plan was drawn up."""
    random_ = random.Random(58)  # nosec B311  # the same demo data every time, no secret
    with clock.at(clock.moment(357, 11, 5)):
        for kind, high, second_high in [("hba1c", 53, None), ("blood_pressure", 140, 90)]:
            do_save_target(karin, Target(kind=kind, high=high, second_high=second_high,
                                         valid_from=clock.day(357),
                                         agreed_by="Anna de Vries, Karin Jansen"))
    for week in range(52):
        days_ago = 362 - week * 7
        progress = week / 51
        with clock.at(clock.moment(days_ago, 8, 30)):
            weight = 84.5 - 2.6 * progress + _wobble(random_, 0.4)
            systolic = 146 - 10 * progress + _wobble(random_, 5)
            do_save_measurement(anna, Measurement(
                kind="weight", measured_at=clock.moment(days_ago, 8, 15),
                value=Decimal(f"{weight:.1f}")))
            do_save_measurement(anna, Measurement(
                kind="blood_pressure", measured_at=clock.moment(days_ago, 8, 20),
                value=Decimal(round(systolic)),
                second_value=Decimal(round(systolic * 0.61 + _wobble(random_, 3))),
                note="Thuis gemeten, na 5 minuten zitten." if week == 0 else ""))
    for days_ago, weight, systolic, diastolic, waist in [(330, 84.1, 144, 88, 104),
                                                         (150, 82.9, 138, 84, 102)]:
        with clock.at(clock.moment(days_ago, 10, 20)):
            moment = clock.moment(days_ago, 10, 10)
            for kind, value, second in [("weight", weight, None),
                                        ("blood_pressure", systolic, diastolic),
                                        ("waist", waist, None)]:
                do_save_measurement(karin, Measurement(
                    kind=kind, measured_at=moment, value=Decimal(str(value)),
                    second_value=None if second is None else Decimal(second),
                    note="Gemeten op de praktijk."))


def load_bert_health(clock, bert, karin):
    """A little of Bert's: his weight now and then, one medicine, one check-up and two
    appointments with Karin."""
    for days_ago, weight in [(190, 91.4), (120, 90.2), (40, 89.6)]:
        with clock.at(clock.moment(days_ago, 9)):
            do_save_measurement(bert, Measurement(
                kind="weight", measured_at=clock.moment(days_ago, 8, 45),
                value=Decimal(str(weight))))
    with clock.at(clock.moment(195, 11)):
        do_save_medication(karin, Medication(
            name="Paracetamol", strength="500 mg", dose="Bij pijn: 1 of 2 tabletten, hooguit "
            "6 per dag.", purpose="Dit helpt tegen de pijn in uw heup.", since=clock.day(195),
            prescribed_by="Pieter Bakker, huisarts"))
    with clock.at(clock.moment(120, 15)):
        do_save_result(karin, Result(
            kind=ResultKind.CHECKUP, name="Heup", taken_on=clock.day(121),
            outcome="De heup is wat stijf. Er is geen schade te zien.",
            explanation="Karin keek hoe ver u uw heup kunt bewegen."))
    for days_ago, purpose in [(121, "Controle van mijn heup"),
                              (-14, "Praten over het wandelen met Max")]:
        with clock.at(clock.moment(max(days_ago, 0) + 10, 12)):
            do_save_appointment(karin, Appointment(
                starts_at=clock.moment(days_ago, 14), with_member=karin.membership,
                purpose=purpose, where="Huisartsenpraktijk De Linde"))
