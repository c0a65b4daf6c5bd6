from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.lib import taal
from samenplan.lib.forms import Form, ModelForm
from samenplan.plans.constants import Role
from samenplan.plans.forms import member_label

from .constants import PERIODS, LogKind, ResultKind, Visibility
from .models import Appointment, LogEntry, Medication, Result

# A phone's clock may run a little ahead of the server's.
CLOCK_SLACK = timedelta(minutes=5)


class LogEntryForm(ModelForm):
    shared_with = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Met wie deelt u dit?"),
        help_text=_("Alleen nodig als u kiest: alleen de mensen die ik kies."),
    )

    class Meta:
        model = LogEntry
        fields = ["kind", "medication", "occurred_at", "intensity", "text", "visibility",
                  "shared_with"]
        widgets = {
            "kind": forms.RadioSelect,
            "occurred_at": forms.DateTimeInput(attrs={"type": "datetime-local"},
                                               format="%Y-%m-%dT%H:%M"),
            "intensity": forms.NumberInput(attrs={"min": 0, "max": 10, "inputmode": "numeric"}),
            "text": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "intensity": _("0 is helemaal niet, 10 is heel erg."),
        }

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        others = membership.plan.memberships.filter(removed_at=None).exclude(pk=membership.pk)
        self.fields["shared_with"].queryset = others.select_related("user")
        self.fields["shared_with"].label_from_instance = member_label
        self.fields["kind"].choices = LogKind.choices  # no empty "---------" choice
        self.fields["medication"].queryset = membership.plan.medications.all()
        self.fields["medication"].empty_label = _("(geen medicijn)")
        self.fields["medication"].help_text = _("Alleen bij een bijwerking.")
        if self.instance.pk:
            self.initial["shared_with"] = list(self.instance.shared_with.all())
        else:
            self.initial["occurred_at"] = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["occurred_at"].error_messages["invalid"] = _(
            "Dit is geen goede datum en tijd. Kies een dag en een tijd."
        )

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        if value and value > timezone.now() + CLOCK_SLACK:
            raise forms.ValidationError(_("Dit tijdstip ligt in de toekomst. Kies een ander."))
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("intensity") is None and not cleaned.get("text", "").strip():
            self.add_error("text", _("Schrijf iets op, of vul in hoe erg het is."))
        if cleaned.get("kind") != LogKind.SIDE_EFFECT:
            cleaned["medication"] = None
        if cleaned.get("visibility") == Visibility.CHOSEN and not cleaned.get("shared_with"):
            self.add_error("shared_with", _("Kies met wie u dit deelt."))
        return cleaned


class LogFilterForm(Form):
    """Filters on the logbook page (a GET form: it only changes what is shown). Without
    choices, or with choices that make no sense, it shows the last three months."""

    ALL_KINDS = "alle"
    soort = forms.ChoiceField(label=_("Soort"), initial=ALL_KINDS,
                              choices=[(ALL_KINDS, _("Alle soorten")), *LogKind.choices])
    periode = forms.ChoiceField(label=_("Periode"), initial="90",
                                choices=[(code, label) for code, label, _days in PERIODS])

    def chosen(self):
        """The filters in effect: what was asked, where it makes sense, else the defaults."""
        chosen = {name: field.initial for name, field in self.fields.items()}
        for name, field in self.fields.items():
            if self.is_bound and self.data.get(name) in dict(field.choices):
                chosen[name] = self.data[name]
        return chosen

    def filter(self, entries):
        chosen = self.chosen()
        if chosen["soort"] != self.ALL_KINDS:
            entries = entries.filter(kind=chosen["soort"])
        days = {code: days for code, _label, days in PERIODS}[chosen["periode"]]
        if days is not None:
            entries = entries.filter(occurred_at__gte=timezone.now() - timedelta(days=days))
        return entries


class AppointmentForm(ModelForm):
    class Meta:
        model = Appointment
        fields = ["starts_at", "purpose", "with_member", "with_contact", "where", "questions"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"},
                                             format="%Y-%m-%dT%H:%M"),
            "questions": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "purpose": _("Bijvoorbeeld: controle van mijn suiker."),
            "questions": _("Schrijf op wat u wilt vragen of vertellen. Dan vergeet u het niet."),
        }

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        plan = membership.plan
        members = plan.memberships.filter(removed_at=None).exclude(role=Role.PATIENT)
        self.fields["with_member"].queryset = members.select_related("user")
        self.fields["with_member"].label_from_instance = member_label
        self.fields["with_member"].empty_label = _("(niemand uit het plan)")
        self.fields["with_contact"].queryset = plan.contacts.all()
        self.fields["with_contact"].label_from_instance = lambda c: (
            f"{c.name} ({c.role_or_relation})"
        )
        self.fields["with_contact"].empty_label = _("(geen contact)")
        self.fields["starts_at"].error_messages["invalid"] = _(
            "Dit is geen goede datum en tijd. Kies een dag en een tijd."
        )
        if not membership.acts_for_patient:
            # The questions are the patient's own: others read them on the agenda page.
            del self.fields["questions"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("with_member") and cleaned.get("with_contact"):
            self.add_error("with_contact", _("Kies iemand uit het plan of een contact, "
                                             "niet allebei."))
        return cleaned


class MedicationForm(ModelForm):
    patient_reads = ("dose", "purpose")  # taalhulp for the provider who writes them

    class Meta:
        model = Medication
        fields = ["name", "strength", "dose", "purpose", "since", "until", "prescribed_by"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 2})}

    def clean_purpose(self):
        value = self.cleaned_data["purpose"]
        if len(taal.sentences(value)) > 2:
            raise forms.ValidationError(_("Schrijf hooguit twee korte zinnen."))
        return value

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("Deze datum ligt voor de startdatum. Kies een latere."))
        return cleaned


class MedicationNoteForm(ModelForm):
    class Meta:
        model = Medication
        fields = ["patient_note"]
        widgets = {"patient_note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"patient_note": _("Bijvoorbeeld: ik neem hem bij het ontbijt.")}


class ResultForm(ModelForm):
    patient_reads = ("explanation",)

    class Meta:
        model = Result
        fields = ["kind", "name", "taken_on", "value", "unit", "reference_low",
                  "reference_high", "outcome", "explanation"]
        widgets = {"kind": forms.RadioSelect, "explanation": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ResultKind.choices
        for name in ("value", "reference_low", "reference_high"):
            self.fields[name].error_messages["invalid"] = _("Vul een getal in, zoals 7,5.")
            self.fields[name].localize = True
            self.fields[name].widget.is_localized = True

    def clean_taken_on(self):
        value = self.cleaned_data["taken_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst. Kies een andere datum."))
        return value

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("reference_low"), cleaned.get("reference_high")
        if low is not None and high is not None and low > high:
            self.add_error("reference_high", _("Dit is lager dan: normaal vanaf."))
        if cleaned.get("value") is None and not cleaned.get("outcome", "").strip():
            self.add_error("outcome", _("Vul een getal of een uitslag in woorden in."))
        if cleaned.get("value") is not None and not cleaned.get("unit", "").strip():
            self.add_error("unit", _("Bij een getal hoort een eenheid."))
        return cleaned
