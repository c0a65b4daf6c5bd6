"""Demo health data for `manage.py load_demo`: Anna's year (logbook, agenda), a little
of Bert's.

The texts are the demo people's own words: plain Dutch, no judging, so the B1 sweep of
the pages stays strict (see tests/browser/test_accessibility.py)."""

import random
from datetime import timedelta

from .actions import do_save_appointment, do_save_log_entry
from .constants import LogKind, Visibility
from .models import Appointment, LogEntry

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


def _entry(random_, texts, moment):
    kind = random_.choices(list(texts), weights=[4, 4, 1, 3, 3, 2])[0]
    span, lines = texts[kind]
    return LogEntry(
        kind=kind, occurred_at=moment, text=random_.choice(lines),
        intensity=random_.randint(*span) if span else None,
    )


def load_anna_logbook(clock, anna, sanne, entries=150):
    """About `entries` entries over the past year, by Anna and a few by Sanne. Most are for
    everyone in the plan, some only for the writer, some shared with Sanne."""
    random_ = random.Random(2026)
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
            entry = _entry(random_, ANNA_TEXTS, moment)
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
