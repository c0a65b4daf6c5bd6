from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samenplan.health.measurements import CHOICES as MEASUREMENT_CHOICES
from samenplan.health.measurements import Topic

from .constants import (
    ActionStatus,
    Assignee,
    ContactKind,
    DeclineReason,
    DomainSet,
    GoalStatus,
    Law,
    PlanStatus,
    Pronoun,
    Role,
)

USER = settings.AUTH_USER_MODEL
SHORT = 200
LONG = 4000


class Plan(models.Model):
    """The one plan of one person (C3). It is the patient's from the moment they accept."""

    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.ACTIVE
    )
    domain_set = models.CharField(
        _("levensgebieden"), max_length=20, choices=DomainSet.choices,
        default=DomainSet.POSITIVE_HEALTH,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    drawn_up_on = models.DateField(_("opgesteld op"), null=True, blank=True)
    drawn_up_by = models.CharField(_("opgesteld door"), max_length=SHORT, blank=True)
    participants = models.CharField(_("wie deden mee"), max_length=LONG, blank=True)
    decline_reason = models.CharField(
        _("reden"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    decline_note = models.CharField(_("toelichting"), max_length=LONG, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    # Mijn plan op maat (issue 9): what the menu and the overview show. Presentation
    # only: a hidden part keeps its data and its page, and sharing is unchanged.
    light = models.BooleanField(_("licht plan"), default=False)
    hidden_parts = models.JSONField(_("delen die uit staan"), default=list, blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"Plan {self.pk}"

    @property
    def patient_name(self):
        return self.profile.name


class Profile(models.Model):
    """Mijn gegevens (M1)."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="profile")
    name = models.CharField(_("naam"), max_length=SHORT)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    address = models.CharField(_("adres"), max_length=SHORT * 2, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    language_needs = models.CharField(
        _("taal en lezen"), max_length=LONG, blank=True,
        help_text=_("Bijvoorbeeld: ik lees liever grote letters, of ik spreek liever Turks."),
    )
    pronoun = models.CharField(
        _("hoe het plan over u schrijft"), max_length=10, choices=Pronoun.choices,
        default=Pronoun.NAME,
        help_text=_("Zo leest uw naaste of zorgverlener het plan."),
    )
    history = HistoricalRecords()


class Indication(models.Model):
    """Which care the person is entitled to (M1)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indications")
    law = models.CharField(_("wet"), max_length=20, choices=Law.choices)
    kind_of_care = models.CharField(_("soort zorg"), max_length=SHORT)
    start = models.DateField(_("vanaf"))
    end = models.DateField(_("tot en met"), null=True, blank=True)
    decided_by = models.CharField(_("besloten door"), max_length=SHORT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start"]


class Membership(models.Model):
    """Who takes part in a plan, and as what. Removing someone sets `removed_at`."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name=_("persoon"))
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    relation = models.CharField(_("relatie"), max_length=100, blank=True)
    may_act_for_patient = models.BooleanField(_("mag namens de patiënt handelen"), default=False)
    # What the patient shares with this member, per part of the plan (sections.PARTS):
    # {"results": "hidden", "goals": "read"}; a part not named here is shared whole.
    section_access = models.JSONField(_("wat deze persoon mag zien"), default=dict,
                                      blank=True)
    invited_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    joined_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(_("verwijderd op"), null=True, blank=True)
    removed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("verwijderd door"))
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "user"], condition=models.Q(removed_at__isnull=True),
                name="one_active_membership_per_plan",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(removed_at__isnull=True, role="patient"),
                name="one_plan_per_patient",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    @property
    def is_active(self):
        return self.removed_at is None

    @property
    def acts_for_patient(self):
        return self.role == Role.PATIENT or (
            self.role == Role.NAASTE and self.may_act_for_patient
        )


class Invitation(models.Model):
    """An e-mail invitation to join a plan. The link works once and expires."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mailadres"))
    name = models.CharField(_("naam"), max_length=SHORT)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    relation = models.CharField(_("relatie"), max_length=100, blank=True)
    may_act_for_patient = models.BooleanField(_("mag namens de patiënt handelen"), default=False)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    accepted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    declined_at = models.DateTimeField(_("afgewezen op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["token_hash"])

    @property
    def is_open(self):
        return not (self.accepted_at or self.declined_at or self.revoked_at)


class Contact(models.Model):
    """A provider or naaste in the contact list, with or without an account (M1)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("soort"), max_length=20, choices=ContactKind.choices)
    name = models.CharField(_("naam"), max_length=SHORT)
    role_or_relation = models.CharField(
        _("beroep of relatie"), max_length=100,
        help_text=_("Bijvoorbeeld: huisarts, of: dochter."),
    )
    organisation = models.CharField(_("organisatie"), max_length=SHORT, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]


class DomainNote(models.Model):
    """Per life domain: what matters to me (M2) or my support needs (M3)."""

    WHAT_MATTERS = "what_matters"
    SUPPORT_NEEDS = "support_needs"
    SECTION_CHOICES = [(WHAT_MATTERS, WHAT_MATTERS), (SUPPORT_NEEDS, SUPPORT_NEEDS)]

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="domain_notes")
    domain = models.CharField(_("levensgebied"), max_length=20)
    section = models.CharField(max_length=20, choices=SECTION_CHOICES)
    text = models.TextField(_("tekst"), max_length=LONG, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "domain", "section"],
                                    name="one_note_per_domain_and_section"),
        ]


class DomainScore(models.Model):
    """The person's own 0-10 score for a domain at a moment; kept over time."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="domain_scores")
    domain = models.CharField(_("levensgebied"), max_length=20)
    score = models.PositiveSmallIntegerField(
        _("cijfer"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    scored_on = models.DateField(_("datum"))
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-scored_on", "-pk"]


class Goal(models.Model):
    """A goal in the person's own words (M4)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("mijn doel"), max_length=1000)
    why = models.TextField(_("waarom is dit belangrijk voor mij"), max_length=LONG, blank=True)
    domains = models.JSONField(_("levensgebieden"), default=list)
    topic = models.CharField(_("onderwerp"), max_length=20, choices=Topic.choices, blank=True)
    # The measurement this goal is about, with the target agreed for it (D1).
    measurement_kind = models.CharField(_("hoort bij de meting"), max_length=20,
                                        choices=MEASUREMENT_CHOICES, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.ACTIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["status", "created_at"]

    def __str__(self):
        return self.text


class Action(models.Model):
    """What we do to reach a goal (M5). It is *agreed* (afgesproken) once the patient side
    (the patient, or a naaste who may act for them) and a provider have both confirmed it;
    each confirmation keeps who and when. See actions.do_confirm_action."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="actions", verbose_name=_("bij doel"))
    what = models.CharField(_("wat"), max_length=1000)
    assignee = models.CharField(_("wie doet het"), max_length=20, choices=Assignee.choices)
    assignee_member = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("wie precies"),
    )
    when = models.CharField(_("wanneer of hoe vaak"), max_length=SHORT)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    proposed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("voorgesteld door"))
    proposed_at = models.DateTimeField(auto_now_add=True)
    patient_confirmed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("akkoord van de patiënt (of naaste) gegeven door"),
    )
    patient_confirmed_at = models.DateTimeField(_("akkoord van de patiënt op"), null=True,
                                                blank=True)
    provider_confirmed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("akkoord van de zorgverlener gegeven door"),
    )
    provider_confirmed_at = models.DateTimeField(_("akkoord van de zorgverlener op"),
                                                 null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["status", "proposed_at"]

    def __str__(self):
        return self.what

    @property
    def is_agreed(self):
        return bool(self.patient_confirmed_at and self.provider_confirmed_at)


class Evaluation(models.Model):
    """Looking back together (M6)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="evaluations")
    held_on = models.DateField(_("datum"))
    participants = models.CharField(_("wie deden mee"), max_length=LONG)
    illness_note = models.TextField(
        _("hoe gaat het met mijn gezondheid"), max_length=LONG, blank=True,
        help_text=_("Hoe ging het met de ziekte sinds de vorige keer?"),
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]


class GoalReview(models.Model):
    """Per goal, within an evaluation: how it went, what was hard, the next step."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="reviews")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reviews",
                             verbose_name=_("doel"))
    how_it_went = models.TextField(_("hoe ging het"), max_length=LONG, blank=True)
    what_was_hard = models.TextField(_("wat was lastig"), max_length=LONG, blank=True)
    next_step = models.TextField(_("wat is de volgende stap"), max_length=LONG, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "goal"], name="one_review_per_goal"),
        ]
