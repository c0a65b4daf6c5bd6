from django.db import models
from django.utils.translation import gettext_lazy as _


class LogKind(models.TextChoices):
    PAIN = "pain", _("Pijn")
    COMPLAINT = "complaint", _("Klacht")
    SIDE_EFFECT = "side_effect", _("Bijwerking van een medicijn")
    MOOD = "mood", _("Stemming")
    SLEEP = "sleep", _("Slapen")
    OTHER = "other", _("Iets anders")


class Visibility(models.TextChoices):
    """Who sees a logbook entry: the author chooses per entry (M7)."""

    ONLY_ME = "only_me", _("Alleen ik")
    TEAM = "team", _("Iedereen die meedoet aan het plan")
    CHOSEN = "chosen", _("Alleen de mensen die ik kies")


# Periods to filter the logbook on: (code, label, days back; None is everything).
PERIODS = [
    ("30", _("De laatste 30 dagen"), 30),
    ("90", _("De laatste 3 maanden"), 90),
    ("365", _("Het laatste jaar"), 365),
    ("all", _("Alles"), None),
]


class ResultKind(models.TextChoices):
    LAB = "lab", _("Bloed en urine")
    TEST = "test", _("Andere onderzoeken")
    TREATMENT = "treatment", _("Behandelingen")
    CHECKUP = "checkup", _("Controles")
