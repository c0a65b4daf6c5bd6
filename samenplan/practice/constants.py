from django.db import models
from django.utils.translation import gettext_lazy as _


class Moment(models.TextChoices):
    """When the person is asked about their experience with the plan (D10)."""

    START = "start", _("Bij het begin")
    YEAR = "year", _("Na een jaar")


# The 5-point scale of every question: 1 is "not at all", 5 is "completely".
SCALE = [
    (1, _("Helemaal niet")),
    (2, _("Een beetje")),
    (3, _("Soms wel, soms niet")),
    (4, _("Grotendeels")),
    (5, _("Helemaal")),
]

# The three questions: (field name, question, short name for tables and the CSV).
QUESTIONS = [
    ("helps", _("Helpt het plan u?"), _("Het plan helpt")),
    ("in_control", _("Beslist u zelf over uw leven en uw zorg?"), _("Zelf beslissen")),
    ("recognised", _("Is het plan echt van u? Herkent u zich erin?"), _("Het plan is van mij")),
]
