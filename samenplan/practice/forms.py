from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import QUESTIONS, SCALE


class ExperienceForm(forms.Form):
    """The three questions, each on a 5-point scale, and room for a remark."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, question, _short in QUESTIONS:
            self.fields[name] = forms.TypedChoiceField(
                label=question, choices=SCALE, coerce=int, widget=forms.RadioSelect,
                error_messages={"required": _("Kies een antwoord bij deze vraag.")},
            )
        self.fields["note"] = forms.CharField(
            label=_("Wilt u nog iets kwijt? Dat mag, het hoeft niet."), required=False,
            max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        )
