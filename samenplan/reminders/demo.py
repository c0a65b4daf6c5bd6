"""Demo check-ins for `manage.py load_demo`: Anna answers a weekly check-in on two goals,
so her plan and Karin's consult view show real answers."""

from django.utils import timezone

from samenplan.plans.constants import GoalStatus

from .actions import do_answer_check_in, do_start_check_ins, schedule_next_check_in
from .constants import Frequency, Score
from .models import Reminder

# (days ago, per goal: score and note), oldest first.
ANNA_ANSWERS = [
    (35, [(Score.OKAY, "Twee keer om het blok gelopen."), (Score.HARD, "")]),
    (28, [(Score.GOOD, "Drie keer gelopen, één keer met Sanne."), (Score.OKAY, "")]),
    (21, [(Score.OKAY, "Het regende veel."), (Score.OKAY, "Donderdag naar de eetgroep.")]),
    (14, [(Score.GOOD, ""), (Score.GOOD, "Sanne belde twee keer.")]),
    (7, [(Score.GOOD, "Tot de bakker gelopen zonder te stoppen."),
         (Score.OKAY, "Een stille week.")]),
]


def load_anna_check_ins(clock, anna):
    """Check-ins on Anna's first two goals she still works on, started five weeks ago,
    and her answers."""
    goals = list(anna.plan.goals.filter(status=GoalStatus.ACTIVE).order_by("pk"))[:2]
    with clock.at(clock.moment(36, 18)):
        check_in_plan = do_start_check_ins(anna, Frequency.WEEKLY, goals)
    for days_ago, answers in ANNA_ANSWERS:
        with clock.at(clock.moment(days_ago, 19, 30)):
            for goal, (score, note) in zip(goals, answers, strict=True):
                do_answer_check_in(anna, goal, score, note)
    # The rounds of the story have gone out; the next one is still to come.
    now = timezone.now()
    for reminder in Reminder.objects.filter(plan=anna.plan, sent_at=None, due_at__lt=now):
        Reminder.objects.filter(pk=reminder.pk).update(
            sent_at=reminder.due_at, claimed_at=reminder.due_at, claimed_by="demo")
    schedule_next_check_in(check_in_plan, now)
