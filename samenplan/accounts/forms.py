"""Account forms: Django's auth forms with Utrecht classes and plain-Dutch labels."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import Form, StyledForm

# The rules of AUTH_PASSWORD_VALIDATORS in B1 Dutch: Django's own help texts are an HTML
# list and tell people what they "moeten" (F3a).
NEW_PASSWORD_HELP = _("Minstens 10 tekens. Gebruik geen wachtwoord dat u ergens anders ook "
                      "gebruikt.")


def _dutch_new_password_fields(form):
    form.fields["new_password1"].label = _("Nieuw wachtwoord")
    form.fields["new_password1"].help_text = NEW_PASSWORD_HELP
    form.fields["new_password2"].label = _("Nieuw wachtwoord nog een keer")
    form.fields["new_password2"].help_text = _("Zo weten we zeker dat u geen tikfout maakt.")


PASSWORD_MISMATCH = _("De twee wachtwoorden zijn niet hetzelfde. Vul twee keer hetzelfde "
                      "wachtwoord in.")


class LoginForm(StyledForm, auth_forms.AuthenticationForm):
    """Log in with e-mail address and password. The field stays named `username`: that
    is the name django-axes reads to count failed attempts per person."""

    error_messages = {
        "invalid_login": _("Het e-mailadres of het wachtwoord klopt niet."),
        "inactive": _("Dit account is uitgezet. Neem contact op met uw zorgverlener."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mailadres")
        self.fields["username"].widget.input_type = "email"
        self.fields["password"].label = _("Wachtwoord")

    def clean_username(self):
        # Addresses are stored in lower case; typing "Anna@..." must find the same account
        # and count towards the same lock-out.
        return self.cleaned_data["username"].strip().lower()


class PasswordResetForm(StyledForm, auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mailadres")


class SetPasswordForm(StyledForm, auth_forms.SetPasswordForm):
    error_messages = {"password_mismatch": PASSWORD_MISMATCH}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dutch_new_password_fields(self)


class PasswordChangeForm(StyledForm, auth_forms.PasswordChangeForm):
    error_messages = {
        "password_mismatch": PASSWORD_MISMATCH,
        "password_incorrect": _("Uw huidige wachtwoord klopt niet. Probeer het opnieuw."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Huidig wachtwoord")
        _dutch_new_password_fields(self)


class CodeForm(Form):
    """The 6-digit code from an authenticator app. Only the format is checked here; the
    view checks the code against the device, because that also counts failed tries."""

    code = forms.CharField(
        label=_("Code uit uw app"),
        help_text=_("Dit zijn 6 cijfers."),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autofocus": True}),
    )

    def clean_code(self):
        # Some apps show the code as "123 456"; people copy it that way.
        code = self.cleaned_data["code"].replace(" ", "")
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise forms.ValidationError(_("Vul de 6 cijfers in die u nu in uw app ziet."))
        return code


class EasyReadForm(Form):
    """Makkelijk lezen (issue 9): a switch the person keeps, on every page."""

    easy_read = forms.BooleanField(
        label=_("Makkelijk lezen: grotere letters, een plaatje bij elk deel, kortere zinnen"),
        required=False,
    )
