"""Form rendering with NL Design System (Utrecht) classes, for every form in Samenplan."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input
from django.utils.translation import gettext_lazy as _

from . import taal


class SamenplanRenderer(TemplatesSetting):
    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"


# The first match wins: CheckboxSelectMultiple is a kind of RadioSelect, so it comes first.
WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    Input: "utrecht-textbox utrecht-textbox--html-input",
}

# Plain-Dutch messages for Django's built-in checks (F2b).
ERROR_MESSAGES = {
    "required": _("Vul dit in."),
    "invalid": _("Dit klopt niet. Kijk het nog eens na."),
    "invalid_choice": _("Kies een van de mogelijkheden."),
    "max_length": _("Dit is te lang. Gebruik hooguit %(limit_value)d tekens (nu %(show_value)d)."),
    "max_value": _("Dit mag hooguit %(limit_value)s zijn."),
    "min_value": _("Vul %(limit_value)s of meer in."),
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def one_line(value):
    """A one-line field holds no line break (only a crafted request can send one)."""
    if "\n" in value or "\r" in value:
        raise forms.ValidationError(_("Schrijf dit op één regel."), code="one_line")


class StyledForm:
    """Mixin: Utrecht classes on every widget and B1 error messages on every field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

    def style_fields(self):
        """Style every field; a form that adds fields after __init__ calls it again."""
        for field in self.fields.values():
            for widget_class, css in WIDGET_CLASSES.items():
                if isinstance(field.widget, widget_class):
                    field.widget.attrs.setdefault("class", css)
                    break
            if isinstance(field, forms.DateField):
                field.widget = DateInput(attrs=field.widget.attrs)
                field.error_messages["invalid"] = _(
                    "Dit is geen goede datum. Schrijf de datum zo: 31-12-2026."
                )
            for code, message in ERROR_MESSAGES.items():
                if code not in field.error_messages or code in ("required", "max_length",
                                                                "invalid_choice"):
                    field.error_messages[code] = message
            if isinstance(field, forms.IntegerField):
                field.error_messages["invalid"] = _("Vul een heel getal in, zoals 7.")
            if isinstance(field, forms.CharField) and not isinstance(field.widget,
                                                                     forms.Textarea):
                if one_line not in field.validators:
                    field.validators.append(one_line)
            max_length = getattr(field, "max_length", None)
            if max_length and isinstance(field.widget, forms.Textarea):
                # Let the server give the clear message instead of the browser cutting text.
                field.widget.attrs.pop("maxlength", None)


class Form(StyledForm, forms.Form):
    pass


class ModelForm(StyledForm, forms.ModelForm):
    pass


def add_language_hints(form):
    """Taalhulp (F2b): put B1 hints on the fields of this form that the patient will read
    (the form's `patient_reads`), and return them all. Hints help; they never stop a save."""
    found = []
    for name in getattr(form, "patient_reads", ()):
        if name in form.fields:
            hints = taal.hints(form[name].value() or "")
            form.fields[name].hints = hints
            found += hints
    return found
