"""Check-ins between consults (issue 8): what the patient chose, the reminders the worker
sends, and the answers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samenplan.plans.models import Goal, Membership, Plan

from .constants import Frequency, ReminderKind, Score

USER = settings.AUTH_USER_MODEL


class CheckInPlan(models.Model):
    """Whether, how often and for which goals the patient gets a check-in. One per plan;
    stopping keeps the row (active off, stopped_at set)."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="check_in_plan")
    active = models.BooleanField(_("check-ins aan"), default=False)
    frequency = models.CharField(_("hoe vaak"), max_length=20, choices=Frequency.choices,
                                 default=Frequency.WEEKLY)
    goals = models.ManyToManyField(Goal, related_name="+", verbose_name=_("doelen"),
                                   blank=True)
    # The rounds count from the local date of started_at (see schedule.py).
    started_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    changed_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    def __str__(self):
        return f"Check-ins of plan {self.plan_id}"


class Reminder(models.Model):
    """One e-mail to send at `due_at`. The worker claims it with a conditional UPDATE
    (see sending.claim); `sent_at` or `skipped_at` ends it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    due_at = models.DateTimeField(db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    skipped_at = models.DateTimeField(null=True, blank=True)  # stopped, or nobody to mail
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            # One round is scheduled once, however many workers or clicks schedule it.
            models.UniqueConstraint(fields=["plan", "kind", "due_at"],
                                    name="one_reminder_per_round"),
        ]

    def __str__(self):
        return f"{self.kind} for plan {self.plan_id} at {self.due_at:%Y-%m-%d %H:%M}"


class CheckInAnswer(models.Model):
    """How it goes with one goal, in the patient's words: a score of 1 to 5 and a note."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="check_in_answers")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="check_in_answers",
                             verbose_name=_("doel"))
    reminder = models.ForeignKey(Reminder, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="answers")
    answered_at = models.DateTimeField(auto_now_add=True)
    score = models.PositiveSmallIntegerField(_("hoe gaat het"), choices=Score.choices)
    note = models.CharField(_("toelichting"), max_length=1000, blank=True)
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    author_member = models.ForeignKey(Membership, null=True, on_delete=models.SET_NULL,
                                      related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-answered_at", "-pk"]
