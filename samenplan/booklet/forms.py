from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import Form
from samenplan.plans.sections import EXPLAINED, PARTS, may_read

from .content import part_title

PAPER = {"a4": "A4", "a5": "A5"}  # the CSS page size per choice
# The body text in points per paper size, normal and large print (large: at least 14 pt).
TEXT_SIZE = {("a4", "normaal"): 12, ("a5", "normaal"): 11,
             ("a4", "groot"): 16, ("a5", "groot"): 14}


class BookletForm(Form):
    """What goes in the booklet, and how it looks. Every part may be asked for; the view
    refuses a part that the patient does not share with this reader."""

    delen = forms.MultipleChoiceField(
        label=_("Welke delen wilt u in het boekje?"), widget=forms.CheckboxSelectMultiple)
    papier = forms.ChoiceField(
        label=_("Papier"), widget=forms.RadioSelect, initial="a4",
        choices=[("a4", _("A4: een gewoon vel")),
                 ("a5", _("A5: een half vel, als boekje"))],
    )
    letters = forms.ChoiceField(
        label=_("Letters"), widget=forms.RadioSelect, initial="normaal",
        choices=[("normaal", _("Gewoon")), ("groot", _("Groot: makkelijker te lezen"))],
    )

    def __init__(self, *args, membership, profile, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["delen"]
        field.choices = [(part, part_title(part, membership, profile)) for part in PARTS]
        shown = [part for part in PARTS if may_read(membership, part)]
        field.widget.choices = [(part, text) for part, text in field.choices if part in shown]
        self.initial["delen"] = shown
        explained = [str(EXPLAINED[key]) for part in shown for key in PARTS[part]
                     if key in EXPLAINED]
        field.help_text = " ".join(explained)
        self.style_fields()
        field.error_messages["required"] = _("Kies minstens één deel.")

    @property
    def page_css(self):
        """The page size and text size chosen, as a style sheet: from the fixed values
        above only."""
        paper, letters = self.cleaned_data["papier"], self.cleaned_data["letters"]
        size = TEXT_SIZE[paper, letters]
        return f"@page {{ size: {PAPER[paper]}; }} html {{ font-size: {size}pt; }}"
