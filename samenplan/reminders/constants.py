from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Elke week")
    TWO_WEEKS = "two_weeks", _("Elke twee weken")
    MONTHLY = "monthly", _("Elke maand")


class ReminderKind(models.TextChoices):
    """What a reminder is for. A new kind (say "prepare", for preparing a consult) gets a
    value here and an entry in `sending.KINDS`."""

    CHECKIN = "checkin", _("Check-in")
    PREPARE = "prepare", _("Een afspraak voorbereiden")


class Score(models.IntegerChoices):
    VERY_HARD = 1, _("Heel moeilijk")
    HARD = 2, _("Moeilijk")
    OKAY = 3, _("Gaat wel")
    GOOD = 4, _("Goed")
    VERY_GOOD = 5, _("Heel goed")
