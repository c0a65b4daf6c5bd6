from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samenplan.health.measurements import TYPES
from samenplan.plans.sections import SECTIONS

from .actions import templates_for_plan
from .models import PlanTemplate


class ApplyTemplateForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Kies een sjabloon"), queryset=PlanTemplate.objects.none(),
        widget=forms.RadioSelect, empty_label=None)
    domain_set = forms.BooleanField(
        label=_("Gebruik ook de levensgebieden van dit sjabloon"), required=False,
        help_text=_("Dit kan alleen als er nog niets bij de levensgebieden staat."))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates_for_plan(plan)
        self.fields["template"].label_from_instance = (
            lambda t: f"{t.name}. {t.description}" if t.description else t.name)


class TagForm(forms.Form):
    """Which entries of the plan belong to one condition."""

    goals = forms.ModelMultipleChoiceField(label=_("Doelen"), required=False,
                                           queryset=None, widget=forms.CheckboxSelectMultiple)
    actions = forms.ModelMultipleChoiceField(label=_("Afspraken"), required=False,
                                             queryset=None,
                                             widget=forms.CheckboxSelectMultiple)
    measurements = forms.ModelMultipleChoiceField(label=_("Metingen"), required=False,
                                                  queryset=None,
                                                  widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, plan, condition, choices=None, **kwargs):
        """`choices` (from `choices_for`) are the plan's entries read once for the forms of
        all its conditions; without them each form reads them itself."""
        kwargs.setdefault("initial", {
            "goals": condition.goals.all(), "actions": condition.actions.all(),
            "measurements": condition.measurements.all()})
        kwargs.setdefault("prefix", f"c{condition.pk}")
        super().__init__(*args, **kwargs)
        self.condition = condition
        for name, (queryset, label) in _entries(plan).items():
            self.fields[name].queryset = queryset
            self.fields[name].label_from_instance = label
            if choices is not None:
                self.fields[name].choices = choices[name]

    @staticmethod
    def choices_for(plan):
        return {name: [(entry.pk, label(entry)) for entry in queryset]
                for name, (queryset, label) in _entries(plan).items()}


def _measurement_label(m):
    return (f"{TYPES[m.kind].name if m.kind in TYPES else m.kind}: "
            f"{m.value}{'/' + str(m.second_value) if m.second_value else ''} "
            f"({m.measured_at:%d-%m-%Y})")


def _entries(plan):
    """Per field of TagForm, the plan's entries to choose from and how each reads."""
    return {"goals": (plan.goals.all(), lambda g: g.text),
            "actions": (plan.actions.all(), lambda a: a.what),
            "measurements": (plan.measurements.order_by("-measured_at"), _measurement_label)}


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


class TemplateForm(forms.ModelForm):
    """A template of an organisation. Lists are edited as plain text, one item a line."""

    shown_sections = forms.MultipleChoiceField(
        label=_("Delen van het plan"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(key, s.title_own) for key, s in SECTIONS.items()],
        help_text=_("Niets gekozen: alle delen."))
    measurement_kinds = forms.MultipleChoiceField(
        label=_("Metingen"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(key, t.name) for key, t in TYPES.items()])
    targets_text = forms.CharField(
        label=_("Streefwaarden"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén per regel: meting, laagste, hoogste. Bijvoorbeeld: hba1c,,53 of "
                    "blood_pressure,,140,,90"))
    example_goals_text = forms.CharField(
        label=_("Voorbeelden van doelen"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}), help_text=_("Eén doel per regel."))

    class Meta:
        model = PlanTemplate
        fields = ["organisation", "name", "condition", "description", "domain_set",
                  "shown_sections", "measurement_kinds", "active"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].required = True
        self.fields["organisation"].empty_label = None
        self.fields["organisation"].label = _("Organisatie")
        self.initial["targets_text"] = "\n".join(
            ",".join("" if t.get(k) is None else str(t[k])
                     for k in ("kind", "low", "high", "second_low", "second_high"))
            for t in self.instance.targets)
        self.initial["example_goals_text"] = "\n".join(self.instance.example_goals)

    def clean_targets_text(self):
        targets = []
        for line in _lines(self.cleaned_data["targets_text"]):
            values = [v.strip() for v in line.split(",")] + [""] * 5
            kind = values[0]
            if kind not in TYPES:
                raise ValidationError(_("Deze meting kennen we niet: %(kind)s."),
                                      params={"kind": kind})
            target = {"kind": kind}
            for key, value in zip(("low", "high", "second_low", "second_high"), values[1:5],
                                  strict=True):
                try:
                    target[key] = str(Decimal(value)) if value else None
                except InvalidOperation:
                    raise ValidationError(_("Schrijf een getal, bijvoorbeeld 53.")) from None
            targets.append(target)
        return targets

    def clean(self):
        cleaned = super().clean()
        self.instance.targets = cleaned.get("targets_text", self.instance.targets)
        self.instance.example_goals = _lines(cleaned.get("example_goals_text", ""))
        return cleaned
