from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.forms import NEW_PASSWORD_HELP
from samenplan.health.measurements import CHOICES as MEASUREMENT_CHOICES
from samenplan.health.measurements import Topic
from samenplan.lib.forms import Form, ModelForm

from .constants import Access, Assignee, DeclineReason, DomainSet, Role, domains_for
from .models import LONG, Action, Contact, Evaluation, Goal, Indication, Plan, Profile
from .sections import EXPLAINED, PARTS, SECTIONS, access, may_fill_in


def optional_text(label, rows):
    """A free-text field that may stay empty, as long as the model's long texts."""
    return forms.CharField(label=label, required=False, max_length=LONG,
                           widget=forms.Textarea(attrs={"rows": rows}))


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("Deze datum ligt in de toekomst. Kies een andere datum."))


class ProfileForm(ModelForm):
    class Meta:
        model = Profile
        fields = ["name", "date_of_birth", "address", "phone", "email", "language_needs",
                  "pronoun"]
        widgets = {"language_needs": forms.Textarea(attrs={"rows": 3}),
                   "pronoun": forms.RadioSelect}

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        _not_in_future(value)
        if value and value.year < 1900:
            raise forms.ValidationError(_("Deze datum klopt niet. Kijk het jaar nog eens na."))
        return value


class PlanDataForm(ModelForm):
    class Meta:
        model = Plan
        fields = ["drawn_up_on", "drawn_up_by", "participants"]
        widgets = {"participants": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "participants": _("Bijvoorbeeld: ikzelf, mijn dochter en de praktijkondersteuner.")
        }

    def clean_drawn_up_on(self):
        value = self.cleaned_data["drawn_up_on"]
        _not_in_future(value)
        return value


class IndicationForm(ModelForm):
    class Meta:
        model = Indication
        fields = ["law", "kind_of_care", "start", "end", "decided_by"]
        help_texts = {
            "law": _("Een indicatie zegt welke zorg u mag krijgen. De wet zegt wie het betaalt."),
            "kind_of_care": _("Bijvoorbeeld: wijkverpleging, of hulp in het huishouden."),
            "decided_by": _("Bijvoorbeeld: het CIZ, de gemeente of de wijkverpleegkundige."),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("De einddatum ligt voor de begindatum. Kijk het nog eens na."))
        return cleaned


class ContactForm(ModelForm):
    class Meta:
        model = Contact
        fields = ["kind", "name", "role_or_relation", "organisation", "phone", "email"]
        widgets = {"kind": forms.RadioSelect}


class DomainForm(Form):
    what_matters = optional_text(_("Wat vind ik belangrijk"), rows=4)
    support_needs = optional_text(_("Waar wil ik hulp bij"), rows=4)
    score = forms.IntegerField(
        label=_("Mijn cijfer voor nu (0 tot en met 10)"),
        required=False,
        min_value=0,
        max_value=10,
        help_text=_("Een eigen cijfer. Elk cijfer is goed."),
    )


class DomainSetForm(Form):
    domain_set = forms.ChoiceField(
        label=_("Welke indeling wilt u gebruiken?"),
        choices=DomainSet.choices,
        widget=forms.RadioSelect,
    )


def domain_choices(plan):
    return [(code, name) for code, name, _help in domains_for(plan.domain_set)]


class GoalForm(ModelForm):
    domains = forms.MultipleChoiceField(
        label=_("Bij welke levensgebieden hoort dit doel?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Goal
        fields = ["text", "why", "domains", "topic", "measurement_kind", "status"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "why": forms.Textarea(attrs={"rows": 3}),
            "status": forms.RadioSelect,
        }
        help_texts = {
            "text": _("Schrijf het op in uw eigen woorden."),
            "topic": _("Als het doel over een van deze onderwerpen gaat."),
            "measurement_kind": _("Dan ziet u bij het doel de laatste meting en de "
                                  "streefwaarde: de waarde die u wilt halen."),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].choices = domain_choices(plan)
        self.fields["topic"].choices = [("", _("(geen onderwerp)")), *Topic.choices]
        self.fields["measurement_kind"].choices = [("", _("(geen meting)")),
                                                   *MEASUREMENT_CHOICES]
        if not self.instance.pk:
            del self.fields["status"]


def member_label(membership):
    """A member as a choice in a form: "Sanne de Vries (dochter)", "Karin Jansen (POH)"."""
    if membership.role == Role.PATIENT:
        return membership.user.name
    m = membership
    return f"{m.user.name} ({m.relation or m.user.profession or m.get_role_display()})"


class ActionForm(ModelForm):
    patient_reads = ("what", "when")

    class Meta:
        model = Action
        fields = ["what", "goal", "assignee", "assignee_member", "when", "status"]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 2}),
            "assignee": forms.RadioSelect,
            "status": forms.RadioSelect,
        }
        help_texts = {
            "when": _("Bijvoorbeeld: elke dag na het eten, of: voor 1 maart."),
            "assignee_member": _("Kies de naaste of zorgverlener die dit doet."),
        }

    def __init__(self, *args, plan, goals_shown=True, **kwargs):
        super().__init__(*args, **kwargs)
        if goals_shown:
            self.fields["goal"].queryset = plan.goals.all()
            self.fields["goal"].empty_label = _("(geen doel)")
        else:  # the goals are not shared with this member; an action keeps its goal
            del self.fields["goal"]
        self.fields["assignee_member"].queryset = plan.memberships.filter(
            removed_at=None, role__in=[Role.NAASTE, Role.PROVIDER]
        ).select_related("user")
        self.fields["assignee_member"].empty_label = _("(niemand in het bijzonder)")
        self.fields["assignee_member"].label_from_instance = member_label
        self.fields["assignee"].choices = [
            (Assignee.PATIENT, _("%(name)s zelf") % {"name": plan.patient_name}),
            (Assignee.NAASTE, Assignee.NAASTE.label),
            (Assignee.PROVIDER, Assignee.PROVIDER.label),
        ]
        if not self.instance.pk:
            del self.fields["status"]

    def clean(self):
        cleaned = super().clean()
        assignee, member = cleaned.get("assignee"), cleaned.get("assignee_member")
        if assignee == Assignee.PROVIDER and member is None:
            self.add_error("assignee_member", _("Kies welke zorgverlener dit doet."))
        elif member is not None and member.role != assignee:
            self.add_error(
                "assignee_member", _("Deze persoon past niet bij wie het doet. Kies opnieuw.")
            )
        elif assignee == Assignee.PATIENT:
            cleaned["assignee_member"] = None
        return cleaned


class EvaluationForm(ModelForm):
    patient_reads = ("illness_note",)

    class Meta:
        model = Evaluation
        fields = ["held_on", "participants", "illness_note"]
        widgets = {
            "participants": forms.Textarea(attrs={"rows": 2}),
            "illness_note": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        _not_in_future(value)
        return value


class GoalReviewForm(Form):
    patient_reads = ("how_it_went", "what_was_hard", "next_step")
    how_it_went = optional_text(_("Hoe ging het?"), rows=3)
    what_was_hard = optional_text(_("Wat was lastig?"), rows=3)
    next_step = optional_text(_("Wat is de volgende stap?"), rows=3)


class InviteForm(Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    email = forms.EmailField(label=_("E-mailadres"))
    role = forms.ChoiceField(
        label=_("Wie is het?"),
        widget=forms.RadioSelect,
        choices=[
            (Role.NAASTE, _("Een naaste (familie, vriend of mantelzorger)")),
            (Role.PROVIDER, _("Een zorgverlener")),
        ],
    )
    relation = forms.CharField(
        label=_("Relatie of beroep"),
        max_length=100,
        required=False,
        help_text=_("Bijvoorbeeld: dochter, of: fysiotherapeut."),
    )
    may_act = forms.BooleanField(
        label=_("Deze naaste mag namens mij afspraken maken en mijn plan invullen"),
        required=False,
    )


class StartPlanForm(Form):
    name = forms.CharField(label=_("Naam van de patiënt"), max_length=200)
    email = forms.EmailField(label=_("E-mailadres van de patiënt"))
    date_of_birth = forms.DateField(label=_("Geboortedatum"), required=False)

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        _not_in_future(value)
        return value


class DeclineForm(Form):
    reason = forms.ChoiceField(
        label=_("Waarom wilt u nu geen plan?"),
        choices=DeclineReason.choices,
        widget=forms.RadioSelect,
    )
    note = optional_text(_("Wilt u er iets over zeggen?"), rows=3)


class SignupForm(Form):
    """A new account, made from an invitation link."""

    name = forms.CharField(label=_("Uw naam"), max_length=150)
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        widget=forms.PasswordInput,
        help_text=NEW_PASSWORD_HELP,
    )
    password2 = forms.CharField(
        label=_("Typ het wachtwoord nog een keer"), widget=forms.PasswordInput
    )

    def clean(self):
        from django.contrib.auth.password_validation import validate_password

        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif p1:
            try:
                validate_password(p1)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SharingForm(Form):
    """Per part of the plan: what the patient shares with one member (F4). Where the
    member's role lets them fill nothing in, the choices are only "see" or "not see"."""

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        for part, keys in PARTS.items():
            choices = Access.choices
            if not any(may_fill_in(membership, key) for key in keys):
                choices = [(Access.READ, _("Zien")), (Access.HIDDEN, Access.HIDDEN.label)]
            others = [str(SECTIONS[key].title_own) for key in keys[1:]]
            help_text = _("Hier hoort ook bij: %(parts)s.") % {"parts": ", ".join(others)} \
                if others else ""
            explained = " ".join(str(EXPLAINED[key]) for key in keys if key in EXPLAINED)
            self.fields[part] = forms.ChoiceField(
                label=SECTIONS[part].title_own, choices=choices, widget=forms.RadioSelect,
                help_text=f"{help_text} {explained}".strip(),
            )
            current = access(membership, part)
            self.initial[part] = current if current in dict(choices) else Access.READ
        self.style_fields()


class ClosePlanForm(Form):
    """The clear confirmation before the plan and the account are removed (AVG)."""

    sure = forms.BooleanField(
        label=_("Ja, ik wil mijn plan sluiten en mijn account weghalen. Ik weet dat dit niet "
                "terug te draaien is."),
    )
    password = forms.CharField(label=_("Uw wachtwoord"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete":
                                                                 "current-password"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["sure"].error_messages["required"] = _(
            "Zet hier een vinkje als u het zeker weet.")

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet. Probeer het opnieuw."))
        return password
