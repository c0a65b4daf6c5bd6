from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from samenplan.lib import taal
from samenplan.lib.forms import Form, ModelForm
from samenplan.plans.constants import Role
from samenplan.plans.forms import member_label

from . import measurements
from .constants import PERIODS, LogKind, ResultKind, Visibility
from .models import Appointment, LogEntry, Measurement, Medication, Result, Target

# A phone's clock may run a little ahead of the server's.
CLOCK_SLACK = timedelta(minutes=5)


class MomentInput(forms.DateTimeInput):
    """A day and a time in one field, as the browser offers it."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


INVALID_MOMENT = _("Dit is geen goede datum en tijd. Kies een dag en een tijd.")


def not_in_future(moment):
    """A moment something already happened: not later than now (give or take a minute)."""
    if moment and moment > timezone.now() + CLOCK_SLACK:
        raise forms.ValidationError(_("Dit tijdstip ligt in de toekomst. Kies een ander."))
    return moment


def localized_numbers(form, *names):
    """Numbers as people here write them: 7,5 (and 7.5 too)."""
    for name in names:
        field = form.fields[name]
        field.error_messages["invalid"] = _("Vul een getal in, zoals 7,5.")
        field.localize = True
        field.widget.is_localized = True


def check_possible(form, field_name, value, kind, part):
    """Adds to the field why the value cannot be right, if it cannot; False then."""
    problem = measurements.value_problem(kind, part, value)
    if problem:
        form.add_error(field_name, problem)
    return problem is None


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
            "occurred_at": MomentInput,
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
        self.fields["occurred_at"].error_messages["invalid"] = INVALID_MOMENT

    def clean_occurred_at(self):
        return not_in_future(self.cleaned_data["occurred_at"])

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
            "starts_at": MomentInput,
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
        self.fields["starts_at"].error_messages["invalid"] = INVALID_MOMENT
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
        fields = ["kind", "measurement_kind", "name", "taken_on", "value", "unit", "reference_low",
                  "reference_high", "outcome", "explanation"]
        widgets = {"kind": forms.RadioSelect, "explanation": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ResultKind.choices
        self.fields["measurement_kind"].choices = [("", _("(geen)")),
                                                   *measurements.LAB_CHOICES]
        localized_numbers(self, "value", "reference_low", "reference_high")

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
        if cleaned.get("measurement_kind") and not cleaned.get("unit", "").strip():
            cleaned["unit"] = measurements.TYPES[cleaned["measurement_kind"]].unit_label
        if cleaned.get("value") is not None and not cleaned.get("unit", "").strip():
            self.add_error("unit", _("Bij een getal hoort een eenheid."))
        if cleaned.get("measurement_kind"):
            self._check_as_measurement(cleaned, measurements.TYPES[cleaned["measurement_kind"]])
        return cleaned

    def _check_as_measurement(self, cleaned, kind):
        """A coded lab value: the unit of that measurement, a value that can be."""
        unit = cleaned.get("unit", "")
        if unit.strip() and not measurements.unit_matches(kind, unit):
            self.add_error("unit", _("Bij %(name)s hoort de eenheid %(unit)s.")
                           % {"name": kind.name, "unit": kind.unit_label})
        if cleaned.get("value") is not None:
            check_possible(self, "value", cleaned["value"], kind, kind.parts[0])



def _unit_suffix(kind):
    return f" ({kind.unit_label})" if kind.unit_label else ""


class MeasurementForm(ModelForm):
    """A measurement of one kind: the kind is chosen before the form (its unit and its
    parts are in the labels). Blood pressure asks for both numbers."""

    class Meta:
        model = Measurement
        fields = ["measured_at", "value", "second_value", "note"]
        widgets = {
            "measured_at": MomentInput,
        }

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        first = kind.parts[0]
        self.fields["value"].label = (first.name.capitalize() if kind.has_two_parts
                                      else kind.name) + _unit_suffix(kind)
        self.fields["value"].help_text = kind.explanation
        if kind.has_two_parts:
            self.fields["second_value"].label = (kind.parts[1].name.capitalize()
                                                 + _unit_suffix(kind))
            self.fields["second_value"].required = True
            localized_numbers(self, "value", "second_value")
        else:
            del self.fields["second_value"]
            localized_numbers(self, "value")
        self.fields["measured_at"].error_messages["invalid"] = INVALID_MOMENT
        if not self.instance.pk:
            self.initial["measured_at"] = timezone.localtime().replace(second=0, microsecond=0)

    def clean_measured_at(self):
        return not_in_future(self.cleaned_data["measured_at"])

    def clean(self):
        cleaned = super().clean()
        values = [cleaned.get("value"), cleaned.get("second_value")][:len(self.kind.parts)]
        fine = [
            value is not None and check_possible(self, name, value, self.kind, part)
            for name, value, part in zip(["value", "second_value"], values, self.kind.parts,
                                         strict=False)
        ]
        if all(fine) and (problem := measurements.pair_problem(
                self.kind, cleaned.get("value"), cleaned.get("second_value"))):
            self.add_error("second_value", problem)
        return cleaned


class TargetForm(ModelForm):
    """A target agreed together: a highest value, a lowest value, or both (a range)."""

    class Meta:
        model = Target
        fields = ["low", "high", "second_low", "second_high", "valid_from", "agreed_by"]
        help_texts = {
            "agreed_by": _("Bijvoorbeeld: Anna de Vries en Karin Jansen."),
            "valid_from": _("Vanaf deze dag geldt deze streefwaarde."),
        }

    BOUNDS = (("low", "high"), ("second_low", "second_high"))

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        for (low, high), part in zip(self.BOUNDS, kind.parts, strict=False):
            name = part.name.capitalize() + " " if kind.has_two_parts else ""
            self.fields[low].label = capfirst(f"{name}{_('niet lager dan')}{_unit_suffix(kind)}")
            self.fields[high].label = capfirst(f"{name}{_('niet hoger dan')}{_unit_suffix(kind)}")
            localized_numbers(self, low, high)
        if not kind.has_two_parts:
            del self.fields["second_low"], self.fields["second_high"]
        self.fields["high"].help_text = _("Vul in wat u samen afspreekt. Eén getal is genoeg.")

    def clean(self):
        cleaned = super().clean()
        bounds = self.BOUNDS[:len(self.kind.parts)]
        if all(cleaned.get(name) is None for pair in bounds for name in pair):
            self.add_error("high", _("Vul een getal in: niet lager dan, niet hoger dan, "
                                     "of allebei."))
        for (low, high), part in zip(bounds, self.kind.parts, strict=False):
            fine = all(check_possible(self, name, cleaned[name], self.kind, part)
                       for name in (low, high) if cleaned.get(name) is not None)
            if fine and None not in (cleaned.get(low), cleaned.get(high)) and (
                    cleaned[low] > cleaned[high]):
                self.add_error(high, _("Dit is lager dan: niet lager dan. Kijk het nog eens na."))
        return cleaned
