from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import Form

from .constants import Frequency, Score


class SettingsForm(Form):
    active = forms.TypedChoiceField(
        label=_("Wilt u check-ins krijgen?"), widget=forms.RadioSelect,
        choices=[("1", _("Ja, stuur mij een e-mail")), ("0", _("Nee, liever niet"))],
        coerce=lambda value: value == "1",
    )
    frequency = forms.ChoiceField(label=_("Hoe vaak?"), choices=Frequency.choices,
                                  widget=forms.RadioSelect, required=False)
    goals = forms.ModelMultipleChoiceField(
        label=_("Over welke doelen?"), queryset=None, widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = goals
        self.fields["goals"].error_messages["invalid_choice"] = _("Kies een van de doelen.")
        self.style_fields()

    def clean(self):
        data = super().clean()
        if data.get("active"):
            if not data.get("frequency"):
                self.add_error("frequency", _("Kies hoe vaak."))
            if not data.get("goals"):
                self.add_error("goals", _("Kies minstens één doel."))
        return data


class CheckInForm(Form):
    """One question per goal: a score (required) and a note (may stay empty)."""

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for goal in self.goals:
            self.fields[f"score_{goal.pk}"] = forms.TypedChoiceField(
                label=_("Hoe gaat het met: %(goal)s?") % {"goal": goal.text.rstrip(".!? ")},
                choices=Score.choices, coerce=int, widget=forms.RadioSelect)
            self.fields[f"note_{goal.pk}"] = forms.CharField(
                label=_("Wilt u er iets over zeggen?"), max_length=1000, required=False)
        self.style_fields()
        for goal in self.goals:
            self.fields[f"score_{goal.pk}"].error_messages["required"] = _("Kies hoe het gaat.")

    def per_goal(self):
        """(goal, its score field, its note field), for the template."""
        return [(goal, self[f"score_{goal.pk}"], self[f"note_{goal.pk}"]) for goal in self.goals]

    def answers(self):
        return [(goal, self.cleaned_data[f"score_{goal.pk}"],
                 self.cleaned_data[f"note_{goal.pk}"]) for goal in self.goals]
