"""Plan templates (sjablonen) and the conditions of one plan (issue 9).

A template is data: the built-in ones come from a data migration (organisation is null),
an organisation's administrators add their own in the interface. Applying a template
never makes a second plan: it adds a condition to the plan and offers suggestions.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import Organisation
from samenplan.health.models import Measurement
from samenplan.plans.constants import DomainSet
from samenplan.plans.models import Action, Goal, Plan


class PlanTemplate(models.Model):
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        help_text=_("Leeg: een sjabloon voor iedereen."))
    name = models.CharField(_("naam van het sjabloon"), max_length=200)
    condition = models.CharField(_("aandoening"), max_length=200, blank=True,
                                 help_text=_("Bijvoorbeeld: Diabetes type 2."))
    description = models.TextField(_("uitleg"), max_length=2000, blank=True)
    domain_set = models.CharField(_("levensgebieden"), max_length=20,
                                  choices=DomainSet.choices, default=DomainSet.POSITIVE_HEALTH)
    # Keys of plans.sections.SECTIONS; empty means all sections.
    shown_sections = models.JSONField(_("delen van het plan"), default=list, blank=True)
    # Keys of health.measurements.TYPES.
    measurement_kinds = models.JSONField(_("metingen"), default=list, blank=True)
    # [{"kind", "low", "high", "second_low", "second_high"}], as in health.Target.
    targets = models.JSONField(_("streefwaarden"), default=list, blank=True)
    example_goals = models.JSONField(_("voorbeelden van doelen"), default=list, blank=True)
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["organisation_id", "name"]

    def __str__(self):
        return self.name

    @property
    def is_built_in(self):
        return self.organisation_id is None


class PlanCondition(models.Model):
    """A condition listed in the plan. Goals, actions and measurements can be tagged."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="conditions")
    template = models.ForeignKey(PlanTemplate, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("aandoening"), max_length=200)
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    goals = models.ManyToManyField(Goal, blank=True, related_name="conditions")
    actions = models.ManyToManyField(Action, blank=True, related_name="conditions")
    measurements = models.ManyToManyField(Measurement, blank=True, related_name="conditions")

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="one_condition_per_name"),
        ]

    def __str__(self):
        return self.name


class TemplateManager(models.Model):
    """A provider who manages the templates of an organisation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_manager_row"),
        ]
