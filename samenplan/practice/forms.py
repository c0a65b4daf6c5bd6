from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import Form

from .constants import QUESTIONS, SCALE


class ExperienceForm(Form):
    """The three questions, each on a 5-point scale, and room for a remark."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, question, _short in QUESTIONS:
            self.fields[name] = forms.TypedChoiceField(
                label=question, choices=SCALE, coerce=int, widget=forms.RadioSelect)
        self.fields["note"] = forms.CharField(
            label=_("Wilt u nog iets kwijt? Dat mag, het hoeft niet."), required=False,
            max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        )
        self.style_fields()
        for name, _question, _short in QUESTIONS:
            self.fields[name].error_messages["required"] = _(
                "Kies een antwoord bij deze vraag.")
