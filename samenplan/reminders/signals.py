"""When a plan is removed (the patient closes it, AVG), the history of its check-ins goes
with it: the rows themselves go by CASCADE, their history rows would stay otherwise."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from samenplan.plans.models import Plan

from .models import CheckInAnswer, CheckInPlan


@receiver(post_delete, sender=Plan, dispatch_uid="reminders_forget_history")
def forget_history(sender, instance, **kwargs):
    CheckInAnswer.history.filter(plan_id=instance.pk).delete()
    CheckInPlan.history.filter(plan_id=instance.pk).delete()
