from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samenplan.plans.models import LONG, SHORT, Contact, Membership, Plan

from . import measurements
from .constants import LogKind, ResultKind, Visibility


class LogEntry(models.Model):
    """One entry in the logbook (M7), kept by the patient or a naaste. The author chooses
    who sees it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="log_entries")
    occurred_at = models.DateTimeField(_("wanneer"))
    kind = models.CharField(_("soort"), max_length=20, choices=LogKind.choices)
    intensity = models.PositiveSmallIntegerField(
        _("hoe erg (0 tot en met 10)"), null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    text = models.TextField(_("wat wilt u opschrijven"), max_length=LONG, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    author_member = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    medication = models.ForeignKey(
        "Medication", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="side_effects", verbose_name=_("bij welk medicijn"),
    )
    visibility = models.CharField(_("wie mag dit zien"), max_length=20,
                                  choices=Visibility.choices, default=Visibility.TEAM)
    shared_with = models.ManyToManyField(Membership, blank=True, related_name="+",
                                         verbose_name=_("met wie"))
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        # The second: what is new since a provider's last visit (the caseload).
        indexes = [models.Index(fields=["plan", "-occurred_at"]),
                   models.Index(fields=["plan", "created_at"], name="log_plan_created")]


class Appointment(models.Model):
    """An appointment in the agenda (M8), with the patient's own questions for it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="appointments")
    starts_at = models.DateTimeField(_("wanneer"))
    with_member = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("met wie uit het plan"),
    )
    with_contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("of met wie uit de contacten"),
    )
    where = models.CharField(_("waar"), max_length=SHORT, blank=True)
    purpose = models.CharField(_("waarvoor"), max_length=SHORT)
    questions = models.TextField(_("wat wil ik vragen"), max_length=LONG, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["plan", "starts_at"])]

    @property
    def with_whom(self):
        if self.with_member_id:
            return self.with_member.user.name
        return self.with_contact.name if self.with_contact_id else ""


class CalendarFeed(models.Model):
    """A private address where a calendar app reads the agenda. Only the hash of its
    secret is kept; the patient can stop it at any time."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)


class Medication(models.Model):
    """A medicine in the medication overview (M9). Providers enter and change it; the
    patient adds notes of their own. Stopping sets `until`; history keeps every change."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="medications")
    name = models.CharField(_("naam"), max_length=SHORT)
    strength = models.CharField(_("sterkte"), max_length=100, blank=True,
                                help_text=_("Bijvoorbeeld: 500 mg."))
    dose = models.CharField(_("hoeveel en hoe innemen"), max_length=SHORT,
                            help_text=_("Bijvoorbeeld: 2 keer per dag 1 tablet, bij het eten."))
    purpose = models.CharField(
        _("waarvoor is het"), max_length=300,
        help_text=_("In gewone woorden, hooguit twee korte zinnen."),
    )
    since = models.DateField(_("sinds"))
    until = models.DateField(_("tot en met"), null=True, blank=True)
    prescribed_by = models.CharField(_("voorgeschreven door"), max_length=SHORT, blank=True)
    patient_note = models.TextField(_("mijn eigen aantekening"), max_length=LONG, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name} {self.strength}".strip()


class Result(models.Model):
    """A result of a test, a treatment or a check-up (M10), with a plain explanation.
    Numbers (with unit and reference range) make a trend per test."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="results")
    kind = models.CharField(_("soort"), max_length=20, choices=ResultKind.choices)
    name = models.CharField(_("naam van het onderzoek"), max_length=SHORT)
    taken_on = models.DateField(_("datum"))
    value = models.DecimalField(_("uitslag (getal)"), max_digits=10, decimal_places=2,
                                null=True, blank=True)
    unit = models.CharField(_("eenheid"), max_length=30, blank=True,
                            help_text=_("Bijvoorbeeld: mmol/mol."))
    reference_low = models.DecimalField(_("normaal vanaf"), max_digits=10, decimal_places=2,
                                        null=True, blank=True)
    reference_high = models.DecimalField(_("normaal tot en met"), max_digits=10,
                                         decimal_places=2, null=True, blank=True)
    outcome = models.CharField(_("uitslag in woorden"), max_length=SHORT, blank=True,
                               help_text=_("Als er geen getal is. Bijvoorbeeld: geen schade."))
    explanation = models.TextField(_("wat betekent dit"), max_length=LONG, blank=True)
    # A lab value that is also a kind of measurement (HbA1c, LDL, ...): coded with LOINC
    # and shown with that measurement and its target.
    measurement_kind = models.CharField(
        _("welke meting is het"), max_length=20, choices=measurements.LAB_CHOICES, blank=True,
        help_text=_("Alleen bij een bloedwaarde die ook een meting is."),
    )
    loinc = models.CharField(max_length=20, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-taken_on", "name", "pk"]
        indexes = [models.Index(fields=["plan", "name", "taken_on"])]


class Measurement(models.Model):
    """A measurement (meetwaarde, D1): by the patient (or a naaste) at home, or by a
    provider. The LOINC code and UCUM unit are stored with it (see measurements.py).
    Blood pressure keeps its second number, the diastolic, in `second_value`."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measurements")
    kind = models.CharField(_("wat is gemeten"), max_length=20, choices=measurements.CHOICES)
    measured_at = models.DateTimeField(_("wanneer gemeten"))
    value = models.DecimalField(_("uitkomst"), max_digits=10, decimal_places=2)
    second_value = models.DecimalField(_("onderdruk"), max_digits=10, decimal_places=2,
                                       null=True, blank=True)
    loinc = models.CharField(max_length=20)
    unit = models.CharField(max_length=30)
    note = models.CharField(_("opmerking"), max_length=SHORT, blank=True,
                            help_text=_("Bijvoorbeeld: na het wandelen gemeten."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    author_member = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-measured_at", "-pk"]
        indexes = [models.Index(fields=["plan", "kind", "measured_at"])]

    @property
    def type(self):
        return measurements.TYPES[self.kind]


class Target(models.Model):
    """A target value (streefwaarde, D1), agreed together from a date on: a highest value,
    a lowest value or a range. A newer target replaces an older one from its date; the
    older stays, so the chart shows what was agreed when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(_("bij welke meting"), max_length=20, choices=measurements.CHOICES)
    low = models.DecimalField(_("niet lager dan"), max_digits=10, decimal_places=2,
                              null=True, blank=True)
    high = models.DecimalField(_("niet hoger dan"), max_digits=10, decimal_places=2,
                               null=True, blank=True)
    second_low = models.DecimalField(_("onderdruk niet lager dan"), max_digits=10,
                                     decimal_places=2, null=True, blank=True)
    second_high = models.DecimalField(_("onderdruk niet hoger dan"), max_digits=10,
                                      decimal_places=2, null=True, blank=True)
    loinc = models.CharField(max_length=20)
    unit = models.CharField(max_length=30)
    valid_from = models.DateField(_("geldt vanaf"))
    agreed_by = models.CharField(_("wie hebben dit samen afgesproken"), max_length=SHORT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from", "-pk"]
        indexes = [models.Index(fields=["plan", "kind", "valid_from"])]

    @property
    def type(self):
        return measurements.TYPES[self.kind]

    def bands(self):
        """Per part of the measurement, (low, high): None where it is open."""
        pairs = [(self.low, self.high), (self.second_low, self.second_high)]
        return pairs[:len(self.type.parts)]
