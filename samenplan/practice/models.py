from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenplan.plans.models import Membership, Plan

from .constants import SCALE, Moment


def _scale_field(question):
    return models.PositiveSmallIntegerField(
        question, choices=SCALE, null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )


class ExperienceAnswer(models.Model):
    """The person's answers to the experience questionnaire (D10), at the start and after
    a year. One per plan per moment. `skipped` is an answer too: the person chose "Sla
    over", so that moment is not asked again; its scores are then empty."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="experience_answers")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("ingevuld door"))
    moment = models.CharField(_("moment"), max_length=10, choices=Moment.choices)
    answered_at = models.DateTimeField(_("ingevuld op"))
    skipped = models.BooleanField(_("overgeslagen"), default=False)
    helps = _scale_field(_("Helpt het plan u?"))
    in_control = _scale_field(_("Beslist u zelf over uw leven en uw zorg?"))
    recognised = _scale_field(_("Is het plan echt van u? Herkent u zich erin?"))
    note = models.TextField(_("Wilt u nog iets kwijt?"), max_length=2000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "moment"],
                                    name="one_experience_answer_per_plan_and_moment"),
        ]

    def __str__(self):
        return f"{self.plan} {self.moment}"
